// QA of the core mechanics (language reference sections 1-10): plans written from the docs,
// expected payouts computed by hand (arithmetic in the comments).
import { describe, expect, it } from 'vitest';
import { codes, diagnostics, run, stmt } from '../helpers/plan-run.js';
import { analyze } from '../../compiler/analysis.js';

const analyzeHints = (text: string): { code: string; hint?: string }[] =>
  analyze('plan.comp', text).diagnostics.map((d) => ({ code: d.code, hint: d.hint }));

const line = (r: ReturnType<typeof run>, rep: string, period: string, name: string): string =>
  stmt(r, rep, period).lines.find((l) => l.kind === 'component' && l.name === name)!.amount;

const SPLITS = `
plan "Splits"
currency USD
periods monthly from 2026-01 to 2026-01
roster reps from "reps.csv" {
  id: text key
}
table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
}
table splits from "splits.csv" {
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
component commission "Commission" {
  basis per deal
  rate 10%
}
`;

describe('core QA: splits', () => {
  it('a deal whose split rows are all overlays is credited in full to `to`, overlays on top (section 9)', () => {
    const r = run(SPLITS, {
      'reps.csv': 'id\na\ns\n',
      'deals.csv': 'id,owner,close_date,amount\nd1,a,2026-01-07,10000\n',
      'splits.csv': 'deal,rep,share,overlay\nd1,s,25%,true\n',
    });
    expect(r.errors).toEqual([]);
    // a: 10,000 (all of it, no ordinary split rows) x 10% = 1,000.00
    expect(line(r, 'a', '2026-01', 'commission')).toBe('1000.00');
    // s: overlay 10,000 x 25% = 2,500 x 10% = 250.00
    expect(line(r, 's', '2026-01', 'commission')).toBe('250.00');
  });

  it('ordinary split rows that do not sum to 100% are still COMP6006', () => {
    const r = run(SPLITS, {
      'reps.csv': 'id\na\ns\n',
      'deals.csv': 'id,owner,close_date,amount\nd1,a,2026-01-07,10000\n',
      'splits.csv': 'deal,rep,share,overlay\nd1,a,90%,false\nd1,s,25%,true\n',
    });
    expect(r.errors.map((e) => e.code)).toEqual(['COMP6006']);
  });
});

describe('core QA: units in comparisons', () => {
  const plan = (gate: string): string => `
plan "Gate"
currency USD
periods monthly from 2026-01 to 2026-01
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
component commission "Commission" {
  rate 10%
  gate ${gate}
}
`;
  it('`attainment >= 70` (a percent against a plain number) is COMP3005 with a `70%` hint', () => {
    const d = diagnostics(plan('attainment >= 70'));
    expect(d.map((x) => x.code)).toEqual(['COMP3005']);
    expect(d[0]!.message).toContain('plain number `70`');
    const a = diagnostics(plan('attainment >= 0.7'));
    expect(a.map((x) => x.code)).toEqual(['COMP3005']);
  });
  it('percents, and comparisons with 0, stay valid', () => {
    expect(codes(plan('attainment >= 70%'))).toEqual([]);
    expect(codes(plan('attainment > 0'))).toEqual([]);
  });
});

describe('core QA: syntax hints', () => {
  it('a currency code in lower case (`cap usd 1,000 per period`) gets a hint to write it in capitals', () => {
    const text = `plan "P"
currency USD
periods monthly
roster reps from "reps.csv" {
  id: text key
}
component c "C" {
  rate 8%
  cap usd 1,000 per period
}
`;
    const d = analyzeHints(text);
    expect(d).toContainEqual({ code: 'COMP1101', hint: 'currency codes are written in capitals: `USD 1,000`' });
  });
});
