// A credit rule's `amount`, `date` and `to` read straight from a column table's columns by row
// number (issue 7: phase 1 walks a million rows): when such an expression is only a field of the
// credited row (`deal.close_value`), the reader gives, for row i, exactly what the expression's
// compiled closure gives (./expr.ts case 'field') where that is the cell itself, resolved once per
// (rule, table), never per row; where it is not (an empty cell, a number cell, a reference that
// does not resolve), it gives undefined and the caller asks the closure. A coded column's answer
// is worked out once per distinct value. test/runtime/aggregate.test.ts holds the sums that read
// through these equal to the full path, which never does.
import type { Expr, FieldType, RowValue, Value } from '../ir.js';
import { valueAt, type ColumnTable } from '../rows.js';

/** Row i's value of a plain field expression, or undefined: ask the closure. */
export type CellReader = (i: number) => Value | undefined;

/** The field an expression reads when it is only `<row>.field`. */
function rowField(e: Expr | undefined): string | undefined {
  return e && e.k === 'field' && e.of.k === 'ctx' && e.of.name === 'row' ? e.name : undefined;
}

/**
 * A reader of `e` over `table`'s rows (undefined: `e` is not a plain field of the row, or the
 * table has no such column). `types`: the table's field types; `refRows`: a reference field's
 * target rows by key (the closure gives the target row: the reader gives its key, for `to`).
 */
export function cellReader(e: Expr | undefined, table: ColumnTable, types: ReadonlyMap<string, FieldType> | undefined, refRows: (table: string) => ReadonlyMap<string, RowValue> | undefined): CellReader | undefined {
  const name = rowField(e);
  if (name === undefined) return undefined;
  const col = table.cols[name];
  if (col === undefined) return undefined;
  const t = types?.get(name);
  const refs = t && t.t === 'ref' ? refRows(t.table) : undefined;
  if (t && t.t === 'ref' && refs === undefined) return undefined;
  // the closure's answer, when it is the cell (a reference: its key, when it resolves)
  const direct = (v: Value): Value | undefined => {
    if (v === null || typeof v === 'number') return undefined;
    if (refs === undefined) return v;
    return typeof v === 'string' && refs.get(v)?.key === v ? v : undefined;
  };
  const codes = col.codes;
  if (codes !== null) {
    const per = col.values.map((v) => direct(v));
    return (i) => per[codes[i]!];
  }
  return (i) => direct(valueAt(col, i));
}
