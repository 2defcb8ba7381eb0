// runtime/rows.ts decimalOfUnits: the Decimal of an exact scaled integer, laid out without a text,
// is the very Decimal decimal.js parses from the text `<units>e-<scale>` (sign, exponent, digit words).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '../../runtime/decimal.js';
import { decimalOfUnits } from '../../runtime/rows.js';

const fields = (x: Decimal) => {
  const o = x as unknown as { s: number; e: number; d: number[] | null; constructor: unknown };
  return { s: o.s, e: o.e, d: o.d, own: Object.keys(o), ctor: o.constructor === Decimal };
};

describe('decimalOfUnits', () => {
  it('makes the Decimal of the text <units>e-<scale>', () => {
    const units = fc.oneof(
      fc.maxSafeInteger(),
      fc.integer({ min: -99_999_999, max: 99_999_999 }),
      fc.tuple(fc.integer({ min: -9999, max: 9999 }), fc.nat(12)).map(([m, k]) => m * 10 ** k),
      fc.constantFrom(0, 1, -1, 10, 1_000_000, 10_000_000, 9_999_999, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER),
    );
    fc.assert(
      fc.property(units, fc.nat(17), (u, scale) => {
        const want = new Decimal(`${u}e-${scale}`);
        const got = decimalOfUnits(u, scale);
        expect(fields(got), `${u}e-${scale}`).toEqual(fields(want));
        expect(got.toString()).toBe(want.toString());
        expect(got.plus(want).eq(want.times(2))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
