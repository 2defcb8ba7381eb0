// The regional-team sample (samples/regional-team) over twelve months: seasonal quotas prorated by
// days employed and leave, commission by product, partner bonus by channel, a manager override on
// team attainment. Figures computed by hand below.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';

const dir = resolve(import.meta.dirname, '..', '..', 'samples', 'regional-team');

function runSample() {
  const a = analyze('plan.comp', readFileSync(join(dir, 'plan.comp'), 'utf8'));
  expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const loaded = loadDataset(a.ir!, [join(dir, 'data')]);
  expect(loaded.errors.filter((e) => e.severity === 'error')).toEqual([]);
  const out = evaluate(compilePlan(a.ir!), loaded.dataset);
  expect(out.errors).toEqual([]);
  return out.result!;
}

describe('samples/regional-team over 2026', () => {
  const result = runSample();
  const paid = (rep: string, period: string): string | undefined => result.statements.find((s) => s.rep === rep && s.period === period)?.paid;
  const value = (rep: string, period: string, name: string): string | undefined =>
    result.statements.find((s) => s.rep === rep && s.period === period)?.values?.[name];

  it('has twelve monthly statements per rep', () => {
    expect(result.periods.map((p) => p.key)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2026-${m}`));
    expect(result.statements.length).toBe(48);
  });

  it('prorates the seasonal quotas', () => {
    // a month's quota of 360,000: Q1 x 20% / 3 = 24,000; Q2, Q3 x 25% / 3 = 30,000; Q4 x 30% / 3 = 36,000
    expect(value('ada', '2026-01', 'quota')).toBe('24000');
    expect(value('ada', '2026-12', 'quota')).toBe('36000');
    // cy on leave 10-23 February: 14 of 28 days -> 12,000
    expect(value('cy', '2026-02', 'quota')).toBe('12000');
    // ben hired 2026-04-16: 15 of 30 April days -> 15,000; none before
    expect(value('ben', '2026-04', 'quota')).toBe('15000');
    expect(value('ben', '2026-03', 'quota')).toBe('0');
    // ada on leave all of July -> 0; cy gone after 2026-10-31 -> 0 in November
    expect(value('ada', '2026-07', 'quota')).toBe('0');
    expect(value('cy', '2026-11', 'quota')).toBe('0');
  });

  it('pays the AEs by product and channel', () => {
    // ada February: D03 "GTXPro" read as GTX Pro 8,000 x 8% = 640 + partner 2% = 160 -> 800.00
    expect(paid('ada', '2026-02')).toBe('800.00');
    // cy February: D04 Hub (otherwise 6%) 9,000 -> 540.00, direct 0%
    expect(paid('cy', '2026-02')).toBe('540.00');
    // cy March: D06 is a marketplace resale, not credited -> 0.00
    expect(paid('cy', '2026-03')).toBe('0.00');
    // cy May: D09 lost; D19 GTX Pro partner 47,000 x (8% + 2%) = 4,700.00
    expect(paid('cy', '2026-05')).toBe('4700.00');
    // ben June: D10 Hub partner 22,500 x (6% + 2%) = 1,800.00
    expect(paid('ben', '2026-06')).toBe('1800.00');
  });

  it('pays the manager on team attainment, with the boundaries', () => {
    // January: team quota 24,000 (ada) + 0 (ben, not hired) + 24,000 (cy) = 48,000;
    //   team credit 12,000 + 10,000 = 22,000 = 45.8% -> 1%: 220.00
    expect(paid('mia', '2026-01')).toBe('220.00');
    // April: 30,000 + 15,000 + 30,000 = 75,000; credit 11,250 = 15% -> 1%: 112.50
    expect(paid('mia', '2026-04')).toBe('112.50');
    // May: 90,000; credit 25,000 + 47,000 = 72,000 = exactly 80% -> band from 80%: 2% = 1,440.00
    expect(paid('mia', '2026-05')).toBe('1440.00');
    expect(value('mia', '2026-05', 'team attainment')).toBe('0.8');
    // October: 36,000 x 3 = 108,000; credit 27,000 + 45,000 + 36,000 = 108,000 = exactly 100% -> 3% = 3,240.00
    expect(paid('mia', '2026-10')).toBe('3240.00');
    // November: cy gone: 72,000; credit 40,000 = 55.6% -> 1%: 400.00
    expect(paid('mia', '2026-11')).toBe('400.00');
    // July: ada on leave, no credit: 0.00
    expect(paid('mia', '2026-07')).toBe('0.00');
  });
});
