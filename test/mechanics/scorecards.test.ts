// KPI / MBO scorecards (docs/language.md section 21): worked numbers, the gate at its boundary,
// caps, lower-is-better, diagnostics and the trace.
import { describe, expect, it } from 'vitest';
import { HEADER, codes, line, nodes, run, stmt } from './bonus-helpers.js';

const plan = (card: string) => `${HEADER}
roster reps from "reps.csv" {
  id: text key
  target_bonus: money
}

table kpis from "kpis.csv" {
  rep: rep
  retention: percent
  churn: percent
  nps: integer
}

${card}

component mbo_bonus "MBO" {
  pays rep.target_bonus * mbo
}
`;

const CARD = `scorecard mbo {
  metric retention weight 50% actual kpis.retention target 90% higher is better cap 120%
  metric churn     weight 30% actual kpis.churn     target 5%  lower is better  cap 150%
  metric nps       weight 20% actual kpis.nps       target 40  higher is better cap 110%
  all metrics at least 50% of target
}`;

describe('scorecard', () => {
  const r = run(plan(CARD), {
    'reps.csv': 'id,target_bonus\na,2000\nb,2000\nb2,2000\nc,2000\nd,2000',
    'kpis.csv': 'rep,retention,churn,nps\na,99%,4%,50\nb,45%,5%,40\nb2,44.99%,5%,40\nc,90%,0%,10\nd,135%,10%,44',
  });
  it('sums weight x capped score', () => {
    // a: 99/90 = 110%; 5/4 = 125%; 50/40 = 125% capped at 110%
    //    50% x 110% + 30% x 125% + 20% x 110% = 55% + 37.5% + 22% = 114.5% x 2,000 = 2,290
    expect(line(stmt(r, 'a', '2026-01'), 'mbo_bonus')).toBe('2290.00');
    // d: 135/90 = 150% capped at 120%; 5/10 = 50%; 44/40 = 110% (its cap exactly)
    //    60% + 15% + 22% = 97% x 2,000 = 1,940
    expect(line(stmt(r, 'd', '2026-01'), 'mbo_bonus')).toBe('1940.00');
  });
  it('the gate is met at exactly 50% of target and fails just below', () => {
    // b: 45/90 = 50% exactly: met; 25% + 30% + 20% = 75% x 2,000 = 1,500
    expect(line(stmt(r, 'b', '2026-01'), 'mbo_bonus')).toBe('1500.00');
    // b2: 44.99/90 = 49.99% < 50%: the card is 0%
    expect(line(stmt(r, 'b2', '2026-01'), 'mbo_bonus')).toBe('0.00');
  });
  it('a lower-is-better actual of 0 scores its cap; one failing metric zeroes the card', () => {
    // c: churn 0 -> 150%, but nps 10/40 = 25% < 50%: 0
    expect(line(stmt(r, 'c', '2026-01'), 'mbo_bonus')).toBe('0.00');
  });
  it('explains each metric', () => {
    const s = stmt(r, 'a', '2026-01');
    const card = nodes(s.trace, 'scorecard')[0]!;
    expect(card.text).toBe('scorecard mbo = 114.5%');
    expect(card.children!.map((n) => n.kind)).toEqual(['metric', 'metric', 'metric', 'gate']);
    expect(card.children![2]!.text).toContain('capped at 110%');
    expect(nodes(stmt(r, 'c', '2026-01').trace, 'metric')[1]!.text).toContain('scores the cap 150%');
  });
});

describe('scorecard diagnostics', () => {
  it('COMP4111: weights must sum to 100%', () => {
    const c = codes(plan(CARD.replace('weight 20%', 'weight 10%')));
    expect(c).toContain('COMP4111');
  });
  it('COMP4114: lower is better needs a cap', () => {
    expect(codes(plan(CARD.replace('lower is better  cap 150%', 'lower is better')))).toContain('COMP4114');
  });
  it('COMP4112: a scorecard needs metrics', () => {
    expect(codes(plan('scorecard mbo {\n  all metrics at least 50% of target\n}'))).toContain('COMP4112');
  });
  it('COMP3005: actual and target in one unit', () => {
    expect(codes(plan(CARD.replace('target 40 ', 'target USD 40 ')))).toContain('COMP3005');
  });
  it('the card is a percent: it cannot be paid as money', () => {
    const p = plan(CARD).replace('pays rep.target_bonus * mbo', 'pays mbo');
    expect(codes(p)).toContain('COMP3001');
  });
});
