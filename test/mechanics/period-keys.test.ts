// One period syntax everywhere (issue 8, trap 8): the keys `comp run` prints for weekly and annual
// plans (`2026-01-05`, `2026`, `FY2027`) are accepted by the header and by `period` cells.
import { describe, expect, it } from 'vitest';
import { codes, diagnostics, run, stmt } from '../helpers/plan-run.js';

const plan = (periods: string, extra = '') => `plan "Keys"
currency USD
${extra}periods ${periods}
roster reps from "reps.csv" {
  id: text key
}
table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
}
table csat from "csat.csv" {
  rep: rep
  period: period
  score: decimal
}
credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner
component c "C" {
  rate 10%
  multiplier x2 when csat.score >= 4
}
`;
const REPS = 'id\nada\n';

describe('weekly plans: a week is named by its first day, in the data as in the output', () => {
  const weekly = plan('weekly from 2026-01-05 to 2026-01-18');
  const deals = 'id,owner,close_date,amount\nD1,ada,2026-01-07,1000\nD2,ada,2026-01-14,2000\n';
  it('reads `2026-01-05` in a period cell as the week printed `2026-01-05`', () => {
    const r = run(weekly, { 'reps.csv': REPS, 'deals.csv': deals, 'csat.csv': 'rep,period,score\nada,2026-01-05,5\nada,2026-01-12,3\n' });
    expect(r.result!.periods.map((p) => p.key)).toEqual(['2026-01-05', '2026-01-12']);
    // week 1: 1,000 x 10% x2 (csat 5); week 2: 2,000 x 10% (csat 3)
    expect(stmt(r, 'ada', '2026-01-05').lines[0]!.amount).toBe('200.00');
    expect(stmt(r, 'ada', '2026-01-12').lines[0]!.amount).toBe('200.00');
  });
  it('another day of the week is COMP6011 naming the week\'s first day', () => {
    const r = run(weekly, { 'reps.csv': REPS, 'deals.csv': deals, 'csat.csv': 'rep,period,score\nada,2026-01-07,5\n' });
    expect(r.errors.map((e) => `${e.line}:${e.column} ${e.code}`)).toEqual(['2:5 COMP6011']);
    expect((r.errors[0] as { hint?: string }).hint).toContain('2026-01-05');
  });
  it('a date in a period cell of a monthly plan is COMP6011', () => {
    const r = run(plan('monthly from 2026-01 to 2026-01'), { 'reps.csv': REPS, 'deals.csv': deals, 'csat.csv': 'rep,period,score\nada,2026-01-05,5\n' });
    expect(r.errors.map((e) => e.code)).toEqual(['COMP6011']);
  });
});

describe('annual plans: the year is the key, in the header as in the data', () => {
  const deals = 'id,owner,close_date,amount\nD1,ada,2026-03-07,1000\nD2,ada,2027-05-14,2000\n';
  it('`periods annual from 2026 to 2027` checks and runs; a cell `2026` is the year printed `2026`', () => {
    const annual = plan('annual from 2026 to 2027');
    expect(codes(annual)).toEqual([]);
    const r = run(annual, { 'reps.csv': REPS, 'deals.csv': deals, 'csat.csv': 'rep,period,score\nada,2026,5\nada,2027,2\n' });
    expect(r.result!.periods.map((p) => p.key)).toEqual(['2026', '2027']);
    // 2026: 1,000 x 10% x2; 2027: 2,000 x 10%
    expect(stmt(r, 'ada', '2026').lines[0]!.amount).toBe('200.00');
    expect(stmt(r, 'ada', '2027').lines[0]!.amount).toBe('200.00');
  });
  it('fiscal years: `FY2027` in the header and the data; a calendar year in a fiscal plan warns (COMP5091)', () => {
    const fiscal = plan('annual from FY2027 to FY2027', 'fiscal year starts February\n');
    expect(codes(fiscal)).toEqual([]);
    const r = run(fiscal, { 'reps.csv': REPS, 'deals.csv': 'id,owner,close_date,amount\nD1,ada,2026-03-07,1000\nD2,ada,2027-01-14,2000\n', 'csat.csv': 'rep,period,score\nada,FY2027,5\n' });
    expect(r.result!.periods.map((p) => p.key)).toEqual(['FY2027']);
    // FY2027 = 2026-02-01..2027-01-31: 3,000 x 10% x2
    expect(stmt(r, 'ada', 'FY2027').lines[0]!.amount).toBe('600.00');
    expect(codes(plan('annual from 2026 to 2027', 'fiscal year starts February\n'))).toEqual(['COMP5091', 'COMP5091']);
  });
  it('a number that is not a year is not a period bound', () => {
    expect(diagnostics(plan('annual from 26 to 2027')).map((d) => d.code)).toEqual(['COMP3001']);
  });
});

describe('semimonthly periods (rule 5): the 1st-15th and the 16th-last day, named by their first day', () => {
  const semi = plan('semimonthly from 2026-01 to 2026-02');
  const deals = 'id,owner,close_date,amount\nD1,ada,2026-01-10,1000\nD2,ada,2026-01-15,500\nD3,ada,2026-01-16,2000\nD4,ada,2026-02-28,300\n';
  it('cuts each month at the 15th; a period cell names a half-month by its first day', () => {
    expect(codes(semi)).toEqual([]);
    const r = run(semi, { 'reps.csv': REPS, 'deals.csv': deals, 'csat.csv': 'rep,period,score\nada,2026-01-01,3\nada,2026-01-16,5\nada,2026-02-01,3\nada,2026-02-16,3\n' });
    expect(r.result!.periods.map((p) => `${p.key}..${p.end}`)).toEqual(['2026-01-01..2026-01-15', '2026-01-16..2026-01-31', '2026-02-01..2026-02-15', '2026-02-16..2026-02-28']);
    // 1st-15th January: (1,000 + 500) x 10% = 150; 16th-31st: 2,000 x 10% x2 (csat 5) = 400; February 16-28: 30
    expect(['2026-01-01', '2026-01-16', '2026-02-01', '2026-02-16'].map((k) => stmt(r, 'ada', k).lines[0]!.amount)).toEqual(['150.00', '400.00', '0.00', '30.00']);
  });
  it('another day in a period cell is COMP6011; months_employed is not available (COMP2012)', () => {
    const r = run(semi, { 'reps.csv': REPS, 'deals.csv': deals, 'csat.csv': 'rep,period,score\nada,2026-01-10,3\n' });
    expect(r.errors.map((e) => e.code)).toEqual(['COMP6011']);
    expect((r.errors[0] as { hint?: string }).hint).toContain('2026-01-01');
    expect(codes(semi.replace('rate 10%', 'rate 10% * months_employed'))).toContain('COMP2012');
  });
});
