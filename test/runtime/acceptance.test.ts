// Acceptance cases A1-A16 (figures copied from the shared acceptance table), built as IR by hand.
import { describe, expect, it } from 'vitest';
import type { ClawbackIR, Dataset, RowValue, Statement, TableIR } from '../../runtime/ir.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import {
  D,
  attainmentLet,
  bin,
  call,
  component,
  credit,
  dealF,
  deals,
  dec,
  draw,
  dt,
  f,
  flat,
  ifE,
  letE,
  letIR,
  lineOf,
  lookup,
  otherwise,
  pct,
  plan,
  repF,
  reps,
  row,
  run,
  stmt,
  T,
  teamCredit,
  text,
  tiers,
  usd,
} from './builders.js';
import { traceNodes } from '../helpers/trace.js';

const nodes = traceNodes;

function letValue(s: Statement, name: string): string | undefined {
  return nodes(s.trace, 'let').find((n) => n.text.startsWith(`${name} =`))?.value;
}

describe('A1 graduated tiers per transaction', () => {
  it('pays each transaction through the bands on its own', () => {
    const ir = plan({
      periods: { frequency: 'quarter', every: 1, from: '2026-01-01', to: '2026-12-31' },
      components: [
        component(
          'steps',
          tiers('marginal', 'amount', [
            ['0', '1000', pct(1)],
            ['1000', '3000', pct(2)],
            ['3000', '8000', pct(3)],
            ['8000', '20000', pct(5)],
          ]),
          { basis: 'per deal' },
        ),
      ],
    });
    const amounts = [200, 300, 1500, 1200, 2000, 4500];
    const data: Dataset = {
      reps: reps({ id: 'R1' }),
      deals: deals(...amounts.map((a, i) => ({ id: `T${i + 1}`, owner: 'R1', amount: a, date: `2026-02-${String(i + 10)}` }))),
    };
    const r = run(ir, data);
    const s = stmt(r, 'R1', '2026-Q1');
    expect(lineOf(r, 'R1', '2026-Q1', 'steps')).toBe('164.00');
    const dealNodes = nodes(s.trace, 'deal').filter((n) => n.children);
    expect(dealNodes.map((n) => n.value)).toEqual(['2', '3', '20', '14', '30', '95']);
  });
});

describe('A2 marginal accelerator on attainment', () => {
  it('195,000 on 150,000 pays 18,000.00', () => {
    const ir = plan({
      components: [
        component(
          'accel',
          tiers('marginal', 'attainment', [
            ['0', '1', pct(8)],
            ['1', '1.2', pct(12)],
            ['1.2', undefined, pct(16)],
          ]),
        ),
      ],
    });
    const r = run(ir, { reps: reps({ id: 'R1', quota: 150000 }), deals: deals({ id: 'D1', owner: 'R1', amount: 195000, date: '2026-03-10' }) });
    expect(lineOf(r, 'R1', '2026-03', 'accel')).toBe('18000.00');
    const bands = nodes(stmt(r, 'R1', '2026-03').trace, 'band');
    expect(bands.map((b) => b.value)).toEqual(['12000', '3600', '2400']);
    expect(bands[1]!.text).toBe('band [100%, 120%) @ 12% on 30,000.00 = 3,600.00');
  });
});

describe('A3 retroactive vs above-quota', () => {
  const data: Dataset = {
    reps: reps({ id: 'R1', quota: 80000 }, { id: 'R2', quota: 80000 }),
    deals: deals({ id: 'D1', owner: 'R1', amount: 120000, date: '2026-01-10' }, { id: 'D2', owner: 'R2', amount: 70000, date: '2026-01-10' }),
  };
  it('A: only above quota (marginal band at 0%)', () => {
    const ir = plan({ components: [component('above', tiers('marginal', 'attainment', [['0', '1', pct(0)], ['1', undefined, pct(8)]]))] });
    const r = run(ir, data);
    expect(lineOf(r, 'R1', '2026-01', 'above')).toBe('3200.00');
    expect(lineOf(r, 'R2', '2026-01', 'above')).toBe('0.00');
  });
  it('B: retroactive once quota is reached', () => {
    const ir = plan({ components: [component('retro', tiers('retroactive', 'attainment', [['0', '1', pct(0)], ['1', undefined, pct(8)]]))] });
    const r = run(ir, data);
    expect(lineOf(r, 'R1', '2026-01', 'retro')).toBe('9600.00');
    expect(lineOf(r, 'R2', '2026-01', 'retro')).toBe('0.00');
  });
});

describe('A4 minimum-attainment cliff', () => {
  it('pays from the first dollar at exactly 70%', () => {
    const ir = plan({
      components: [component('cliff', flat(pct(10)), { gates: [{ cond: bin('>=', letE('attainment'), pct(70)), text: 'attainment >= 70%' }] })],
    });
    const amounts = [500000, 690000, 700000, 900000];
    const r = run(ir, {
      reps: reps(...amounts.map((_, i) => ({ id: `R${i + 1}`, quota: 1000000 }))),
      deals: deals(...amounts.map((a, i) => ({ id: `D${i + 1}`, owner: `R${i + 1}`, amount: a, date: '2026-06-30' }))),
    });
    expect(amounts.map((_, i) => lineOf(r, `R${i + 1}`, '2026-06', 'cliff'))).toEqual(['0.00', '0.00', '70000.00', '90000.00']);
    const gate = nodes(stmt(r, 'R2', '2026-06').trace, 'gate')[0]!;
    expect(gate.value).toBe('fail');
    expect(gate.text).toContain('not met');
    expect(nodes(stmt(r, 'R3', '2026-06').trace, 'gate')[0]!.value).toBe('pass');
  });
});

describe('A5 threshold, then bands on budget', () => {
  it('16.50 / 0.00 / 4.70', () => {
    const ir = plan({
      components: [
        component(
          'budget',
          tiers('marginal', 'attainment', [
            ['0', '0.5', dec('0.1')],
            ['0.5', '1', dec('0.2')],
            ['1', undefined, dec('0.3')],
          ]),
          { gates: [{ cond: bin('>', letE('attainment'), pct(50)), text: 'attainment > 50%' }] },
        ),
      ],
    });
    const actual = [100, 45, 46];
    const r = run(ir, {
      reps: reps(...actual.map((_, i) => ({ id: `R${i + 1}`, quota: 90 }))),
      deals: deals(...actual.map((a, i) => ({ id: `D${i + 1}`, owner: `R${i + 1}`, amount: a, date: '2026-01-31' }))),
    });
    expect(actual.map((_, i) => lineOf(r, `R${i + 1}`, '2026-01', 'budget'))).toEqual(['16.50', '0.00', '4.70']);
  });
});

describe('A6 period cap', () => {
  it('caps at 10,000 a month', () => {
    const ir = plan({ components: [component('c', flat(pct(3)), { caps: [{ per: 'period', limit: usd(10000), text: 'cap USD 10,000 per period' }] })] });
    const r = run(ir, {
      reps: reps({ id: 'R1' }),
      deals: deals({ id: 'D1', owner: 'R1', amount: 400000, date: '2026-01-05' }, { id: 'D2', owner: 'R1', amount: 300000, date: '2026-02-05' }),
    });
    expect(lineOf(r, 'R1', '2026-01', 'c')).toBe('10000.00');
    expect(lineOf(r, 'R1', '2026-02', 'c')).toBe('9000.00');
    const cap = nodes(stmt(r, 'R1', '2026-01').trace, 'cap')[0]!;
    expect(cap.text).toBe('cap USD 10,000 per period: 12,000.00 -> 10,000.00');
  });
});

const cancellations: TableIR = {
  name: 'cancellations',
  source: 'cancellations.csv',
  roster: false,
  fields: [f('deal', T.ref('deals')), f('date', T.date)],
};
const clawback90: ClawbackIR = {
  events: 'cancellations',
  dealField: 'deal',
  dateField: 'date',
  within: { amount: 90, unit: 'days' },
  mode: 'full',
  text: 'clawback cancellations within 90 days full',
};
function cancel(deal: string, date: string, line = 2): RowValue {
  return row('cancellations', String(line - 1), { deal, date: dt(date) }, line);
}

describe('A7 clawback netted against later pay', () => {
  const ir = plan({
    tables: [plan().tables[0]!, plan().tables[1]!, cancellations],
    components: [component('comm', flat(pct(10)), { basis: 'per deal', clawbacks: [clawback90] })],
  });
  const d1 = { id: 'D1', owner: 'R1', amount: 50000, date: '2026-01-15' };
  it('case 1: netted in April', () => {
    const r = run(ir, {
      reps: reps({ id: 'R1' }),
      deals: deals(d1, { id: 'D2', owner: 'R1', amount: 70000, date: '2026-04-05' }),
      cancellations: [cancel('D1', '2026-04-10')],
    });
    expect(stmt(r, 'R1', '2026-01').paid).toBe('5000.00');
    const apr = stmt(r, 'R1', '2026-04');
    expect(apr.earned).toBe('7000.00');
    expect(apr.clawedBack).toBe('5000.00');
    expect(apr.paid).toBe('2000.00');
    expect(apr.owed).toBe('0.00');
    expect(apr.lines.find((l) => l.kind === 'clawback')!.amount).toBe('-5000.00');
    expect(nodes(apr.trace, 'clawback')[0]!.text).toContain('85 days after the credit on 2026-01-15');
  });
  it('case 2: carried as owed, recovered in May', () => {
    const r = run(ir, {
      reps: reps({ id: 'R1' }),
      deals: deals(d1, { id: 'D2', owner: 'R1', amount: 30000, date: '2026-04-05' }, { id: 'D3', owner: 'R1', amount: 40000, date: '2026-05-05' }),
      cancellations: [cancel('D1', '2026-04-10')],
    });
    const apr = stmt(r, 'R1', '2026-04');
    expect(apr.paid).toBe('0.00');
    expect(apr.owed).toBe('2000.00');
    const may = stmt(r, 'R1', '2026-05');
    expect(may.paid).toBe('2000.00');
    expect(may.owed).toBe('0.00');
    expect(r.summary.balancesOwed).toEqual([]);
    // lines add up to what is paid
    for (const s of [apr, may]) expect(s.lines.reduce((t, l) => t.plus(l.amount), D(0)).toFixed(2)).toBe(s.paid);
  });
  it('case 3: 125 days is outside the window', () => {
    const r = run(ir, {
      reps: reps({ id: 'R1' }),
      deals: deals(d1, { id: 'D2', owner: 'R1', amount: 70000, date: '2026-04-05' }),
      cancellations: [cancel('D1', '2026-05-20')],
    });
    expect(stmt(r, 'R1', '2026-04').paid).toBe('7000.00');
    expect(stmt(r, 'R1', '2026-05').clawedBack).toBe('0.00');
  });
  it('day 90 is inside the window, day 91 is not', () => {
    const mk = (date: string) =>
      run(ir, { reps: reps({ id: 'R1' }), deals: deals(d1), cancellations: [cancel('D1', date)] });
    // 2026-01-15 + 90 days = 2026-04-15
    expect(stmt(mk('2026-04-15'), 'R1', '2026-04').clawedBack).toBe('5000.00');
    expect(stmt(mk('2026-04-16'), 'R1', '2026-04').clawedBack).toBe('0.00');
  });
  it('clawback within the same period; period total attribution by credit share', () => {
    const ir2 = plan({
      tables: [plan().tables[0]!, plan().tables[1]!, cancellations],
      components: [component('comm', flat(pct(10)), { basis: 'period total', clawbacks: [clawback90] })],
    });
    const r = run(ir2, {
      reps: reps({ id: 'R1' }),
      deals: deals({ id: 'D1', owner: 'R1', amount: 30000, date: '2026-01-05' }, { id: 'D2', owner: 'R1', amount: 10000, date: '2026-01-06' }),
      cancellations: [cancel('D2', '2026-01-20')],
    });
    const jan = stmt(r, 'R1', '2026-01');
    expect(jan.earned).toBe('4000.00');
    expect(jan.clawedBack).toBe('1000.00');
    expect(jan.paid).toBe('3000.00');
  });
  it('prorated clawback uses deal and event', () => {
    const ir3 = plan({
      tables: [plan().tables[0]!, plan().tables[1]!, cancellations],
      components: [
        component('comm', flat(pct(10)), {
          basis: 'per deal',
          clawbacks: [
            {
              ...clawback90,
              mode: 'prorated',
              // unused share of a 90-day term: 1 - days_between(close, cancel) / 90
              prorate: bin('-', dec(1), bin('/', call('days_between', dealF('close_date'), { k: 'field', of: { k: 'ctx', name: 'event' }, name: 'date' }), dec(90))),
            },
          ],
        }),
      ],
    });
    const r = run(ir3, { reps: reps({ id: 'R1' }), deals: deals({ id: 'D1', owner: 'R1', amount: 50000, date: '2026-01-01' }), cancellations: [cancel('D1', '2026-01-31')] });
    // 30 days used of 90: 2/3 of 5,000 = 3,333.33...
    expect(stmt(r, 'R1', '2026-01').clawedBack).toBe('3333.33');
  });
});

describe('A8 recoverable draw', () => {
  it('pays 2,750/3,000/2,000/2,000/2,875/2,750 with balances 0/0/500/125/0/0', () => {
    const ir = plan({
      periods: { frequency: 'month', every: 1, from: '2026-01-01', to: '2026-06-30' },
      components: [component('earn', flat(pct(100)))],
      draws: [draw(true, usd(2000))],
    });
    const earnings = [2750, 3000, 1500, 2375, 3000, 2750];
    const r = run(ir, {
      reps: reps({ id: 'R1' }),
      deals: deals(...earnings.map((a, i) => ({ id: `D${i + 1}`, owner: 'R1', amount: a, date: `2026-0${i + 1}-15` }))),
    });
    const months = ['01', '02', '03', '04', '05', '06'].map((m) => stmt(r, 'R1', `2026-${m}`));
    expect(months.map((s) => s.paid)).toEqual(['2750.00', '3000.00', '2000.00', '2000.00', '2875.00', '2750.00']);
    expect(months.map((s) => s.drawBalance)).toEqual(['0.00', '0.00', '500.00', '125.00', '0.00', '0.00']);
    for (const s of months) expect(s.lines.reduce((t, l) => t.plus(l.amount), D(0)).toFixed(2)).toBe(s.paid);
  });
  it('recovers at most a share of the excess per period', () => {
    const ir = plan({
      periods: { frequency: 'month', every: 1, from: '2026-01-01', to: '2026-03-31' },
      components: [component('earn', flat(pct(100)))],
      draws: [draw(true, usd(2000), { recoverAtMost: pct(50), recoverAtMostUnit: 'percent' })],
    });
    const r = run(ir, {
      reps: reps({ id: 'R1' }),
      deals: deals({ id: 'D1', owner: 'R1', amount: 0, date: '2026-01-15' }, { id: 'D2', owner: 'R1', amount: 3000, date: '2026-02-15' }, { id: 'D3', owner: 'R1', amount: 4000, date: '2026-03-15' }),
    });
    expect(['01', '02', '03'].map((m) => stmt(r, 'R1', `2026-${m}`).paid)).toEqual(['2000.00', '2500.00', '3000.00']);
    expect(['01', '02', '03'].map((m) => stmt(r, 'R1', `2026-${m}`).drawBalance)).toEqual(['2000.00', '1500.00', '500.00']);
  });
  it('a guarantee tops up and nothing is owed; appliesTo filters', () => {
    const ir = plan({
      components: [component('earn', flat(pct(100)))],
      draws: [draw(false, usd(3000), { appliesTo: bin('<=', call('months_since', repF('hire_date')), dec(3)) })],
    });
    const r = run(ir, {
      reps: reps({ id: 'R1', hire: '2026-01-10' }),
      deals: deals({ id: 'D1', owner: 'R1', amount: 1000, date: '2026-01-15' }, { id: 'D2', owner: 'R1', amount: 1000, date: '2026-04-15' }),
    });
    expect(stmt(r, 'R1', '2026-01').paid).toBe('3000.00');
    expect(stmt(r, 'R1', '2026-01').drawBalance).toBe('0.00');
    expect(stmt(r, 'R1', '2026-03').paid).toBe('3000.00');
    expect(stmt(r, 'R1', '2026-04').paid).toBe('1000.00');
  });
});

const splitsTable: TableIR = {
  name: 'splits',
  source: 'splits.csv',
  roster: false,
  fields: [f('deal', T.ref('deals')), f('rep', T.ref('reps')), f('share', T.pct), f('overlay', T.bool, { optional: true })],
};
const splitPlan = () =>
  plan({
    tables: [plan().tables[0]!, plan().tables[1]!, splitsTable],
    credits: [{ ...plan().credits[0]!, split: { table: 'splits', dealField: 'deal', repField: 'rep', shareField: 'share', overlayField: 'overlay' } }],
    components: [component('comm', flat(pct(10)))],
  });
const split = (n: number, deal: string, rep: string, share: string, overlay = false): RowValue =>
  row('splits', String(n), { deal, rep, share: D(share), overlay }, n + 1);

describe('A9 split credit', () => {
  it('60/40 split and a 50% overlay', () => {
    const r = run(splitPlan(), {
      reps: reps({ id: 'A' }, { id: 'B' }, { id: 'S', role: 'Specialist' }),
      deals: deals({ id: 'D1', owner: 'A', amount: 100000, date: '2026-02-01' }),
      splits: [split(1, 'D1', 'A', '0.6'), split(2, 'D1', 'B', '0.4'), split(3, 'D1', 'S', '0.5', true)],
    });
    expect(lineOf(r, 'A', '2026-02', 'comm')).toBe('6000.00');
    expect(lineOf(r, 'B', '2026-02', 'comm')).toBe('4000.00');
    expect(lineOf(r, 'S', '2026-02', 'comm')).toBe('5000.00');
    expect(nodes(stmt(r, 'S', '2026-02').trace, 'credits')[0]!.value).toBe('50000');
  });
  it('a deal without split rows goes to its owner', () => {
    const r = run(splitPlan(), {
      reps: reps({ id: 'A' }, { id: 'B' }),
      deals: deals({ id: 'D1', owner: 'B', amount: 1000, date: '2026-02-01' }),
      splits: [],
    });
    expect(lineOf(r, 'B', '2026-02', 'comm')).toBe('100.00');
  });
  it('rejects ordinary splits that sum to 90%, naming the deal and the sum', () => {
    const out = evaluate(compilePlan(splitPlan()), {
      reps: reps({ id: 'A' }, { id: 'B' }),
      deals: deals({ id: 'D9', owner: 'A', amount: 100000, date: '2026-02-01' }),
      splits: [split(1, 'D9', 'A', '0.5'), split(2, 'D9', 'B', '0.4')],
    });
    expect(out.result).toBeUndefined();
    expect(out.errors).toEqual([{ code: 'COMP6006', message: 'the splits of deal `D9` sum to 90%, not 100%', file: 'splits.csv', line: 2, column: 1 }]);
  });
});

describe('A10 manager roll-up', () => {
  const sales = [75000, 60000, 67500, 52500, 45000];
  const data: Dataset = {
    reps: reps({ id: 'M', role: 'Manager' }, ...sales.map((_, i) => ({ id: `R${i + 1}`, manager: 'M' }))),
    deals: deals(...sales.map((a, i) => ({ id: `D${i + 1}`, owner: `R${i + 1}`, amount: a, date: '2026-05-20' }))),
  };
  const isAE = bin('=', repF('role'), text('AE'));
  const isMgr = bin('=', repF('role'), text('Manager'));
  it('reps 10%, manager 3% of team credit', () => {
    const ir = plan({
      components: [
        component('own', flat(pct(10)), { appliesTo: isAE }),
        component('team', flat(pct(3)), { appliesTo: isMgr, measure: { team: true, text: 'team credit' } }),
      ],
    });
    const r = run(ir, data);
    expect(sales.map((_, i) => lineOf(r, `R${i + 1}`, '2026-05', 'own'))).toEqual(['7500.00', '6000.00', '6750.00', '5250.00', '4500.00']);
    expect(lineOf(r, 'M', '2026-05', 'team')).toBe('9000.00');
    expect(stmt(r, 'M', '2026-05').lines.map((l) => l.name)).toEqual(['team']);
  });
  it('variant: 3% only above 225,000 of team credit', () => {
    const ir = plan({
      components: [
        component('team', tiers('marginal', 'amount', [['0', '225000', pct(0)], ['225000', undefined, pct(3)]]), {
          appliesTo: isMgr,
          measure: { team: true, text: 'team credit' },
        }),
      ],
    });
    expect(lineOf(run(ir, data), 'M', '2026-05', 'team')).toBe('2250.00');
  });
  it('team credit in a let', () => {
    const ir = plan({ lets: [letIR('tc', teamCredit(), 'money')], components: [component('x', flat(letE('tc')), { appliesTo: isMgr, measure: { team: false, text: 'credit' } })] });
    const r = run(ir, data);
    expect(letValue(stmt(r, 'M', '2026-05'), 'tc')).toBe('300000');
  });
});

const csatTable: TableIR = {
  name: 'csat',
  source: 'csat.csv',
  roster: false,
  fields: [f('rep', T.ref('reps')), f('score', T.dec)],
  repField: 'rep',
};

describe('A11 satisfaction gate and multipliers', () => {
  it('13,200.00 with CSAT 4.6; 12,000.00 with CSAT 4.2', () => {
    const ir = plan({
      tables: [plan().tables[0]!, plan().tables[1]!, csatTable],
      lets: [letIR('focus_share', otherwise(bin('/', credit(bin('=', dealF('product'), text('Focus'))), credit()), pct(0)), 'percent')],
      components: [
        component('base', flat(pct(5)), {
          multipliers: [
            { factor: dec('1.2'), when: bin('>=', letE('focus_share'), pct(30)), text: 'multiplier x1.2 when focus_share >= 30%' },
            { factor: dec('1.1'), when: bin('>=', lookup('csat', 'score'), dec('4.5')), text: 'multiplier x1.1 when csat.score >= 4.5' },
          ],
        }),
      ],
    });
    const r = run(ir, {
      reps: reps({ id: 'R1' }, { id: 'R2' }),
      deals: deals(
        { id: 'D1', owner: 'R1', amount: 80000, date: '2026-01-10', product: 'Focus' },
        { id: 'D2', owner: 'R1', amount: 120000, date: '2026-01-11' },
        { id: 'D3', owner: 'R2', amount: 80000, date: '2026-01-10', product: 'Focus' },
        { id: 'D4', owner: 'R2', amount: 120000, date: '2026-01-11' },
      ),
      csat: [row('csat', '1', { rep: 'R1', score: D('4.6') }, 2), row('csat', '2', { rep: 'R2', score: D('4.2') }, 3)],
    });
    expect(lineOf(r, 'R1', '2026-01', 'base')).toBe('13200.00');
    expect(lineOf(r, 'R2', '2026-01', 'base')).toBe('12000.00');
    expect(nodes(stmt(r, 'R1', '2026-01').trace, 'multiplier').map((n) => n.text)).toEqual([
      'multiplier x1.2 when focus_share >= 30%: 10,000.00 x1.2 = 12,000.00',
      'multiplier x1.1 when csat.score >= 4.5: 12,000.00 x1.1 = 13,200.00',
    ]);
  });
  it('a missing csat row is COMP7002 at the rep row; otherwise catches it', () => {
    const mk = (mult: ReturnType<typeof lookup>) =>
      plan({
        tables: [plan().tables[0]!, plan().tables[1]!, csatTable],
        components: [component('base', flat(pct(5)), { multipliers: [{ factor: dec('1.1'), when: bin('>=', mult, dec('4.5')), text: 'm' }] })],
      });
    const data: Dataset = { reps: reps({ id: 'R1' }), deals: deals({ id: 'D1', owner: 'R1', amount: 1000, date: '2026-01-10' }), csat: [] };
    const out = evaluate(compilePlan({ ...mk(lookup('csat', 'score')), periods: { frequency: 'month', every: 1, from: '2026-01-01', to: '2026-01-31' } }), data);
    expect(out.result).toBeUndefined();
    expect(out.errors).toEqual([{ code: 'COMP7002', message: 'no `csat` row for rep `R1` in 2026-01', file: 'reps.csv', line: 2, column: 1 }]);
    const ok = evaluate(compilePlan(mk(otherwise(lookup('csat', 'score'), dec(0)))), data);
    expect(ok.errors).toEqual([]);
    expect(lineOf(ok.result!, 'R1', '2026-01', 'base')).toBe('50.00');
  });
});

describe('A12 decelerator', () => {
  it('x0.5 below 80% attainment', () => {
    const ir = plan({
      components: [component('c', flat(pct(10)), { multipliers: [{ factor: pct(50), when: bin('<', letE('attainment'), pct(80)), text: 'multiplier 50% when attainment < 80%' }] })],
    });
    const r = run(ir, {
      reps: reps({ id: 'R1', quota: 500000 }, { id: 'R2', quota: 500000 }),
      deals: deals({ id: 'D1', owner: 'R1', amount: 350000, date: '2026-01-10' }, { id: 'D2', owner: 'R2', amount: 400000, date: '2026-01-10' }),
    });
    expect(lineOf(r, 'R1', '2026-01', 'c')).toBe('17500.00');
    expect(lineOf(r, 'R2', '2026-01', 'c')).toBe('40000.00');
  });
});

describe('A13 rate from pay mix', () => {
  it('target incentive / annual quota = 5%', () => {
    const ir = plan({
      periods: { frequency: 'year', every: 1, from: '2026-01-01', to: '2026-12-31' },
      lets: [letIR('rate', bin('/', repF('target'), repF('annual_quota')), 'percent')],
      components: [component('c', flat(letE('rate')))],
    });
    const r = run(ir, {
      reps: reps({ id: 'R1', target: 30000, annual_quota: 600000 }, { id: 'R2', target: 30000, annual_quota: 600000 }),
      deals: deals({ id: 'D1', owner: 'R1', amount: 600000, date: '2026-06-10' }, { id: 'D2', owner: 'R2', amount: 450000, date: '2026-06-10' }),
    });
    expect(lineOf(r, 'R1', '2026', 'c')).toBe('30000.00');
    expect(lineOf(r, 'R2', '2026', 'c')).toBe('22500.00');
    expect(nodes(stmt(r, 'R1', '2026').trace, 'let')[0]!.text).toBe('rate = 5%');
  });
  it('a division by zero without otherwise is COMP7001 at the rep row', () => {
    const ir = plan({
      lets: [letIR('rate', bin('/', repF('target'), repF('annual_quota')), 'percent')],
      components: [component('c', flat(letE('rate')))],
      periods: { frequency: 'month', every: 1, from: '2026-01-01', to: '2026-01-31' },
    });
    const out = evaluate(compilePlan(ir), { reps: reps({ id: 'R1', target: 30000, annual_quota: 0 }), deals: [] });
    expect(out.errors).toEqual([{ code: 'COMP7001', message: 'component `c` divides by zero for rep `R1` in 2026-01', file: 'reps.csv', line: 2, column: 1 }]);
  });
});

describe('A14 new-hire ramp', () => {
  const rampQuota = letIR(
    'quota',
    bin('*', repF('quota'), call('ramp', call('months_since', repF('hire_date')), pct(0), pct(25), pct(50), pct(75), pct(100))),
    'money',
  );
  it('quotas Mar-Jul 0 / 12,500 / 25,000 / 37,500 / 50,000', () => {
    const ir = plan({
      lets: [rampQuota, attainmentLet],
      components: [component('accel', tiers('marginal', 'attainment', [['0', '1', pct(8)], ['1', undefined, pct(12)]]))],
    });
    const r = run(ir, {
      reps: reps({ id: 'R1', quota: 50000, hire: '2026-03-01' }),
      deals: deals({ id: 'D1', owner: 'R1', amount: 10000, date: '2026-03-10' }, { id: 'D2', owner: 'R1', amount: 20000, date: '2026-04-10' }),
    });
    expect(['03', '04', '05', '06', '07'].map((m) => letValue(stmt(r, 'R1', `2026-${m}`), 'quota'))).toEqual(['0', '12500', '25000', '37500', '50000']);
    // March: quota 0 -> the plan's attainment (otherwise 0%) -> band [0%, 100%) @ 8%
    expect(lineOf(r, 'R1', '2026-03', 'accel')).toBe('800.00');
    expect(nodes(stmt(r, 'R1', '2026-03').trace, 'attainment')[0]!.text).toContain('quota is 0.00');
    // April: 20,000 on 12,500: 12,500 @ 8% + 7,500 @ 12% = 1,000 + 900
    expect(lineOf(r, 'R1', '2026-04', 'accel')).toBe('1900.00');
  });
});

describe('A15 tiers reset each two-week cycle', () => {
  it('100.00 / 25.00 / 425.00 / 1,675.00', () => {
    const ir = plan({
      periods: { frequency: 'week', every: 2, from: '2026-01-05', to: '2026-02-15' },
      components: [
        component('cycle', tiers('marginal', 'amount', [['0', '500', pct(25)], ['500', '3000', pct(30)], ['3000', undefined, pct(40)]])),
      ],
    });
    const r = run(ir, {
      reps: reps({ id: 'R1' }),
      deals: deals(
        { id: 'D1', owner: 'R1', amount: 400, date: '2026-01-05' },
        { id: 'D2', owner: 'R1', amount: 100, date: '2026-01-19' },
        { id: 'D3', owner: 'R1', amount: 1000, date: '2026-02-02' },
        { id: 'D4', owner: 'R1', amount: 500, date: '2026-02-15' },
        { id: 'D5', owner: 'R1', amount: 5000, date: '2026-02-16' },
      ),
    });
    expect(r.periods.map((p) => p.key)).toEqual(['2026-01-05', '2026-01-19', '2026-02-02']);
    expect(r.periods.map((p) => `${p.start}..${p.end}`)).toEqual(['2026-01-05..2026-01-18', '2026-01-19..2026-02-01', '2026-02-02..2026-02-15']);
    expect(r.periods.map((p) => lineOf(r, 'R1', p.key, 'cycle'))).toEqual(['100.00', '25.00', '425.00']);
    // D5 is after the plan: a warning, not paid
    const out = evaluate(compilePlan(ir), {
      reps: reps({ id: 'R1' }),
      deals: deals({ id: 'D5', owner: 'R1', amount: 5000, date: '2026-02-16' }),
    });
    expect(out.warnings.map((w) => w.code)).toEqual(['COMP7004']);
    const ir2 = { ...ir, periods: { frequency: 'week' as const, every: 2, from: '2026-01-05', to: '2026-03-01' } };
    const r2 = run(ir2, { reps: reps({ id: 'R1' }), deals: deals({ id: 'D5', owner: 'R1', amount: 5000, date: '2026-02-16' }) });
    expect(lineOf(r2, 'R1', '2026-02-16', 'cycle')).toBe('1675.00');
  });
});

describe('A16 rounding on the payout line only', () => {
  const one = (amount: string) => {
    const ir = plan({ components: [component('c', flat(pct(100)))] });
    return lineOf(run(ir, { reps: reps({ id: 'R1' }), deals: deals({ id: 'D1', owner: 'R1', amount, date: '2026-01-10' }) }), 'R1', '2026-01', 'c');
  };
  it('0.005 / -0.005 / 0.015 / 1,675.0025', () => {
    expect(one('0.005')).toBe('0.01');
    expect(one('-0.005')).toBe('-0.01');
    expect(one('0.015')).toBe('0.02');
    expect(one('1675.0025')).toBe('1675.00');
  });
  it('three deals of 10.10 at 7.5% pay 2.27 as one line, per deal basis too', () => {
    for (const basis of ['period total', 'per deal', 'running total'] as const) {
      const ir = plan({ components: [component('c', flat(pct('7.5')), { basis })] });
      const r = run(ir, {
        reps: reps({ id: 'R1' }),
        deals: deals(...[1, 2, 3].map((i) => ({ id: `D${i}`, owner: 'R1', amount: '10.10', date: `2026-01-1${i}` }))),
      });
      const s = stmt(r, 'R1', '2026-01');
      expect(s.lines[0]!.amount).toBe('2.27');
      expect(s.lines[0]!.exact).toBe('2.2725');
      expect(nodes(s.trace, 'rounding')[0]!.text).toBe('rounded half away from zero to 0.01: 2.2725 -> 2.27');
    }
  });
});
