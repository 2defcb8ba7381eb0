// Exact sums of Decimals as scaled integers (issue 7): the hot sums of the evaluator (a rep's
// credit per period, a measure over credit lines) add amounts that almost always have few
// decimal places and modest size. Such a sum is kept as a JS number counting units of 10^-scale.
//
// Why that is exact (money is never a float here): every value held is an integer whose
// magnitude is at most Number.MAX_SAFE_INTEGER (2^53 - 1), checked after every step. Integers in
// that range are represented exactly, and IEEE addition/multiplication of such integers whose
// true result is also in that range is exact (the true result is representable, and the
// operations round correctly). When a true result falls outside the range, the rounded result
// is >= 2^53 in magnitude, so the check after the step catches it. A division is used only when
// the divisor is known to divide exactly, so its true quotient is representable too.
//
// When an addend cannot be held (not finite, more than MAX_SCALE places, or the sum would
// leave the range), the whole sum is done again by decimal.js from the first addend, so the
// result is always decimal.js's own sum, in the same order.
//
// The scale comes from the values: it starts at 0 and grows to the most places of any addend
// seen so far (the sum so far is multiplied up, exactly, when it grows).
//
// The result is made from its exact text (`<integer>e-<scale>`), so it is the same Decimal
// (digits, exponent, sign) as decimal.js's sum: both are exact, decimal.js normalises, and a zero
// sum is +0 in both (decimal.js's x.plus(-x) is +0 under ROUND_HALF_UP).
import { Decimal, ZERO } from './decimal.js';

/** The most decimal places an addend may have on the fast path. */
export const MAX_SCALE = 15;
const MAX = Number.MAX_SAFE_INTEGER;
const POW10: number[] = [];
for (let i = 0, p = 1; i <= 22; i++, p *= 10) POW10.push(p); // 10^0..10^22 are exact doubles

let enabled = true;

/** Whether sums take the fast path (EvaluateOptions.scaledSums; the evaluator sets it for one synchronous evaluation). */
export function scaledSumsEnabled(): boolean {
  return enabled;
}

/** Sets whether sums take the fast path; returns the previous setting (to restore it). */
export function setScaledSums(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

// the sum being made: an integer count of 10^-accScale (|accUnits| <= MAX)
let accUnits = 0;
let accScale = 0;

// the addend just read by `read`: readUnits x 10^-readScale (|readUnits| <= MAX, 0 <= readScale <= MAX_SCALE)
let readUnits = 0;
let readScale = 0;

/**
 * Reads a Decimal's exact value as an integer count of 10^-places (readUnits, readScale), from its
 * documented instance properties (d: base-1e7 digit words, most significant first, the first
 * without leading zeros, the last not zero; e: the decimal exponent of the most significant digit;
 * s: the sign). False when it cannot be held (not finite, too many places, mantissa out of range).
 */
function read(x: Decimal): boolean {
  const d = (x as unknown as { d: number[] | null }).d;
  if (!d) return false; // NaN or an infinity
  const w0 = d[0]!;
  if (w0 === 0) {
    // zero (decimal.js keeps d = [0])
    readUnits = 0;
    readScale = 0;
    return true;
  }
  const len = d.length;
  const e = (x as unknown as { e: number }).e;
  // digits of the mantissa, and the trailing zeros of its last word (a word is < 1e7: small-integer arithmetic)
  const n = (w0 >= 1e6 ? 7 : w0 >= 1e5 ? 6 : w0 >= 1e4 ? 5 : w0 >= 1e3 ? 4 : w0 >= 100 ? 3 : w0 >= 10 ? 2 : 1) + 7 * (len - 1);
  let last = d[len - 1]!;
  let tz = 0;
  while (last !== 0 && last % 10 === 0) {
    last = last / 10;
    tz++;
  }
  // value = mantissa-without-those-zeros x 10^-places
  let places = n - 1 - e - tz;
  if (places > MAX_SCALE) return false;
  let m: number;
  if (len === 1) m = last;
  else {
    m = w0;
    for (let i = 1; i < len - 1; i++) {
      m = m * 1e7 + d[i]!; // exact while the true value is <= MAX (checked)
      if (m > MAX) return false;
    }
    m = m * POW10[7 - tz]! + last;
    if (m > MAX) return false;
  }
  if (places < 0) {
    if (-places > 15) return false;
    m = m * POW10[-places]!;
    if (m > MAX) return false;
    places = 0;
  }
  readUnits = (x as unknown as { s: number }).s < 0 ? -m : m;
  readScale = places;
  return true;
}

/**
 * Adds a Decimal's exact value to the sum being made. False (the sum left as it was or no longer
 * valid: the caller starts again with decimal.js) when it cannot be held.
 */
function add(x: Decimal): boolean {
  if (!read(x)) return false;
  let m = readUnits;
  if (m === 0) return true;
  const places = readScale;
  if (places > accScale) {
    accUnits = accUnits * POW10[places - accScale]!;
    if (accUnits > MAX || accUnits < -MAX) return false;
    accScale = places;
  } else if (places < accScale) {
    m = m * POW10[accScale - places]!;
    if (m > MAX || m < -MAX) return false;
  }
  accUnits = accUnits + m;
  return accUnits <= MAX && accUnits >= -MAX;
}

/**
 * Many exact sums side by side, each in its slot (runtime/engine/aggregate.ts: per rep, period and
 * measure, added to in any order). An addend is read once (`read`) and added to several slots
 * (`addRead`); `addOne` adds 1. False from any of them: that addend or sum cannot be held (the
 * caller then sums another way). Order does not matter: every value held is an exact integer.
 */
export class ExactSums {
  private units: number[] = [];
  private scales: number[] = [];

  /** A new slot (its index), holding 0. */
  slot(): number {
    this.units.push(0);
    this.scales.push(0);
    return this.units.length - 1;
  }

  /** Reads an addend for `addRead`; false when it cannot be held. */
  read(x: Decimal): boolean {
    return read(x);
  }

  /** Adds the addend last read (by any ExactSums or sum of this module: read it just before). */
  addRead(slot: number): boolean {
    return this.addUnits(slot, readUnits, readScale);
  }

  addOne(slot: number): boolean {
    return this.addUnits(slot, 1, 0);
  }

  private addUnits(slot: number, units: number, places: number): boolean {
    if (units === 0) return true;
    let m = units;
    let s = this.scales[slot]!;
    let u = this.units[slot]!;
    if (places > s) {
      u = u * POW10[places - s]!;
      if (u > MAX || u < -MAX) return false;
      s = places;
      this.scales[slot] = s;
    } else if (places < s) {
      m = m * POW10[s - places]!;
      if (m > MAX || m < -MAX) return false;
    }
    u = u + m;
    this.units[slot] = u;
    return u <= MAX && u >= -MAX;
  }

  /** The slot's sum (the same Decimal as decimal.js's sum of its addends, in any order). */
  value(slot: number): Decimal {
    return fromUnits(this.units[slot]!, this.scales[slot]!);
  }
}

/**
 * The exact sum of `n` Decimals `at(0)`..`at(n - 1)`, in that order, as decimal.js would give it
 * (ZERO.plus(at(0)).plus(at(1))...). With the fast path off, that is exactly what is computed.
 */
export function sumExact(n: number, at: (i: number) => Decimal): Decimal {
  if (enabled) {
    // (`at` may itself make a sum: the sum so far is kept here between its calls)
    let units = 0;
    let scale = 0;
    let i = 0;
    for (; i < n; i++) {
      const x = at(i);
      accUnits = units;
      accScale = scale;
      if (!add(x)) break;
      units = accUnits;
      scale = accScale;
    }
    if (i === n) return fromUnits(units, scale);
  }
  let t = ZERO;
  for (let i = 0; i < n; i++) t = t.plus(at(i));
  return t;
}

/** units x 10^-scale as a Decimal, from its exact text. */
export function fromUnits(units: number, scale: number): Decimal {
  if (units === 0) return ZERO;
  return new Decimal(scale === 0 ? String(units) : `${units}e-${scale}`);
}

/** The exact sum of Decimals, in order (see sumExact). */
export function sumDecimals(xs: readonly Decimal[]): Decimal {
  const n = xs.length;
  if (enabled) {
    accUnits = 0;
    accScale = 0;
    let i = 0;
    while (i < n && add(xs[i]!)) i++;
    if (i === n) return fromUnits(accUnits, accScale);
  }
  let t = ZERO;
  for (let i = 0; i < n; i++) t = t.plus(xs[i]!);
  return t;
}

/** The exact sum of the items' `amount`s, in order (see sumExact). */
export function sumAmounts(xs: readonly { amount: Decimal }[]): Decimal {
  const n = xs.length;
  if (enabled) {
    accUnits = 0;
    accScale = 0;
    let i = 0;
    while (i < n && add(xs[i]!.amount)) i++;
    if (i === n) return fromUnits(accUnits, accScale);
  }
  let t = ZERO;
  for (let i = 0; i < n; i++) t = t.plus(xs[i]!.amount);
  return t;
}
