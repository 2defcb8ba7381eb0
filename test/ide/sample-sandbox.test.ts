// The editor's sample data obeys the data sandbox (compiler/data/sandbox.ts) as `comp run --data`
// does: a table file linked from outside the folder, twin files, a directory in a file's place
// are not read by previews, not linked, and reported (COMP8401); a missing file is COMP8400; the
// sample summary itself refuses what the CLI refuses.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { dataFileDiagnostics, dataLinks } from '../../compiler/ide/links.js';
import { sampleFolder, summarizeSample } from '../../compiler/ide/preview-sample.js';

const FIXTURE = join(import.meta.dirname, '..', 'editor', 'fixtures', 'workspace');

describe('sample data in the editor: the data sandbox', () => {
  let dir: string;
  let plan: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'comp-sample-sandbox-'));
    mkdirSync(join(dir, 'ws', 'data'), { recursive: true });
    mkdirSync(join(dir, 'outside'));
    plan = join(dir, 'ws', 'plan.comp');
    writeFileSync(plan, readFileSync(join(FIXTURE, 'commission.comp'), 'utf8'));
    // reps.csv: a real file; deals.csv: a link out of the folder; cancellations: twin files
    cpSync(join(FIXTURE, 'data', 'reps.csv'), join(dir, 'ws', 'data', 'reps.csv'));
    cpSync(join(FIXTURE, 'data', 'deals.csv'), join(dir, 'outside', 'deals.csv'));
    symlinkSync(join(dir, 'outside', 'deals.csv'), join(dir, 'ws', 'data', 'deals.csv'));
    cpSync(join(FIXTURE, 'data', 'cancellations.csv'), join(dir, 'ws', 'data', 'cancellations.csv'));
    writeFileSync(join(dir, 'ws', 'data', 'cancellations.json'), '[]');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const analysis = () => analyze(plan, readFileSync(plan, 'utf8'));

  it('links only the files previews read, and says why the others are not read', () => {
    const a = analysis();
    const opts = { sampleData: '', planPath: plan };
    const links = dataLinks(a, opts);
    const byFile = new Map(links.map((l) => [l.file, l]));
    expect(byFile.get('reps.csv')?.problem).toBeUndefined();
    expect(byFile.get('deals.csv')?.problem).toMatch(/outside the data folders/);
    expect(byFile.get('cancellations.csv')?.problem).toMatch(/cancellations\.json/);
    const diags = dataFileDiagnostics(a, opts);
    expect(diags.map((d) => [d.code, d.severity])).toEqual([
      ['COMP8401', 'warning'],
      ['COMP8401', 'warning'],
    ]);
    expect(diags.map((d) => a.text.slice(d.span.start, d.span.end)).sort()).toEqual(['cancellations.csv', 'deals.csv']);
  });

  it('reports a directory in a file\'s place, and a missing file', () => {
    rmSync(join(dir, 'ws', 'data', 'deals.csv'));
    mkdirSync(join(dir, 'ws', 'data', 'deals.csv'));
    rmSync(join(dir, 'ws', 'data', 'cancellations.csv'));
    rmSync(join(dir, 'ws', 'data', 'cancellations.json'));
    const a = analysis();
    const diags = dataFileDiagnostics(a, { sampleData: '', planPath: plan });
    const of = (file: string) => diags.find((d) => a.text.slice(d.span.start, d.span.end) === file);
    expect(of('deals.csv')?.code).toBe('COMP8401');
    expect(of('deals.csv')?.message).toMatch(/directory/);
    expect(of('cancellations.csv')?.code).toBe('COMP8400');
  });

  it('runs no sample figures on a file the CLI would refuse', () => {
    rmSync(join(dir, 'ws', 'data', 'deals.csv'), { recursive: true });
    symlinkSync(join(dir, 'outside', 'deals.csv'), join(dir, 'ws', 'data', 'deals.csv'));
    cpSync(join(FIXTURE, 'data', 'cancellations.csv'), join(dir, 'ws', 'data', 'cancellations.csv'));
    const a = analysis();
    const s = summarizeSample(a.ir!, { sampleData: '', planPath: plan });
    expect(s?.problem).toMatch(/outside the data folders/);
    expect(s?.reps ?? 0).toBe(0);
  });

  it('resolves a relative sample data setting against the plan\'s folder', () => {
    expect(sampleFolder({ sampleData: 'data', planPath: plan })).toBe(join(dir, 'ws', 'data'));
    expect(sampleFolder({ sampleData: '/abs/data', planPath: plan })).toBe('/abs/data');
  });
});
