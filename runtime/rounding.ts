// Rounding of payout lines: the only place where the runtime rounds.
import { Decimal } from './decimal.js';
import type { RoundingMode } from './ir.js';
import { shortcuts } from './exact.js';

type Rm = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

const MODES: Record<RoundingMode, Rm> = {
  'half away from zero': Decimal.ROUND_HALF_UP,
  'half even': Decimal.ROUND_HALF_EVEN,
  /** towards +infinity */
  'half up': Decimal.ROUND_HALF_CEIL,
  /** towards -infinity (the mirror of 'half up') */
  'half down': Decimal.ROUND_HALF_FLOOR,
  /** away from zero */
  up: Decimal.ROUND_UP,
  /** towards zero */
  down: Decimal.ROUND_DOWN,
};

/** A rounding place, and its decimals when it is a power of ten ('0.01' -> 2, '1' -> 0; '0.05', '10' -> undefined). */
interface Place {
  place: Decimal;
  pow10?: number;
}

const places = new Map<string, Place>();

/**
 * The evaluator's exact shortcuts (./exact.ts; here a power-of-ten rounding in one step, in the
 * engine per-rep lets computed once, zero-rate bands and 0%/100% bounds without arithmetic, a zero
 * divisor under `otherwise` without an exception): on unless an evaluation turns them off
 * (EvaluateOptions `shortcuts`, for tests that hold them equal to the general path).
 */
export { setShortcuts, shortcuts } from './exact.js';
const ZERO = new Decimal(0);

/** Rounds `x` to a multiple of `place` ('0.01', '1', '0.05') in the given mode. Never returns -0. */
export function roundLine(x: Decimal, rounding: { mode: RoundingMode; place: string }): Decimal {
  let p = places.get(rounding.place);
  if (p === undefined) places.set(rounding.place, (p = placeOf(rounding.place)));
  const place = p.place;
  let r: Decimal;
  if (place.isZero()) r = x;
  else if (shortcuts() && p.pow10 !== undefined && x.d && x.d.length <= 8) {
    // a power of ten, and x of at most 56 significant digits (< the 60 of the arithmetic): x / place
    // and the product back are exact, so rounding x at the place's decimals is the same value
    r = x.decimalPlaces() <= p.pow10 ? x : x.toDecimalPlaces(p.pow10, MODES[rounding.mode]);
  } else r = x.div(place).toDecimalPlaces(0, MODES[rounding.mode]).times(place);
  return r.isZero() ? ZERO : r;
}

function placeOf(text: string): Place {
  const place = new Decimal(text);
  const m = /^(?:1|0\.(0*)1)$/.exec(text.trim());
  return m ? { place, pow10: m[1] === undefined ? 0 : m[1].length + 1 } : { place };
}
