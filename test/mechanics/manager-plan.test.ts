// The manager plan sample (samples/manager-plan): a first-line manager plan over twelve months
// combining a team quota and override tiers on team attainment, a quarterly MBO scorecard, a
// new-hire guarantee, a clawback schedule by months since close (cancelled deals stay in
// attainment) and the reps' own commission. Every figure below is worked by hand from
// samples/manager-plan/data; the CLI tests need `tsc` to have built dist/ (npm test does).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import type { RunResult, Statement } from '../../runtime/ir.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DIR = join(ROOT, 'samples', 'manager-plan');
const PLAN = join(DIR, 'plan.comp');
const DATA = join(DIR, 'data');

function runSample(): RunResult {
  const a = analyze(PLAN, readFileSync(PLAN, 'utf8'));
  expect(a.diagnostics).toEqual([]);
  const loaded = loadDataset(a.ir!, [DATA]);
  expect(loaded.errors).toEqual([]);
  const out = evaluate(compilePlan(a.ir!), loaded.dataset);
  expect(out.errors).toEqual([]);
  return out.result!;
}

function comp(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  env.NO_COLOR = '1';
  const r = spawnSync(process.execPath, ['bin/comp.js', ...args], { cwd: ROOT, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A statement's lines as `kind name amount`, in order. */
const lines = (s: Statement): string[] => s.lines.map((l) => `${l.kind} ${l.name} ${l.amount}`);

interface Month {
  period: string;
  lines: string[];
  paid: string;
}

const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2026-${m}`);

// Override bands (marginal, on team attainment = team credit / team quota), for a team quota Q:
//   [0%, 80%) 1% | [80%, 100%) 2% | [100%, 120%) 3% | [120%, ...) 4%
// so the slices of team credit are at 0.8Q, Q and 1.2Q.
// Team quotas: East (e1-e4) 4 x 50,000 = 200,000; West (w1-w3) 3 x 40,000 = 120,000.
// West reported to m1 (interim) until 2026-04-30 and to m2 from 2026-05-01: m1's team quota is
// 320,000 in January to April (slices at 256,000 / 320,000 / 384,000), 200,000 from May
// (160,000 / 200,000 / 240,000); m2's is 120,000 from May (96,000 / 120,000 / 144,000) and 0
// before (no team: team attainment otherwise 0%, the override pays 0.00).
//
// MBO scorecard (paid in March, June, September, December): win rate 40% (target 25%, cap 150%),
// forecast error 30% (target 10%, lower is better: score = 10% / actual, cap 150%), coaching 30%
// (target 24 sessions, cap 120%); the card is 0% when any score (before its cap) is under 50%.
// Target bonus per quarter: m1 6,000; m2 3,000.
//
// Clawback schedule (override and commission alike), by the cancellation's date:
//   within 3 months of the close (last day included) 100%; within 6 months 50%; after that 0.
// The override's share of a cancelled deal = the override of the close month x deal / team credit.
//
// Guarantee: m2 (hired 2026-05-04, offer letter 4,000 a month) for the first 3 months after the
// hire date, the month of hire being month 1: May, June, July. Top-up = 4,000 - net, net being
// earned - clawed back.

// Maya Ortiz (m1), manager since 2022, East team all year and West team (interim) until April.
const M1: Month[] = [
  // Jan: team credit D01-D06 = 24,000 + 40,000 + 36,000 + 50,000 + 45,000 + 45,000 = 240,000;
  //   quota 320,000 -> 75%: all in [0%, 80%): 240,000 x 1% = 2,400.00. Not a quarter end: MBO 0.00.
  { period: '2026-01', lines: ['component override 2400.00', 'component mbo_bonus 0.00'], paid: '2400.00' },
  // Feb: D07-D13 = 20,000 + 60,000 + 55,000 + 65,000 + 40,000 + 30,000 + 50,000 = 320,000 / 320,000
  //   = 100% exactly: the band edge (100% belongs to [100%, 120%), with an empty slice):
  //   256,000 x 1% = 2,560 + 64,000 x 2% = 1,280 -> 3,840.00
  { period: '2026-02', lines: ['component override 3840.00', 'component mbo_bonus 0.00'], paid: '3840.00' },
  // Mar: D14-D19 = 22,000 + 70,000 + 60,000 + 80,000 + 50,000 + 70,000 = 352,000 / 320,000 = 110%:
  //   2,560 + 1,280 + (352,000 - 320,000) x 3% = 960 -> 4,800.00
  //   MBO Q1: win 30%/25% = 120% x 40% = 48%; forecast 10%/8% = 125% x 30% = 37.5%;
  //   coaching 24/24 = 100% x 30% = 30% -> 115.5% x 6,000 = 6,930.00
  //   Clawback D01 (e1, closed 2026-01-20, 24,000) cancelled 2026-03-05, 1 month: 100% of
  //   January's 2,400 x 24,000 / 240,000 = 240.00
  //   Paid 4,800 + 6,930 - 240 = 11,490.00
  { period: '2026-03', lines: ['component override 4800.00', 'component mbo_bonus 6930.00', 'clawback override -240.00'], paid: '11490.00' },
  // Apr: D20-D25 = 50,000 + 40,000 + 60,000 + 18,000 + 70,000 + 50,000 = 288,000 / 320,000 = 90%:
  //   2,560 + (288,000 - 256,000) x 2% = 640 -> 3,200.00
  { period: '2026-04', lines: ['component override 3200.00', 'component mbo_bonus 0.00'], paid: '3200.00' },
  // May (East only): D26-D28 = 45,000 + 60,000 + 65,000 = 170,000 / 200,000 = 85%:
  //   160,000 x 1% = 1,600 + 10,000 x 2% = 200 -> 1,800.00
  //   Clawback D07 (e1, closed 2026-02-10, 20,000) cancelled 2026-05-10: exactly 3 months, the
  //   window's last day -> 100% of February's 3,840 x 20,000 / 320,000 = 240.00
  //   Paid 1,800 - 240 = 1,560.00
  { period: '2026-05', lines: ['component override 1800.00', 'component mbo_bonus 0.00', 'clawback override -240.00'], paid: '1560.00' },
  // Jun: D32-D35 = 60,000 + 55,000 + 70,000 + 65,000 = 250,000 / 200,000 = 125%:
  //   1,600 + 40,000 x 2% = 800 + 40,000 x 3% = 1,200 + 10,000 x 4% = 400 -> 4,000.00
  //   MBO Q2: win 20%/25% = 80% x 40% = 32%; forecast 10%/10% = 100% x 30% = 30%;
  //   coaching 30/24 = 125%, capped 120% x 30% = 36% -> 98% x 6,000 = 5,880.00
  //   Clawback D23 (w1, West, closed 2026-04-08 while West was m1's, 18,000) cancelled 2026-06-01,
  //   1 month: 100% of April's 3,200 x 18,000 / 288,000 = 200.00 -- taken from m1, who was paid
  //   on it, not from m2, West's manager now.
  //   Paid 4,000 + 5,880 - 200 = 9,680.00
  { period: '2026-06', lines: ['component override 4000.00', 'component mbo_bonus 5880.00', 'clawback override -200.00'], paid: '9680.00' },
  // Jul: D39 + D40 = 70,000 + 80,000 = 150,000 / 200,000 = 75%: 1,500.00
  //   Clawback D14 (e1, closed 2026-03-15, 22,000) cancelled 2026-07-20, 4 months: 50% of March's
  //   4,800 x 22,000 / 352,000 = 300 -> 150.00
  //   D02 (e2, closed 2026-01-12) cancelled 2026-07-13: one day past 6 months -> nothing taken.
  //   Paid 1,500 - 150 = 1,350.00
  { period: '2026-07', lines: ['component override 1500.00', 'component mbo_bonus 0.00', 'clawback override -150.00'], paid: '1350.00' },
  // Aug: D43-D45 = 50,000 + 75,000 + 75,000 = 200,000 / 200,000 = 100% (band edge): 1,600 + 800 = 2,400.00
  { period: '2026-08', lines: ['component override 2400.00', 'component mbo_bonus 0.00'], paid: '2400.00' },
  // Sep: D49-D51 = 40,000 + 80,000 + 60,000 = 180,000 / 200,000 = 90%: 1,600 + 20,000 x 2% = 400 -> 2,000.00
  //   MBO Q3: win 10%/25% = 40% < 50% of target: the gate fails, the card is 0% -> 0.00
  //   (forecast 10%/5% = 200% capped 150%, coaching 100% do not count)
  { period: '2026-09', lines: ['component override 2000.00', 'component mbo_bonus 0.00'], paid: '2000.00' },
  // Oct: D54-D56 = 70,000 + 60,000 + 90,000 = 220,000 / 200,000 = 110%: 1,600 + 400 + 20,000 x 3% = 600 -> 3,000.00
  { period: '2026-10', lines: ['component override 3000.00', 'component mbo_bonus 0.00'], paid: '3000.00' },
  // Nov: D60 + D61 = 85,000 + 75,000 = 160,000 / 200,000 = 80% (band edge, empty [80%, 100%) slice): 1,600.00
  { period: '2026-11', lines: ['component override 1600.00', 'component mbo_bonus 0.00'], paid: '1600.00' },
  // Dec: D64-D67 = 65,000 + 70,000 + 60,000 + 65,000 = 260,000 / 200,000 = 130%:
  //   1,600 + 800 + 1,200 + 20,000 x 4% = 800 -> 4,400.00
  //   MBO Q4: win 25%/25% = 100% x 40% = 40%; forecast 10%/12.5% = 80% x 30% = 24%;
  //   coaching 12/24 = 50% (exactly the gate: met) x 30% = 15% -> 79% x 6,000 = 4,740.00
  //   Paid 4,400 + 4,740 = 9,140.00
  { period: '2026-12', lines: ['component override 4400.00', 'component mbo_bonus 4740.00'], paid: '9140.00' },
];

// Noah Brandt (m2), hired 2026-05-04, West team (w1-w3) from May.
const M2: Month[] = [
  // Jan-Apr: not hired yet; West reports to m1: no team, team quota 0, team attainment 0% ->
  //   override 0.00; the MBO bonus is only for managers hired by the period's end (no line);
  //   before the hire date there is no guarantee.
  ...['2026-01', '2026-02', '2026-03', '2026-04'].map((period) => ({ period, lines: ['component override 0.00'], paid: '0.00' })),
  // May (month 1 of 3): D29-D31 = 25,000 + 40,000 + 35,000 = 100,000 / 120,000 = 83.33%:
  //   96,000 x 1% = 960 + 4,000 x 2% = 80 -> 1,040.00. Guarantee: 4,000 - 1,040 = 2,960.00 -> 4,000.00
  { period: '2026-05', lines: ['component override 1040.00', 'component mbo_bonus 0.00', 'guarantee guarantee 2960.00'], paid: '4000.00' },
  // Jun (month 2 of 3): D36-D38 = 30,000 + 50,000 + 40,000 = 120,000 / 120,000 = 100% (band edge):
  //   960 + 24,000 x 2% = 480 -> 1,440.00
  //   MBO Q2: win 25%/25% = 100% x 40% = 40%; forecast 10%/20% = 50% (exactly the gate: met) x 30%
  //   = 15%; coaching 18/24 = 75% x 30% = 22.5% -> 77.5% x 3,000 = 2,325.00
  //   Clawback D29 (w1, closed 2026-05-18, 25,000) cancelled 2026-06-22, 1 month: 100% of May's
  //   1,040 x 25,000 / 100,000 = 260.00
  //   Net 1,440 + 2,325 - 260 = 3,505 < 4,000: top-up 495.00 -> 4,000.00
  { period: '2026-06', lines: ['component override 1440.00', 'component mbo_bonus 2325.00', 'clawback override -260.00', 'guarantee guarantee 495.00'], paid: '4000.00' },
  // Jul (month 3 of 3, the last protected month): D41 + D42 = 45,000 + 45,000 = 90,000 / 120,000
  //   = 75%: 900.00; top-up 3,100.00 -> 4,000.00
  { period: '2026-07', lines: ['component override 900.00', 'component mbo_bonus 0.00', 'guarantee guarantee 3100.00'], paid: '4000.00' },
  // Aug (protection over: no top-up though below 4,000): D46-D48 = 22,000 + 60,000 + 50,000 =
  //   132,000 / 120,000 = 110%: 960 + 480 + 12,000 x 3% = 360 -> 1,800.00
  { period: '2026-08', lines: ['component override 1800.00', 'component mbo_bonus 0.00'], paid: '1800.00' },
  // Sep: D52 + D53 = 48,000 + 60,000 = 108,000 / 120,000 = 90%: 960 + 12,000 x 2% = 240 -> 1,200.00
  //   MBO Q3: win 35%/25% = 140% x 40% = 56%; forecast 10%/4% = 250% capped 150% x 30% = 45%;
  //   coaching 36/24 = 150% capped 120% x 30% = 36% -> 137% x 3,000 = 4,110.00
  //   Clawback D46 (w1, closed 2026-08-12, 22,000) cancelled 2026-09-14, 1 month: 100% of
  //   August's 1,800 x 22,000 / 132,000 = 300.00
  //   Paid 1,200 + 4,110 - 300 = 5,010.00
  { period: '2026-09', lines: ['component override 1200.00', 'component mbo_bonus 4110.00', 'clawback override -300.00'], paid: '5010.00' },
  // Oct: D57-D59 = 50,000 + 55,000 + 45,000 = 150,000 / 120,000 = 125%:
  //   960 + 480 + 720 + 6,000 x 4% = 240 -> 2,400.00
  { period: '2026-10', lines: ['component override 2400.00', 'component mbo_bonus 0.00'], paid: '2400.00' },
  // Nov: D62 + D63 = 46,000 + 50,000 = 96,000 / 120,000 = 80% (band edge): 960.00
  { period: '2026-11', lines: ['component override 960.00', 'component mbo_bonus 0.00'], paid: '960.00' },
  // Dec: D68-D70 = 40,000 + 46,000 + 40,000 = 126,000 / 120,000 = 105%: 1,440 + 6,000 x 3% = 180 -> 1,620.00
  //   MBO Q4: win 30%/25% = 120% x 40% = 48%; forecast 10%/10% = 30%; coaching 24/24 = 30% ->
  //   108% x 3,000 = 3,240.00
  //   Clawback D36 (w1, closed 2026-06-10, 30,000) cancelled 2026-12-10: exactly 6 months, the
  //   second window's last day -> 50% of June's 1,440 x 30,000 / 120,000 = 360 -> 180.00
  //   Paid 1,620 + 3,240 - 180 = 4,680.00
  { period: '2026-12', lines: ['component override 1620.00', 'component mbo_bonus 3240.00', 'clawback override -180.00'], paid: '4680.00' },
];

describe('manager plan sample (samples/manager-plan), twelve months', () => {
  const r = runSample();
  const stmt = (rep: string, period: string): Statement => {
    const s = r.statements.find((x) => x.rep === rep && x.period === period);
    if (!s) throw new Error(`no statement for ${rep} ${period}`);
    return s;
  };

  it('checks clean (comp check and analyze)', () => {
    expect(analyze(PLAN, readFileSync(PLAN, 'utf8')).diagnostics).toEqual([]);
    const c = comp(['check', 'samples/manager-plan/plan.comp']);
    expect(c.code).toBe(0);
    expect(c.stdout).toContain('no problems');
    const j = comp(['check', 'samples/manager-plan/plan.comp', '--format', 'json']);
    expect(JSON.parse(j.stdout)).toEqual({ kind: 'comp.check', schemaVersion: 1, files: 1, diagnostics: [] });
  });

  for (const [rep, months] of [['m1', M1], ['m2', M2]] as const) {
    it(`pays ${rep} the hand-computed lines and amount in each of the twelve months`, () => {
      expect(months.map((m) => m.period)).toEqual(MONTHS);
      for (const m of months) {
        const s = stmt(rep, m.period);
        expect({ period: m.period, lines: lines(s), paid: s.paid }).toEqual(m);
        expect(s.owed).toBe('0.00');
      }
    });
  }

  it('totals per manager over the year', () => {
    // m1: 2,400 + 3,840 + 11,490 + 3,200 + 1,560 + 9,680 + 1,350 + 2,400 + 2,000 + 3,000 + 1,600 + 9,140 = 51,660
    //   = override 34,940 + MBO 17,550 (6,930 + 5,880 + 0 + 4,740) - clawbacks 830 (240 + 240 + 200 + 150)
    // m2: 0 x 4 + 4,000 + 4,000 + 4,000 + 1,800 + 5,010 + 2,400 + 960 + 4,680 = 26,850
    //   = override 11,360 + MBO 9,675 (2,325 + 4,110 + 3,240) - clawbacks 740 (260 + 300 + 180)
    //     + guarantee top-ups 6,555 (2,960 + 495 + 3,100)
    const sum = (rep: string, pick: (s: Statement) => string[]): number =>
      r.statements.filter((s) => s.rep === rep).flatMap(pick).reduce((a, x) => a + Math.round(Number(x) * 100), 0) / 100;
    expect(sum('m1', (s) => [s.paid])).toBe(51660);
    expect(sum('m2', (s) => [s.paid])).toBe(26850);
    expect(sum('m1', (s) => s.lines.filter((l) => l.name === 'override' && l.kind === 'component').map((l) => l.amount))).toBe(34940);
    expect(sum('m2', (s) => s.lines.filter((l) => l.kind === 'guarantee').map((l) => l.amount))).toBe(6555);
  });

  it("pays the reps' own commission with the same clawback schedule", () => {
    // e1 March: D14 22,000 x 10% = 2,200.00; D01 (January, 2,400 paid) cancelled 2026-03-05, 100%:
    //   -2,400.00; net -200: paid 0.00 and 200.00 owed, recovered in April (5,000 - 200 = 4,800)
    expect(lines(stmt('e1', '2026-03'))).toEqual(['component commission 2200.00', 'clawback commission -2400.00', 'balance balance 200.00']);
    expect([stmt('e1', '2026-03').paid, stmt('e1', '2026-03').owed]).toEqual(['0.00', '200.00']);
    expect(lines(stmt('e1', '2026-04'))).toEqual(['component commission 5000.00', 'balance balance -200.00']);
    expect(stmt('e1', '2026-04').paid).toBe('4800.00');
    // e1 July: D14 (2,200 paid) cancelled 2026-07-20, 4 months: 50% = -1,100.00; no credit in July
    expect(lines(stmt('e1', '2026-07'))).toEqual(['component commission 0.00', 'clawback commission -1100.00', 'balance balance 1100.00']);
    // e2 July: D02 cancelled one day past 6 months: nothing taken; D39 70,000 x 10% = 7,000.00
    expect(lines(stmt('e2', '2026-07'))).toEqual(['component commission 7000.00']);
    // w1 June: D23 (1,800) and D29 (2,500), both within 3 months: -4,300.00 against 3,000.00
    //   -> paid 0.00, 1,300.00 owed; July (no credit) still owes it; August 2,200 - 1,300 = 900.00
    expect(lines(stmt('w1', '2026-06'))).toEqual(['component commission 3000.00', 'clawback commission -1800.00', 'clawback commission -2500.00', 'balance balance 1300.00']);
    expect([stmt('w1', '2026-06').paid, stmt('w1', '2026-06').owed]).toEqual(['0.00', '1300.00']);
    expect([stmt('w1', '2026-07').paid, stmt('w1', '2026-07').owed]).toEqual(['0.00', '1300.00']);
    expect([stmt('w1', '2026-08').paid, stmt('w1', '2026-08').owed]).toEqual(['900.00', '0.00']);
    // w1 December: D36 (3,000) cancelled exactly 6 months after: 50% = -1,500.00
    expect(lines(stmt('w1', '2026-12'))).toEqual(['component commission 4000.00', 'clawback commission -1500.00']);
  });

  it('comp explain for m2 in 2026-06 shows the team quota, the band, the scorecard, the guarantee and the clawback', () => {
    const e = comp(['explain', 'samples/manager-plan/plan.comp', '--data', 'samples/manager-plan/data', '--rep', 'm2', '--period', '2026-06']);
    expect(e.code).toBe(0);
    const out = e.stdout;
    // team quota and team attainment
    expect(out).toContain('team quota = w1 40,000.00 + w2 40,000.00 + w3 40,000.00 = 120,000.00');
    expect(out).toContain('team attainment 120,000.00 / team quota 120,000.00 = 100%');
    // the bands
    expect(out).toContain('band [0%, 80%) @ 1% on 96,000.00 = 960.00');
    expect(out).toContain('band [80%, 100%) @ 2% on 24,000.00 = 480.00');
    // the scorecard, metric by metric, and its gate
    expect(out).toContain('scorecard mbo = 77.5%');
    expect(out).toContain('weight 40% x 100% = 40%');
    expect(out).toContain('weight 30% x 50% = 15%');
    expect(out).toContain('metric coaching: 18 / target 24 = 75% (cap 120%); weight 30% x 75% = 22.5%');
    expect(out).toContain('all metrics at least 50% of target: met');
    // the clawback and its schedule window
    expect(out).toContain('Team override clawback: D29');
    expect(out).toContain('first window containing it: within 3 months takes 100% -> 100%');
    expect(out).toContain('260.00 x 100% = 260.00');
    // the guarantee
    expect(out).toContain('2026-06 is in the protected months (2026-05-01 to 2026-07-31, month 2 of 3)');
    expect(out).toContain('3,505.00 is below the guarantee 4,000.00; top-up 495.00 (not owed)');
    expect(out).toMatch(/Paid\s+4,000\.00/);
  });

  it('comp run --format csv matches expected/payouts.csv byte for byte', () => {
    const c = comp(['run', 'samples/manager-plan/plan.comp', '--data', 'samples/manager-plan/data', '--format', 'csv']);
    expect(c.code).toBe(0);
    expect(c.stdout).toBe(readFileSync(join(DIR, 'expected', 'payouts.csv'), 'utf8'));
  });
});
