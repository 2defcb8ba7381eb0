// The shape both readers (CSV, JSON) produce before any value is checked: text cells with
// 1-based line and column, and the problems found in the file's syntax.

export interface Position {
  line: number;
  column: number;
}

export interface RawCell extends Position {
  /** The value as written (JSON scalars as their literal text); null for a JSON `null`. */
  text: string | null;
  /** Set when the value cannot be a cell at all (a JSON object or array). */
  invalid?: string;
  /** The code of an `invalid` cell with its own (COMP6358, a spreadsheet error cell); COMP6012 otherwise. */
  code?: string;
}

export interface RawRow extends Position {
  /** By column name. A column missing from this row (short CSV row, JSON key left out) is absent. */
  cells: Map<string, RawCell>;
}

export interface RawColumn extends Position {
  name: string;
  /** CSV: position in the header; JSON: order of first appearance. */
  index: number;
}

export interface RawProblem extends Position {
  message: string;
  /** A problem with a code of its own (COMP6357, JSON nested too deep); COMP6012 otherwise. */
  code?: string;
}

export interface RawTable {
  file: string;
  /** parquet: read by the DuckDB engine (compiler/engines/parquet.ts), each value as text. */
  kind: 'csv' | 'json' | 'parquet';
  /** Where the table starts (CSV header, JSON `[`): missing columns are reported here. */
  start: Position;
  columns: RawColumn[];
  rows: RawRow[];
  /** Syntax problems (COMP6012). */
  problems: RawProblem[];
}

/** A spreadsheet cell's name: `E3` for row 3, column 5. */
export function cellRef(row: number, column: number): string {
  let s = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return `${s}${row}`;
}
