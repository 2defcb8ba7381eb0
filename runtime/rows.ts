// A loaded table held as columns (compiler/data/load.ts): the values of each field, parsed once
// (a value per row, or for a column of few distinct texts a 2-byte code per row into its distinct
// values), and each row a small object that points into them (its table and row number), made
// only when someone asks for the table's rows (`LazyRows`; phase 1 walks by row number). A row's
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

// A Decimal's digits as decimal.js keeps them (its documented instance properties, which
// runtime/scaled-sum.ts also reads): s the sign, e the exponent of the most significant digit,
// d the digits in words of 7 (base 1e7), the first word holding what aligns e to a word, no
// trailing zero word. decimal.js makes a Decimal from any object tagged so by copying these.
const LOG_BASE = 7;
const made = { s: 1, e: 0, d: [0], toStringTag: '[object Decimal]' };

/**
 * The Decimal of `units` x 10^-scale (units: a safe integer): the same Decimal as
 * `new Decimal(`${units}e-${scale}`)` (test/runtime/units.test.ts), laid out here as decimal.js's
 * parse lays it out, without parsing a text.
 */
export function decimalOfUnits(units: number, scale: number): Decimal {
  if (units === 0 || !Number.isSafeInteger(units)) return new Decimal(scale === 0 ? units : `${units}e-${scale}`);
  let str = String(units < 0 ? -units : units);
  let len = str.length;
  while (str.charCodeAt(len - 1) === 48) len--;
  const e = str.length - 1 - scale;
  str = str.slice(0, len);
  const d: number[] = [];
  let i = (e + 1) % LOG_BASE;
  if (e < 0) i += LOG_BASE;
  if (i < len) {
    if (i) d.push(+str.slice(0, i));
    for (len -= LOG_BASE; i < len; ) d.push(+str.slice(i, (i += LOG_BASE)));
    str = str.slice(i);
    i = LOG_BASE - str.length;
  } else i -= len;
  for (; i--; ) str += '0';
  d.push(+str);
  made.s = units < 0 ? -1 : 1;
  made.e = e;
  made.d = d;
  return new Decimal(made as unknown as Decimal);
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

  /**
   * Points this row at row `i` (key `key`) of its table, forgetting any `values`/`loc` made: for a
   * `RowCursor` only (one object walked over a table's rows by number, ./rows.ts `columnsOf`).
   */
  protected moveTo(i: number, key: string): void {
    (this as { i: number }).i = i;
    this.key = key;
    this.x = undefined;
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

/**
 * One object standing for each row of a column table in turn (`at`): a walk by row number makes no
 * object per row. Whatever is kept past the row must be `pinRow(cursor)`, a row of its own.
 */
export class RowCursor extends ColumnRow {
  /** Each row's key hash (32-bit FNV-1a of its UTF-16 code units), when the table keeps them (`LazyRows.hashes`). */
  hashes: Int32Array | undefined = undefined;

  at(i: number, key: string): this {
    this.moveTo(i, key);
    return this;
  }
}

/** A row that may be kept: a cursor's current row as a row of its own (same key, table, number), any other row itself. */
export function pinRow(row: RowValue): RowValue {
  return row instanceof RowCursor ? new ColumnRow(row.key, row.t, row.i) : row;
}

/**
 * A table loaded as columns whose rows are made only when asked (`rows()`, once): readers that
 * walk it by row number (`n`, `key(i)`, `table`) make no row object.
 */
export class LazyRows {
  private made: RowValue[] | undefined;
  constructor(
    readonly table: ColumnTable,
    /** The number of rows. */
    readonly n: number,
    /** Row i's key (its key cell's text, or its 1-based position for a table without a key). */
    readonly key: (i: number) => string,
    /**
     * Row i's key hash, when known: 32-bit FNV-1a over the key's UTF-16 code units (the CSV scan's
     * hash of a text key): asking a key filter by it reads no key text (a million cold strings).
     */
    readonly hashes?: Int32Array,
  ) {}

  /** Whether the row objects exist (they may then have been changed: read them, not the columns). */
  get isMade(): boolean {
    return this.made !== undefined;
  }

  /** The rows, in order, made on the first call (a ColumnRow each). */
  rows(): RowValue[] {
    let rows = this.made;
    if (rows === undefined) {
      const { n, table, key } = this;
      rows = new Array<RowValue>(n);
      for (let i = 0; i < n; i++) rows[i] = new ColumnRow(key(i), table, i);
      this.made = rows;
    }
    return rows;
  }
}

// a dataset's tables still held as columns only (not a field of the dataset: a copy has none)
const unmade = new WeakMap<object, Map<string, LazyRows>>();

/**
 * Puts a column table into a dataset (`data[name]`) whose row array is made on first read (the
 * property then becomes that array; setting it replaces it).
 */
export function putLazyRows(data: Record<string, RowValue[]>, name: string, lazy: LazyRows): void {
  let m = unmade.get(data);
  if (!m) unmade.set(data, (m = new Map()));
  m.set(name, lazy);
  const settle = (rows: RowValue[]): RowValue[] => {
    unmade.get(data)?.delete(name);
    Object.defineProperty(data, name, { value: rows, writable: true, enumerable: true, configurable: true });
    return rows;
  };
  Object.defineProperty(data, name, {
    get: () => settle(lazy.rows()),
    set: (rows: RowValue[]) => settle(rows),
    enumerable: true,
    configurable: true,
  });
}

/**
 * A dataset's table as columns, when no one has asked for its row objects yet (they could then
 * have been changed or replaced): walk it by row number with a `RowCursor`. Undefined: read `data[name]`.
 */
export function columnsOf(data: Record<string, RowValue[]>, name: string): LazyRows | undefined {
  const lazy = unmade.get(data)?.get(name);
  return lazy === undefined || lazy.isMade ? undefined : lazy;
}

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
