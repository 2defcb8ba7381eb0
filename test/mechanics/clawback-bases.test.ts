// Clawback bases (issue 8, rule 1): take back a share of the cancelled deal's credit or a fixed
// amount instead of what the component paid on it. Figures worked by hand.
import { describe, expect, it } from 'vitest';
import { codes, run, stmt, traceTexts } from '../helpers/plan-run.js';

const HEAD = `plan "Clawback bases"
currency USD
periods monthly from 2026-03 to 2026-04
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
}
table cancellations from "cancellations.csv" {
  deal: deals
  date: date
}
credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner
  split by splits
`;
const files = {
  'reps.csv': 'id\nada\nben\n',
  // D1 ada alone 10,000; D2 20,000 split 50/50 between ada and ben
  'deals.csv': 'id,owner,close_date,amount\nD1,ada,2026-03-02,10000\nD2,ada,2026-03-05,20000\n',
  'splits.csv': 'deal,rep,share\nD2,ada,50%\nD2,ben,50%\n',
  // D1 cancelled 39 days after its credit, D2 38 days after
  'cancellations.csv': 'deal,date\nD1,2026-04-10\nD2,2026-04-12\n',
};
const plan = `${HEAD}
component paid "Paid back" {
  rate marginal {
    from USD 0 to USD 15,000 pays 10%
    from USD 15,000 pays 20%
  }
  clawback cancellations within 90 days full
}
component credit_share "Share of credit" {
  rate 10%
  clawback cancellations within 90 days takes 5% of credit
}
component fixed "Fixed" {
  rate 10%
  clawback cancellations within 90 days takes USD 300
}
component scheduled "Scheduled" {
  rate 10%
  clawback cancellations schedule {
    within 30 days takes 100%
    within 90 days takes 50%
  } takes 8% of credit
}
`;
const claw = (rep: string, name: string) =>
  stmt(run(plan, files), rep, '2026-04')
    .lines.filter((l) => l.kind === 'clawback' && l.name === name)
    .map((l) => `${l.label.split(': ')[1]} ${l.amount}`);

describe('clawback bases', () => {
  it('checks without findings', () => {
    expect(codes(plan)).toEqual([]);
  });
  it('`full` takes back what was paid on the deal (its share of the period total)', () => {
    // ada in March: credit 10,000 + 10,000 = 20,000: 15,000 x 10% + 5,000 x 20% = 2,500, half per deal
    expect(claw('ada', 'paid')).toEqual(['D1 -1250.00', 'D2 -1250.00']);
  });
  it('`takes 5% of credit` takes 5% of the rep\'s credit of the deal, whatever was paid', () => {
    // D1: 10,000 x 5% = 500; D2: ada's credit 10,000 x 5% = 500; ben the same on his half
    expect(claw('ada', 'credit_share')).toEqual(['D1 -500.00', 'D2 -500.00']);
    expect(claw('ben', 'credit_share')).toEqual(['D2 -500.00']);
  });
  it('`takes USD 300` takes the amount, times the rep\'s split share', () => {
    expect(claw('ada', 'fixed')).toEqual(['D1 -300.00', 'D2 -150.00']);
    expect(claw('ben', 'fixed')).toEqual(['D2 -150.00']);
  });
  it('a schedule\'s share applies to the base', () => {
    // 38 and 39 days: the 90-day window, 50%: 10,000 x 8% x 50% = 400 each
    expect(claw('ada', 'scheduled')).toEqual(['D1 -400.00', 'D2 -400.00']);
  });
  it('the trace states the base', () => {
    const texts = traceTexts(stmt(run(plan, files), 'ada', '2026-04'), 'base');
    expect(texts).toContain('takes 5% of credit: 10,000.00 x 5% = 500.00 (not what was paid)');
    expect(texts).toContain('takes USD 300: 300.00 x split 50% = 150.00 (not what was paid)');
  });
  it('a share without `of credit`, or an amount with it, is COMP3001', () => {
    expect(codes(plan.replace('takes USD 300', 'takes 5%'))).toEqual(['COMP3001']);
    expect(codes(plan.replace('takes 5% of credit', 'takes USD 5 of credit'))).toEqual(['COMP3001']);
  });
});
