// Statements explain every number: credits, values, bands, gates, multipliers, caps, clawbacks,
// balances, draws and rounding, in text a rep can read.
import { describe, expect, it } from 'vitest';
import type { TableIR } from '../../runtime/ir.js';
import { bin, component, deals, dec, draw, dt, f, letE, pct, plan, reps, row, run, stmt, T, tiers, traceText, usd } from './builders.js';

const cancellations: TableIR = { name: 'cancellations', source: 'cancellations.csv', roster: false, fields: [f('deal', T.ref('deals')), f('date', T.date)] };

describe('traces', () => {
  it('explain a statement from credit to payment', () => {
    const ir = plan({
      tables: [plan().tables[0]!, plan().tables[1]!, cancellations],
      components: [
        component('commission', tiers('marginal', 'attainment', [['0', '1', pct(8)], ['1', '1.2', pct(12)], ['1.2', undefined, pct(16)]], 'accelerator'), {
          label: 'Commission',
          basis: 'per deal',
          gates: [{ cond: bin('>=', letE('attainment'), pct(50)), text: 'attainment >= 50%' }],
          multipliers: [{ factor: dec('1.1'), when: bin('>=', letE('attainment'), pct(100)), text: 'multiplier x1.1 when attainment >= 100%' }],
          caps: [{ per: 'period', limit: usd(20000), text: 'cap USD 20,000 per period' }],
          clawbacks: [{ events: 'cancellations', dealField: 'deal', dateField: 'date', within: { amount: 90, unit: 'days' }, mode: 'full', text: 'clawback cancellations within 90 days full' }],
        }),
      ],
      draws: [draw(true, usd(2000), { text: 'draw recoverable USD 2,000 per period' })],
    });
    const r = run(ir, {
      reps: reps({ id: 'ana', quota: 100000 }),
      deals: deals(
        { id: 'D1', owner: 'ana', amount: 60000, date: '2026-01-10' },
        { id: 'D2', owner: 'ana', amount: '65000.50', date: '2026-01-20' },
        { id: 'D3', owner: 'ana', amount: 10000, date: '2026-02-03' },
      ),
      cancellations: [row('cancellations', '1', { deal: 'D1', date: dt('2026-02-15') }, 2)],
    });
    const jan = traceText(stmt(r, 'ana', '2026-01'));
    expect(jan).toEqual([
      'Credit: 125,000.50 from 2 deals',
      '  D1 from deals, 2026-01-10: 60,000.00',
      '  D2 from deals, 2026-01-20: 65,000.50',
      'Values',
      '  quota = 100,000.00',
      '  attainment = 125.0005%',
      'Commission: 11,000.04',
      '  on credit: 125,000.50 from 2 deals',
      '  attainment 125,000.50 / quota 100,000.00 = 125.0005%',
      '  tiers accelerator (marginal, on attainment) on each deal: 10,000.04',
      '    D1 on 60,000.00: 4,800.00',
      '      band [0%, 100%) @ 8% on 60,000.00 = 4,800.00',
      '    D2 on 65,000.50: 5,200.04',
      '      band [0%, 100%) @ 8% on 65,000.50 = 5,200.04',
      '  blended rate 10,000.04 / 125,000.50 = 8%',
      '  multiplier x1.1 when attainment >= 100%: 10,000.04 x1.1 = 11,000.044',
      '  gate attainment >= 50%: met',
      '  cap USD 20,000 per period: 11,000.044 is within 20,000.00',
      '  rounded half away from zero to 0.01: 11,000.044 -> 11,000.04',
      'Paid 11,000.04',
      '  earned 11,000.04',
      '  clawed back 0.00',
      '  owed from before 0.00',
      '  net 11,000.04 - 0.00 - 0.00 = 11,000.04',
      '  draw recoverable USD 2,000 per period: 11,000.04 meets the draw 2,000.00; nothing to recover',
      '  paid 11,000.04',
    ]);
    const text = jan.join('\n');
    for (const want of ['gate attainment >= 50%: met', 'multiplier x1.1 when attainment >= 100%', 'cap USD 20,000 per period', 'rounded half away from zero to 0.01']) {
      expect(text).toContain(want);
    }
    const feb = traceText(stmt(r, 'ana', '2026-02')).join('\n');
    for (const want of [
      'gate attainment >= 50%: not met, pays 0.00',
      'Clawback of Commission on D1: cancellations dated 2026-02-15, 36 days after the credit on 2026-01-10 (within 90 days): -5,280.00',
      '  deal D1 credited 2026-01-10, paid in 2026-01: 5,280.00',
      '  below zero: pay 0.00, carry 5,280.00 owed',
      'advance 2,000.00, draw balance 0.00 -> 2,000.00',
      '  owed after this period 5,280.00',
    ]) {
      expect(feb).toContain(want);
    }
    const s = stmt(r, 'ana', '2026-02');
    expect([s.earned, s.clawedBack, s.paid, s.owed, s.drawBalance]).toEqual(['0.00', '5280.00', '2000.00', '5280.00', '2000.00']);
    expect(s.lines.map((l) => `${l.kind} ${l.amount}`)).toEqual(['component 0.00', 'clawback -5280.00', 'balance 5280.00', 'draw 2000.00']);
  });
});
