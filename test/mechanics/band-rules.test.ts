// Band rules (issue 8, rules 3 and 4): which band owns a shared bound, stated per tier table;
// accelerator bands gated by a condition, written with the rate of each band. Figures by hand.
import { describe, expect, it } from 'vitest';
import { codes, run, stmt, traceTexts } from '../helpers/plan-run.js';

const plan = (body: string) => `plan "Bands"
currency USD
periods monthly from 2026-03 to 2026-03
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
  score: decimal
}
credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner
let quota = USD 10,000
let attainment = credit / quota
${body}`;
// ada: exactly 100% (10,000); ben: 120% (12,000)
const files = {
  'reps.csv': 'id\nada\nben\n',
  'deals.csv': 'id,owner,close_date,amount\nD1,ada,2026-03-02,10000\nD2,ben,2026-03-03,12000\n',
  'csat.csv': 'rep,score\nada,4.5\nben,3.5\n',
};
const line = (p: string, rep: string, name: string) => stmt(run(p, files), rep, '2026-03').lines.find((l) => l.name === name)!.amount;

describe('which band owns a shared bound (rule 3)', () => {
  const p = plan(`tiers upper_owns retroactive {
  from 0%   to 100% pays 5%
  from 100%         pays 8%
}
tiers lower_owns retroactive bounds in lower band {
  from 0%   to 100% pays 5%
  from 100%         pays 8%
}
tiers by_amount retroactive bounds in lower band {
  from USD 0      to USD 10,000 pays 2%
  from USD 10,000               pays 4%
}
component a "Default" {
  rate upper_owns
}
component b "Lower owns" {
  rate lower_owns
}
component c "Amounts" {
  rate by_amount
}
component d "Inline" {
  rate retroactive bounds in higher band {
    from 0%   to 100% pays 5%
    from 100%         pays 8%
  }
}
`);
  it('checks without findings', () => {
    expect(codes(p)).toEqual([]);
  });
  it('exactly 100%: the higher band by default (and `bounds in higher band`), the lower one with `bounds in lower band`', () => {
    expect(line(p, 'ada', 'a')).toBe('800.00'); // 10,000 x 8%
    expect(line(p, 'ada', 'd')).toBe('800.00');
    expect(line(p, 'ada', 'b')).toBe('500.00'); // 10,000 x 5%
    expect(line(p, 'ada', 'c')).toBe('200.00'); // 10,000 x 2%: USD 10,000 is in the lower band
    // above the bound both rules agree: 12,000 x 8%, 12,000 x 4%
    expect(line(p, 'ben', 'b')).toBe('960.00');
    expect(line(p, 'ben', 'c')).toBe('480.00');
  });
  it('the trace shows the band with its ownership', () => {
    const t = traceTexts(stmt(run(p, files), 'ada', '2026-03'), 'band');
    expect(t).toContain('band reached [0%, 100%] @ 5% on 10,000.00 = 500.00');
    expect(t).toContain('band reached [100%, ∞) @ 8% on 10,000.00 = 800.00');
  });
  it('`bounds in lower bands` is COMP3001', () => {
    expect(codes(p.replace('retroactive bounds in lower band {\n  from 0%', 'retroactive bounds in lower bands {\n  from 0%'))).toEqual(['COMP3001']);
  });
});

describe('gates per band (rule 4): the accelerator pays only if CSAT >= 4, else the base rate', () => {
  const p = plan(`let accelerated = csat.score >= 4
tiers accelerator marginal {
  from 0%   to 100% pays 5%
  from 100%         pays if accelerated then 10% else 5%
}
component commission "Commission" {
  rate accelerator
}
`);
  it('pays the accelerator band at its rate only when the condition holds', () => {
    expect(codes(p)).toEqual([]);
    // ada (CSAT 4.5) at exactly 100%: 10,000 x 5% = 500 (nothing above the bound)
    expect(line(p, 'ada', 'commission')).toBe('500.00');
    // ben (CSAT 3.5) at 120%: 10,000 x 5% + 2,000 x 5% (gated back to the base rate) = 600
    expect(line(p, 'ben', 'commission')).toBe('600.00');
    const q = p.replace('ben,3.5', 'ben,4.5');
    // with CSAT 4.5: 500 + 2,000 x 10% = 700
    expect(stmt(run(q, { ...files, 'csat.csv': 'rep,score\nada,4.5\nben,4.5\n' }), 'ben', '2026-03').lines[0]!.amount).toBe('700.00');
  });
});

describe('the blended rate of a tier table is in the trace', () => {
  const p = plan(`tiers accelerator marginal {
  from 0%   to 100% pays 5%
  from 100%         pays 10%
}
component commission "Commission" {
  rate accelerator
}
`);
  it('ben at 120%: (10,000 x 5% + 2,000 x 10%) / 12,000 = 5.833333…%', () => {
    const t = traceTexts(stmt(run(p, files), 'ben', '2026-03'), 'blended');
    expect(t).toEqual(['blended rate 700.00 / 12,000.00 = 5.833333…%']);
  });
});
