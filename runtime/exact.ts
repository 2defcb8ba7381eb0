// Exact shortcuts on decimal.js values, for the evaluator's hot paths (runtime/engine/): each gives
// the value decimal.js's own operation gives, without its copies. decimal.js copies its argument
// on every operation and comparison (`new Decimal(y)`) and makes a new result; here
//   - `a + 0`, `0 + b`, `a - 0` are `a` or `b` themselves when that operand is not zero and has at
//     most 56 significant digits (decimal.js would give the same value: it rounds only beyond the
//     60 digits of the arithmetic, runtime/decimal.ts); zero plus or minus zero is left to
//     decimal.js (the sign of a zero result is its rule);
//   - `cmp` is decimal.js's `comparedTo` on the documented instance properties (d: base-1e7
//     words, e: exponent, s: sign), without copying its argument; NaN and infinities go to
//     decimal.js.
// All of it can be turned off for one evaluation (EvaluateOptions `shortcuts: false`, with the
// other shortcuts of the evaluator): test/runtime/shortcuts.test.ts holds both ways equal.
import type { Decimal } from './decimal.js';

let shortcutsOn = true;

/** Turns the evaluator's exact shortcuts on or off (for one synchronous evaluation); returns the previous setting. */
export function setShortcuts(on: boolean): boolean {
  const was = shortcutsOn;
  shortcutsOn = on;
  return was;
}

export function shortcuts(): boolean {
  return shortcutsOn;
}

/** A finite value of at most 56 significant digits (8 base-1e7 words): the arithmetic keeps it as it is. */
function short(x: Decimal): boolean {
  const d = x.d;
  return d !== null && d !== undefined && d.length <= 8;
}

function zero(x: Decimal): boolean {
  const d = x.d;
  return d !== null && d !== undefined && d[0] === 0;
}

/** a + b, exactly as `a.plus(b)`. */
export function plus(a: Decimal, b: Decimal): Decimal {
  if (shortcutsOn) {
    if (zero(b) && !zero(a) && short(a)) return a;
    if (zero(a) && !zero(b) && short(b)) return b;
  }
  return a.plus(b);
}

/** a - b, exactly as `a.minus(b)`. */
export function minus(a: Decimal, b: Decimal): Decimal {
  if (shortcutsOn && zero(b) && !zero(a) && short(a)) return a;
  return a.minus(b);
}

/** -1, 0 or 1 as `x.cmp(y)` (decimal.js's comparedTo without the copy of y). */
export function cmp(x: Decimal, y: Decimal): number {
  const xd = x.d;
  const yd = y.d;
  if (!shortcutsOn || !xd || !yd) return x.cmp(y);
  const xs = x.s;
  const ys = y.s;
  if (!xd[0] || !yd[0]) return xd[0] ? xs : yd[0] ? -ys : 0;
  if (xs !== ys) return xs;
  if (x.e !== y.e) return x.e > y.e !== xs < 0 ? 1 : -1;
  const xl = xd.length;
  const yl = yd.length;
  for (let i = 0, j = xl < yl ? xl : yl; i < j; ++i) if (xd[i] !== yd[i]) return xd[i]! > yd[i]! !== xs < 0 ? 1 : -1;
  return xl === yl ? 0 : xl > yl !== xs < 0 ? 1 : -1;
}
