// Which plans phase 2 can evaluate from a SQL engine's sums instead of every credit line (issue 12):
// the engine (compiler/engines) computes, per rep and period, the credit and each component's
// measure, line count and per-deal bonus weight (./measures.ts `PartialCredit`), and returns only
// the lines of the deals a clawback event names. That is exact when nothing in phase 2 walks the
// other lines: this file says when, from the IR alone, and which sums each component needs. The
// evaluator refuses sums for a plan it rejects (runtime/evaluate.ts), so a plan that needs its
// lines gets them (the engine falls back to every line), never a different figure.
import type { ComponentIR, PlanIR } from '../ir.js';

/** What the engine computes for one component (by name), beyond the rep-period credit. */
export interface SeamComponent {
  name: string;
  /** `on credit where ...`: the measure and its line count per rep and period. */
  measure: boolean;
  /** `pays X per deal [in full] where ...`: the sum of weights of the deals it pays on. */
  bonus?: { inFull: boolean };
}

export type SeamPlan = { ok: true; components: SeamComponent[] } | { ok: false; why: string };

/** Expression nodes that walk the credit lines (or another rep's), or read the credited row, in a rep-period context. */
function linesRead(x: unknown): string | undefined {
  if (Array.isArray(x)) {
    for (const v of x) {
      const w = linesRead(v);
      if (w) return w;
    }
    return undefined;
  }
  if (!x || typeof x !== 'object') return undefined;
  const o = x as Record<string, unknown>;
  if (o.k === 'credit' && (o.where || o.hierarchy)) return '`credit where` / a roll-up below level 1 outside a measure';
  if (o.k === 'agg' && (o.source as { k?: string } | undefined)?.k === 'credits') return 'an aggregate over credited deals';
  if (o.k === 'effectiveRate') return '`effective_rate(...)`';
  if (o.k === 'team' && o.hierarchy) return '`team quota` of a roll-up';
  if (o.k === 'repLet') return "another rep's value";
  if (o.k === 'rateBy') return 'a rate by deal field';
  if (o.k === 'ctx' && o.name === 'row') return 'a deal field outside a measure';
  for (const v of Object.values(o)) {
    const w = linesRead(v);
    if (w) return w;
  }
  return undefined;
}

function component(k: ComponentIR): SeamComponent | string {
  if (k.cumulative) return `\`${k.cumulative.text}\``;
  if (k.advance || k.holdback) return 'an advance or holdback';
  if (k.cancelledDeals === 'leave') return '`cancelled deals leave attainment`';
  if (k.measure.hierarchy) return 'a roll-up measure';
  if (k.measure.team && k.measure.where) return '`team credit where`';
  if (k.caps.some((c) => c.per === 'deal')) return 'a cap per deal';
  if (k.basis === 'running total') return '`basis running total`';
  if (k.basis === 'per deal' && (k.rate.k !== 'flat' || k.attainmentCap)) return 'tiers or an attainment cap per deal';
  const b = k.bonus;
  if (b?.pool) return 'a pool';
  if (b?.pays && b.pays.per !== 'period' && b.pays.per !== 'deal') return `\`pays per ${b.pays.per}\``;
  // everything but the per-deal filters is evaluated once per rep and period
  const { measure, bonus, clawbacks, ...rest } = k;
  const perDeal = b?.pays?.per === 'deal';
  // (the sums are over the rep's own lines: a per-deal bonus on team credit walks the team's)
  if (perDeal && k.measure.team) return 'a per-deal bonus on team credit';
  const w = linesRead(rest) ?? linesRead(bonus && { ...bonus, pays: bonus.pays && { ...bonus.pays, where: undefined } });
  if (w) return w;
  void measure;
  void clawbacks;
  return { name: k.name, measure: !!k.measure.where, ...(perDeal ? { bonus: { inFull: !!b!.pays!.inFull } } : {}) };
}

/** Whether phase 2 of `ir` can run on sums and the lines of deals clawback events name. */
export function seamPlan(ir: PlanIR): SeamPlan {
  if (ir.versions?.length) return { ok: false, why: 'plan versions' };
  if (ir.assignments) return { ok: false, why: 'dated assignments' };
  if (!ir.periods.from || !ir.periods.to) return { ok: false, why: 'no period range' };
  const w = linesRead(ir.lets) ?? linesRead(ir.draws) ?? linesRead(ir.payoutCurrency) ?? linesRead(ir.balances);
  if (w) return { ok: false, why: w };
  const components: SeamComponent[] = [];
  for (const k of ir.components) {
    const c = component(k);
    if (typeof c === 'string') return { ok: false, why: `${c} (component ${k.name})` };
    components.push(c);
  }
  return { ok: true, components };
}
