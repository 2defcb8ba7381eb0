// Proration (docs/language.md section 16): days and months employed, leave of absence, seasonal
// weights. Every figure is computed by hand in the comment next to it.
import { describe, expect, it } from 'vitest';
import { codes, run, stmt, traceTexts } from './helpers-g3.js';

const HEADER = `plan "P"
currency USD
`;

const ROSTER = `roster reps from "reps.csv" {
  id: text key
  hire_date: date optional
  end_date: date optional
  monthly_quota: money
  annual_quota: money
  employed from hire_date to end_date
  leave from leaves
}
table leaves from "leaves.csv" { rep: rep  start: date  end: date }
table deals from "deals.csv" { id: text key  owner: rep  close_date: date  amount: money }
credit deals amount deal.amount date deal.close_date to deal.owner
`;

/** The quota is paid as a flat 10% "bonus" so that payout = quota x 10% shows the quota exactly. */
function planWith(quota: string, periods = 'monthly from 2026-01 to 2026-03'): string {
  return `${HEADER}periods ${periods}
rounding half away from zero to 0.000001 per payout line
${ROSTER}
let quota = ${quota}
let attainment = credit / quota otherwise 0%
component q "Quota shown" { rate 10% }
let shown = quota
`;
}

const NO_DEALS = 'id,owner,close_date,amount\n';
const NO_LEAVES = 'rep,start,end\n';

function reps(rows: string): string {
  return `id,hire_date,end_date,monthly_quota,annual_quota\n${rows}`;
}

function quotaOf(r: ReturnType<typeof run>, rep: string, period: string): string | undefined {
  return stmt(r, rep, period).values?.quota;
}

describe('days employed', () => {
  it('counts the hire date and the end date as employed days (boundaries)', () => {
    const r = run(planWith('prorate(rep.monthly_quota, by days employed)'), {
      // hired on the first day of January: the full month, 31/31 -> 3,100 exactly
      // hired on the last day of January: 1 day -> 3,100 x 1/31 = 100
      // last day on the first of February: 1 of 28 days -> 2,800 x 1/28 = 100
      // hired 2026-01-17: 17..31 = 15 days -> 3,100 x 15/31 = 1,500
      'reps.csv': reps(
        'a,2026-01-01,,3100,0\nb,2026-01-31,,3100,0\nc,2025-01-01,2026-02-01,2800,0\nd,2026-01-17,,3100,0\n',
      ),
      'leaves.csv': NO_LEAVES,
      'deals.csv': NO_DEALS,
    });
    expect(quotaOf(r, 'a', '2026-01')).toBe('3100');
    expect(quotaOf(r, 'b', '2026-01')).toBe('100');
    expect(quotaOf(r, 'c', '2026-02')).toBe('100');
    expect(quotaOf(r, 'c', '2026-03')).toBe('0'); // gone: 0 of 31 days
    expect(quotaOf(r, 'd', '2026-01')).toBe('1500');
    expect(quotaOf(r, 'd', '2026-02')).toBe('3100'); // full month: the value itself
  });

  it('is exact: 8,000 x 15/31 is not rounded', () => {
    const r = run(planWith('prorate(rep.monthly_quota, by days employed)'), {
      'reps.csv': reps('ben,2026-01-17,,8000,0\n'),
      'leaves.csv': NO_LEAVES,
      'deals.csv': NO_DEALS,
    });
    // 8,000 x 15 / 31 = 3,870.967741935483870967741935...
    expect(quotaOf(r, 'ben', '2026-01')!.startsWith('3870.96774193548387096774193548')).toBe(true);
  });

  it('excludes leave days, both ends included; overlapping leaves count once', () => {
    const r = run(planWith('prorate(rep.monthly_quota, by days employed)'), {
      // cy: leave Feb 10..23 = 14 days of 28 -> 2,800 x 14/28 = 1,400
      // di: leaves Mar 1..10 and Mar 5..20 overlap: Mar 1..20 = 20 days off, 11 of 31 -> 3,100 x 11/31 = 1,100
      // ed: leave Jan 31..Feb 1 spans two months: January 3,100 x 30/31 = 3,000; February 3,100 x 27/28 = 2,989.285714...
      'reps.csv': reps('cy,2024-01-01,,2800,0\ndi,2024-01-01,,3100,0\ned,2024-01-01,,3100,0\n'),
      'leaves.csv': `${NO_LEAVES}cy,2026-02-10,2026-02-23\ndi,2026-03-01,2026-03-10\ndi,2026-03-05,2026-03-20\ned,2026-01-31,2026-02-01\n`,
      'deals.csv': NO_DEALS,
    });
    expect(quotaOf(r, 'cy', '2026-02')).toBe('1400');
    expect(quotaOf(r, 'cy', '2026-01')).toBe('2800');
    expect(quotaOf(r, 'di', '2026-03')).toBe('1100');
    expect(quotaOf(r, 'ed', '2026-01')).toBe('3000');
    expect(quotaOf(r, 'ed', '2026-02')!.startsWith('2989.2857142857142857142857')).toBe(true);
  });

  it('shows the days employed and on leave in the trace', () => {
    const r = run(planWith('prorate(rep.monthly_quota, by days employed)'), {
      'reps.csv': reps('cy,2024-01-01,,2800,0\n'),
      'leaves.csv': `${NO_LEAVES}cy,2026-02-10,2026-02-23\n`,
      'deals.csv': NO_DEALS,
    });
    const texts = traceTexts(stmt(r, 'cy', '2026-02'), 'proration');
    expect(texts).toContain('cy employed from 2024-01-01, 14 days on leave: 14 of 28 days and 0 of 1 whole months of 2026-02 employed');
    expect(texts.some((t) => t.startsWith('prorated by days employed: 2,800.00 x 14/28 = 1,400.00'))).toBe(true);
  });
});

describe('months employed', () => {
  it('counts whole months only (quarterly periods)', () => {
    const r = run(planWith('prorate(rep.monthly_quota * 3, by months employed)', 'quarterly from 2026-Q1 to 2026-Q2'), {
      // a: hired 2026-02-01 -> Feb and Mar whole: 2 of 3 -> 9,000 x 2/3 = 6,000
      // b: hired 2026-02-02 -> only March is whole: 1 of 3 -> 3,000
      // c: one day of leave in May -> April and June: 2 of 3 -> 6,000 in Q2, 9,000 in Q1
      'reps.csv': reps('a,2026-02-01,,3000,0\nb,2026-02-02,,3000,0\nc,2024-01-01,,3000,0\n'),
      'leaves.csv': `${NO_LEAVES}c,2026-05-15,2026-05-15\n`,
      'deals.csv': NO_DEALS,
    });
    expect(quotaOf(r, 'a', '2026-Q1')).toBe('6000');
    expect(quotaOf(r, 'b', '2026-Q1')).toBe('3000');
    expect(quotaOf(r, 'c', '2026-Q1')).toBe('9000');
    expect(quotaOf(r, 'c', '2026-Q2')).toBe('6000');
  });

  it('exposes days_employed, months_employed, days_in_period, months_in_period', () => {
    const text = planWith('rep.monthly_quota').replace(
      'let shown = quota',
      'let d = days_employed\nlet m = months_employed\nlet dp = days_in_period\nlet mp = months_in_period\ncomponent show { for d + m + dp + mp > 0 rate 0% }',
    );
    const r = run(text, { 'reps.csv': reps('b,2026-02-02,,3000,0\n'), 'leaves.csv': NO_LEAVES, 'deals.csv': NO_DEALS });
    // February 2026: hired on the 2nd -> 27 of 28 days, 0 whole months of 1
    const v = stmt(r, 'b', '2026-02').values!;
    expect([v.d, v.m, v.dp, v.mp]).toEqual(['27', '0', '28', '1']);
  });
});

describe('seasonal weights', () => {
  it('gives a month a third of its quarter weight, exactly', () => {
    const r = run(planWith('seasonal(rep.annual_quota, by quarter 20%, 20%, 20%, 40%)', 'monthly from 2026-01 to 2026-12'), {
      'reps.csv': reps('a,2020-01-01,,0,120000\n'),
      'leaves.csv': NO_LEAVES,
      'deals.csv': NO_DEALS,
    });
    // Q1-Q3: 120,000 x 20% / 3 = 8,000 a month; Q4: 120,000 x 40% / 3 = 16,000 a month
    expect(quotaOf(r, 'a', '2026-01')).toBe('8000');
    expect(quotaOf(r, 'a', '2026-09')).toBe('8000');
    expect(quotaOf(r, 'a', '2026-10')).toBe('16000');
    expect(quotaOf(r, 'a', '2026-12')).toBe('16000');
    expect(traceTexts(stmt(r, 'a', '2026-10'), 'seasonal')).toEqual(['seasonal share of 120,000.00 for 2026-10 (by quarter): 2026-10 Q4 40%/3 = 16,000.00']);
  });

  it('gives a quarter its weight and takes 12 weights by month', () => {
    const q = run(planWith('seasonal(rep.annual_quota, by quarter 10%, 20%, 30%, 40%)', 'quarterly from 2026-Q1 to 2026-Q4'), {
      'reps.csv': reps('a,2020-01-01,,0,100000\n'),
      'leaves.csv': NO_LEAVES,
      'deals.csv': NO_DEALS,
    });
    // 100,000 x 10% = 10,000 in Q1 ... 100,000 x 40% = 40,000 in Q4
    expect(quotaOf(q, 'a', '2026-Q1')).toBe('10000');
    expect(quotaOf(q, 'a', '2026-Q4')).toBe('40000');
    const m = run(planWith('seasonal(rep.annual_quota, by month 5%, 5%, 10%, 5%, 5%, 10%, 5%, 5%, 10%, 10%, 10%, 20%)'), {
      'reps.csv': reps('a,2020-01-01,,0,100000\n'),
      'leaves.csv': NO_LEAVES,
      'deals.csv': NO_DEALS,
    });
    // March: 100,000 x 10% = 10,000; January 5,000
    expect(quotaOf(m, 'a', '2026-03')).toBe('10000');
    expect(quotaOf(m, 'a', '2026-01')).toBe('5000');
  });

  it('combines with proration and pays through attainment tiers', () => {
    const text = `${HEADER}periods monthly from 2026-01 to 2026-01
${ROSTER}
let quota = prorate(seasonal(rep.annual_quota, by quarter 20%, 20%, 20%, 40%), by days employed)
let attainment = credit / quota otherwise 0%
component c { rate retroactive { from 0% to 100% pays 5%  from 100% pays 10% } }
`;
    const r = run(text, {
      // quota: 120,000 x 20% / 3 = 8,000, hired 2026-01-17 -> 8,000 x 15/31 = 3,870.97
      // credit exactly 8,000 x 15 / 31 is not a whole amount; 3,870.97 is just above it -> 100.0000083% -> 10%: 387.10 (387.097 rounded)
      // credit 3,870.96 is just below it -> 99.99997% -> 5%: 193.548 -> 193.55
      'reps.csv': reps('ben,2026-01-17,,0,120000\ncy,2026-01-17,,0,120000\n'),
      'leaves.csv': NO_LEAVES,
      'deals.csv': 'id,owner,close_date,amount\nD1,ben,2026-01-20,3870.97\nD2,cy,2026-01-20,3870.96\n',
    });
    expect(stmt(r, 'ben', '2026-01').paid).toBe('387.10');
    expect(stmt(r, 'cy', '2026-01').paid).toBe('193.55');
  });
});

describe('diagnostics', () => {
  const base = `${HEADER}periods monthly
roster reps { id: text key  hire_date: date  q: money }
`;
  it('COMP3060: seasonal weights must sum to 100%', () => {
    expect(codes(`${base}let quota = seasonal(rep.q, by quarter 20%, 20%, 20%, 30%)\ncomponent c { rate 1% }`)).toContain('COMP3060');
    expect(codes(`${base}let quota = seasonal(rep.q, by quarter 20%, 20%, 20%, 40%)\ncomponent c { rate 1% }`)).not.toContain('COMP3060');
  });
  it('COMP3007: by quarter takes 4 weights', () => {
    expect(codes(`${base}let quota = seasonal(rep.q, by quarter 50%, 50%)\ncomponent c { rate 1% }`)).toContain('COMP3007');
  });
  it('COMP5060: proration needs employed from', () => {
    expect(codes(`${base}let quota = prorate(rep.q, by days employed)\ncomponent c { rate 1% }`)).toContain('COMP5060');
    expect(codes(`${base}let d = days_employed\ncomponent c { rate 1% gate d > 0 }`)).toContain('COMP5060');
  });
  it('COMP5061: the leave table needs a rep and two dates', () => {
    const t = `${HEADER}periods monthly
roster reps { id: text key  hire_date: date  q: money  employed from hire_date  leave from leaves }
table leaves { rep: rep  start: date }
component c { rate 1% }`;
    expect(codes(t)).toContain('COMP5061');
  });
  it('COMP3001: prorate needs `by days employed` or `by months employed`', () => {
    const t = `${HEADER}periods monthly
roster reps { id: text key  hire_date: date  q: money  employed from hire_date }
let quota = prorate(rep.q, by weeks employed)
component c { rate 1% }`;
    expect(codes(t)).toContain('COMP3001');
  });
  it('COMP2012: months employed is not available with weekly periods', () => {
    const t = `${HEADER}periods weekly from 2026-01-05 to 2026-03-01
roster reps { id: text key  hire_date: date  q: money  employed from hire_date }
let quota = prorate(rep.q, by months employed)
component c { rate 1% }`;
    expect(codes(t)).toContain('COMP2012');
  });
  it('employed and leave stay usable as field names', () => {
    const t = `${HEADER}periods monthly
roster reps { id: text key  employed: date  leave: boolean  employed from employed }
component c { rate 1% }`;
    expect(codes(t).filter((c) => c.startsWith('COMP1'))).toEqual([]);
  });
});
