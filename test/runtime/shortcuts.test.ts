// The evaluator's exact shortcuts (runtime/rounding.ts `setShortcuts`: a power-of-ten rounding in
// one step, lets and components' `for` read only from the rep computed once per rep, a team's
// quota summed once per team, zero-rate bands skipped, 0% and
// 100% band bounds without a multiplication, a zero divisor under `otherwise` without an
// exception; runtime/exact.ts: plus, minus and compare without copies) against the general path:
// the same Decimal, the same evaluation output.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '../../runtime/decimal.js';
import { roundLine, setShortcuts } from '../../runtime/rounding.js';
import { cmp, minus, plus } from '../../runtime/exact.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import { decOfNumber } from '../../runtime/engine/values.js';
import { exactText, fixed } from '../../runtime/format.js';
import type { Expr, RoundingMode, RunResult, TableIR, Value } from '../../runtime/ir.js';
import { bin, component, credit, dealF, drawnDeals, f, flat, letE, letIR, lookup, otherwise, pct, plan, repF, reps, row, T, teamCredit, text, tiers, usd } from './builders.js';

const MODES: RoundingMode[] = ['half away from zero', 'half even', 'half up', 'half down', 'up', 'down'];

/** A decimal of up to 40 digits, as decimal.js reads it from text. */
const decimal$ = fc
  .tuple(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: 0, max: 30 }))
  .map(([u, scale]) => new Decimal(`${u}e-${scale}`));

function state(x: Decimal): string {
  return `${x.s}|${x.e}|${x.d?.join(',')}|${x.toFixed()}|${x.isNegative()}`;
}

describe('exact operations without decimal.js copies (runtime/exact.ts)', () => {
  const special$ = fc.constantFrom(new Decimal(0), new Decimal('-0'), new Decimal(NaN), new Decimal(Infinity), new Decimal(-Infinity), new Decimal('1e-40'), new Decimal('1e40'));
  const any$ = fc.oneof(decimal$, decimal$, special$, decimal$.map((x) => x.times('1.' + '3'.repeat(59))));
  it('compare, add and subtract as decimal.js does', () => {
    fc.assert(
      fc.property(any$, any$, (x, y) => {
        const c = cmp(x, y);
        expect(Number.isNaN(c) ? 'NaN' : c).toBe(Number.isNaN(x.cmp(y)) ? 'NaN' : x.cmp(y));
        expect(state(plus(x, y))).toBe(state(x.plus(y)));
        expect(state(minus(x, y))).toBe(state(x.minus(y)));
        expect(state(plus(x, new Decimal(0)))).toBe(state(x.plus(0)));
        expect(state(plus(new Decimal('-0'), x))).toBe(state(new Decimal('-0').plus(x)));
        expect(state(minus(x, new Decimal('-0')))).toBe(state(x.minus('-0')));
        expect(cmp(x, x)).toBe(Number.isNaN(x.cmp(x)) ? NaN : 0);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('numbers and zeros without decimal.js text', () => {
  it('gives a number the Decimal of its text, with the shortcuts on and off', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -0, 3.5, 4.1, 0.1 + 0.2, 1e21, 5e-7)), (v) => {
        expect(state(decOfNumber(v))).toBe(state(new Decimal(String(v))));
        expect(decOfNumber(v)).toBe(decOfNumber(v));
        const was = setShortcuts(false);
        try {
          expect(state(decOfNumber(v))).toBe(state(new Decimal(String(v))));
        } finally {
          setShortcuts(was);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('prints a zero (and -0) as the text of decimal.js, padded, never -0', () => {
    for (const z of [new Decimal(0), new Decimal('-0'), new Decimal('0.000'), new Decimal('-0e-5')]) {
      expect(exactText(z)).toBe('0');
      for (let dp = 0; dp < 8; dp++) expect(fixed(z, dp)).toBe(dp === 0 ? '0' : `0.${'0'.repeat(dp)}`);
    }
    expect(fixed(new Decimal('-0.001'), 2)).toBe('0.00');
    expect(fixed(new Decimal('12.5'), 2)).toBe('12.50');
    expect(exactText(new Decimal('-12.50'))).toBe('-12.5');
  });
});

describe('rounding a payout line', () => {
  it('gives the same Decimal with the one-step power-of-ten path and by division', () => {
    fc.assert(
      fc.property(decimal$, fc.constantFrom('0.01', '1', '0.001', '0.1', '0.05', '10', '0.25', '0'), fc.constantFrom(...MODES), (x, place, mode) => {
        const on = roundLine(x, { place, mode });
        const was = setShortcuts(false);
        try {
          expect(state(on)).toBe(state(roundLine(x, { place, mode })));
        } finally {
          setShortcuts(was);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never gives -0 and keeps exact halves', () => {
    for (const mode of MODES) {
      expect(roundLine(new Decimal('-0.001'), { place: '0.01', mode }).isNegative() && roundLine(new Decimal('-0.001'), { place: '0.01', mode }).isZero()).toBe(false);
    }
    expect(roundLine(new Decimal('2.345'), { place: '0.01', mode: 'half even' }).toFixed()).toBe('2.34');
    expect(roundLine(new Decimal('-2.345'), { place: '0.01', mode: 'half away from zero' }).toFixed()).toBe('-2.35');
    // more digits than the arithmetic's 60: the division (and so the general path) rounds them first
    const long = new Decimal('2.344999999999999999999999999999999999999999999999999999999999999');
    const was = setShortcuts(false);
    const general = roundLine(long, { place: '0.01', mode: 'half up' }).toFixed();
    setShortcuts(was);
    expect(roundLine(long, { place: '0.01', mode: 'half up' }).toFixed()).toBe(general);
  });
});

const rate$ = fc.constantFrom('0', '0', '1', '2.5', '6', '9', '12', '0.125');
const bound$ = fc.constantFrom('0.5', '1', '1.5', '2');
const amount$ = fc.oneof(
  fc.integer({ min: -2000, max: 400000 }).map((n) => (n / 100).toFixed(2)),
  fc.integer({ min: 1, max: 10 ** 9 }).map((n) => (n / 10000).toFixed(4)),
);
const quota$ = fc.constantFrom('0', '1000', '2500.50', '10000', '0.01', '333.333');

describe('evaluation with and without the shortcuts', () => {
  it('gives identical output on random plans and data, traced and not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('marginal' as const, 'retroactive' as const, 'flat' as const), rate$, rate$, rate$, bound$, fc.boolean(), fc.boolean(), fc.constantFrom('period total' as const, 'per deal' as const, 'running total' as const)), { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), amount$, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 28 }), fc.constantFrom('Core', 'GTK')), { maxLength: 25 }),
        fc.tuple(quota$, quota$, quota$, quota$),
        fc.constantFrom('0.01', '1', '0.05', '0.001'),
        fc.constantFrom(...MODES),
        fc.integer({ min: 0, max: 4 }),
        (comps, ds, quotas, place, mode, shift) => {
          const forAE: Expr = bin('=', repF('role'), text('AE'));
          const ir = plan({
            rounding: { mode, place },
            tables: [...plan().tables, csatTable],
            lets: [
              // read only from the rep (once per rep), and a division under `otherwise` (zero quotas)
              letIR('quota', bin('*', repF('quota'), { k: 'num', value: '3', unit: 'integer' }), 'money'),
              letIR('attainment', otherwise(bin('/', credit(), letE('quota')), pct(0)), 'percent'),
              letIR('team attainment', otherwise(bin('/', teamCredit(), { k: 'team', what: 'quota' }), pct(0)), 'percent'),
            ],
            components: comps.map(([kind, r1, r2, r3, bound, team, gated, basis], i) =>
              component(
                `c${i}`,
                kind === 'flat' ? flat(pct(r1)) : tiers(kind, 'attainment', [['0', '1', pct(r1)], ['1', bound === '1' ? '1.5' : bound, pct(r2)], [bound === '1' ? '1.5' : bound, undefined, pct(r3)]]),
                {
                  basis: team || kind !== 'flat' ? 'period total' : basis,
                  measure: team ? { team: true, text: 'team credit' } : { team: false, text: 'credit' },
                  ...(team ? { quota: { k: 'team', what: 'quota' } as Expr, attainment: letE('team attainment') } : {}),
                  appliesTo: team ? bin('=', repF('role'), text('Manager')) : forAE,
                  // a gate on attainment, or on a per-period table's number (`csat.score`, read per rep and period)
                  gates: gated ? [i % 2 === 0 ? { cond: bin('>=', letE('attainment'), pct(50)), text: 'gate' } : { cond: bin('>=', lookup('csat', 'score'), { k: 'num', value: '3.5', unit: 'decimal' } as Expr), text: 'csat' }] : [],
                  caps: i === 0 ? [{ per: 'period', limit: usd(5000), text: 'cap' }] : [],
                },
              ),
            ),
          });
          const data = {
            reps: reps({ id: 'M1', role: 'Manager', quota: quotas[0] }, { id: 'R1', manager: 'M1', quota: quotas[1] }, { id: 'R2', manager: 'M1', quota: quotas[2] }, { id: 'R3', manager: 'M2', quota: quotas[3] }, { id: 'M2', role: 'Manager', quota: quotas[1] }),
            deals: drawnDeals(ds),
            // every rep and month has a score (numbers, as a loader's number column gives them)
            csat: ['M1', 'R1', 'R2', 'R3', 'M2'].flatMap((rep, r) =>
              Array.from({ length: 12 }, (_, m) => row('csat', `${rep}-${m}`, { rep, month: `2026-${String(m + 1).padStart(2, '0')}`, score: (((r * 7 + m * 3 + shift) % 5) + 1.5) as unknown as Value })),
            ),
          };
          const compiled = compilePlan(ir);
          const on = evaluate(compiled, data);
          expect(JSON.stringify(on)).toBe(JSON.stringify(evaluate(compiled, data, { shortcuts: false })));
          const untraced = evaluate(compiled, data, { traces: false, deals: false, values: 'shown' });
          expect(JSON.stringify(untraced)).toBe(JSON.stringify(evaluate(compiled, data, { traces: false, deals: false, values: 'shown', shortcuts: false })));
          // the figures of a run without traces are those of the traced run
          expect(figures(untraced.result)).toBe(figures(on.result));
        },
      ),
      { numRuns: 200 },
    );
  });
});

const csatTable: TableIR = {
  name: 'csat',
  source: 'csat.csv',
  roster: false,
  fields: [f('rep', T.ref('reps')), f('month', T.period), f('score', T.dec)],
  repField: 'rep',
  periodField: 'month',
};

/** A run's figures: every statement without its trace, values and deal lines. */
function figures(r: RunResult | undefined): string {
  if (!r) return 'no result';
  return JSON.stringify({ ...r, statements: r.statements.map(({ trace: _t, values: _v, deals: _d, ...s }) => s) });
}
