// `comp statement --format json`: the figures of one rep's statement for one period as data (the
// `comp.statement` document, schemas/statement.v1.json): the same figures as the HTML page
// (statement.ts), computed the same way: the run's statement, the year to date, attainment per
// period, each component with its terms and deals, and what the next deal would pay.
import type { Statement } from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import { scopeOf, specOf } from '../../runtime/calendar.js';
import { componentTerms } from './describe.js';
import { nextDealPays, type StatementInput } from './statement.js';

export interface StatementDoc {
  kind: 'comp.statement';
  schemaVersion: 1;
  plan: string;
  rep: string;
  period: string;
  start: string;
  end: string;
  version?: string;
  currency: string;
  earned: string;
  paid: string;
  clawedBack: string;
  owed: string;
  drawBalance: string;
  held?: string;
  payout?: { currency: string; rate: string; rateDate: string; paid: string };
  yearToDate: { from: string; earned: string; paid: string };
  lines: { kind: string; name: string; label: string; amount: string }[];
  components: { name: string; label: string; amount: string; terms: string[]; deals: { deal: string; credit: string; earned: string }[] }[];
  attainment: { period: string; quota?: string; attainment: string; paid: string }[];
  next: { amount: string; earned?: string; paid?: string; effectiveRate?: string; problem?: string };
}

export function statementData(input: StatementInput): StatementDoc {
  const { analysis, ir, result, rep, period } = input;
  const s = result.statements.find((x) => x.rep === rep && x.period === period)!;
  const p = result.periods.find((x) => x.key === period)!;
  const spec = specOf(ir.periods);
  const year = scopeOf(spec, 'year', p.start);
  // by the periods' dates, not their keys (a calendar table's keys need not sort by date)
  const startOf = new Map(result.periods.map((q) => [q.key, q.start]));
  const ytd = result.statements.filter((x) => x.rep === rep && startOf.get(x.period)! <= p.start && startOf.get(x.period)! >= year.start);
  const sum = (f: (x: Statement) => string) => ytd.reduce((acc, x) => acc.plus(new Decimal(f(x))), new Decimal(0)).toFixed(2);
  const comps = [...ir.components, ...(ir.versions ?? []).flatMap((v) => v.components)];
  const seen = new Set<string>();
  const components: StatementDoc['components'] = [];
  for (const l of s.lines) {
    if (l.kind !== 'component' || seen.has(l.name)) continue;
    seen.add(l.name);
    const c = comps.find((x) => x.name === l.name);
    components.push({
      name: l.name,
      label: l.label || l.name,
      amount: l.amount,
      terms: c ? componentTerms(analysis, ir, c).map((t) => t.replace(/`/g, '')) : [],
      deals: (s.deals ?? []).filter((d) => d.component === l.name).map((d) => ({ deal: d.deal, credit: d.credit, earned: new Decimal(d.amount).toDecimalPlaces(2).toFixed(2) })),
    });
  }
  const next = input.next ?? new Decimal(10000);
  const np = nextDealPays(input, next);
  const doc: StatementDoc = {
    kind: 'comp.statement',
    schemaVersion: 1,
    plan: ir.name,
    rep,
    period,
    start: p.start,
    end: p.end,
    currency: result.currency,
    earned: s.earned,
    paid: s.paid,
    clawedBack: s.clawedBack,
    owed: s.owed,
    drawBalance: s.drawBalance,
    yearToDate: { from: year.start, earned: sum((x) => x.earned), paid: sum((x) => x.paid) },
    lines: s.lines.map((l) => ({ kind: l.kind, name: l.name, label: l.label || l.name, amount: l.amount })),
    components,
    attainment: ytd
      .filter((x) => x.values?.['attainment'] !== undefined && /^-?\d/.test(x.values['attainment']!))
      .map((x) => ({ period: x.period, ...(x.values?.['quota'] ? { quota: x.values['quota'] } : {}), attainment: new Decimal(x.values!['attainment']!).toDecimalPlaces(4).toFixed(), paid: x.paid })),
    next: np.earned
      ? { amount: next.toFixed(2), earned: np.earned.toFixed(2), ...(np.paid ? { paid: np.paid.toFixed(2) } : {}), effectiveRate: np.earned.div(next).toDecimalPlaces(4).toFixed() }
      : { amount: next.toFixed(2), problem: np.problem ?? 'not computed' },
  };
  if (s.version) doc.version = s.version;
  if (s.held !== undefined) doc.held = s.held;
  if (s.payout) doc.payout = { ...s.payout };
  return doc;
}
