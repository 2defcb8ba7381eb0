// Issue 8, rules 8 and 9: opening balances (`opening owed`, `opening draw balance`, `opening
// credit`) and the rule for a negative period total (`negative balance carried forward | due |
// written off`), docs/language.md section 21. Figures worked by hand in the comments.
import { describe, expect, it } from 'vitest';
import { codes, paid, plan, run, stmt, traceTexts } from './helpers-g2.js';

const commission = `component commission "Commission" {
  basis period total
  rate 10%
  clawback cancellations within 90 days full
}

table cancellations from "cancellations.csv" {
  deal: deals
  date: date
}`;

// ada: Jan 50,000 -> 5,000.00; Feb nothing; d1 cancelled in Feb -> clawback 5,000.00;
// Mar 20,000 -> 2,000.00.
const files = {
  'reps.csv': 'id,owed_2025\nada,1000',
  'deals.csv': 'id,owner,close_date,amount\nd1,ada,2026-01-10,50000\nd2,ada,2026-03-10,20000\nd3,ada,2026-02-05,10000',
  'cancellations.csv': 'deal,date\nd1,2026-02-20',
};

describe('negative balance rules', () => {
  // Feb: earned 10,000 x 10% = 1,000.00, clawed back 5,000.00: net -4,000.00.
  it('carried forward (the default): pays 0.00 and recovers 4,000.00 from later payouts', () => {
    const r = run(plan(commission, { roster: '  owed_2025: money' }), files);
    // Mar: 2,000.00 earned - 4,000.00 owed = -2,000.00 -> 0.00, still owes 2,000.00
    expect(paid(r, 'ada', ['2026-01', '2026-02', '2026-03'])).toEqual(['5000.00', '0.00', '0.00']);
    expect(stmt(r, 'ada', '2026-02').owed).toBe('4000.00');
    expect(stmt(r, 'ada', '2026-03').owed).toBe('2000.00');
  });

  it('stated as carried forward: the same as the default', () => {
    const r = run(plan(`${commission}\nnegative balance carried forward`, { roster: '  owed_2025: money' }), files);
    expect(paid(r, 'ada', ['2026-01', '2026-02', '2026-03'])).toEqual(['5000.00', '0.00', '0.00']);
    expect(stmt(r, 'ada', '2026-03').owed).toBe('2000.00');
  });

  it('due: the rep pays back -4,000.00 in February; March pays its own 2,000.00', () => {
    const r = run(plan(`${commission}\nnegative balance due`, { roster: '  owed_2025: money' }), files);
    expect(paid(r, 'ada', ['2026-01', '2026-02', '2026-03'])).toEqual(['5000.00', '-4000.00', '2000.00']);
    expect(stmt(r, 'ada', '2026-02').owed).toBe('0.00');
    expect(traceTexts(stmt(r, 'ada', '2026-02'), 'balance').join('\n')).toContain('4,000.00 is due from the rep now');
  });

  it('written off: pays 0.00, writes 4,000.00 off; March pays its own 2,000.00', () => {
    const r = run(plan(`${commission}\nnegative balance written off`, { roster: '  owed_2025: money' }), files);
    expect(paid(r, 'ada', ['2026-01', '2026-02', '2026-03'])).toEqual(['5000.00', '0.00', '2000.00']);
    const feb = stmt(r, 'ada', '2026-02');
    expect(feb.owed).toBe('0.00');
    expect(feb.writtenOff).toBe('4000.00');
    // the lines add up to what is paid: 1,000.00 - 5,000.00 + 4,000.00 written off = 0.00
    expect(feb.lines.map((l) => `${l.label} ${l.amount}`)).toEqual(['Commission 1000.00', 'Commission clawback: d1 -5000.00', 'Written off 4000.00']);
  });

  it('is stated once', () => {
    expect(codes(plan(`${commission}\nnegative balance due\nnegative balance written off`, { roster: '  owed_2025: money' }))).toContain('COMP2007');
  });
});

describe('opening owed and opening draw balance', () => {
  it('opening owed: 1,000.00 owed from last year is recovered from January', () => {
    const r = run(plan(`${commission}\nopening owed rep.owed_2025`, { roster: '  owed_2025: money' }), files);
    // Jan: 5,000.00 - 1,000.00 owed = 4,000.00
    expect(paid(r, 'ada', ['2026-01'])).toEqual(['4000.00']);
    const jan = stmt(r, 'ada', '2026-01');
    expect(jan.lines.find((l) => l.kind === 'balance')?.amount).toBe('-1000.00');
    expect(traceTexts(jan, 'opening')[0]).toContain('opening owed rep.owed_2025 = 1,000.00 (carried in from before the plan)');
  });

  it('opening owed with a negative balance due: the whole opening balance is due in a month that earns less', () => {
    const r = run(plan(`${commission}\nopening owed rep.owed_2025\nnegative balance due`, { roster: '  owed_2025: money' }), {
      ...files,
      'reps.csv': 'id,owed_2025\nada,8000',
    });
    // Jan: 5,000.00 - 8,000.00 = -3,000.00 due now
    expect(paid(r, 'ada', ['2026-01'])).toEqual(['-3000.00']);
  });

  it('opening draw balance: recovered by the draw from the first period', () => {
    const text = plan(`component commission "Commission" {
  rate 10%
}
draw recoverable USD 2,000 per period
opening draw balance rep.draw_2025`, { roster: '  draw_2025: money' });
    const r = run(text, {
      'reps.csv': 'id,draw_2025\nada,1500',
      'deals.csv': 'id,owner,close_date,amount\nd1,ada,2026-01-10,50000',
    });
    // Jan: earned 5,000.00 >= draw 2,000.00: recovers the 1,500.00 carried in (excess 3,000.00):
    // pays 3,500.00, balance 0. Feb: earned 0 -> draw 2,000.00, balance 2,000.00.
    expect(paid(r, 'ada', ['2026-01', '2026-02'])).toEqual(['3500.00', '2000.00']);
    expect(stmt(r, 'ada', '2026-01').drawBalance).toBe('0.00');
    expect(stmt(r, 'ada', '2026-02').drawBalance).toBe('2000.00');
  });

  it('opening draw balance needs a recoverable draw; opening amounts are money', () => {
    expect(codes(plan(`component c { rate 10% }\nopening draw balance rep.draw_2025`, { roster: '  draw_2025: money' }))).toContain('COMP5250');
    expect(codes(plan(`component c { rate 10% }\nopening owed rep.id`))).toContain('COMP3001');
  });
});

describe('opening credit: a year to date that starts from bookings before the plan', () => {
  const text = plan(`let quota = USD 100,000
let attainment = credit / quota otherwise 0%
component commission "Commission" {
  basis year to date
  rate retroactive {
    from 0%   to 100% pays 5%
    from 100%         pays 10%
  }
  opening credit rep.booked_before
}`, { roster: '  booked_before: money', periods: 'quarterly from 2026-Q3 to 2027-Q1' });
  const data = {
    'reps.csv': 'id,booked_before\nada,150000',
    'deals.csv': 'id,owner,close_date,amount\nd1,ada,2026-07-10,100000\nd2,ada,2026-10-10,100000\nd3,ada,2027-01-10,100000',
  };

  it('counts the opening credit in the first year only', () => {
    const r = run(text, data);
    // Q3 2026: credit to date 150,000 + 100,000 = 250,000; quota to date 100,000 -> 250% -> 10%:
    //   owed 25,000.00, paid 0 -> 25,000.00
    // Q4 2026: 150,000 + 200,000 = 350,000 on 200,000 -> 175% -> 35,000.00 - 25,000.00 = 10,000.00
    // Q1 2027 (a new year, no opening credit): 100,000 on 100,000 -> 100% -> 10% = 10,000.00
    expect(paid(r, 'ada', ['2026-Q3', '2026-Q4', '2027-Q1'])).toEqual(['25000.00', '10000.00', '10000.00']);
    expect(traceTexts(stmt(r, 'ada', '2026-Q3'), 'opening')[0]).toContain('opening credit rep.booked_before = 150,000.00: credit before 2026-Q3');
    // the opening credit is no deal: it is not a deal line
    expect(stmt(r, 'ada', '2026-Q3').deals?.map((d) => d.deal)).toEqual(['d1']);
  });

  it('needs a measure to date', () => {
    expect(codes(plan(`component c {\n  rate 10%\n  opening credit USD 1,000\n}`))).toContain('COMP5251');
  });
});
