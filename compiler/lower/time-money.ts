// Lowering of fiscal years, FX rates, payout currencies, rep assignments and plan versions
// (compiler/semantics/time-money.ts found them). Called by the analysis on a clean plan.
import type * as A from '../syntax/ast.js';
import type * as IR from '../../runtime/ir.js';
import * as cal from '../../runtime/calendar.js';
import type { Semantics } from '../semantics/checker.js';
import { lowerExpr, lowerToIR } from './to-ir.js';

/** The FX rates table: one row per (from, to, date); `rate` units of `to` for one unit of `from`. */
export const FX_TABLE = 'fx rates';

export function fxTable(source: string): IR.TableIR {
  return {
    name: FX_TABLE,
    source,
    roster: false,
    fields: [
      { name: 'from', type: { t: 'text' }, optional: false, positive: false },
      { name: 'to', type: { t: 'text' }, optional: false, positive: false },
      { name: 'date', type: { t: 'date' }, optional: false, positive: false },
      { name: 'rate', type: { t: 'decimal' }, optional: false, positive: true },
    ],
  };
}

export function finishTimeMoney(ir: IR.PlanIR, plan: A.Plan, sem: Semantics, text: string): IR.PlanIR {
  const tm = sem.timeMoney;
  if (!tm) return ir;
  const out: IR.PlanIR = { ...ir, periods: { ...ir.periods } };
  if (tm.fiscalStart && tm.fiscalStart > 1) {
    out.periods.fiscalStart = tm.fiscalStart;
    // period bounds written as fiscal periods (`FY2027-Q1`) or calendar ones, read with the fiscal year
    const p = plan.items.find((i): i is A.PeriodsDecl => i.kind === 'PeriodsDecl');
    const bound = (e: A.Expr | undefined, which: 'start' | 'end'): string | undefined =>
      e?.kind === 'PeriodLit' ? cal.periodFromKey(e.text, tm.fiscalStart)?.[which] : e?.kind === 'DateLit' ? e.text : undefined;
    if (p?.from) out.periods.from = bound(p.from, 'start') ?? out.periods.from;
    if (p?.to) out.periods.to = bound(p.to, 'end') ?? out.periods.to;
  }
  if (tm.fx) {
    out.tables = [...out.tables, fxTable(tm.fx.source)];
    out.fx = { table: FX_TABLE };
  }
  if (tm.payoutCurrency) out.payoutCurrency = { expr: lowerExpr(plan, sem, text, tm.payoutCurrency), text: text.slice(tm.payoutCurrency.span.start, tm.payoutCurrency.span.end) };
  if (tm.assignments) out.assignments = { ...tm.assignments };
  if (tm.versionPlans?.length) {
    out.versions = tm.versionPlans.map((v) => {
      const vir = lowerToIR(v.plan, v.semantics, text);
      return { name: v.name, effective: v.effective, lets: vir.lets, components: vir.components, draws: vir.draws };
    });
  }
  return out;
}
