// Number cells read as exact scaled integers (issue 7): a plain decimal text (`-1234.50`, `60%`)
// is read straight from its bytes into an integer count of 10^-places, with no string and no
// Decimal made for it. Exact: at most 15 digits are taken (any such integer is below 2^53, so a
// JS number holds it exactly); anything else is "not held" and read the general way from its text
// (./values.ts), which is the only judge of what a cell means and of every error. So the held
// forms are only texts that way reads as exactly the number held:
//   [-]digits[.digits][%]   no `+`, no leading zero before another digit, no negative zero
// (a canonical form, so that the text is also given back exactly from the number: `textOfUnits`).
import { Decimal } from '../../runtime/decimal.js';
import type { TableIR, Value } from '../../runtime/ir.js';
import { decimalOfUnits, type Column } from '../../runtime/rows.js';

/** What a column's cells may be: the field's type (integer: no places; percent: `%` allowed), and `positive`. */
export const INTEGER = 1;
export const DECIMAL = 2;
export const PERCENT = 3;
/** Flag: only a number above zero is held (a field declared `positive`). */
export const POSITIVE = 4;

/** `places` of a cell not held (its text is kept). */
export const NOT_HELD = 0xff;
/** Flag in `places`: the text ended with `%` (its places count the two of the division by 100). */
export const PCT = 0x80;

/** At most this many digits are held (10^15 - 1 < 2^53). */
const MAX_DIGITS = 15;

/** The units of the last cell `unitsOfBytes` held. */
export let heldUnits = 0;

/**
 * Reads bytes[a, b) as a number cell of `mode` (INTEGER/DECIMAL/PERCENT, | POSITIVE): its places
 * (| PCT when written with `%`), the units in `heldUnits`; NOT_HELD when the text is not a
 * plain canonical number of at most 15 digits (it is then read from its text).
 */
export function unitsOfBytes(bytes: Uint8Array, a: number, b: number, mode: number): number {
  let p = a;
  if (p >= b) return NOT_HELD;
  let neg = false;
  if (bytes[p] === 45) {
    neg = true;
    p++;
  }
  const from = p;
  let u = 0;
  for (; p < b; p++) {
    const d = bytes[p]! - 48;
    if (d < 0 || d > 9) break;
    u = u * 10 + d;
  }
  const ints = p - from;
  if (ints === 0 || (ints > 1 && bytes[from] === 48)) return NOT_HELD; // no digit, or a leading zero
  let places = 0;
  if (p < b && bytes[p] === 46) {
    if ((mode & 3) === INTEGER) return NOT_HELD;
    const f = ++p;
    for (; p < b; p++) {
      const d = bytes[p]! - 48;
      if (d < 0 || d > 9) break;
      u = u * 10 + d;
    }
    places = p - f;
    if (places === 0) return NOT_HELD;
  }
  if (ints + places > MAX_DIGITS) return NOT_HELD;
  if (p < b && bytes[p] === 37 && (mode & 3) === PERCENT) {
    p++;
    places = (places + 2) | PCT;
  }
  if (p !== b) return NOT_HELD;
  if (neg) {
    if (u === 0) return NOT_HELD; // negative zero: a Decimal of its own
    u = -u;
  }
  if (mode & POSITIVE && u <= 0) return NOT_HELD;
  heldUnits = u;
  return places;
}

/** The text `unitsOfBytes` held as `units` and `places` (it is canonical: the same text). */
export function textOfUnits(units: number, places: number): string {
  const pct = (places & PCT) !== 0;
  const p = pct ? (places & ~PCT) - 2 : places;
  const neg = units < 0;
  let digits = String(neg ? -units : units);
  if (p > 0) {
    if (digits.length <= p) digits = '0'.repeat(p + 1 - digits.length) + digits;
    digits = `${digits.slice(0, digits.length - p)}.${digits.slice(digits.length - p)}`;
  }
  return `${neg ? '-' : ''}${digits}${pct ? '%' : ''}`;
}

/** The number columns of a table the scan may read as units: field name -> mode (not the key; no aliases or bounds, which read the text). */
export function numberModes(t: TableIR): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of t.fields) {
    if (f.name === t.key || f.aliases || f.bounds) continue;
    const m = f.type.t === 'integer' ? INTEGER : f.type.t === 'decimal' || f.type.t === 'money' ? DECIMAL : f.type.t === 'percent' ? PERCENT : 0;
    if (m !== 0) out.set(f.name, m | (f.positive ? POSITIVE : 0));
  }
  return out;
}

const MAX = Number.MAX_SAFE_INTEGER;
const POW10: number[] = [];
for (let i = 0, p = 1; i <= 22; i++, p *= 10) POW10.push(p); // exact doubles

/**
 * A number column handed over by the scan (RawGrid.numbers) as a Column: its held cells as units at
 * the column's scale (the most places of any), a cell not held read from its text by `check` (the
 * general way: its value, or null after reporting it), and a held cell that does not fit at that
 * scale as a Decimal (exact) in `values`.
 */
export function numberColumn(nums: { units: Float64Array; places: Uint8Array; texts: (string | undefined)[] }, n: number, check: (idx: number, text: string | undefined) => Value): Column {
  const { units, places, texts } = nums;
  const values = texts as Value[]; // (written in place: a held row's stays undefined)
  let scale = 0;
  for (let idx = 0; idx < n; idx++) {
    const p = places[idx]!;
    if (p === NOT_HELD) {
      values[idx] = check(idx, texts[idx] as string | undefined);
      units[idx] = NaN;
      continue;
    }
    const s = p & ~PCT;
    if (s > scale) scale = s;
  }
  for (let idx = 0; idx < n; idx++) {
    const p = places[idx]!;
    if (p === NOT_HELD) continue;
    const d = scale - (p & ~PCT);
    if (d === 0) continue;
    const u = units[idx]! * POW10[d]!;
    if (u > MAX || u < -MAX) {
      values[idx] = decimalOfUnits(units[idx]!, p & ~PCT);
      units[idx] = NaN;
    } else units[idx] = u;
  }
  return { values, codes: null, units, scale };
}

/**
 * The units of a coded number column's distinct values (indexed as them) at the most places of any,
 * NaN for null and for a value not held (negative zero, more than 15 digits, out of range at that scale).
 */
export function unitsOfValues(values: readonly Value[]): { units: Float64Array; scale: number } {
  const units = new Float64Array(values.length);
  const pl = new Int32Array(values.length).fill(-1);
  let scale = 0;
  values.forEach((v, c) => {
    units[c] = NaN;
    if (!(v instanceof Decimal) || (v.isZero() && v.isNeg())) return;
    const text = v.toFixed();
    const b = Buffer.from(text, 'latin1');
    const p = unitsOfBytes(b, 0, b.length, DECIMAL);
    if (p === NOT_HELD) return;
    units[c] = heldUnits;
    pl[c] = p;
    if (p > scale) scale = p;
  });
  for (let c = 0; c < values.length; c++) {
    if (pl[c]! < 0) continue;
    const u = units[c]! * POW10[scale - pl[c]!]!;
    units[c] = u > MAX || u < -MAX ? NaN : u;
  }
  return { units, scale };
}
