// The exact scaled-integer sums (runtime/scaled-sum.ts) against plain decimal.js sums: the same
// Decimal on every input, and the same evaluation output with the fast path on and off.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '../../runtime/decimal.js';
import { setScaledSums, sumDecimals, sumExact } from '../../runtime/scaled-sum.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import type { Expr } from '../../runtime/ir.js';
import { bin, component, dealF, drawnDeals, flat, pct, plan, reps, text, tiers, usd } from './builders.js';

/** units x 10^-scale as text (units a bigint). */
function textOf(units: bigint, scale: number): string {
  const neg = units < 0n;
  let s = (neg ? -units : units).toString();
  if (scale > 0) {
    s = s.padStart(scale + 1, '0');
    s = `${s.slice(0, s.length - scale)}.${s.slice(s.length - scale)}`;
  }
  return (neg ? '-' : '') + s;
}

const TWO53 = 2n ** 53n;
/** Amounts of every kind: cents, many places, near and over 2^53 units, huge, negative, zero, -0. */
const amountText: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -5_000_000, max: 5_000_000 }).map((c) => textOf(BigInt(c), 2)),
  fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 25 })).map(([u, s]) => textOf(u, s)),
  fc.tuple(fc.bigInt({ min: -1000n, max: 1000n }), fc.integer({ min: 0, max: 16 }), fc.boolean()).map(([k, s, neg]) => textOf((neg ? -1n : 1n) * (TWO53 + k), s)),
  fc.tuple(fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }), fc.integer({ min: -20, max: 20 })).map(([u, e]) => `${u}e${e}`),
  fc.constantFrom('0', '-0', '0.000', '1e-15', '1e-16', '-1e-40', '9007199254740991', '9007199254740992', '-9007199254740991', '0.9007199254740991', '123456789012345678901234567890.123456789'),
);

/** The plain decimal.js sum, in order. */
function plain(xs: Decimal[]): Decimal {
  let t = new Decimal(0);
  for (const x of xs) t = t.plus(x);
  return t;
}

/** A Decimal's whole state: digits, exponent, sign. */
function state(x: Decimal): string {
  const y = x as unknown as { d: number[] | null; e: number; s: number };
  return JSON.stringify([y.d, y.e, y.s]);
}

describe('scaled-integer sums', () => {
  it('give the same Decimal as decimal.js on random amounts', () => {
    fc.assert(
      fc.property(fc.array(amountText, { maxLength: 30 }), (texts) => {
        const xs = texts.map((t) => new Decimal(t));
        const want = plain(xs);
        const got = sumDecimals(xs);
        expect(state(got)).toBe(state(want));
        expect(got.toString()).toBe(want.toString());
        const was = setScaledSums(false);
        try {
          expect(state(sumDecimals(xs))).toBe(state(want));
        } finally {
          setScaledSums(was);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('give the same Decimal on sums that end near 2^53 units', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.array(fc.bigInt({ min: -2000n, max: 2000n }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 2, max: 5 }), (s, ks, parts) => {
        // parts of about 2^53 units, so the running sum crosses the bound in both directions
        const xs: Decimal[] = [];
        for (let i = 0; i < parts; i++) xs.push(new Decimal(textOf(TWO53 / BigInt(parts) + (ks[i % ks.length] ?? 0n), s)));
        for (const k of ks) xs.push(new Decimal(textOf(k, s)));
        xs.push(new Decimal(textOf(-(TWO53 / 2n), s)));
        expect(state(sumDecimals(xs))).toBe(state(plain(xs)));
      }),
      { numRuns: 500 },
    );
  });

  it('edge cases', () => {
    const d = (t: string): Decimal => new Decimal(t);
    for (const xs of [
      [],
      [d('-0')],
      [d('5'), d('-5')],
      [d('-0.5'), d('0.5')],
      [d('9007199254740991')],
      [d('9007199254740991'), d('1')],
      [d('9007199254740991'), d('1'), d('-2')],
      [d('0.1'), d('0.2'), d('0.3')],
      [d('1e15'), d('0.01')],
      [d('1e-15'), d('1')],
      [d('1e-16'), d('1')],
      [d('NaN')],
      [d('1'), d('Infinity')],
    ]) {
      const want = plain(xs);
      expect(state(sumDecimals(xs))).toBe(state(want));
      expect(state(sumExact(xs.length, (i) => xs[i]!))).toBe(state(want));
    }
  });
});

// ---- random small plans and data: the same output with the fast path off and on

const dealAmount: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -2_000_000, max: 20_000_000 }).map((c) => textOf(BigInt(c), 2)) },
  { weight: 1, arbitrary: amountText.filter((t) => !t.includes('e')) },
);

const rateE: fc.Arbitrary<Expr> = fc.oneof(
  fc.integer({ min: 0, max: 5000 }).map((bp) => pct(bp / 100)),
  fc.tuple(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 12 })).map(([u, s]) => pct(textOf(BigInt(u), s))),
);

const component$ = fc.tuple(
  fc.constantFrom('flat', 'marginal', 'retroactive'),
  rateE,
  rateE,
  fc.integer({ min: 0, max: 200000 }),
  fc.boolean(),
  fc.boolean(),
  fc.constantFrom('period total' as const, 'per deal' as const, 'running total' as const),
  fc.option(fc.integer({ min: 0, max: 500000 }), { nil: undefined }),
);

describe('evaluation with and without the scaled-integer sums', () => {
  it('gives identical JSON output on random plans and data', () => {
    fc.assert(
      fc.property(
        fc.array(component$, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), dealAmount, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 28 }), fc.constantFrom('Core', 'GTK')), { maxLength: 25 }),
        (comps, ds) => {
          const ir = plan({
            components: comps.map(([kind, r1, r2, bound, where, team, basis, cap], i) =>
              component(`c${i}`, kind === 'flat' ? flat(r1) : tiers(kind, 'amount', [['0', String(bound), r1], [String(bound), undefined, r2]]), {
                basis: team ? 'period total' : basis,
                measure: { team, text: 'credit', where: where ? bin('=', dealF('product'), text('GTK')) : undefined },
                caps: cap === undefined ? [] : [{ per: 'period', limit: usd(cap), text: 'cap' }],
              }),
            ),
          });
          const data = {
            reps: reps({ id: 'M1', role: 'Manager' }, { id: 'R1', manager: 'M1' }, { id: 'R2', manager: 'M1' }, { id: 'R3' }),
            deals: drawnDeals(ds),
          };
          const compiled = compilePlan(ir);
          const off = JSON.stringify(evaluate(compiled, data, { scaledSums: false }));
          const on = JSON.stringify(evaluate(compiled, data));
          expect(on).toBe(off);
          const onNoTraces = JSON.stringify(evaluate(compiled, data, { traces: false, deals: false }));
          const offNoTraces = JSON.stringify(evaluate(compiled, data, { traces: false, deals: false, scaledSums: false }));
          expect(onNoTraces).toBe(offNoTraces);
        },
      ),
      { numRuns: 150 },
    );
  });
});
