// What a CSV reader read, as plain data to compare two readers: columns, each row's line,
// position, cell texts and cells, and the problems in file order.
import { gridOf, type RawTable } from '../../compiler/data/raw.js';

export function rawView(t: RawTable) {
  const g = gridOf(t);
  const rows = [];
  for (let r = 0; r < g.length; r++) {
    const cells = t.columns.map((c) => [g.text(c.index, r), g.cellAt(c.index, r)]);
    rows.push({ line: g.line(r), at: g.rowAt(r), cells });
  }
  const problems = [...t.problems].sort((a, b) => a.line - b.line || a.column - b.column || (a.message < b.message ? -1 : 1));
  return { columns: t.columns, start: t.start, problems, rows };
}
