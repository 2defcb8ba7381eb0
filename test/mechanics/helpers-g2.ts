// Shared by the draws, cumulative and clawback tests (the runner is test/helpers/plan-run.ts).
import { stmt, type Run } from '../helpers/plan-run.js';

export { codes, diagnostics, run, stmt, traceTexts, type Run } from '../helpers/plan-run.js';

export function paid(r: Run, rep: string, periods: string[]): string[] {
  return periods.map((p) => stmt(r, rep, p).paid);
}

/** A plan header, roster, deals table and credit rule; `body` adds components, draws, tables. */
export function plan(body: string, opts: { periods?: string; roster?: string; deals?: string } = {}): string {
  return `plan "t"
currency USD
periods ${opts.periods ?? 'monthly from 2026-01 to 2026-06'}

roster reps from "reps.csv" {
  id: text key
${opts.roster ?? ''}
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
${opts.deals ?? ''}
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

${body}
`;
}
