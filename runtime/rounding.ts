// Rounding of payout lines: the only place where the runtime rounds.
import { Decimal } from './decimal.js';
import type { RoundingMode } from './ir.js';

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

/** Rounds `x` to a multiple of `place` ('0.01', '1', '0.05') in the given mode. Never returns -0. */
const places = new Map<string, Decimal>();

export function roundLine(x: Decimal, rounding: { mode: RoundingMode; place: string }): Decimal {
  let place = places.get(rounding.place);
  if (place === undefined) places.set(rounding.place, (place = new Decimal(rounding.place)));
  let r: Decimal;
  if (place.isZero()) r = x;
  else r = x.div(place).toDecimalPlaces(0, MODES[rounding.mode]).times(place);
  return r.isZero() ? new Decimal(0) : r;
}
