// samples/global-team over its twelve months, every figure worked by hand
// (fiscal year from February, FX by close date, payout currency at month end, an H2 version,
// a promotion by assignment).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';

const dir = resolve(import.meta.dirname, '..', '..', 'samples', 'global-team');

describe('samples/global-team', () => {
  const a = analyze('plan.comp', readFileSync(join(dir, 'plan.comp'), 'utf8'));
  it('checks clean', () => {
    expect(a.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
  const loaded = loadDataset(a.ir!, [join(dir, 'data')]);
  const out = evaluate(compilePlan(a.ir!), loaded.dataset);
  const r = out.result!;
  const paid = (rep: string, period: string) => r.statements.find((s) => s.rep === rep && s.period === period)!;

  it('runs twelve fiscal months without errors', () => {
    expect(loaded.errors.filter((e) => e.severity === 'error')).toEqual([]);
    expect(out.errors).toEqual([]);
    expect(r.periods.map((p) => p.key)).toEqual(['2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01']);
  });

  // [rep, period, paid USD, payout currency amount or undefined, how]
  const cases: [string, string, string, string | undefined, string][] = [
    ['zoe', '2026-02', '1728.00', '1589.76', 'EUR 20,000 x 1.08 = 21,600 x 8% = 1,728; x 0.92 (USD->EUR of 01-01) = 1,589.76'],
    ['leo', '2026-02', '1296.00', '1192.32', 'EUR 15,000 x 1.08 = 16,200 x 8% = 1,296; x 0.92 = 1,192.32'],
    ['amy', '2026-03', '1219.20', '963.17', 'GBP 12,000 x 1.27 = 15,240 x 8% = 1,219.20; x 0.79 = 963.168 -> 963.17'],
    ['raj', '2026-03', '2000.00', undefined, 'USD 25,000 x 8% (paid in USD: no conversion)'],
    ['zoe', '2026-04', '1555.20', '1430.78', 'EUR 18,000 x 1.08 = 19,440 x 8% = 1,555.20; x 0.92 = 1,430.784 -> 1,430.78'],
    ['leo', '2026-05', '2640.00', '2428.80', 'EUR 30,000 x 1.10 (rate of 05-01) = 33,000 x 8%; x 0.92'],
    ['amy', '2026-06', '914.40', '722.38', 'GBP 9,000 on 06-30 x 1.27 (1.30 only from 07-01) = 11,430 x 8%; x 0.79 = 722.376'],
    ['raj', '2026-07', '1120.00', undefined, 'USD 14,000 x 8% (the last month before H2)'],
    ['leo', '2026-08', '2420.00', '2178.00', 'H2: EUR 22,000 x 1.10 = 24,200 x 10%; x 0.90 (USD->EUR of 07-31)'],
    ['zoe', '2026-08', '484.00', '435.60', 'Manager from 08-01: team credit 24,200 x 2%; x 0.90'],
    ['amy', '2026-09', '2080.00', '1643.20', 'GBP 16,000 x 1.30 = 20,800 x 10%; x 0.79'],
    ['zoe', '2026-09', '416.00', '374.40', 'team credit 20,800 x 2%; x 0.90'],
    ['zoe', '2026-10', '0.00', '0.00', 'her own D11 pays nothing: she is a Manager, and her team closed nothing'],
    ['raj', '2026-11', '4000.00', undefined, 'USD 40,000 x 10%'],
    ['leo', '2026-12', '1232.00', '1108.80', 'EUR 11,000 x 1.12 (rate of 09-01) = 12,320 x 10%; x 0.90'],
    ['zoe', '2026-12', '246.40', '221.76', 'team credit 12,320 x 2%; x 0.90'],
    ['amy', '2027-01', '1040.00', '800.80', 'GBP 8,000 x 1.30 = 10,400 x 10%; x 0.77 (USD->GBP of 10-31)'],
    ['zoe', '2027-01', '208.00', '187.20', 'team credit 10,400 x 2%; x 0.90'],
  ];
  for (const [rep, period, usd, local, how] of cases) {
    it(`${rep} ${period}: ${how}`, () => {
      const s = paid(rep, period);
      expect(s.paid).toBe(usd);
      expect(s.payout?.paid).toBe(local);
      expect(s.version).toBe(period >= '2026-08' ? 'FY2027 H2' : undefined);
    });
  }

  it('totals: every statement not listed above pays 0.00', () => {
    const listed = new Set(cases.map(([rep, period]) => `${rep} ${period}`));
    const others = r.statements.filter((s) => !listed.has(`${s.rep} ${s.period}`) && s.paid !== '0.00');
    expect(others.map((s) => `${s.rep} ${s.period} ${s.paid}`)).toEqual([]);
    // 1,728 + 1,296 + 1,219.20 + 2,000 + 1,555.20 + 2,640 + 914.40 + 1,120 + 2,420 + 484 + 2,080 + 416 + 4,000 + 1,232 + 246.40 + 1,040 + 208 = 24,599.20
    expect(r.summary.totalPaid).toBe('24599.20');
  });
});
