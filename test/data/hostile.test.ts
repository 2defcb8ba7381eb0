// Hostile inputs to the data loader: a plan that names files outside its data folders, links out
// of them, pipes, devices and folders in place of files, files over the size limit, two spellings
// of one table, files no table reads, split shares out of range, numbers with more digits than are
// kept exactly, JSON nested thousands deep. Through the public loader (and the CLI for stdin).
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset, type LoadOptions } from '../../compiler/data/load.js';
import type { PlanIR } from '../../runtime/ir.js';
import { ROOT } from '../ide/plans.js';
import { comp } from '../cli/helpers.js';

const EXAMPLE = join(ROOT, 'docs', 'examples', 'credit-split');
const REGRESSIONS = join(ROOT, 'test', 'fuzz', 'regressions');

function planWith(edit: (text: string) => string = (t) => t): PlanIR {
  const a = analyze('plan.comp', edit(readFileSync(join(EXAMPLE, 'plan.comp'), 'utf8')));
  if (!a.ir) throw new Error(a.diagnostics.map((d) => d.message).join('; '));
  return a.ir;
}

/** A fresh data folder with the example's files, inside a fresh root (with a `secret.csv` beside it). */
function dataFolder(): { root: string; data: string } {
  const root = mkdtempSync(join(tmpdir(), 'comp-hostile-'));
  const data = join(root, 'data');
  mkdirSync(data);
  for (const f of ['reps.csv', 'deals.csv', 'splits.csv']) writeFileSync(join(data, f), readFileSync(join(EXAMPLE, 'data', f)));
  writeFileSync(join(root, 'secret.csv'), 'id,name,role\nroot,x:0:0,secret\n');
  return { root, data };
}

function codes(ir: PlanIR, inputs: string[], opts: LoadOptions = {}): string[] {
  return loadDataset(ir, inputs, opts)
    .errors.filter((e) => e.severity === 'error')
    .map((e) => e.code);
}

describe('table files resolve only inside the data folders', () => {
  const outside = planWith((t) => t.replace('"reps.csv"', '"../secret.csv"'));
  it('refuses a path out of the folder, and never reads it (COMP6350)', () => {
    const { data } = dataFolder();
    const r = loadDataset(outside, [data]);
    const e = r.errors.filter((x) => x.severity === 'error');
    expect(e.map((x) => x.code)).toEqual(['COMP6350']);
    expect(JSON.stringify(r)).not.toContain('x:0:0');
  });
  it('refuses an absolute path', () => {
    const { root, data } = dataFolder();
    expect(codes(planWith((t) => t.replace('"reps.csv"', JSON.stringify(join(root, 'secret.csv')))), [data])).toEqual(['COMP6001']);
  });
  it('refuses a link out of the folder', () => {
    const { root, data } = dataFolder();
    symlinkSync(join(root, 'secret.csv'), join(data, 'linked.csv'));
    expect(codes(planWith((t) => t.replace('"reps.csv"', '"linked.csv"')), [data])).toEqual(['COMP6350']);
  });
  it('reads it when its folder is allowed (--allow-path), or the file is named', () => {
    const { root, data } = dataFolder();
    expect(codes(outside, [data], { allow: [root] })).not.toContain('COMP6350');
    expect(codes(outside, [data, join(root, 'secret.csv')])).not.toContain('COMP6350');
  });
  it('refuses a directory, a named pipe and a device (COMP6351), without blocking', () => {
    const { data } = dataFolder();
    mkdirSync(join(data, 'dir.csv'));
    execFileSync('mkfifo', [join(data, 'pipe.csv')]);
    symlinkSync('/dev/zero', join(data, 'zero.csv'));
    expect(codes(planWith((t) => t.replace('"reps.csv"', '"dir.csv"')), [data])).toEqual(['COMP6351']);
    expect(codes(planWith((t) => t.replace('"reps.csv"', '"pipe.csv"')), [data])).toEqual(['COMP6351']);
    // a link to a device outside the folder is refused before it is opened; named directly, it is not a file
    expect(codes(planWith((t) => t.replace('"reps.csv"', '"zero.csv"')), [data])).toEqual(['COMP6350']);
    expect(codes(planWith((t) => t.replace('"reps.csv"', '"zero"')), [data, '/dev/zero'])).toEqual(['COMP6351']);
  });
  it('refuses a file over the size limit (COMP6352)', () => {
    const { data } = dataFolder();
    const r = loadDataset(planWith(), [data], { maxBytes: 20 });
    expect(r.errors.filter((e) => e.severity === 'error').map((e) => e.code)).toEqual(['COMP6352', 'COMP6352', 'COMP6352']);
    expect(r.errors[0]!.message).toMatch(/over the limit of 20 bytes/);
  });
});

describe('files and tables', () => {
  it('deals.csv beside deals.json is an error (COMP6353)', () => {
    const { data } = dataFolder();
    writeFileSync(join(data, 'deals.json'), '[]');
    expect(codes(planWith(), [data])).toEqual(['COMP6353']);
  });
  it('a data file no table reads gets a note (COMP6354)', () => {
    const { data } = dataFolder();
    writeFileSync(join(data, 'deal.csv'), 'id\n');
    const notes = loadDataset(planWith(), [data]).errors.filter((e) => e.code === 'COMP6354');
    expect(notes.map((e) => [e.file, e.severity])).toEqual([[join(data, 'deal.csv'), 'info']]);
  });
});

describe('hostile cells', () => {
  it('split shares outside 0%..100% are errors, located (COMP6355)', () => {
    const { data } = dataFolder();
    writeFileSync(join(data, 'splits.csv'), 'deal,rep,share,overlay\nD1,ada,130%,false\nD1,ben,-30%,false\n');
    const e = loadDataset(planWith(), [data]).errors.filter((x) => x.code === 'COMP6355');
    expect(e.map((x) => `${x.line}:${x.column} ${x.message}`)).toEqual(['2:8 a split share must be between 0% and 100%, found 130%', '3:8 a split share must be between 0% and 100%, found -30%']);
  });
  it('numbers over 30 significant digits are errors, never rounded; 50,000 digits are read in linear time (COMP6356)', () => {
    const { data } = dataFolder();
    writeFileSync(join(data, 'deals.csv'), readFileSync(join(REGRESSIONS, 'long-digits.csv')));
    expect(codes(planWith(), [data]).filter((c) => c === 'COMP6356')).toHaveLength(2);
    writeFileSync(join(data, 'deals.csv'), `id,owner,stage,close_date,amount\nD1,ada,Won,2026-03-01,${'1'.repeat(31)}\nD2,ada,Won,2026-03-01,${'1'.repeat(30)}.000\n`);
    expect(codes(planWith(), [data]).filter((c) => c === 'COMP6356')).toHaveLength(1);
  });
  it('JSON nested 3,300 deep is an error, not a crash (COMP6357)', () => {
    const { data } = dataFolder();
    writeFileSync(join(data, 'deals.json'), readFileSync(join(REGRESSIONS, 'deep-3300.json')));
    const e = loadDataset(planWith(), [join(data, 'deals.json'), join(data, 'reps.csv'), join(data, 'splits.csv')]).errors.filter((x) => x.severity === 'error');
    expect(e.map((x) => `${x.line}:${x.column} ${x.code}`)).toContain('1:65 COMP6357');
  });
});

describe('the command line', () => {
  it('reads one table from stdin with --data -, and refuses a plan reading outside its folders', () => {
    const { root, data } = dataFolder();
    const deals = readFileSync(join(data, 'deals.csv'), 'utf8');
    writeFileSync(join(data, 'deals.csv'), ''); // not this one: the CLI reads deals from stdin
    const plan = join(root, 'plan.comp');
    writeFileSync(plan, readFileSync(join(EXAMPLE, 'plan.comp'), 'utf8').replace('"deals.csv"', '"stdin-deals.csv"'));
    const r = comp(['run', plan, '--data', data, '-', '--format', 'csv'], {}, deals);
    expect(r.stderr).toBe(`${join(data, 'deals.csv')}:1:1: info[COMP6354]: \`${join(data, 'deals.csv')}\` is not read: no table of the plan is in a file of that name\n`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ada');
    const bad = join(root, 'bad.comp');
    writeFileSync(bad, readFileSync(join(EXAMPLE, 'plan.comp'), 'utf8').replace('"reps.csv"', '"../secret.csv"'));
    const r2 = comp(['run', bad, '--data', data]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('error[COMP6350]');
    expect(r2.stderr).not.toContain('x:0:0');
  });
});

describe('the editor reads sample data under the same rules', () => {
  it('a hover on `fx rates from "../secret.csv"` never shows the file; one inside the folder is shown', async () => {
    const { hover } = await import('../../compiler/ide/hover.js');
    const { root, data } = dataFolder();
    writeFileSync(join(data, 'fx.csv'), 'from,to,date,rate\nEUR,USD,2026-01-15,1.20\n');
    const base = readFileSync(join(EXAMPLE, 'plan.comp'), 'utf8');
    for (const [source, shown, hidden] of [
      ['../secret.csv', undefined, 'x:0:0'],
      ['fx.csv', 'EUR', undefined],
    ] as const) {
      const text = base.replace('periods monthly', `fx rates from "${source}"\nperiods monthly`);
      const a = analyze(join(root, 'plan.comp'), text);
      const h = hover(a, text.indexOf('fx rates') + 1, { sampleData: data, planPath: join(root, 'plan.comp') });
      expect(h?.markdown).toContain('FX rates');
      if (shown) expect(h!.markdown).toContain(shown);
      if (hidden) expect(h!.markdown).not.toContain(hidden);
    }
  });
});
