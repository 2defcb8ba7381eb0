// `comp diff`, `comp model`, `comp statement`, `comp doc`: figures worked by hand on the
// marginal-tiers example (quota 150,000 a quarter; bands 8% / 12% from 100% / 16% from 120%;
// ada credited 195,000, ben 120,000), through the workbench functions the commands call, and
// each command once through the CLI.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { comp } from '../cli/helpers.js';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import { Decimal } from '../../runtime/decimal.js';
import type { Dataset, PlanIR, RunResult } from '../../runtime/ir.js';
import { diffCsv, diffRuns, diffTable } from '../../compiler/workbench/diff.js';
import { model, modelCsv } from '../../compiler/workbench/model.js';
import { nextDealPays } from '../../compiler/workbench/statement.js';

const EX = 'docs/examples/marginal-tiers';
const NEW = 'test/workbench/fixtures/diff/marginal-new.comp';
export const ARTIFACTS = 'test-artifacts/workbench';

function load(file: string, data = `${EX}/data`): { a: ReturnType<typeof analyze>; ir: PlanIR; data: Dataset; result: RunResult } {
  const a = analyze(file, readFileSync(file, 'utf8'));
  const ds = loadDataset(a.ir!, [data]);
  expect(ds.errors).toEqual([]);
  const out = evaluate(compilePlan(a.ir!), ds.dataset);
  return { a, ir: a.ir!, data: ds.dataset, result: out.result! };
}

describe('comp diff', () => {
  it('a top band raised from 16% to 20% pays ada 15,000 x 4% = 600.00 more, ben nothing more', () => {
    const d = diffRuns(load(`${EX}/plan.comp`).result, load(NEW).result, 'old', 'new');
    expect(d.totals).toMatchObject({ old: '27600.00', new: '28200.00', change: '600.00', changeShare: '0.0217' });
    expect(d.reps).toEqual([
      { rep: 'ada', period: 'all', old: '18000.00', new: '18600.00', change: '600.00' },
      { rep: 'ben', period: 'all', old: '9600.00', new: '9600.00', change: '0.00' },
    ]);
    expect(d.gainers.map((r) => r.rep)).toEqual(['ada']);
    expect(d.losers).toEqual([]);
    expect(d.distribution.filter((x) => x.reps)).toEqual([
      { bucket: 'unchanged', reps: 1 },
      { bucket: 'gains up to 10%', reps: 1 },
    ]);
    expect(diffCsv(d)).toBe('rep,period,old,new,change\nada,2026-Q1,18000.00,18600.00,600.00\nben,2026-Q1,9600.00,9600.00,0.00\n');
    expect(diffTable(d)).toContain('Total earned  USD 27,600.00  USD 28,200.00  +USD 600.00  +2.17%');
    // per rep and component: the 600.00 is ada's commission
    expect(d.repComponents.map((r) => [r.rep, r.component, r.old, r.new, r.change])).toEqual([
      ['ada', 'commission', '18000.00', '18600.00', '600.00'],
      ['ben', 'commission', '9600.00', '9600.00', '0.00'],
    ]);
    expect(diffCsv(d, { rows: 'rep-component' })).toBe('rep,component,label,old,new,change\nada,commission,Commission,18000.00,18600.00,600.00\nben,commission,Commission,9600.00,9600.00,0.00\n');
    expect(diffTable(d)).toMatch(/Changes per rep and component \(1 of 2\)\n {2}rep +component +old +new +change\n {2}ada +Commission +USD 18,000.00 +USD 18,600.00 +\+USD 600.00 +\+3.33%/);
  });

  it('rep names from the data: formulas neutralised in CSV (unless raw), control characters escaped in the table', () => {
    const d = diffRuns(load(`${EX}/plan.comp`).result, load(NEW).result, 'old', 'new');
    const hostile = { ...d, rows: d.rows.map((r) => ({ ...r, rep: r.rep === 'ada' ? '=HYPERLINK("http://x")' : 'b\u001b[31men' })), repComponents: d.repComponents.map((r) => ({ ...r, rep: '@SUM(A1)' })) };
    expect(diffCsv(hostile)).toContain(`"'=HYPERLINK(""http://x"")",2026-Q1`);
    expect(diffCsv(hostile, { raw: true })).toContain('"=HYPERLINK(""http://x"")",2026-Q1');
    expect(diffCsv(hostile, { rows: 'rep-component' })).toContain("'@SUM(A1),commission");
    const t = diffTable({ ...hostile, rows: hostile.rows.map((r) => ({ ...r, change: '1.00' })) });
    expect(t).toContain('b\\x1B[31men');
    expect(t).not.toContain('\u001b');
  });

  it('--rev compares the plan with itself at a git revision (through the CLI)', () => {
    const r = comp(['diff', `${EX}/plan.comp`, '--rev', 'HEAD', '--data', `${EX}/data`, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.old.label).toBe(`${EX}/plan.comp at HEAD`);
    expect(d.totals.change).toBe('0.00');
  });
});

describe('comp model', () => {
  const m = load(`${EX}/plan.comp`);
  const levels = ['0.5', '1', '1.5'].map((l) => ({ k: 'quota' as const, level: new Decimal(l) }));

  it('every rep at 50%, 100% and 150% of quota, worked by hand', () => {
    const r = model(m.ir, m.data, m.result, levels);
    // actual: 18,000 + 9,600 on 315,000 of credit
    expect(r.actual).toEqual({ cost: '27600.00', credit: '315000.00', costOfSales: '0.0876' });
    // 50%: 75,000 x 8% twice; 100%: 150,000 x 8% twice; 150%: 12,000 + 30,000 x 12% + 45,000 x 16% = 22,800 twice
    expect(r.scenarios.map((s) => [s.name, s.cost, s.credit, s.costOfSales])).toEqual([
      ['every rep at 50% of quota', '12000.00', '150000.00', '0.08'],
      ['every rep at 100% of quota', '24000.00', '300000.00', '0.08'],
      ['every rep at 150% of quota', '45600.00', '450000.00', '0.1013'],
    ]);
    expect(r.atTarget).toBe('24000.00');
    // 100% is in the [100%, 120%) band
    expect(r.scenarios[1]!.bands.map((b) => [b.band, b.count])).toEqual([
      ['0% to 100%', 0],
      ['100% to 120%', 2],
      ['120% to …', 0],
    ]);
    const at = (x: string) => r.curve!.points.find((p) => p.attainment === x)!;
    expect(at('1.3')).toMatchObject({ credit: '195000.00', earned: '18000.00' });
    // 200%: 12,000 + 3,600 + 120,000 x 16% = 34,800, an effective rate of 11.6%
    expect(at('2')).toMatchObject({ earned: '34800.00', effectiveRate: '0.116' });
  });

  it('shifted and scaled actuals, and a seeded normal distribution that draws the same twice', () => {
    const r = model(m.ir, m.data, m.result, [
      { k: 'shift', points: new Decimal('0.1') },
      { k: 'scale', factor: new Decimal('0.5') },
    ]);
    // +10 points: ada 140% (210,000): 12,000 + 3,600 + 30,000 x 16% = 20,400; ben 90% (135,000) x 8% = 10,800
    expect(r.scenarios[0]!.cost).toBe('31200.00');
    // halved: ada 97,500 x 8% = 7,800; ben 60,000 x 8% = 4,800
    expect(r.scenarios[1]!.cost).toBe('12600.00');
    const normal = (seed: number) => modelCsv(model(m.ir, m.data, m.result, [{ k: 'normal', mean: new Decimal('0.95'), sd: new Decimal('0.2'), seed }]));
    expect(normal(7)).toBe(normal(7));
    expect(normal(7)).not.toBe(normal(8));
  });
});

describe('comp statement', () => {
  it('the next 10,000 of ada (at 130%) falls in the 16% band: 1,600.00', () => {
    const s = load(`${EX}/plan.comp`);
    const np = nextDealPays({ analysis: s.a, ir: s.ir, data: s.data, result: s.result, rep: 'ada', period: '2026-Q1' }, new Decimal(10000));
    expect(np.earned?.toFixed(2)).toBe('1600.00');
    // ben at 80%: 8%
    expect(nextDealPays({ analysis: s.a, ir: s.ir, data: s.data, result: s.result, rep: 'ben', period: '2026-Q1' }, new Decimal(10000)).earned?.toFixed(2)).toBe('800.00');
  });

  it('writes one page per rep through the CLI', () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const r = comp(['statement', `${EX}/plan.comp`, '--data', `${EX}/data`, '--period', '2026-Q1', '--out-dir', `${ARTIFACTS}/statements`]);
    expect(r.code, r.stderr).toBe(0);
    const page = readFileSync(`${ARTIFACTS}/statements/ada-2026-Q1.html`, 'utf8');
    expect(page).toContain('would add USD 1,600.00 to what you earn in 2026-Q1');
    expect(existsSync(`${ARTIFACTS}/statements/ben-2026-Q1.html`)).toBe(true);
    expect(page).not.toMatch(/<script/i);
  });
});
