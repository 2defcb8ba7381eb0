// Payout curves (docs/language.md section 20): worked numbers by hand, boundary values, diagnostics.
import { describe, expect, it } from 'vitest';
import { HEADER, codes, line, nodes, run, stmt } from './bonus-helpers.js';

const BASE = `${HEADER}
roster reps from "reps.csv" {
  id: text key
  monthly_quota: money positive
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

let quota = rep.monthly_quota
let attainment = credit / quota
`;

/** One rep per credit amount on a quota of 10,000; the target bonus is USD 1,000. */
function data(amounts: Record<string, string>): Record<string, string> {
  const reps = ['id,monthly_quota', ...Object.keys(amounts).map((r) => `${r},10000`)].join('\n');
  const deals = ['id,owner,close_date,amount', ...Object.entries(amounts).map(([r, a], i) => `D${i},${r},2026-01-10,${a}`)].join('\n');
  return { 'reps.csv': reps, 'deals.csv': deals };
}

const LINEAR = `${BASE}
curve payout linear {
  at 50%  pays 25%
  at 100% pays 100%
  at 150% pays 200%
  below 50% pays 0%
  above 150% slope 1.5
}

component bonus "Bonus" {
  pays USD 1,000 * payout(attainment)
}
`;

describe('linear curve', () => {
  const r = run(
    LINEAR,
    data({ r4999: '4999', r50: '5000', r75: '7500', r100: '10000', r12345: '12345', r150: '15000', r170: '17000', r0: '0' }),
  );
  it('pays the below payout under the first point, up to 49.99%', () => {
    // 4,999 / 10,000 = 49.99% < 50%: below -> 0%
    expect(line(stmt(r, 'r4999', '2026-01'), 'bonus')).toBe('0.00');
    // 0% (no credit): below -> 0%
    expect(line(stmt(r, 'r0', '2026-01'), 'bonus')).toBe('0.00');
  });
  it('pays the point at a point exactly', () => {
    // 50% exactly: the first point, 25% x 1,000 = 250
    expect(line(stmt(r, 'r50', '2026-01'), 'bonus')).toBe('250.00');
    // 100%: 100% x 1,000
    expect(line(stmt(r, 'r100', '2026-01'), 'bonus')).toBe('1000.00');
    // 150%: the last point, 200% x 1,000
    expect(line(stmt(r, 'r150', '2026-01'), 'bonus')).toBe('2000.00');
  });
  it('interpolates exactly between points', () => {
    // 75%: 25% + (100% - 25%) x (75% - 50%) / (100% - 50%) = 62.5% -> 625
    expect(line(stmt(r, 'r75', '2026-01'), 'bonus')).toBe('625.00');
    // 123.45%: 100% + (200% - 100%) x 23.45% / 50% = 146.9% -> 1,469.00
    expect(line(stmt(r, 'r12345', '2026-01'), 'bonus')).toBe('1469.00');
  });
  it('adds the slope above the last point', () => {
    // 170%: 200% + 1.5 x (170% - 150%) = 230% -> 2,300
    expect(line(stmt(r, 'r170', '2026-01'), 'bonus')).toBe('2300.00');
  });
  it('explains each evaluation in the trace', () => {
    const t = nodes(stmt(r, 'r75', '2026-01').trace, 'curve').map((n) => n.text);
    expect(t).toEqual(['curve payout(75%) = 62.5%: between 50% (25%) and 100% (100%): 25% + (100% - 25%) x (75% - 50%) / (100% - 50%) = 62.5%']);
    expect(nodes(stmt(r, 'r170', '2026-01').trace, 'curve')[0]!.text).toContain('above the last point 150%');
  });
});

describe('steps curve', () => {
  const plan = `${BASE}
curve kicker steps {
  at 0%   pays 0%
  at 100% pays 50%
  at 120% pays 100%
  above 120% capped
}

component kick "Kicker" {
  pays USD 1,000 * kicker(attainment)
}
`;
  const r = run(plan, data({ a: '9999', b: '10000', c: '11999', d: '12000', e: '30000' }));
  it('a point owns its attainment and everything up to the next point', () => {
    // 99.99%: the step from 0%: 0%
    expect(line(stmt(r, 'a', '2026-01'), 'kick')).toBe('0.00');
    // 100% exactly: the 100% point's 50% -> 500
    expect(line(stmt(r, 'b', '2026-01'), 'kick')).toBe('500.00');
    // 119.99%: still the 100% step -> 500
    expect(line(stmt(r, 'c', '2026-01'), 'kick')).toBe('500.00');
    // 120% exactly: 100% -> 1,000
    expect(line(stmt(r, 'd', '2026-01'), 'kick')).toBe('1000.00');
  });
  it('keeps the last payout above the last point when capped', () => {
    // 300%: capped at 100% -> 1,000
    expect(line(stmt(r, 'e', '2026-01'), 'kick')).toBe('1000.00');
  });
});

describe('curve diagnostics', () => {
  const withCurve = (curve: string, use = 'payout(attainment)') => `${BASE}
${curve}

component bonus "Bonus" {
  pays USD 1,000 * ${use}
}
`;
  it('COMP4101: points out of order', () => {
    expect(codes(withCurve('curve payout linear {\n at 100% pays 100%\n at 50% pays 25%\n below 100% pays 0%\n above 50% capped\n}'))).toContain('COMP4101');
  });
  it('COMP4102: a linear curve needs two points', () => {
    expect(codes(withCurve('curve payout linear {\n at 100% pays 100%\n below 100% pays 0%\n above 100% capped\n}'))).toContain('COMP4102');
  });
  it('COMP4103: below and above must be stated', () => {
    const c = codes(withCurve('curve payout linear {\n at 50% pays 25%\n at 100% pays 100%\n}'));
    expect(c.filter((x) => x === 'COMP4103')).toHaveLength(2);
    // a first point at 0% needs no `below`
    expect(codes(withCurve('curve payout linear {\n at 0% pays 0%\n at 100% pays 100%\n above 100% capped\n}'))).toEqual([]);
  });
  it('COMP4104: below and above name the first and last points', () => {
    expect(codes(withCurve('curve payout linear {\n at 50% pays 25%\n at 100% pays 100%\n below 40% pays 0%\n above 100% capped\n}'))).toEqual(['COMP4104']);
  });
  it('COMP4105: values are written out', () => {
    expect(codes(withCurve('curve payout linear {\n at 0% pays 0%\n at 100% pays quota / quota\n above 100% capped\n}'))).toContain('COMP4105');
    expect(codes(withCurve('curve payout linear {\n at 0% pays 0%\n at 100% pays 100%\n above 100% slope 150%\n}'))).toContain('COMP4105');
  });
  it('a curve takes one percent', () => {
    const ok = 'curve payout linear {\n at 0% pays 0%\n at 100% pays 100%\n above 100% capped\n}';
    expect(codes(withCurve(ok, 'payout(attainment, 2)'))).toContain('COMP3007');
    expect(codes(withCurve(ok, 'payout(rep)'))).toContain('COMP3001');
  });
  it('a broken curve is reported and the rest of the plan still parses', () => {
    const c = codes(withCurve('curve payout linear {\n at 0% pays\n at 100% pays 100%\n above 100% capped\n}'));
    expect(c.some((x) => x.startsWith('COMP11'))).toBe(true);
  });
});
