// Plans that `comp check` used to accept while paying a wrong amount without a word (issue: "no
// silent wrong pay"). Each is now right, or reported with a code. Figures computed by hand.
import { describe, expect, it } from 'vitest';
import { codes, run, stmt, traceTexts } from '../helpers/plan-run.js';
import { analyze } from '../../compiler/analysis.js';

const HEAD = `plan "Traps"
currency USD
periods monthly from 2026-03 to 2026-03
roster reps from "reps.csv" {
  id: text key
  role: text
}
table deals from "deals.csv" {
  id: text key
  owner: rep
  product: text
  region: text
  close_date: date
  amount: money
}
`;
const CREDIT = `credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner
`;
const REPS = 'id,role\nada,AE\nben,AE\n';
// ada: D1 120,000 (A, EU), D2 40,000 (A, US), D3 60,000 (B, EU); ben: D4 -1,000 (a credit memo)
const DEALS = `id,owner,product,region,close_date,amount
D1,ada,A,EU,2026-03-02,120000
D2,ada,A,US,2026-03-10,40000
D3,ada,B,EU,2026-03-20,60000
D4,ben,A,EU,2026-03-21,-1000
`;
const files = { 'reps.csv': REPS, 'deals.csv': DEALS };
const line = (plan: string, rep: string, name: string) => stmt(run(plan, files), rep, '2026-03').lines.find((l) => l.name === name)!.amount;

describe('a flat rate and a per-deal cap may read the deal under per deal and running total bases', () => {
  const plan = `${HEAD}${CREDIT}
component big "Big-deal rate" {
  basis per deal
  rate if deal.amount >= USD 100,000 then 12% else 10%
  cap deal.amount * 11% per deal
}
component run_rate "Running" {
  basis running total
  rate if deal.product = "A" then 5% else 2%
}
`;
  it('checks without errors', () => {
    expect(codes(plan).filter((c) => c.startsWith('COMP2'))).toEqual([]);
  });
  it('pays each deal at its own rate, capped per deal', () => {
    // D1: 120,000 x 12% = 14,400, capped at 120,000 x 11% = 13,200; D2: 4,000; D3: 6,000
    expect(line(plan, 'ada', 'big')).toBe('23200.00');
    // 120,000 x 5% + 40,000 x 5% + 60,000 x 2% = 6,000 + 2,000 + 1,200
    expect(line(plan, 'ada', 'run_rate')).toBe('9200.00');
  });
});

describe('conditions are any boolean expression', () => {
  const plan = `${HEAD}${CREDIT}
component eu_a "EU product A" {
  on credit where deal.product = "A" and deal.region = "EU"
  rate 10%
}
component not_us "Not US, or product B" {
  on credit where not (deal.region = "US") or deal.product = "B"
  rate 1%
  multiplier x2 when credit > USD 0 and rep.role = "AE"
}
`;
  it('pays on the credit meeting the whole condition', () => {
    expect(codes(plan)).toEqual([]);
    // D1 only: 120,000 x 10%
    expect(line(plan, 'ada', 'eu_a')).toBe('12000.00');
    // D1 + D3 = 180,000 x 1% = 1,800 x 2
    expect(line(plan, 'ada', 'not_us')).toBe('3600.00');
  });
});

describe('the row name a credit rule declares is usable in components', () => {
  const plan = `${HEAD}credit deals as sale
  where sale.amount > USD -5,000
  amount sale.amount
  date sale.close_date
  to sale.owner
component a_only "Product A" {
  on credit where sale.product = "A"
  basis per deal
  rate 10%
  cap sale.amount * 9% per deal
}
component spiff "SPIFF" {
  pays USD 100 per deal where sale.region = "EU"
}
`;
  it('reads `sale` in `credit where`, per-deal caps and SPIFF conditions', () => {
    expect(codes(plan)).toEqual([]);
    // D1: 12,000 capped at 120,000 x 9% = 10,800; D2: 4,000 capped at 3,600
    expect(line(plan, 'ada', 'a_only')).toBe('14400.00');
    // D1 and D3 are in the EU
    expect(line(plan, 'ada', 'spiff')).toBe('200.00');
    // the credit memo D4 (-1,000 > -5,000) is credited: product A at 10%
    expect(line(plan, 'ben', 'a_only')).toBe('-100.00');
  });
});

describe('negative money literals', () => {
  it('`USD -1,000` is an amount, `-USD 1,000` too', () => {
    const plan = `${HEAD}${CREDIT}
component c "C" {
  rate 10%
  gate credit > USD -1,000 and credit > -USD 2,000
}
`;
    expect(codes(plan)).toEqual([]);
    expect(line(plan, 'ben', 'c')).toBe('0.00');
    expect(line(plan, 'ada', 'c')).toBe('22000.00');
  });
});

describe('plan lints', () => {
  const lint = (body: string) => codes(`${HEAD}${CREDIT}${body}`);
  it('a closed last band, marginal or retroactive (COMP4200)', () => {
    expect(lint('component c "C" {\n  rate marginal {\n    from USD 0 to USD 75,000 pays 2%\n    from USD 75,000 to USD 100,000 pays 4%\n  }\n}\n')).toEqual(['COMP4200']);
    expect(lint('component c "C" {\n  rate marginal {\n    from USD 0 to USD 75,000 pays 2%\n    from USD 75,000 pays 4%\n  }\n}\n')).toEqual([]);
  });
  it('negative and above-100% rates (COMP3200, COMP3201)', () => {
    expect(lint('component c "C" {\n  rate -5%\n}\n')).toEqual(['COMP3200']);
    expect(lint('component c "C" {\n  rate 150%\n}\n')).toEqual(['COMP3201']);
  });
  it('conditions that never hold and components that never pay (COMP5201, COMP5202)', () => {
    expect(lint('component c "C" {\n  for rep.role = "AE" and rep.role = "SE"\n  rate 5%\n}\n')).toEqual(['COMP5201']);
    expect(lint('component c "C" {\n  for rep.role = "AE" or rep.role = "SE"\n  rate 5%\n}\n')).toEqual([]);
    expect(lint('component c "C" {\n  gate false\n  rate 5%\n}\n')).toEqual(['COMP5201']);
    expect(lint('component c "C" {\n  rate 0%\n}\n')).toEqual(['COMP5202']);
  });
  it('a minimum above the cap, pay falling as credit rises, a band above the attainment cap', () => {
    expect(lint('component c "C" {\n  rate 5%\n  cap USD 100 per period\n  minimum USD 500 per period\n}\n')).toEqual(['COMP5200']);
    expect(lint('component c "C" {\n  rate retroactive {\n    from USD 0 to USD 10,000 pays 10%\n    from USD 10,000 pays 8%\n  }\n}\n')).toEqual(['COMP4202']);
    const att = `let quota = USD 100,000\nlet attainment = credit / quota\ncomponent c "C" {\n  rate marginal {\n    from 0% to 150% pays 8%\n    from 150% pays 12%\n  }\n  cap attainment at 150%\n}\n`;
    expect(lint(att)).toEqual(['COMP4201']);
  });
  it('lints COMP4201/COMP4202 follow `bounds in lower band`', () => {
    const table = (mode: string, bounds: string, from: string) =>
      `let quota = USD 100,000\nlet attainment = credit / quota\ncomponent c "C" {\n  rate ${mode}${bounds} {\n    from 0% to ${from} pays 8%\n    from ${from} pays 12%\n  }\n  cap attainment at 150%\n}\n`;
    // retroactive, the band owns its lower bound: attainment capped at 150% is in the band from 150% (it pays)
    expect(lint(table('retroactive', '', '150%'))).toEqual([]);
    // the band below owns 150%: the band from 150% is never reached
    expect(lint(table('retroactive', ' bounds in lower band', '150%'))).toEqual(['COMP4201']);
    expect(lint(table('retroactive', '', '160%'))).toEqual(['COMP4201']);
    // marginal: a band from the cap has no credit inside it, whoever owns the bound
    expect(lint(table('marginal', ' bounds in lower band', '150%'))).toEqual(['COMP4201']);
    expect(lint(table('marginal', '', '140%'))).toEqual([]);
    // the drop of a retroactive rate happens at the bound, or just above it when the lower band owns it
    const falls = (bounds: string) => analyze('t.comp', `${HEAD}${CREDIT}component c "C" {\n  rate retroactive${bounds} {\n    from USD 0 to USD 10,000 pays 10%\n    from USD 10,000 pays 8%\n  }\n}\n`).diagnostics.find((d) => d.code === 'COMP4202')!.message;
    expect(falls('')).toContain('at USD 10,000 the rate');
    expect(falls(' bounds in lower band')).toContain('at just above USD 10,000 the rate');
  });
  it('a plan with no component (COMP5009) and a second `team by` (COMP5002)', () => {
    expect(codes(`${HEAD}${CREDIT}`)).toEqual(['COMP5009']);
    const two = HEAD.replace('  role: text\n', '  role: text\n  manager: rep optional\n  coach: rep optional\n  team by manager\n  team by coach\n');
    expect(codes(`${two}${CREDIT}component c "C" {\n  rate 5%\n}\n`)).toContain('COMP5002');
  });
});

describe('a per-deal amount on a split deal follows the credited share (trap 1)', () => {
  const SPLIT_HEAD = `${HEAD}table splits from "splits.csv" {
  deal: deals
  rep: rep
  share: percent
  overlay: boolean
}
credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner
  split by splits
`;
  const splitFiles = {
    'reps.csv': 'id,role\nada,AE\nben,AE\ncy,SE\n',
    'deals.csv': DEALS,
    // D1 split 50/50 between ada and ben, cy 25% on top as an overlay; D2, D3, D4 whole
    'splits.csv': 'deal,rep,share,overlay\nD1,ada,50%,false\nD1,ben,50%,false\nD1,cy,25%,true\n',
  };
  const plan = `${SPLIT_HEAD}
component per_deal "Per deal" {
  pays deal.amount * 1% per deal
}
component spiff "SPIFF" {
  pays USD 500 per deal where deal.region = "EU"
}
component whole "Whole SPIFF" {
  pays USD 500 per deal in full where deal.region = "EU"
}
component units "Per unit" {
  pays USD 10 per unit of 3 where deal.product = "A"
}
`;
  const l = (rep: string, name: string) => stmt(run(plan, splitFiles), rep, '2026-03').lines.find((x) => x.name === name)!.amount;
  it('checks without findings', () => {
    expect(codes(plan)).toEqual([]);
  });
  it('two reps at 50% each get 50% each; an overlay its overlay share; `in full` pays the whole amount', () => {
    // per deal, 1% of the deal's amount: D1 1,200 x 50% = 600 + D2 400 + D3 600 = 1,600 for ada
    expect(l('ada', 'per_deal')).toBe('1600.00');
    // ben: D1 1,200 x 50% = 600 + D4 -10 = 590; cy: D1 1,200 x 25% = 300
    expect(l('ben', 'per_deal')).toBe('590.00');
    expect(l('cy', 'per_deal')).toBe('300.00');
    // SPIFF on EU deals: ada D1 500 x 50% + D3 500 = 750; ben D1 250 + D4 500 = 750; cy 125
    expect(l('ada', 'spiff')).toBe('750.00');
    expect(l('ben', 'spiff')).toBe('750.00');
    expect(l('cy', 'spiff')).toBe('125.00');
    // in full: ada D1 500 + D3 500; ben D1 500 + D4 500; cy D1 500
    expect(l('ada', 'whole')).toBe('1000.00');
    expect(l('cy', 'whole')).toBe('500.00');
    // per unit, product A: ada D1 30 x 50% + D2 30 = 45
    expect(l('ada', 'units')).toBe('45.00');
  });
  it('the trace shows the share', () => {
    const s = stmt(run(plan, splitFiles), 'ada', '2026-03');
    expect(traceTexts(s, 'deal')).toContain('D1: 500.00 x split 50% = 250.00');
    expect(traceTexts(s, 'deal')).toContain('D1: 500.00 in full (split 50% not applied)');
    expect(traceTexts(s, 'deal')).toContain('D1: 3 units x 10.00 = 30.00 x split 50% = 15.00');
  });
});

describe('a run error is reported at every place it occurs, with the plan line and the data row (trap 9)', () => {
  const plan = `${HEAD.replace('  role: text\n', '  role: text\n  quota: money\n')}table csat from "csat.csv" {
  rep: rep
  score: decimal
}
${CREDIT}let attainment = credit / rep.quota
component c "C" {
  rate 10%
  gate attainment >= 50%
}
component k "CSAT" {
  rate 1%
  multiplier x2 when csat.score >= 4
}
`;
  const two = HEAD.replace('from 2026-03 to 2026-03', 'from 2026-03 to 2026-04');
  it('a division by zero: each rep and period, at the division in the plan and the rep\'s row', () => {
    const r = run(plan.replace(HEAD.split('\n')[2]!, two.split('\n')[2]!), { 'reps.csv': 'id,role,quota\nada,AE,0\nben,AE,0\n', 'deals.csv': DEALS, 'csat.csv': 'rep,score\nada,5\nben,5\n' });
    const div = r.errors.filter((e) => e.code === 'COMP7001');
    // two reps x two periods; `credit / rep.quota` is on line 25, column 18
    expect(div.map((e) => `${e.file.split('/').pop()}:${e.line} ${e.plan?.file}:${e.plan?.line}:${e.plan?.column}`)).toEqual([
      'reps.csv:2 plan.comp:25:18',
      'reps.csv:2 plan.comp:25:18',
      'reps.csv:3 plan.comp:25:18',
      'reps.csv:3 plan.comp:25:18',
    ]);
  });
  it('a missing row: at the table read in the plan', () => {
    const r = run(plan, { 'reps.csv': 'id,role,quota\nada,AE,100\nben,AE,100\n', 'deals.csv': DEALS, 'csat.csv': 'rep,score\nada,5\n' });
    // ben has no csat row: `csat.score` on line 32, column 22
    expect(r.errors.map((e) => `${e.code} ${e.file.split('/').pop()}:${e.line} ${e.plan?.line}:${e.plan?.column}`)).toEqual(['COMP7002 reps.csv:3 32:22']);
  });
});

describe('exact texts of lines print at most 20 decimals (trap 10)', () => {
  const plan = `${HEAD}${CREDIT}
let third = credit / 3
component c "A third" {
  pays USD 1,000 / 3
}
`;
  it('a division that does not terminate is cut at the 20th decimal, half even; terminating ones print in full', () => {
    const s = stmt(run(plan, files), 'ada', '2026-03');
    expect(s.lines[0]!.amount).toBe('333.33');
    expect(s.lines[0]!.exact).toBe('333.33333333333333333333');
    // a let's value is given in full (60 significant digits), as tools read it back:
    // 220,000 / 3 = 73,333.333... with 55 decimals
    expect(s.values!['third']).toBe(`73333.${'3'.repeat(55)}`);
  });
});
