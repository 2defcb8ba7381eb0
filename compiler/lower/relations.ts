// Lowering of aggregates over related rows and ancestor tests (checked by
// compiler/semantics/relations.ts) to the IR. Runs on clean plans only.
import type * as A from '../syntax/ast.js';
import type * as IR from '../../runtime/ir.js';
import { aggregateOf, withinOf } from '../semantics/relations.js';

/** `sum(deal.units where COND)` and the like; undefined when the call is no aggregate. */
export function lowerAggregate(e: A.Call, expr: (x: A.Expr) => IR.Expr, src: (x: A.Node) => string): IR.Expr | undefined {
  const info = aggregateOf(e);
  if (!info) return undefined;
  const s = info.source;
  const source: Extract<IR.RelationExpr, { k: 'agg' }>['source'] =
    s.k === 'credits' ? { k: 'credits' } : { k: 'table', table: s.table, repField: s.repField, ...(s.dateField ? { dateField: s.dateField } : {}), ...(s.periodField ? { periodField: s.periodField } : {}) };
  const out: IR.RelationExpr = { k: 'agg', fn: info.fn, source, text: src(e) };
  if (info.fn !== 'count') out.value = expr(e.args[0]!);
  if (e.where) out.where = expr(e.where);
  return out;
}

/** `deal.product within "Furniture"`; undefined when the operator is another. */
export function lowerWithin(e: A.Binary, expr: (x: A.Expr) => IR.Expr): IR.Expr | undefined {
  const info = withinOf(e);
  if (!info || !e.right) return undefined;
  return { k: 'within', e: expr(e.left), ancestor: expr(e.right), table: info.table, parentField: info.parentField };
}
