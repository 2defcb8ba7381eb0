// Reference data checks made while loading (docs/language.md section 24): values outside a
// field's declared bounds (`share: percent in 0%..100%`, COMP6250, at the cell), and parent
// chains of self-referencing tables that come back to themselves (COMP6251, at the row), so that
// `within` always ends.
import { cell } from '../../runtime/rows.js';
import type { DateValue, FieldIR, RowValue, TableIR } from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import { Codes, format, type DiagnosticDef } from '../diagnostics/codes.js';

/** A parsed cell outside its field's bounds: the message, else undefined. */
export function outOfBounds(value: unknown, text: string, f: FieldIR): { def: DiagnosticDef; message: string; hint: string } | undefined {
  const b = f.bounds;
  if (!b) return undefined;
  let inside: boolean;
  if (value instanceof Decimal) inside = value.gte(b.low) && value.lte(b.high);
  else if (value && typeof value === 'object' && (value as DateValue).kind === 'date') inside = (value as DateValue).iso >= b.low && (value as DateValue).iso <= b.high;
  else return undefined;
  if (inside) return undefined;
  return {
    def: Codes.ValueOutOfBounds,
    message: format(Codes.ValueOutOfBounds.template, { text, column: f.name, bounds: b.text }),
    hint: `the plan declares \`${f.name}: ... in ${b.text}\` (both bounds included)`,
  };
}

/** The one field of a table that references the table itself, when there is exactly one. */
export function parentField(t: TableIR): FieldIR | undefined {
  const self = t.fields.filter((f) => f.type.t === 'ref' && f.type.table === t.name);
  return self.length === 1 ? self[0] : undefined;
}

/** Reports each row whose parent chain loops (once per loop, at its first row in file order). */
export function checkParentLoops(t: TableIR, rows: RowValue[], keys: { get(key: string): RowValue | undefined }, report: (row: RowValue, field: string, args: Record<string, string>) => void): void {
  const pf = parentField(t);
  if (!pf) return;
  const done = new Set<string>();
  for (const row of rows) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let cur: RowValue | undefined = row;
    while (cur && !done.has(cur.key)) {
      if (onPath.has(cur.key)) {
        const loop = [...path.slice(path.indexOf(cur.key)), cur.key];
        report(row, pf.name, { field: pf.name, key: row.key, table: t.name, chain: loop.join(' -> ') });
        break;
      }
      onPath.add(cur.key);
      path.push(cur.key);
      const up: unknown = cell(cur, pf.name);
      cur = typeof up === 'string' ? keys.get(up) : undefined;
    }
    for (const k of path) done.add(k);
  }
}
