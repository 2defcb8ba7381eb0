// Properties of the evaluator, checked with fast-check over random plans and data.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RowValue, TableIR } from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import { D, component, deals, f, flat, pct, plan, reps, row, run, stmt, T, tiers, usd } from './builders.js';

/** Amounts with up to 2 decimals, as strings. */
const amount = fc.integer({ min: 0, max: 5_000_000 }).map((c) => new Decimal(c).div(100).toFixed());
const rate = fc.integer({ min: 0, max: 5000 }).map((bp) => (bp / 100).toString()); // 0%..50% in steps of 0.01%

describe('properties', () => {
  it('a per-period cap holds', () => {
    fc.assert(
      fc.property(fc.array(amount, { minLength: 0, maxLength: 8 }), rate, fc.integer({ min: 0, max: 100000 }), (amounts, r, cap) => {
        const ir = plan({ components: [component('c', flat(pct(r)), { caps: [{ per: 'period', limit: usd(cap), text: 'cap' }] })] });
        const res = run(ir, { reps: reps({ id: 'R1' }), deals: deals(...amounts.map((a, i) => ({ id: `D${i}`, owner: 'R1', amount: a, date: '2026-01-15' }))) });
        const line = D(stmt(res, 'R1', '2026-01').lines[0]!.amount);
        expect(line.lte(cap)).toBe(true);
        const exact = amounts.reduce((t, a) => t.plus(D(a).times(D(r).div(100))), D(0));
        expect(D(stmt(res, 'R1', '2026-01').lines[0]!.exact).eq(Decimal.min(exact, cap))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('a per-deal cap holds for every deal', () => {
    fc.assert(
      fc.property(
        fc.array(amount, { minLength: 1, maxLength: 8 }),
        rate,
        fc.integer({ min: 0, max: 20000 }),
        fc.constantFrom('per deal' as const, 'running total' as const),
        (amounts, r, cap, basis) => {
          const ir = plan({
            components: [
              component('c', tiers('marginal', 'amount', [['0', '10000', pct(r)], ['10000', undefined, pct(Number(r) * 2)]]), {
                basis,
                caps: [{ per: 'deal', limit: usd(cap), text: 'cap per deal' }],
              }),
            ],
          });
          const res = run(ir, { reps: reps({ id: 'R1' }), deals: deals(...amounts.map((a, i) => ({ id: `D${i}`, owner: 'R1', amount: a, date: `2026-01-${String(10 + i)}` }))) });
          const s = stmt(res, 'R1', '2026-01');
          expect(s.deals!.length).toBe(amounts.length);
          for (const d of s.deals!) expect(D(d.amount).lte(cap)).toBe(true);
          const total = s.deals!.reduce((t, d) => t.plus(d.amount), D(0));
          expect(total.eq(D(s.lines[0]!.exact))).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('split credit is conserved: ordinary credited amounts sum to the deal amount', () => {
    const splitsTable: TableIR = {
      name: 'splits',
      source: 'splits.csv',
      roster: false,
      fields: [f('deal', T.ref('deals')), f('rep', T.ref('reps')), f('share', T.pct), f('overlay', T.bool, { optional: true })],
    };
    // shares as integer parts of 10,000 (0.01% steps) summing to exactly 100%
    const shares = fc
      .array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 5 })
      .map((ws) => {
        const total = ws.reduce((a, b) => a + b, 0);
        const parts = ws.map((w) => Math.floor((w * 10000) / total));
        parts[0]! += 10000 - parts.reduce((a, b) => a + b, 0);
        return parts.map((p) => new Decimal(p).div(10000));
      })
      .filter((ps) => ps.every((p) => p.gt(0)));
    fc.assert(
      fc.property(amount, shares, fc.option(fc.integer({ min: 1, max: 100 })), (a, ps, overlay) => {
        const ir = plan({
          tables: [plan().tables[0]!, plan().tables[1]!, splitsTable],
          credits: [{ ...plan().credits[0]!, split: { table: 'splits', dealField: 'deal', repField: 'rep', shareField: 'share', overlayField: 'overlay' } }],
          components: [component('c', flat(pct(100)))],
        });
        const splitRows: RowValue[] = ps.map((p, i) => row('splits', String(i + 1), { deal: 'D1', rep: `R${i}`, share: p, overlay: false }, i + 2));
        if (overlay !== null) splitRows.push(row('splits', 'o', { deal: 'D1', rep: 'S', share: new Decimal(overlay).div(100), overlay: true }, 99));
        const res = run(ir, {
          reps: reps(...ps.map((_, i) => ({ id: `R${i}` })), { id: 'S' }),
          deals: deals({ id: 'D1', owner: 'R0', amount: a, date: '2026-01-15' }),
          splits: splitRows,
        });
        const ordinary = ps
          .map((_, i) => stmt(res, `R${i}`, '2026-01').deals!.reduce((t, d) => t.plus(d.credit), D(0)))
          .reduce((t, x) => t.plus(x), D(0));
        expect(ordinary.eq(D(a))).toBe(true);
        const s = stmt(res, 'S', '2026-01').deals!;
        expect(s.reduce((t, d) => t.plus(d.credit), D(0)).eq(overlay === null ? D(0) : D(a).times(overlay).div(100))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('payouts are monotonic in credit for a marginal tier table with non-negative rates', () => {
    const bandsArb = fc
      .array(fc.tuple(fc.integer({ min: 1, max: 100000 }), rate), { minLength: 1, maxLength: 5 })
      .map((xs) => {
        const widths = xs.map((x) => x[0]);
        const bounds: number[] = [0];
        for (const w of widths.slice(0, -1)) bounds.push(bounds[bounds.length - 1]! + w);
        return bounds.map((b, i): [string, string | undefined, ReturnType<typeof pct>] => [String(b), bounds[i + 1] !== undefined ? String(bounds[i + 1]) : undefined, pct(xs[i]![1])]);
      });
    fc.assert(
      fc.property(bandsArb, amount, amount, fc.constantFrom('period total' as const, 'running total' as const), (bands, x, y, basis) => {
        const [lo, hi] = D(x).lte(D(y)) ? [x, y] : [y, x];
        const compiled = compilePlan(plan({ components: [component('c', tiers('marginal', 'amount', bands), { basis })] }));
        const pay = (a: string) => {
          const out = evaluate(compiled, { reps: reps({ id: 'R1' }), deals: deals({ id: 'D1', owner: 'R1', amount: a, date: '2026-01-15' }) });
          return D(stmt(out.result!, 'R1', '2026-01').lines[0]!.exact);
        };
        expect(pay(lo).lte(pay(hi))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
