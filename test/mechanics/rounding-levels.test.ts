// Rounding (issue 8, rule 2): `round(x, to 0.01, half even)` rounds where the plan says, e.g. per
// deal; payout lines are rounded with the plan's `rounding`; a team pool is allocated by largest
// remainder. Figures worked by hand.
import { describe, expect, it } from 'vitest';
import { codes, run, stmt } from '../helpers/plan-run.js';

const plan = (body: string) => `plan "Rounding"
currency USD
periods monthly from 2026-03 to 2026-03
rounding half away from zero to 0.01 per payout line
roster reps from "reps.csv" {
  id: text key
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
${body}`;
// three deals of 100.10: 2.5% of each is 2.5025
const files = { 'reps.csv': 'id\nada\n', 'deals.csv': 'id,owner,close_date,amount\nD1,ada,2026-03-02,100.10\nD2,ada,2026-03-03,100.10\nD3,ada,2026-03-04,100.10\n' };
const line = (p: string, name: string) => stmt(run(p, files), 'ada', '2026-03').lines.find((l) => l.name === name)!;

describe('round(x, to PLACE, MODE)', () => {
  const p = plan(`let half = round(USD 2.345, to 0.01, half even)
let plan_mode = round(USD 2.345, to 0.01)
let whole = round(USD 1,234.5, to 100, down)
component per_deal "Rounded per deal" {
  pays round(deal.amount * 2.5%, to 0.01, down) per deal
}
component per_line "Rounded per line" {
  basis per deal
  rate 2.5%
}
`);
  it('checks without errors (the lets are shown, not used: COMP2014)', () => {
    expect(codes(p).filter((c) => c !== 'COMP2014')).toEqual([]);
  });
  it('rounds to the place in the mode written, else in the plan\'s mode', () => {
    const s = stmt(run(p, files), 'ada', '2026-03');
    expect(s.values!['half']).toBe('2.34');
    expect(s.values!['plan_mode']).toBe('2.35');
    expect(s.values!['whole']).toBe('1200');
  });
  it('per deal rounding vs per payout line rounding', () => {
    // each deal 2.5025 rounded down to 2.50: 7.50
    expect(line(p, 'per_deal').amount).toBe('7.50');
    // the line: 3 x 2.5025 = 7.5075, rounded once (half away from zero): 7.51
    expect(line(p, 'per_line').amount).toBe('7.51');
    expect(line(p, 'per_line').exact).toBe('7.5075');
  });
  it('the place is written after `to`, as the rounding declaration writes it; a mode only in round', () => {
    const c = (body: string) => codes(plan(body)).filter((x) => x !== 'COMP2014');
    expect(c('let x = round(USD 2.345, 0.01)\ncomponent c "C" {\n  rate 1%\n}\n')).toEqual(['COMP3001']);
    expect(c('let x = round(USD 2.345, to 0.02)\ncomponent c "C" {\n  rate 1%\n}\n')).toEqual(['COMP3001']);
    expect(c('let x = max(USD 2.345, half even)\ncomponent c "C" {\n  rate 1%\n}\n')).toEqual(['COMP3001']);
  });
});
