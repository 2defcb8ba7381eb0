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
  /** The rows as columns (./columnar.ts: plain CSV); `rows` is then empty. */
  grid?: RawGrid;
}

/**
 * Cells addressed by column (a RawColumn's `index`) and row number, positions made when asked:
 * what the loader reads, whether the table came as columns or as rows (`gridOf`).
 */
export interface RawGrid {
  readonly length: number;
  /** Drops a column's texts once they are read (the positions stay): optional. */
  release?(col: number): void;
  /**
   * A column held as a code per row into its distinct texts (./csv-stream.ts), when it is one:
   * `codes[r] === none` is a row without this cell. Optional.
   */
  coded?(col: number): { codes: Uint16Array; distinct: readonly string[]; none: number; short: boolean } | undefined;
  /**
   * A column held as a text per row, handed over (the grid keeps no use of it: the loader may write
   * its values into it), with `hashText` (./keys.ts) of each text (0 for a row without the cell),
   * and `plain`: every row has the cell, and each starts with a character from `!` to `~`
   * (false may also mean: not known). Optional.
   */
  texts?(col: number): { texts: (string | undefined)[]; hashes: Int32Array; plain?: boolean } | undefined;
  /**
   * A number column read as exact scaled integers (./csv-stream.ts StreamOptions.numbers), handed
   * over: row r's cell is `units[r]` x 10^-places[r] (places | PCT: ./scaled.ts), or when
   * `places[r]` is NOT_HELD, its text `texts[r]` (undefined: the row has no such cell). Optional.
   */
  numbers?(col: number): { units: Float64Array; places: Uint8Array; texts: (string | undefined)[] } | undefined;
  /** The cell's text; undefined when the row has no such cell, null for a JSON `null`. */
  text(col: number, r: number): string | null | undefined;
  /** The cell when it cannot be a value at all (RawCell.invalid), else undefined. */
  invalid(col: number, r: number): RawCell | undefined;
  /** The row's 1-based line. */
  line(r: number): number;
  /** Every row's line, when the grid holds them so (row r's is `line(r)`). Optional. */
  readonly lines?: ArrayLike<number>;
  rowAt(r: number): Position;
  /** Where the cell was read: the cell, or the row when the cell is absent. */
  cellAt(col: number, r: number): Position;
}

/** The table's cells as a grid: its own (columnar CSV), or a view of its rows. */
export function gridOf(t: RawTable): RawGrid {
  if (t.grid) return t.grid;
  const names: string[] = [];
  for (const c of t.columns) names[c.index] = c.name;
  const rows = t.rows;
  const cell = (col: number, r: number): RawCell | undefined => {
    const name = names[col];
    return name === undefined ? undefined : rows[r]!.cells.get(name);
  };
  return {
    length: rows.length,
    text: (col, r) => {
      const c = cell(col, r);
      return c === undefined ? undefined : c.text;
    },
    invalid: (col, r) => {
      const c = cell(col, r);
      return c?.invalid ? c : undefined;
    },
    line: (r) => rows[r]!.line,
    rowAt: (r) => ({ line: rows[r]!.line, column: rows[r]!.column }),
    cellAt: (col, r) => {
      const c = cell(col, r) ?? rows[r]!;
      return { line: c.line, column: c.column };
    },
  };
}

/** Where a cell was read: the cell, or its row when the table has no such column (col < 0). */
export function cellAt(grid: RawGrid, col: number, idx: number): Position {
  return col >= 0 ? grid.cellAt(col, idx) : grid.rowAt(idx);
}

/** A spreadsheet cell's name: `E3` for row 3, column 5. */
export function cellRef(row: number, column: number): string {
  let s = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return `${s}${row}`;
}

/** The header's columns into `table.columns` (names trimmed); a repeated name is a problem and its column is left out. */
export function readHeader(table: RawTable, names: readonly string[], positionOf: (k: number) => Position): void {
  const seen = new Map<string, number>();
  names.forEach((name, k) => {
    const p = positionOf(k);
    const trimmed = name.trim();
    const prev = seen.get(trimmed);
    if (prev !== undefined) {
      table.problems.push({ ...p, message: `column \`${trimmed}\` appears twice in the header (first as column ${prev + 1})` });
      return;
    }
    seen.set(trimmed, k);
    table.columns.push({ name: trimmed, ...p, index: k });
  });
}
