// QA of the advanced mechanics (docs/language.md sections 11-20): plans written from the docs,
// with hand-computed expectations.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';

function codes(text: string): string[] {
  return analyze('plan.comp', text).diagnostics.map((d) => d.code);
}

const header = `plan "QA"
currency USD
periods monthly from 2026-01 to 2026-03
`;

describe('COMP3010 on values that may be zero (advanced constructs)', () => {
  // seasonal() of a positive field with all weights above 0% is never zero: 120,000 x 10% / 3.
  it('does not warn on credit / seasonal(positive field, positive weights)', () => {
    const plan = `${header}
roster reps from "reps.csv" {
  id: text key
  annual_quota: money positive
}
let quota = seasonal(rep.annual_quota, by quarter 10%, 20%, 30%, 40%)
let attainment = credit / quota
component c "C" { rate 10% gate attainment >= 50% }
`;
    expect(codes(plan)).not.toContain('COMP3010');
    // a 0% weight can make the quota zero: still warned
    expect(codes(plan.replace('10%, 20%, 30%, 40%', '0%, 30%, 30%, 40%'))).toContain('COMP3010');
  });

  // Section 12: a higher-is-better metric scores actual / target; a target of 0 is a division by
  // zero unless the card is used as `mbo otherwise 0%`. The checker says so in advance.
  const card = (targetType: string, use: string, letFirst = false) => `${header}
roster reps from "reps.csv" {
  id: text key
  target_bonus: money
}
table kpis from "kpis.csv" {
  rep: rep
  calls: integer
  target_calls: ${targetType}
}
${letFirst ? 'let card = mbo\n' : ''}scorecard mbo {
  metric calls weight 100% actual kpis.calls target kpis.target_calls higher is better cap 150%
}
component bonus "Bonus" { pays rep.target_bonus * ${use} }
`;
  it('warns where a scorecard whose target may be zero is used without `otherwise`', () => {
    expect(codes(card('integer', 'mbo'))).toContain('COMP3010');
    expect(codes(card('integer', '(mbo otherwise 0%)'))).not.toContain('COMP3010');
    expect(codes(card('integer positive', 'mbo'))).not.toContain('COMP3010');
    // used in a let written before the scorecard: same answers
    expect(codes(card('integer', 'card', true))).toContain('COMP3010');
    expect(codes(card('integer positive', 'card', true))).not.toContain('COMP3010');
  });
});
