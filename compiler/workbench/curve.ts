// What a plan pays one rep at given levels of credit: the payout curve of the plan documents,
// statements and cost models, computed by the real evaluator on synthetic deals (synthetic.ts).
import type { Dataset, PeriodValue, PlanIR, RunResult, Statement } from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import { findTemplate, narrowed, quotaOf, run, withCredits } from './synthetic.js';

export interface CurvePoint {
  /** Fraction of quota (or of the reference amount when the plan has no quota). */
  point: Decimal;
  credit: Decimal;
  statement?: Statement;
  problem?: string;
}

export interface PayoutCurve {
  rep: string;
  period: PeriodValue;
  /** The rep's quota in the period; absent: points are fractions of `reference`. */
  quota?: Decimal;
  reference: Decimal;
  points: CurvePoint[];
}

/** 0%, 10%, ... 200%. */
export const CURVE_POINTS = Array.from({ length: 21 }, (_, i) => new Decimal(i).div(10));

/** Reps ranked: paid by the most components in the run, then the most deals, then by key. */
export function rankedReps(result: RunResult): string[] {
  const score = new Map<string, { comps: Set<string>; deals: number }>();
  for (const s of result.statements) {
    const e = score.get(s.rep) ?? { comps: new Set<string>(), deals: 0 };
    for (const l of s.lines) if (l.kind === 'component' && !new Decimal(l.amount).isZero()) e.comps.add(l.name);
    e.deals += s.deals?.length ?? 0;
    score.set(s.rep, e);
  }
  return [...score].sort((x, y) => y[1].comps.size - x[1].comps.size || y[1].deals - x[1].deals || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map(([r]) => r);
}

/**
 * The rep of the examples: among the best ranked, the first whom a synthetic deal at 100% of quota
 * pays (a manager paid only on the team's credit is skipped).
 */
export function exampleRep(ir: PlanIR, data: Dataset, result: RunResult, period: PeriodValue): string | undefined {
  const ranked = rankedReps(result);
  for (const rep of ranked.slice(0, 8)) {
    const c = payoutCurve(ir, data, result, rep, period, [new Decimal(1)]);
    if (!('problem' in c) && c.points[0]?.statement && new Decimal(c.points[0].statement.earned).gt(0)) return rep;
  }
  return ranked[0];
}

/** The rep paid by the most components in the run (then the most deals, then the first key). */
export function typicalRep(result: RunResult): string | undefined {
  const score = new Map<string, { comps: Set<string>; deals: number }>();
  for (const s of result.statements) {
    const e = score.get(s.rep) ?? { comps: new Set<string>(), deals: 0 };
    for (const l of s.lines) if (l.kind === 'component' && !new Decimal(l.amount).isZero()) e.comps.add(l.name);
    e.deals += s.deals?.length ?? 0;
    score.set(s.rep, e);
  }
  let best: string | undefined;
  let bs = { comps: -1, deals: -1 };
  for (const [rep, e] of [...score].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) {
    if (e.comps.size > bs.comps || (e.comps.size === bs.comps && e.deals > bs.deals)) {
      best = rep;
      bs = { comps: e.comps.size, deals: e.deals };
    }
  }
  return best;
}

/**
 * Evaluate the plan for `rep` in `period` with one synthetic deal of quota x point (and nothing
 * else credited), for each point. `extra`: credits kept from the real data (false: only the
 * synthetic deal counts).
 */
export function payoutCurve(ir: PlanIR, data: Dataset, result: RunResult, rep: string, period: PeriodValue, points: Decimal[]): PayoutCurve | { problem: string } {
  const template = findTemplate(ir, data, result, rep);
  if (!template) return { problem: 'no credited deal in the data to model synthetic deals on (or the credit rule reads its amount, date or rep through an expression)' };
  const st = result.statements.find((s) => s.rep === rep && s.period === period.key);
  const quota = quotaOf(st);
  const reference = quota ?? new Decimal(100000);
  const nir = narrowed(ir, period);
  const out: PayoutCurve = { rep, period, reference, points: [] };
  if (quota) out.quota = quota;
  for (const point of points) {
    const credit = reference.times(point);
    const credits = credit.gt(0) ? [{ rep, date: period.start, amount: credit }] : [];
    const r = run(nir, withCredits(ir, data, template, credits, true));
    const s = r.result?.statements.find((x) => x.rep === rep && x.period === period.key);
    out.points.push(s ? { point, credit, statement: s } : { point, credit, problem: r.problem ?? 'no statement' });
  }
  return out;
}
