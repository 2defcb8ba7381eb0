// Credit rules (docs/language.md section 17): rates by product and channel, credit by a condition,
// team quota, team attainment and override tiers on team attainment. Figures computed by hand.
import { describe, expect, it } from 'vitest';
import { codes, run, stmt, traceTexts } from './helpers-g3.js';

const BASE = `plan "C"
currency USD
periods monthly from 2026-01 to 2026-01
roster reps from "reps.csv" {
  id: text key
  role: text
  manager: rep optional
  monthly_quota: money
  team by manager
}
table deals from "deals.csv" {
  id: text key
  owner: rep
  product: text where "GTXPro" means "GTX Pro"
  channel: text
  stage: text
  close_date: date
  amount: money
}
credit deals
  where deal.stage = "Won" and deal.channel != "Marketplace"
  amount deal.amount
  date deal.close_date
  to deal.owner
let quota = rep.monthly_quota
let attainment = credit / quota otherwise 0%
`;

const REPS = 'id,role,manager,monthly_quota\nmia,Manager,,0\nada,AE,mia,50000\nben,AE,mia,30000\n';
const DEALS_HEAD = 'id,owner,product,channel,stage,close_date,amount\n';

const PRODUCT = `component commission {
  for rep.role = "AE"
  basis per deal
  rate by deal.product {
    "GTX Pro"              pays 8%
    "MG Special", "MG Lite" pays 5%
    otherwise              pays 6%
  }
}
`;

describe('rates by product and channel', () => {
  it('pays each deal at the rate of its product; unlisted values pay `otherwise`', () => {
    const r = run(BASE + PRODUCT, {
      'reps.csv': REPS,
      // D1 GTX Pro 10,000 x 8% = 800; D2 "GTXPro" is read as GTX Pro: 1,000 x 8% = 80;
      // D3 MG Lite 2,000 x 5% = 100; D4 Hub (not listed) 3,000 x 6% = 180. Total 1,160.00
      'deals.csv': `${DEALS_HEAD}D1,ada,GTX Pro,Direct,Won,2026-01-05,10000\nD2,ada,GTXPro,Direct,Won,2026-01-06,1000\nD3,ada,MG Lite,Direct,Won,2026-01-07,2000\nD4,ada,Hub,Direct,Won,2026-01-08,3000\n`,
    });
    const s = stmt(r, 'ada', '2026-01');
    expect(s.paid).toBe('1160.00');
    expect(traceTexts(s, 'rate by')).toEqual([
      'D1: deal.product is "GTX Pro", pays 8%',
      'D2: deal.product is "GTX Pro", pays 8%',
      'D3: deal.product is "MG Lite", pays 5%',
      'D4: deal.product "Hub" is not listed: otherwise, pays 6%',
    ]);
  });

  it('without `otherwise`, an unlisted value stops the run naming the deal (COMP7060)', () => {
    const plan = BASE + PRODUCT.replace('    otherwise              pays 6%\n', '');
    const r = run(plan, { 'reps.csv': REPS, 'deals.csv': `${DEALS_HEAD}D1,ada,GTX Pro,Direct,Won,2026-01-05,10000\nD9,ada,Hub,Direct,Won,2026-01-06,100\n` });
    expect(r.result).toBeUndefined();
    expect(r.errors.map((e) => e.code)).toEqual(['COMP7060']);
    expect(r.errors[0]!.message).toBe('deals `D9` has deal.product `Hub`, which `rate by deal.product` does not list and it has no `otherwise`');
    expect(r.errors[0]!.line).toBe(3); // the row of D9 in deals.csv
  });

  it('combines credit by a condition with per-channel rates', () => {
    const plan = `${BASE}component channel {
  basis per deal
  on credit where deal.product = "GTX Pro"
  rate by deal.channel { "Direct" pays 1%  "Partner" pays 3% }
}
`;
    const r = run(plan, {
      'reps.csv': REPS,
      // credited: D1 (Direct, GTX Pro), D2 (Partner, GTX Pro), D3 (Partner, MG Lite: not GTX Pro, not paid here)
      // not credited: D4 (Marketplace), D5 (Lost)
      // 10,000 x 1% + 20,000 x 3% = 100 + 600 = 700.00
      'deals.csv': `${DEALS_HEAD}D1,ben,GTX Pro,Direct,Won,2026-01-05,10000\nD2,ben,GTX Pro,Partner,Won,2026-01-06,20000\nD3,ben,MG Lite,Partner,Won,2026-01-07,5000\nD4,ben,GTX Pro,Marketplace,Won,2026-01-08,90000\nD5,ben,GTX Pro,Direct,Lost,2026-01-09,90000\n`,
    });
    const s = stmt(r, 'ben', '2026-01');
    expect(s.paid).toBe('700.00');
    expect(s.values?.attainment?.startsWith('1.16666666666666')).toBe(true); // credited 35,000 / quota 30,000
  });

  it('diagnostics: basis per deal needed (COMP5062), a value listed twice (COMP5063), rates are percents (COMP3008)', () => {
    expect(codes(BASE + PRODUCT.replace('  basis per deal\n', ''))).toContain('COMP5062');
    expect(codes(BASE + PRODUCT.replace('"MG Lite"', '"GTX Pro"'))).toContain('COMP5063');
    expect(codes(BASE + PRODUCT.replace('pays 8%', 'pays 0.08'))).toContain('COMP3008');
    expect(codes(BASE + PRODUCT)).toEqual([]);
  });
});

describe('team quota, team attainment and override tiers', () => {
  const OVERRIDE = `let team attainment = team credit / team quota otherwise 0%
component override {
  for rep.role = "Manager"
  on team credit
  rate retroactive {
    from 0%   to 100% pays 2%
    from 100%         pays 3%
  }
}
`;
  const deals = (a: number, b: number): string => `${DEALS_HEAD}D1,ada,GTX Pro,Direct,Won,2026-01-05,${a}\nD2,ben,GTX Pro,Direct,Won,2026-01-06,${b}\n`;

  it('reads the override bands on team attainment; exactly 100% is in the band from 100%', () => {
    // team quota = 50,000 + 30,000 = 80,000
    // team credit 50,000 + 30,000 = 80,000 = exactly 100% -> 3%: 2,400.00
    const at = run(BASE + OVERRIDE, { 'reps.csv': REPS, 'deals.csv': deals(50000, 30000) });
    expect(stmt(at, 'mia', '2026-01').paid).toBe('2400.00');
    expect(stmt(at, 'mia', '2026-01').values?.['team attainment']).toBe('1');
    // 79,999.99 = 99.9999875% -> 2%: 1,599.9998 -> 1,600.00
    const below = run(BASE + OVERRIDE, { 'reps.csv': REPS, 'deals.csv': deals(49999.99, 30000) });
    expect(stmt(below, 'mia', '2026-01').paid).toBe('1600.00');
    const s = stmt(at, 'mia', '2026-01');
    expect(traceTexts(s, 'team quota')).toEqual(['team quota = ada 50,000.00 + ben 30,000.00 = 80,000.00 (the quota of each member in this period)']);
    expect(traceTexts(s, 'attainment')).toEqual(['team attainment 80,000.00 / team quota 80,000.00 = 100%']);
  });

  it('sums the members\' own quotas, each as computed for that member', () => {
    const plan = BASE.replace('let quota = rep.monthly_quota', 'let quota = if rep.role = "AE" then rep.monthly_quota * 2 else rep.monthly_quota') + OVERRIDE;
    // team quota = 100,000 + 60,000 = 160,000; team credit 80,000 = 50% -> 2%: 1,600.00
    const r = run(plan, { 'reps.csv': REPS, 'deals.csv': deals(50000, 30000) });
    expect(stmt(r, 'mia', '2026-01').paid).toBe('1600.00');
    expect(stmt(r, 'mia', '2026-01').values?.['team attainment']).toBe('0.5');
  });

  it('takes `let team quota = ...` instead of the sum when declared', () => {
    const plan = `${BASE}let team quota = USD 40,000\n${OVERRIDE}`;
    // team credit 80,000 / 40,000 = 200% -> 3%: 2,400.00
    const r = run(plan, { 'reps.csv': REPS, 'deals.csv': deals(50000, 30000) });
    expect(stmt(r, 'mia', '2026-01').values?.['team attainment']).toBe('2');
    expect(stmt(r, 'mia', '2026-01').paid).toBe('2400.00');
  });

  it('a zero team quota takes the stated attainment', () => {
    const reps = 'id,role,manager,monthly_quota\nmia,Manager,,0\nada,AE,mia,0\nben,AE,mia,0\n';
    // team quota 0: `otherwise 0%` -> attainment 0% -> band from 0% -> 2% of 80,000 = 1,600.00
    const r = run(BASE + OVERRIDE, { 'reps.csv': reps, 'deals.csv': deals(50000, 30000) });
    expect(stmt(r, 'mia', '2026-01').paid).toBe('1600.00');
  });

  it('team attainment can be used in any expression, e.g. a gate', () => {
    const plan = `${BASE}component kicker {
  for rep.role = "Manager"
  on team credit
  rate 1%
  gate (team attainment otherwise 0%) >= 100%
}
`;
    // 80,000 / 80,000 = 100% meets the gate: 800.00; 79,999 / 80,000 does not: 0.00
    expect(stmt(run(plan, { 'reps.csv': REPS, 'deals.csv': deals(50000, 30000) }), 'mia', '2026-01').paid).toBe('800.00');
    expect(stmt(run(plan, { 'reps.csv': REPS, 'deals.csv': deals(49999, 30000) }), 'mia', '2026-01').paid).toBe('0.00');
  });

  it('diagnostics: team tiers need `let team attainment` (COMP4007), `team attainment` unguarded warns (COMP3010), team quota needs quota (COMP5064)', () => {
    expect(codes(BASE + OVERRIDE.replace('let team attainment = team credit / team quota otherwise 0%\n', ''))).toContain('COMP4007');
    expect(codes(`${BASE}component k { on team credit rate 1% gate team attainment >= 100% }`)).toContain('COMP3010');
    expect(codes(BASE.replace('let quota = rep.monthly_quota\nlet attainment = credit / quota otherwise 0%\n', '') + 'component k { on team credit rate 1% gate (team attainment otherwise 0%) >= 100% }')).toContain('COMP5064');
    expect(codes(`${BASE}let team bonus = USD 1\ncomponent k { rate 1% }`)).toContain('COMP2012');
    expect(codes(BASE + OVERRIDE)).toEqual([]);
  });
});
