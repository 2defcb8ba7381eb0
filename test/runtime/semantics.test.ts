// Semantics beyond the acceptance table: rounding modes, bases, band boundaries, caps,
// errors and their locations, reporting ranges, determinism.
import { describe, expect, it } from 'vitest';
import type { Dataset, RoundingMode } from '../../runtime/ir.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import { roundLine } from '../../runtime/rounding.js';
import { fixed, formatAmount, formatPercent, groupThousands } from '../../runtime/format.js';
import {
  D,
  bin,
  component,
  credit,
  dealF,
  deals,
  flat,
  letE,
  letIR,
  lineOf,
  pct,
  plan,
  reps,
  run,
  stmt,
  text,
  tiers,
  traceText,
  usd,
} from './builders.js';
import { traceNodes } from '../helpers/trace.js';

const nodes = traceNodes;

describe('rounding modes', () => {
  const cases: [string, Record<RoundingMode, string>][] = [
    ['0.005', { 'half away from zero': '0.01', 'half even': '0', 'half up': '0.01', 'half down': '0', up: '0.01', down: '0' }],
    ['-0.005', { 'half away from zero': '-0.01', 'half even': '0', 'half up': '0', 'half down': '-0.01', up: '-0.01', down: '0' }],
    ['0.015', { 'half away from zero': '0.02', 'half even': '0.02', 'half up': '0.02', 'half down': '0.01', up: '0.02', down: '0.01' }],
    ['0.025', { 'half away from zero': '0.03', 'half even': '0.02', 'half up': '0.03', 'half down': '0.02', up: '0.03', down: '0.02' }],
    ['1675.0025', { 'half away from zero': '1675', 'half even': '1675', 'half up': '1675', 'half down': '1675', up: '1675.01', down: '1675' }],
    ['-2.2751', { 'half away from zero': '-2.28', 'half even': '-2.28', 'half up': '-2.28', 'half down': '-2.28', up: '-2.28', down: '-2.27' }],
  ];
  for (const [x, want] of cases) {
    it(`rounds ${x} in all six modes`, () => {
      for (const mode of Object.keys(want) as RoundingMode[]) {
        expect(roundLine(D(x), { mode, place: '0.01' }).toFixed(), `${mode}`).toBe(want[mode]);
      }
    });
  }
  it('rounds to other places', () => {
    expect(roundLine(D('1234.5'), { mode: 'half even', place: '1' }).toFixed()).toBe('1234');
    expect(roundLine(D('1.03'), { mode: 'half away from zero', place: '0.05' }).toFixed()).toBe('1.05');
    expect(roundLine(D('1.024'), { mode: 'half away from zero', place: '0.05' }).toFixed()).toBe('1');
  });
  it('the plan rounding mode and place apply to the line and its string', () => {
    const ir = plan({ rounding: { mode: 'half even', place: '1' }, components: [component('c', flat(pct(100)))] });
    const r = run(ir, { reps: reps({ id: 'R1' }), deals: deals({ id: 'D1', owner: 'R1', amount: '2.5', date: '2026-01-02' }) });
    expect(lineOf(r, 'R1', '2026-01', 'c')).toBe('2');
    expect(stmt(r, 'R1', '2026-01').paid).toBe('2');
  });
});

describe('format', () => {
  it('groups thousands and keeps exact decimals', () => {
    expect(groupThousands('-1234567.891')).toBe('-1,234,567.891');
    expect(formatAmount(D('5000'))).toBe('5,000.00');
    expect(formatAmount(D('2.2725'))).toBe('2.2725');
    expect(formatAmount(D(1).div(3))).toBe('0.33333333…');
    expect(formatPercent(D('0.075'))).toBe('7.5%');
    expect(formatPercent(D('1.3'))).toBe('130%');
    expect(fixed(D('5'), 2)).toBe('5.00');
    expect(fixed(D('-5.1'), 2)).toBe('-5.10');
    expect(fixed(D('-0.001'), 2)).toBe('0.00');
    expect(fixed(D('2.275'), 2)).toBe('2.28');
    expect(formatAmount(D('-1234567.5'))).toBe('-1,234,567.50');
    expect(formatAmount(D('999'))).toBe('999.00');
  });
});

const bands1000 = tiers('marginal', 'amount', [
  ['0', '1000', pct(1)],
  ['1000', undefined, pct(2)],
]);

describe('bases', () => {
  const data: Dataset = {
    reps: reps({ id: 'R1' }),
    deals: deals({ id: 'D1', owner: 'R1', amount: 600, date: '2026-01-05' }, { id: 'D2', owner: 'R1', amount: 600, date: '2026-01-06' }),
  };
  it('same inputs, three bases, different payouts', () => {
    const pay = (basis: 'per deal' | 'period total' | 'running total') =>
      lineOf(run(plan({ components: [component('c', bands1000, { basis })] }), data), 'R1', '2026-01', 'c');
    expect(pay('per deal')).toBe('12.00');
    expect(pay('period total')).toBe('14.00');
    expect(pay('running total')).toBe('14.00');
  });
  it('running total pays each deal for its slice', () => {
    const r = run(plan({ components: [component('c', bands1000, { basis: 'running total' })] }), data);
    const s = stmt(r, 'R1', '2026-01');
    expect(s.deals!.map((d) => [d.deal, d.amount])).toEqual([
      ['D1', '6'],
      ['D2', '8'],
    ]);
    expect(traceText(s).some((t) => t.includes('running total 600.00 -> 1,200.00'))).toBe(true);
  });
  it('running total retroactive pays each deal at the band its running total reaches', () => {
    const retro = tiers('retroactive', 'amount', [
      ['0', '1000', pct(1)],
      ['1000', undefined, pct(2)],
    ]);
    const r = run(plan({ components: [component('c', retro, { basis: 'running total' })] }), data);
    // D1: 600 @ 1% = 6; D2 reaches 1,200: 600 @ 2% = 12
    expect(lineOf(r, 'R1', '2026-01', 'c')).toBe('18.00');
  });
  it('per-deal cap applies to each deal, then the period cap', () => {
    const ir = plan({
      components: [
        component('c', flat(pct(10)), {
          basis: 'per deal',
          caps: [
            { per: 'deal', limit: usd(50), text: 'cap USD 50 per deal' },
            { per: 'period', limit: usd(90), text: 'cap USD 90 per period' },
          ],
        }),
      ],
    });
    const r = run(ir, {
      reps: reps({ id: 'R1' }),
      deals: deals({ id: 'D1', owner: 'R1', amount: 1000, date: '2026-01-05' }, { id: 'D2', owner: 'R1', amount: 400, date: '2026-01-06' }),
    });
    // 100 -> 50, 40; total 90 -> within the period cap
    expect(lineOf(r, 'R1', '2026-01', 'c')).toBe('90.00');
  });
});

describe('band boundaries: a band owns its from and not its to', () => {
  const att = (mode: 'marginal' | 'retroactive') =>
    tiers(mode, 'attainment', [
      ['0', '1', pct(8)],
      ['1', '1.2', pct(12)],
      ['1.2', undefined, pct(16)],
    ]);
  const at = (mode: 'marginal' | 'retroactive', amount: number) =>
    lineOf(
      run(plan({ components: [component('c', att(mode))] }), {
        reps: reps({ id: 'R1', quota: 100000 }),
        deals: deals({ id: 'D1', owner: 'R1', amount, date: '2026-01-05' }),
      }),
      'R1',
      '2026-01',
      'c',
    );
  it('retroactive: exactly 100% is in the 12% band, exactly 120% in the 16% band', () => {
    expect(at('retroactive', 99999)).toBe('7999.92');
    expect(at('retroactive', 100000)).toBe('12000.00');
    expect(at('retroactive', 120000)).toBe('19200.00');
    expect(at('retroactive', 119999)).toBe('14399.88');
  });
  it('marginal: exactly at the edges', () => {
    expect(at('marginal', 100000)).toBe('8000.00');
    expect(at('marginal', 120000)).toBe('10400.00');
    expect(at('marginal', 0)).toBe('0.00');
  });
  it('amount bands: retroactive at exactly 1,000', () => {
    const retro = tiers('retroactive', 'amount', [
      ['0', '1000', pct(1)],
      ['1000', undefined, pct(2)],
    ]);
    const one = (a: number) =>
      lineOf(run(plan({ components: [component('c', retro)] }), { reps: reps({ id: 'R1' }), deals: deals({ id: 'D1', owner: 'R1', amount: a, date: '2026-01-05' }) }), 'R1', '2026-01', 'c');
    expect(one(999)).toBe('9.99');
    expect(one(1000)).toBe('20.00');
  });
  it('a first band above zero pays nothing below it', () => {
    const t = tiers('retroactive', 'amount', [['500', undefined, pct(10)]]);
    const one = (a: number) =>
      lineOf(run(plan({ components: [component('c', t)] }), { reps: reps({ id: 'R1' }), deals: deals({ id: 'D1', owner: 'R1', amount: a, date: '2026-01-05' }) }), 'R1', '2026-01', 'c');
    expect(one(499)).toBe('0.00');
    expect(one(500)).toBe('50.00');
  });
  it('attainment cap limits the measure paid', () => {
    const ir = plan({ components: [component('c', flat(pct(10)), { attainmentCap: { limit: pct(150), text: 'cap attainment at 150%' }, quota: letE('quota'), attainment: letE('attainment') })] });
    const r = run(ir, { reps: reps({ id: 'R1', quota: 1000 }), deals: deals({ id: 'D1', owner: 'R1', amount: 2000, date: '2026-01-05' }) });
    expect(lineOf(r, 'R1', '2026-01', 'c')).toBe('150.00');
  });
});

describe('credit', () => {
  it('credit where and the credit rule filter', () => {
    const ir = plan({
      credits: [{ ...plan().credits[0]!, where: bin('=', dealF('stage'), text('Won')) }],
      lets: [letIR('gtx', credit(bin('=', dealF('product'), text('GTX'))), 'money')],
      components: [component('gtx', flat(pct(10)), { measure: { team: false, where: bin('=', dealF('product'), text('GTX')), text: 'credit where deal.product = "GTX"' } })],
    });
    const r = run(ir, {
      reps: reps({ id: 'R1' }),
      deals: deals(
        { id: 'D1', owner: 'R1', amount: 100, date: '2026-01-05', product: 'GTX' },
        { id: 'D2', owner: 'R1', amount: 200, date: '2026-01-06' },
        { id: 'D3', owner: 'R1', amount: 400, date: '2026-01-07', product: 'GTX', stage: 'Lost' },
      ),
    });
    const s = stmt(r, 'R1', '2026-01');
    expect(s.values!.gtx).toBe('100');
    expect(lineOf(r, 'R1', '2026-01', 'gtx')).toBe('10.00');
    expect(nodes(s.trace, 'credits')[0]!.value).toBe('300');
  });
  it('periods default to the earliest and latest credit', () => {
    const ir = plan({ periods: { frequency: 'month', every: 1 }, components: [component('c', flat(pct(10)))] });
    const r = run(ir, {
      reps: reps({ id: 'R1' }),
      deals: deals({ id: 'D1', owner: 'R1', amount: 100, date: '2026-03-05' }, { id: 'D2', owner: 'R1', amount: 100, date: '2026-05-31' }),
    });
    expect(r.periods.map((p) => p.key)).toEqual(['2026-03', '2026-04', '2026-05']);
  });
  it('a credited row with an empty amount or date is COMP7003 at that row', () => {
    const ir = plan({ components: [component('c', flat(pct(10)))] });
    const out = evaluate(compilePlan(ir), {
      reps: reps({ id: 'R1' }),
      deals: deals({ id: 'D1', owner: 'R1', amount: null, date: '2026-01-05' }, { id: 'D2', owner: 'R1', amount: 5, date: null }, { id: 'D3', owner: 'R1', amount: 5, date: '2026-01-05' }),
    });
    expect(out.result).toBeUndefined();
    expect(out.errors.map((e) => [e.code, e.file, e.line, e.column])).toEqual([
      ['COMP7003', 'deals.csv', 2, 1],
      ['COMP7003', 'deals.csv', 3, 1],
    ]);
    expect(out.errors[0]!.message).toContain('a credited row has no amount');
  });
  it('collects errors for every rep and period', () => {
    const ir = plan({
      periods: { frequency: 'month', every: 1, from: '2026-01-01', to: '2026-02-28' },
      lets: [letIR('att', bin('/', credit(), { k: 'field', of: { k: 'ctx', name: 'rep' }, name: 'quota' }), 'percent')],
      components: [component('c', flat(letE('att')))],
    });
    const out = evaluate(compilePlan(ir), { reps: reps({ id: 'R1', quota: 0 }, { id: 'R2', quota: 10 }, { id: 'R3', quota: 0 }), deals: [] });
    expect(out.errors.map((e) => `${e.code} ${e.line} ${e.message}`)).toEqual([
      'COMP7001 2 component `c` divides by zero for rep `R1` in 2026-01',
      'COMP7001 2 component `c` divides by zero for rep `R1` in 2026-02',
      'COMP7001 4 component `c` divides by zero for rep `R3` in 2026-01',
      'COMP7001 4 component `c` divides by zero for rep `R3` in 2026-02',
    ]);
  });
});

describe('weekly periods without from/to', () => {
  it('start on the Monday on or before the earliest credit', () => {
    const ir = plan({ periods: { frequency: 'week', every: 1 }, components: [component('c', flat(pct(10)))] });
    const r = run(
      ir,
      { reps: reps({ id: 'R1' }), deals: deals({ id: 'D1', owner: 'R1', amount: 100, date: '2026-01-07' }, { id: 'D2', owner: 'R1', amount: 100, date: '2026-01-19' }) },
      { from: '2026-01-12' },
    );
    expect(r.periods.map((p) => p.key)).toEqual(['2026-01-12', '2026-01-19']);
    expect(lineOf(r, 'R1', '2026-01-19', 'c')).toBe('10.00');
  });
});

describe('reporting range', () => {
  it('evaluates from the first period so balances carry, reports only from..to', () => {
    const ir = plan({ components: [component('c', flat(pct(100)))], draws: [{ recoverable: true, amount: usd(100), text: 'draw' }] });
    const data: Dataset = {
      reps: reps({ id: 'R1' }),
      deals: deals({ id: 'D1', owner: 'R1', amount: 40, date: '2026-01-05' }, { id: 'D2', owner: 'R1', amount: 200, date: '2026-02-05' }),
    };
    const r = run(ir, data, { from: '2026-02', to: '2026-03' });
    expect(r.periods.map((p) => p.key)).toEqual(['2026-02', '2026-03']);
    expect(r.statements.map((s) => `${s.period} ${s.paid} ${s.drawBalance}`)).toEqual(['2026-02 140.00 0.00', '2026-03 100.00 100.00']);
    expect(r.summary.totalPaid).toBe('240.00');
    expect(r.summary.drawBalances).toEqual([{ rep: 'R1', amount: '100.00' }]);
  });
});

describe('determinism', () => {
  it('the same data in any row order gives byte-identical results', () => {
    const ir = plan({
      components: [
        component('accel', tiers('marginal', 'attainment', [['0', '1', pct(8)], ['1', undefined, pct(12)]]), { basis: 'running total' }),
        component('team', flat(pct(3)), { measure: { team: true, text: 'team credit' } }),
      ],
    });
    const repRows = reps({ id: 'M', quota: 1000 }, { id: 'A', manager: 'M', quota: 500 }, { id: 'B', manager: 'M', quota: 700 });
    const dealRows = deals(
      { id: 'D1', owner: 'A', amount: 300, date: '2026-01-05' },
      { id: 'D2', owner: 'A', amount: 300, date: '2026-01-05' },
      { id: 'D3', owner: 'B', amount: 900, date: '2026-01-09' },
      { id: 'D4', owner: 'M', amount: '100.01', date: '2026-02-01' },
      { id: 'D5', owner: 'B', amount: 50, date: '2026-01-05' },
      { id: 'D6', owner: 'A', amount: 1000, date: '2026-03-31' },
    );
    const base = JSON.stringify(run(ir, { reps: repRows, deals: dealRows }));
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 10; i++) {
      const shuffle = <X>(xs: X[]): X[] => [...xs].map((x) => [rand(), x] as const).sort((a, b) => a[0] - b[0]).map((p) => p[1]);
      expect(JSON.stringify(run(ir, { reps: shuffle(repRows), deals: shuffle(dealRows) }))).toBe(base);
    }
  });
});
