// Mechanic 3: guarantees and draws — new-hire protection (`for first N months after DATE`),
// recovery limits as a percent or an amount, forgiveness at a date (docs/language.md section 23).
import { describe, expect, it } from 'vitest';
import { codes, paid, plan, run, stmt, traceTexts } from './helpers-g2.js';

const commission = `component commission "Commission" {
  basis period total
  rate 10%
}`;

describe('new-hire protection', () => {
  const text = plan(`${commission}\nguarantee USD 3,000 per period for first 3 months after rep.hire_date`, { roster: '  hire_date: date' });
  const files = {
    'reps.csv': `id,hire_date
      ada,2026-02-15
      ben,2026-01-31`,
    'deals.csv': `id,owner,close_date,amount
      d1,ada,2026-02-20,10000
      d2,ada,2026-03-10,50000
      d3,ada,2026-05-05,5000`,
  };

  it('protects months 1..3, the month of hire being month 1 (boundary: month 3 in, month 4 out)', () => {
    const r = run(text, files);
    // ada hired 2026-02-15: Jan is before the hire month -> 0.00 (no credit, not protected)
    // Feb month 1: 10,000 x 10% = 1,000 -> topped up to 3,000.00
    // Mar month 2: 50,000 x 10% = 5,000 >= 3,000 -> 5,000.00
    // Apr month 3 (the last protected month): 0 -> 3,000.00
    // May month 4: 5,000 x 10% = 500.00, not protected
    expect(paid(r, 'ada', ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'])).toEqual(['0.00', '3000.00', '5000.00', '3000.00', '500.00']);
    // ben hired on the last day of January: January is month 1, March month 3, April month 4
    expect(paid(r, 'ben', ['2026-01', '2026-03', '2026-04'])).toEqual(['3000.00', '3000.00', '0.00']);
  });

  it('traces the protected months', () => {
    const r = run(text, files);
    expect(traceTexts(stmt(r, 'ada', '2026-04'), 'newHire')[0]).toContain('month 3 of 3');
    expect(traceTexts(stmt(r, 'ada', '2026-05'), 'newHire')[0]).toContain('outside the protected months (2026-02-01 to 2026-04-30)');
  });

  it('protects a quarter that overlaps the protected months', () => {
    const q = plan(`${commission}\nguarantee USD 9,000 per period for first 2 months after rep.hire_date`, { roster: '  hire_date: date', periods: 'quarterly from 2026-Q1 to 2026-Q3' });
    // hired 2026-03-20: months 1-2 are March and April: Q1 (overlaps March) and Q2 (April) are
    // protected, Q3 is not. Earned 0 each quarter -> 9,000.00, 9,000.00, 0.00
    const r = run(q, { 'reps.csv': 'id,hire_date\nada,2026-03-20', 'deals.csv': 'id,owner,close_date,amount' });
    expect(paid(r, 'ada', ['2026-Q1', '2026-Q2', '2026-Q3'])).toEqual(['9000.00', '9000.00', '0.00']);
  });

  it('reports a months count that is not a whole number, and a non-date', () => {
    expect(codes(plan(`${commission}\nguarantee USD 3,000 per period for first 2.5 months after rep.hire_date`, { roster: '  hire_date: date' }))).toContain('COMP3001');
    expect(codes(plan(`${commission}\nguarantee USD 3,000 per period for first 3 months after rep.id`, { roster: '  hire_date: date' }))).toContain('COMP3001');
  });
});

describe('recoverable draws: recovery limits and forgiveness', () => {
  const deals = `id,owner,close_date,amount
    d1,ada,2026-01-10,5000
    d2,ada,2026-02-10,30000
    d3,ada,2026-03-10,10000
    d4,ada,2026-04-10,5000
    d5,ada,2026-05-10,40000`;

  it('recovers at most an amount per period and forgives the balance in the period containing the date', () => {
    const r = run(plan(`${commission}\ndraw recoverable USD 2,000 per period recover at most USD 500 per period forgiven on 2026-03-31`), { 'reps.csv': 'id\nada', 'deals.csv': deals });
    // Jan: 500 earned -> advance 1,500, paid 2,000 (balance 1,500)
    // Feb: 3,000 earned, 1,000 above the draw, at most 500 -> paid 2,500 (balance 1,000)
    // Mar: 1,000 earned -> advance 1,000, paid 2,000 (balance 2,000); 2026-03-31 is in March:
    //      2,000 written off (balance 0)
    // Apr: the draw has ended: 500.00; May: 4,000.00, nothing recovered
    expect(paid(r, 'ada', ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'])).toEqual(['2000.00', '2500.00', '2000.00', '500.00', '4000.00']);
    const mar = stmt(r, 'ada', '2026-03');
    expect(mar.drawForgiven).toBe('2000.00');
    expect(mar.drawBalance).toBe('0.00');
    expect(traceTexts(mar, 'forgiveness')[0]).toContain('the balance of 2,000.00 is written off');
    expect(stmt(r, 'ada', '2026-04').drawForgiven).toBeUndefined();
    expect(traceTexts(stmt(r, 'ada', '2026-04'), 'draw')[0]).toContain('ended (forgiven on 2026-03-31)');
  });

  it('forgiveness on the first day of a period happens in that period (boundary)', () => {
    const r = run(plan(`${commission}\ndraw recoverable USD 2,000 per period forgiven on 2026-02-01`), { 'reps.csv': 'id\nada', 'deals.csv': deals });
    // Jan: advance 1,500 (balance 1,500). Feb contains 2026-02-01: 3,000 earned, 1,000 above the
    // draw recovers 1,000 (no limit) -> paid 2,000, balance 500, then 500 forgiven. Mar: ended, 1,000.00
    expect(paid(r, 'ada', ['2026-01', '2026-02', '2026-03'])).toEqual(['2000.00', '2000.00', '1000.00']);
    expect(stmt(r, 'ada', '2026-02').drawForgiven).toBe('500.00');
  });

  it('recovers at most a percent of the earnings above the draw', () => {
    const r = run(plan(`${commission}\ndraw recoverable USD 2,000 per period recover at most 25% per period`), { 'reps.csv': 'id\nada', 'deals.csv': deals });
    // Jan: advance 1,500. Feb: 1,000 above the draw x 25% = 250 recovered -> 2,750.00 (balance 1,250)
    expect(paid(r, 'ada', ['2026-01', '2026-02'])).toEqual(['2000.00', '2750.00']);
    expect(stmt(r, 'ada', '2026-02').drawBalance).toBe('1250.00');
  });

  it('forgiveness is not available on a guarantee, and must be a date', () => {
    expect(codes(plan(`${commission}\nguarantee USD 2,000 per period forgiven on 2026-03-31`))).toContain('COMP2012');
    expect(codes(plan(`${commission}\ndraw recoverable USD 2,000 per period forgiven on 5%`))).toContain('COMP3001');
  });
});
