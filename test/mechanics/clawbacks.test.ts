// Mechanic 8: clawback schedules by months since the credit date, proration by the unused share
// of a contract term, and the stated choice whether cancelled deals leave attainment
// (docs/language.md section 25).
import { describe, expect, it } from 'vitest';
import { codes, diagnostics, paid, plan, run, stmt, traceTexts } from './helpers-g2.js';

const cancellations = `table cancellations from "cancellations.csv" {
  deal: deals
  date: date
}`;

describe('clawback schedules', () => {
  const text = plan(`${cancellations}

component commission "Commission" {
  basis per deal
  rate 10%
  clawback cancellations schedule {
    within 12 months takes 100%
    within 18 months takes 50%
  }
}`, { periods: 'monthly from 2026-01 to 2027-09' });
  const deals = `id,owner,close_date,amount
    n1,ada,2026-01-15,10000
    n2,ada,2026-01-15,20000
    n3,ada,2026-01-15,30000`;

  it('takes 100% at exactly 12 months, 50% one day later, and nothing after 18 months (boundaries)', () => {
    const r = run(text, {
      'reps.csv': 'id\nada',
      'deals.csv': deals,
      // n1 on 2027-01-15: exactly 12 months -> 100% of 1,000
      // n2 on 2027-01-16: 12 months and a day -> 50% of 2,000 = 1,000
      // n3 on 2027-07-16: past 18 months (2027-07-15) -> nothing
      'cancellations.csv': 'deal,date\nn1,2027-01-15\nn2,2027-01-16\nn3,2027-07-16',
    });
    const jan = stmt(r, 'ada', '2027-01');
    expect(jan.lines.filter((l) => l.kind === 'clawback').map((l) => [l.label, l.amount])).toEqual([
      ['Commission clawback: n1', '-1000.00'],
      ['Commission clawback: n2', '-1000.00'],
    ]);
    expect(jan.owed).toBe('2000.00');
    expect(stmt(r, 'ada', '2027-07').clawedBack).toBe('0.00');
    expect(traceTexts(jan, 'schedule')).toEqual([
      'schedule: 12 whole months (365 days) after the credit; first window containing it: within 12 months takes 100% -> 100%',
      'schedule: 12 whole months (366 days) after the credit; first window containing it: within 18 months takes 50% -> 50%',
    ]);
  });

  it('18 months exactly is still in the last window', () => {
    const r = run(text, { 'reps.csv': 'id\nada', 'deals.csv': deals, 'cancellations.csv': 'deal,date\nn3,2027-07-15' });
    // n3: 3,000 paid; 2027-07-15 is exactly 18 months -> 50% = 1,500
    expect(stmt(r, 'ada', '2027-07').clawedBack).toBe('1500.00');
  });

  it('windows out of order, a share above 100%', () => {
    const bad = plan(`${cancellations}\ncomponent c {\n  basis per deal\n  rate 10%\n  clawback cancellations schedule {\n    within 18 months takes 50%\n    within 12 months takes 100%\n  }\n}`);
    const d = diagnostics(bad).find((x) => x.code === 'COMP5043');
    expect(d?.message).toBe('this window (12 months) is not longer than the one before it (18 months)');
    expect(codes(plan(`${cancellations}\ncomponent c {\n  basis per deal\n  rate 10%\n  clawback cancellations schedule {\n    within 12 months takes 120%\n  }\n}`))).toContain('COMP5044');
  });
});

describe('prorated by unused term', () => {
  const text = plan(`${cancellations}

component commission "Commission" {
  basis per deal
  rate 10%
  clawback cancellations within 24 months prorated by unused term deal.term_months
}`, { deals: '  term_months: integer', periods: 'monthly from 2026-01 to 2027-03' });

  it('claws back the unused months over the term', () => {
    const r = run(text, {
      'reps.csv': 'id\nada',
      'deals.csv': 'id,owner,close_date,amount,term_months\nr1,ada,2026-02-10,12000,12\nr2,ada,2026-02-10,12000,12\nr3,ada,2026-02-10,12000,12',
      // r1 on 2026-05-20: 3 whole months elapsed (05-10 <= 05-20 < 06-10), 9 unused: 75% of 1,200 = 900
      // r2 on 2026-05-09: 2 whole months (one day short of the third), 10 unused: 10/12 of 1,200 = 1,000
      // r3 on 2027-03-01: 12 whole months elapsed, 0 unused: nothing
      'cancellations.csv': 'deal,date\nr1,2026-05-20\nr2,2026-05-09\nr3,2027-03-01',
    });
    const may = stmt(r, 'ada', '2026-05');
    expect(may.lines.filter((l) => l.kind === 'clawback').map((l) => l.amount)).toEqual(['-1000.00', '-900.00']);
    expect(traceTexts(may, 'share')).toContain('unused term: 12 months - 3 elapsed = 9 unused; 9 / 12 = 75%');
    expect(stmt(r, 'ada', '2027-03').clawedBack).toBe('0.00');
  });

  it('the term must be a number of months', () => {
    const t = plan(`${cancellations}\ncomponent c {\n  basis per deal\n  rate 10%\n  clawback cancellations within 24 months prorated by unused term 50%\n}`);
    expect(codes(t)).toContain('COMP3001');
  });
});

describe('cancelled deals in attainment', () => {
  const body = (choice: string) =>
    plan(
      `${cancellations}

let quota = rep.monthly_quota
let attainment = credit / quota

component commission "Commission" {
  basis year to date
  rate retroactive {
    from 0% to 100% pays 5%
    from 100% pays 10%
  }
  clawback cancellations schedule {
    within 1 months takes 100%
    within 3 months takes 50%
  }
${choice}
}`,
      { roster: '  monthly_quota: money positive', periods: 'monthly from 2026-01 to 2026-04' },
    );
  const files = {
    'reps.csv': 'id,monthly_quota\nada,10000',
    'deals.csv': 'id,owner,close_date,amount\nd1,ada,2026-01-10,8000\nd2,ada,2026-02-10,16000\nd3,ada,2026-03-10,4000\nd4,ada,2026-04-20,30000',
    'cancellations.csv': 'deal,date\nd2,2026-04-05',
  };
  // Jan 400; Feb 2,400 - 400 = 2,000; Mar 1,400 owed < 2,400 paid -> 0 (d2's share of 1,400: 800)

  it('leave: the deal leaves the measure to date and what was paid on it leaves the amount paid', () => {
    const r = run(body('  cancelled deals leave attainment'), files);
    // Apr: d2 cancelled 2026-04-05, 1 whole month after 2026-02-10 -> 50% of 800 = 400 clawed back.
    // To date without d2: 8,000 + 4,000 + 30,000 = 42,000 / 40,000 = 105% -> 10% = 4,200;
    // paid to date 2,400 - 800 = 1,600 -> true-up 2,600; paid 2,600 - 400 = 2,200
    expect(paid(r, 'ada', ['2026-01', '2026-02', '2026-03', '2026-04'])).toEqual(['400.00', '2000.00', '0.00', '2200.00']);
    const apr = stmt(r, 'ada', '2026-04');
    expect(apr.clawedBack).toBe('400.00');
    expect(traceTexts(apr, 'cancelled')[0]).toContain('d2 cancelled on 2026-04-05 leaves attainment');
  });

  it('stay: the deal stays in the measure; only the clawback takes money back', () => {
    const r = run(body('  cancelled deals stay in attainment'), files);
    // Apr: 58,000 / 40,000 = 145% -> 5,800 - 2,400 = 3,400; d2's share 5,800 x 16/58 = 1,600,
    // 50% = 800 clawed back -> 2,600
    expect(paid(r, 'ada', ['2026-04'])).toEqual(['2600.00']);
    expect(stmt(r, 'ada', '2026-04').clawedBack).toBe('800.00');
  });

  it('leave: 100% clawed back nets to nothing on the deal, and the others keep their rate', () => {
    const r = run(body('  cancelled deals leave attainment'), { ...files, 'cancellations.csv': 'deal,date\nd1,2026-02-05' });
    // Feb: d1 (credited 2026-01-10) cancelled 2026-02-05, within 1 month -> 100% of 400 = 400 back.
    // To date without d1: 16,000 / 20,000 = 80% -> 5% = 800; paid to date 400 - 400 = 0 -> 800;
    // paid 800 - 400 = 400
    expect(stmt(r, 'ada', '2026-02').paid).toBe('400.00');
  });

  it('the choice is stated: warning when a cumulative component claws back without it; error without a clawback', () => {
    const warn = diagnostics(body('')).find((d) => d.code === 'COMP5042');
    expect(warn?.severity).toBe('warning');
    const noClaw = plan(`component c {\n  basis year to date\n  rate 10%\n  cancelled deals leave attainment\n}`);
    expect(codes(noClaw)).toContain('COMP5041');
    expect(codes(plan(`${cancellations}\ncomponent c {\n  basis per deal\n  rate 10%\n  clawback cancellations within 90 days full\n  cancelled orders leave attainment\n}`))).toContain('COMP1101');
  });
});
