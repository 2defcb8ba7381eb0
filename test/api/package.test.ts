// The package as others import it: `import('comp-lang')` through package.json `exports` from a
// project that depends on it, the example of docs/api.md, type declarations, and the loaders.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { compile, evaluate, loadData, loadRows, loadStreams } from '../../compiler/api.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(path.join(tmpdir(), 'comp-api-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the comp-lang package', { timeout: 120_000 }, () => {
  it('runs the docs example through the exports map, printing what docs/api.md shows', () => {
    mkdirSync(path.join(tmp, 'node_modules'));
    symlinkSync(ROOT, path.join(tmp, 'node_modules', 'comp-lang'), 'dir');
    copyFileSync(path.join(ROOT, 'docs', 'api', 'example.mjs'), path.join(tmp, 'example.mjs'));
    const r = spawnSync(process.execPath, ['example.mjs'], { cwd: tmp, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = readFileSync(path.join(ROOT, 'docs', 'api.md'), 'utf8');
    const shown = /## Example[\s\S]*?```text\n([\s\S]*?)```/.exec(doc)![1]!;
    expect(r.stdout).toBe(shown);
  });

  it('declares its types: exports point at tsc declarations', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const root = pkg.exports['.'];
    expect(root.types).toBe('./dist/compiler/api.d.ts');
    const dts = path.join(ROOT, root.types);
    expect(existsSync(dts)).toBe(true);
    const text = readFileSync(dts, 'utf8');
    for (const f of ['compile', 'loadData', 'loadRows', 'loadStreams', 'evaluate']) expect(text).toContain(`export declare function ${f}(`);
    expect(text).toContain('analyze');
    expect(existsSync(path.join(ROOT, root.import))).toBe(true);
  });
});

const PLAN = readFileSync(path.join(ROOT, 'test/cli/fixtures/split/plan.comp'), 'utf8');

describe('API: compile, load from files, rows and streams, evaluate', () => {
  const { ir, diagnostics } = compile('plan.comp', PLAN);
  it('compiles a clean plan to IR; a broken one to diagnostics only', () => {
    expect(ir).toBeDefined();
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const bad = compile('bad.comp', PLAN.replace('rate 10%', 'rate 10% + nope'));
    expect(bad.ir).toBeUndefined();
    expect(bad.diagnostics.map((d) => d.code)).toContain('COMP2001');
  });

  it('files, rows and streams load the same dataset and pay the same', async () => {
    const files = loadData(ir!, [path.join(ROOT, 'test/cli/fixtures/split/data')]);
    expect(files.errors).toEqual([]);
    const dir = path.join(ROOT, 'test/cli/fixtures/split/data');
    const rows = loadRows(ir!, {
      reps: [
        { id: 'ada', name: 'Ada Osei', role: 'AE' },
        { id: 'ben', name: 'Ben Lindqvist', role: 'AE' },
        { id: 'cy', name: 'Cy Marchetti', role: 'Specialist' },
      ],
      deals: [
        { id: 'D1', owner: 'ada', stage: 'Won', close_date: '2026-03-12', amount: '200,000' },
        { id: 'D2', owner: 'ben', stage: 'Won', close_date: '2026-03-18', amount: 50000 },
        { id: 'D3', owner: 'ada', stage: 'Lost', close_date: '2026-03-25', amount: '90000' },
      ],
      splits: [
        { deal: 'D1', rep: 'ada', share: '70%', overlay: false },
        { deal: 'D1', rep: 'ben', share: '30%', overlay: false },
        { deal: 'D1', rep: 'cy', share: '25%', overlay: true },
      ],
    });
    expect(rows.errors).toEqual([]);
    const streams = await loadStreams(ir!, {
      reps: { stream: Readable.from([readFileSync(path.join(dir, 'reps.csv'))]), format: 'csv' },
      deals: { stream: Readable.from([readFileSync(path.join(dir, 'deals.csv'), 'utf8')]), format: 'csv' },
      splits: { stream: Readable.from([readFileSync(path.join(dir, 'splits.csv'))]), format: 'csv' },
    });
    expect(streams.errors).toEqual([]);
    const paid = (d: typeof files) => evaluate(ir!, d.dataset).result!.statements.map((s) => `${s.rep} ${s.period} ${s.paid}`);
    expect(paid(files)).toEqual(['ada 2026-03 14000.00', 'ben 2026-03 11000.00', 'cy 2026-03 2500.00', 'ada 2026-04 0.00', 'ben 2026-04 0.00', 'cy 2026-04 0.00']);
    expect(paid(rows)).toEqual(paid(files));
    expect(paid(streams)).toEqual(paid(files));
  });

  it('a stream is written to a file chunk by chunk: a character split across chunks, a bad cell located, nothing left behind', async () => {
    const own = mkdtempSync(path.join(tmp, 'streams-'));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = own;
    try {
      const dir = path.join(ROOT, 'test/cli/fixtures/split/data');
      const deals = readFileSync(path.join(dir, 'deals.csv'), 'utf8').replaceAll('Won', 'Wön');
      const bytes = Buffer.from(deals, 'utf8');
      const cut = bytes.indexOf(Buffer.from('ö', 'utf8')) + 1; // between the two bytes of ö
      const chunks = [bytes.subarray(0, cut), bytes.subarray(cut, cut + 3), bytes.subarray(cut + 3)];
      const streamed = await loadStreams(ir!, {
        reps: { stream: Readable.from([readFileSync(path.join(dir, 'reps.csv'))]), format: 'csv' },
        deals: { stream: Readable.from(chunks), format: 'csv' },
        splits: { stream: Readable.from(readFileSync(path.join(dir, 'splits.csv'), 'utf8').split(/(?<=\n)/)), format: 'csv' },
      });
      const wanted = loadData(ir!, [dir]).dataset.deals!.map((r) => r.values.stage);
      expect(streamed.dataset.deals!.map((r) => r.values.stage)).toEqual(wanted.map((s) => (s === 'Won' ? 'Wön' : s)));
      expect(streamed.dataset.deals!.every((r) => r.loc.file === '<deals>')).toBe(true);
      const bad = await loadStreams(ir!, { deals: { stream: Readable.from(['id,owner,stage,close_date,amount\n', 'D9,ada,Won,2026-02-30,1\n']), format: 'csv' } });
      expect(bad.errors.map((e) => [e.file, e.line, e.code])).toContainEqual(['<deals>', 2, 'COMP6004']);
      expect(readdirSync(own)).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });

  it('bad rows are located in their table; a fractional JS number is refused', () => {
    const r = loadRows(ir!, { reps: [{ id: 'ada', name: 'A', role: 'AE' }], deals: [{ id: 'D1', owner: 'zed', stage: 'Won', close_date: '2026-02-30', amount: '1' }], splits: [] });
    expect(r.errors.map((e) => [e.file, e.code])).toEqual(expect.arrayContaining([['<deals>', 'COMP6005'], ['<deals>', 'COMP6004']]));
    expect(() => loadRows(ir!, { deals: [{ id: 'D1', amount: 0.1 }] })).toThrow(/give decimals as text/);
  });
});
