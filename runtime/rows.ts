// A loaded table held as columns (compiler/data/load.ts): the values of each field, parsed once
// (a value per row, or for a column of few distinct texts a 2-byte code per row into its distinct
// values), and each row a small object that points into them (its table and row number). A row's
// `values` object and `loc` are made only when something asks for them (the workbench, the SQL
// engines, a report); the evaluator reads cells straight from the columns (`cell`).
import { Decimal } from './decimal.js';
import type { RowValue, Value } from './ir.js';

/**
 * A constructor of a table's row values: objects with nothing inherited (their prototype has no
 * prototype: a field named `toString` or `constructor` is only ever the row's own), filled in the
 * same field order, so every row of a table shares one compact shape (a null-prototype object
 * from Object.create(null) is a dictionary: several times larger and slower to read).
 */
export function rowValues(): new () => Record<string, Value> {
  const Values = function (this: Record<string, Value>) {} as unknown as new () => Record<string, Value>;
  Values.prototype = Object.create(null) as object;
  return Values;
}

/**
 * One field's cells: row i's value is `values[i]`, or `values[codes[i]]` when the column is coded
 * (its values are then its distinct ones; null: empty or bad).
 *
 * A number column (integer, decimal, percent, money) may also hold its values as exact scaled
 * integers: `units[k] x 10^-scale`, where k is the row (or its code when coded), a JS number that
 * is an integer of magnitude <= 2^53 - 1 (exact), or NaN where the value is not held so (null,
 * too many digits or places: `values` has it). For an uncoded column with units, `values[i]` is
 * `undefined` where units are held: read cells with `valueAt` (a Decimal made from the units, the
 * same value as the cell's text gives) or `unitsAt` (no Decimal made).
 */
export interface Column {
  readonly values: readonly Value[];
  readonly codes: Uint16Array | null;
  readonly units?: Float64Array | null;
  /** The places of `units` (0..17). */
  readonly scale?: number;
}

/** The Decimal of `units` x 10^-scale (units: a safe integer). */
export function decimalOfUnits(units: number, scale: number): Decimal {
  return new Decimal(scale === 0 ? units : `${units}e-${scale}`);
}

/** A column's value at row i. */
export function valueAt(col: Column, i: number): Value {
  const codes = col.codes;
  if (codes !== null) return col.values[codes[i]!]!;
  const v = col.values[i];
  if (v !== undefined) return v;
  const units = col.units;
  return units ? decimalOfUnits(units[i]!, col.scale!) : v!;
}

/**
 * A number column's value at row i as an integer count of 10^-`col.scale` (exact), without making a
 * Decimal; NaN when it is not held so (no units in the column, or this value: read `valueAt`).
 */
export function unitsAt(col: Column, i: number): number {
  const units = col.units;
  if (!units) return NaN;
  const codes = col.codes;
  return codes === null ? units[i]! : units[codes[i]!]!;
}

/** A table's cells by field (null-prototype: field names are the plan's), with each row's line. */
export class ColumnTable {
  readonly Values = rowValues();
  constructor(
    /** The table's name (its rows' `table`). */
    readonly name: string,
    readonly file: string,
    /** The declared fields, in order (the order of a row's `values`). */
    readonly fields: readonly string[],
    /** field -> its cells. */
    readonly cols: Record<string, Column>,
    /** Each row's 1-based line. */
    readonly lines: ArrayLike<number>,
  ) {}
}

/** What a ColumnRow makes only when asked: its `values` and `loc` (either may also be replaced). */
interface Made {
  v: Record<string, Value> | undefined;
  l: { file: string; line: number } | undefined;
}

/**
 * One row of a ColumnTable: its key, table and row number, nothing else (a million rows are a
 * million of these, every one kept: each field more is 8 MB more copied by the young-generation
 * GC). `kind` and `table` are read through the prototype; `values` and `loc` are made on first
 * read (and may be replaced).
 */
export class ColumnRow implements RowValue {
  declare readonly kind: 'row';
  private x: Made | undefined = undefined;
  constructor(
    public key: string,
    readonly t: ColumnTable,
    readonly i: number,
  ) {}

  get table(): string {
    return this.t.name;
  }

  get values(): Record<string, Value> {
    const x = (this.x ??= { v: undefined, l: undefined });
    let v = x.v;
    if (v === undefined) {
      v = new this.t.Values();
      for (const f of this.t.fields) v[f] = valueAt(this.t.cols[f]!, this.i);
      x.v = v;
    }
    return v;
  }

  set values(v: Record<string, Value>) {
    (this.x ??= { v: undefined, l: undefined }).v = v;
  }

  get loc(): { file: string; line: number } {
    const x = (this.x ??= { v: undefined, l: undefined });
    return (x.l ??= { file: this.t.file, line: this.t.lines[this.i]! });
  }

  set loc(l: { file: string; line: number }) {
    (this.x ??= { v: undefined, l: undefined }).l = l;
  }

  /** Whether `values` was read or set (a cell is then read from it, not from the columns). */
  hasValues(): boolean {
    return this.x?.v !== undefined;
  }

  /** Whether `loc` was read or set (it may then differ from the table's). */
  hasLoc(): boolean {
    return this.x?.l !== undefined;
  }

  /** The cell of a field, without making the row's `values` (undefined: no such field). */
  cell(name: string): Value | undefined {
    const v = this.x?.v;
    if (v !== undefined) return v[name];
    const col = this.t.cols[name];
    if (col === undefined) return undefined;
    const codes = col.codes;
    if (codes !== null) return col.values[codes[this.i]!];
    const c = col.values[this.i];
    return c !== undefined || !col.units ? c : decimalOfUnits(col.units[this.i]!, col.scale!);
  }
}
Object.defineProperty(ColumnRow.prototype, 'kind', { value: 'row', enumerable: true });

/** A row's cell: from its columns when it has them (no `values` object made), else from `values`. */
export function cell(row: RowValue, name: string): Value | undefined {
  return row instanceof ColumnRow ? row.cell(name) : row.values[name];
}

/** A row's file and line (its `loc`), without making a `loc` object for a column row. */
export function fileOf(row: RowValue): string {
  return row instanceof ColumnRow && !row.hasLoc() ? row.t.file : row.loc.file;
}

export function lineOf(row: RowValue): number {
  return row instanceof ColumnRow && !row.hasLoc() ? row.t.lines[row.i]! : row.loc.line;
}
