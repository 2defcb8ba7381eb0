// Lowering of opening balances, the negative-balance rule and shown lets (checked by
// compiler/semantics/balances.ts) to the IR. Runs on clean plans only.
import type * as A from '../syntax/ast.js';
import type * as IR from '../../runtime/ir.js';
import type { Semantics } from '../semantics/model.js';
import { lowerExpr } from './to-ir.js';

export function finishBalances(ir: IR.PlanIR, plan: A.Plan, sem: Semantics, text: string, file?: string): IR.PlanIR {
  const b = sem.balances;
  if (!b) return ir;
  const out: IR.PlanIR = { ...ir };
  const lower = (e: A.Expr): { expr: IR.Expr; text: string } => ({ expr: lowerExpr(plan, sem, text, e, file), text: text.slice(e.span.start, e.span.end) });
  const balances: IR.BalancesIR = {};
  if (b.negative && b.negative !== 'carried forward') balances.negative = b.negative;
  if (b.openingOwed) balances.openingOwed = lower(b.openingOwed);
  if (b.openingDraw) balances.openingDraw = lower(b.openingDraw);
  if (Object.keys(balances).length) out.balances = balances;
  if (b.show.length) out.show = [...b.show];
  return out;
}
