// Operations on runtime values shared by the expression compiler, the phases and the mechanics:
// conversions with located failures, comparison, keys, sums, the deterministic row order.
import { Decimal } from '../decimal.js';
import { sumDecimals } from '../scaled-sum.js';
import { cmp, shortcuts } from '../exact.js';
import type { DateValue, PeriodValue, RowValue, Value } from '../ir.js';
import { fileOf, lineOf } from '../rows.js';
import * as cal from '../calendar.js';
import { formatValue } from '../format.js';
import { EvalFailure, type Ctx, type DurationValue, type RV } from './types.js';

const ZERO = new Decimal(0);

export function isDec(v: unknown): v is Decimal {
  return v instanceof Decimal;
}

/** number -> its Decimal (a column of numbers, `csat.score`, gives the same few values to every rep and period). */
const ofNumber = new Map<number, Decimal>();

/** A number's Decimal (from its text, as `new Decimal(String(v))`); one object per value while shortcuts are on. */
export function decOfNumber(v: number): Decimal {
  if (!shortcuts()) return new Decimal(String(v));
  let d = ofNumber.get(v);
  if (d === undefined) {
    if (ofNumber.size >= 4096) ofNumber.clear();
    ofNumber.set(v, (d = new Decimal(String(v))));
  }
  return d;
}

export function asDec(v: RV, c: Ctx): Decimal {
  if (v instanceof Decimal) return v;
  if (v === null || v === undefined) throw emptyFailure(c);
  if (Decimal.isDecimal(v)) return new Decimal((v as { toString(): string }).toString());
  if (typeof v === 'number') return decOfNumber(v);
  if (typeof v === 'object' && (v as DurationValue).kind === 'duration') return new Decimal((v as DurationValue).amount);
  throw new TypeError(`expected a number, found ${formatValue(v as Value)}`);
}

export function isObj<K extends string>(v: RV, kind: K): boolean {
  return typeof v === 'object' && v !== null && !isDec(v) && (v as { kind?: string }).kind === kind;
}

export function isoOfValue(v: RV, c: Ctx): string {
  if (v === null) throw emptyFailure(c);
  if (isObj(v, 'date')) return (v as DateValue).iso;
  if (isObj(v, 'period')) return (v as PeriodValue).start;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  throw new TypeError(`expected a date, found ${formatValue(v as Value)}`);
}

export function asBool(v: RV, c: Ctx): boolean {
  if (v === null) throw emptyFailure(c);
  if (typeof v === 'boolean') return v;
  throw new TypeError(`expected true or false, found ${formatValue(v as Value)}`);
}

export function emptyFailure(c: Ctx): EvalFailure {
  const e = c.lastEmpty;
  return new EvalFailure('empty', e?.loc ?? c.row?.loc ?? c.rep?.loc, e ? { table: e.table, field: e.field, key: e.key } : {});
}

export function date(iso: string): DateValue {
  return { kind: 'date', iso };
}

export function durationDays(d: DurationValue, from?: string): number {
  if (d.unit === 'days') return d.amount;
  const base = from ?? '2000-01-01';
  return cal.daysBetween(base, cal.addMonths(base, d.amount));
}

export function compare(a: RV, b: RV, c: Ctx): number {
  if (a === null || b === null) throw emptyFailure(c);
  // the common cases first (what the branches below give them)
  if (a instanceof Decimal && b instanceof Decimal) return cmp(a, b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (isDec(a) || isDec(b) || typeof a === 'number' || typeof b === 'number') {
    return asDec(a, c).cmp(asDec(b, c));
  }
  if (isObj(a, 'duration') && isObj(b, 'duration')) {
    const da = a as DurationValue;
    const db = b as DurationValue;
    if (da.unit === db.unit) return Math.sign(da.amount - db.amount);
    return Math.sign(durationDays(da) - durationDays(db));
  }
  if ((isObj(a, 'date') || isObj(a, 'period')) && (isObj(b, 'date') || isObj(b, 'period'))) {
    return cal.compareIso(isoOfValue(a, c), isoOfValue(b, c));
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  throw new TypeError(`cannot compare ${formatValue(a as Value)} with ${formatValue(b as Value)}`);
}

export function keyOf(v: RV): string | undefined {
  if (typeof v === 'string') return v;
  if (isObj(v, 'row')) return (v as RowValue).key;
  return undefined;
}

export function equals(a: RV, b: RV, c: Ctx): boolean {
  if (a === null || b === null) return a === b;
  // two texts (a field against a literal): what compare() gives them
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  if (isObj(a, 'row') || isObj(b, 'row')) return keyOf(a) === keyOf(b);
  if (isObj(a, 'period') && isObj(b, 'period')) return (a as PeriodValue).key === (b as PeriodValue).key;
  return compare(a, b, c) === 0;
}


/** The exact sum, in order (as scaled integers when they can be held: ../scaled-sum.ts). */
export function sum(xs: Decimal[]): Decimal {
  return sumDecimals(xs);
}

export function byStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const sortedCache = new WeakMap<RowValue[], { length: number; sorted: RowValue[] }>();

/**
 * Rows in the deterministic order (key, file, line). Sorted once per table array and shared by
 * every phase (and by re-evaluations of the same dataset): callers must not change the result.
 */
export function sortRows(rows: RowValue[]): RowValue[] {
  const hit = sortedCache.get(rows);
  if (hit && hit.length === rows.length) return hit.sorted;
  const sorted = [...rows].sort((a, b) => byStr(a.key, b.key) || byStr(fileOf(a), fileOf(b)) || lineOf(a) - lineOf(b));
  sortedCache.set(rows, { length: rows.length, sorted });
  return sorted;
}

