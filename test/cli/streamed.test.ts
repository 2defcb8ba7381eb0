// `comp run --format csv` makes its text as the run goes: the runtime hands out statements as they
// are settled (EvaluateOptions.sink, in batches) and report.ts CsvParts turns each batch into CSV
// text; no statement is kept. The text must be the whole result's formatCsv byte for byte, the
// result's periods and summary unchanged, and a run that fails (an error mid-run, after batches
// were handed out) prints what it printed before: its errors, nothing on stdout, no --out file.
import fc from 'fast-check';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { CsvParts, formatCsv } from '../../compiler/cli/report.js';
import { compilePlan, evaluate, type EvaluateOptions } from '../../runtime/evaluate.js';
import { files, gen, planText, type Gen } from '../helpers/random-plans.js';
import { comp } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'comp-streamed-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let k = 0;

/** A random plan's folder (plan.comp, data files); undefined when its data fail to load. */
function written(g: Gen): { dir: string; text: string } {
  const dir = join(work, String(k++));
  mkdirSync(dir);
  const text = planText(g);
  writeFileSync(join(dir, 'plan.comp'), text);
  for (const [name, body] of Object.entries(files(g))) writeFileSync(join(dir, name), body + '\n');
  return { dir, text };
}

/** More reps than a batch (256) holds: the same reps again, so batches end inside a period. */
const drawn = fc.tuple(gen, fc.constantFrom(1, 1, 90, 150), fc.constantFrom<[string?, string?]>([], [], ['2026-02'], [undefined, '2026-02'], ['2026-02', '2026-03'])).map(([g, times, range]) => ({
  g: { ...g, reps: Array.from({ length: times }, () => g.reps).flat() },
  range,
}));

describe('CSV made as the run goes', { timeout: 600_000 }, () => {
  it('is the whole result formatted, for random plans and data (API)', () => {
    const seen = { runs: 0, failed: 0, statements: 0 };
    fc.assert(
      fc.property(drawn, ({ g, range }) => {
        const { dir, text } = written(g);
        const a = analyze(join(dir, 'plan.comp'), text);
        expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const loaded = loadDataset(a.ir!, [dir]);
        if (loaded.errors.some((e) => e.severity === 'error')) return;
        const plan = compilePlan(a.ir!);
        // as `comp run --format csv` asks
        const opts: EvaluateOptions = { traces: false, deals: false, values: 'shown', ...(range[0] ? { from: range[0] } : {}), ...(range[1] ? { to: range[1] } : {}) };
        const whole = evaluate(plan, loaded.dataset, opts);
        const csv = new CsvParts({ ir: a.ir! });
        const streamed = evaluate(plan, loaded.dataset, { ...opts, sink: csv });
        expect(streamed.errors).toEqual(whole.errors);
        expect(streamed.warnings).toEqual(whole.warnings);
        if (!whole.result) {
          seen.failed++;
          return;
        }
        expect(csv.parts.join(''), text).toBe(formatCsv(whole.result, { ir: a.ir! }));
        expect(streamed.result!.statements).toEqual([]);
        expect({ ...streamed.result!, statements: [] }).toEqual({ ...whole.result, statements: [] });
        seen.runs++;
        seen.statements += whole.result.statements.length;
      }),
      { numRuns: Number(process.env.COMP_STREAMED_RUNS ?? 60) },
    );
    console.log(`streamed CSV: ${seen.runs} random runs identical (${seen.statements} statements), ${seen.failed} failing runs with the same errors`);
    expect(seen.runs).toBeGreaterThan(0);
  });

  it('is what the command line prints, for random plans and data (CLI)', () => {
    let n = 0;
    fc.assert(
      fc.property(drawn, ({ g }) => {
        const { dir, text } = written(g);
        const a = analyze(join(dir, 'plan.comp'), text);
        const loaded = loadDataset(a.ir!, [dir]);
        if (loaded.errors.some((e) => e.severity === 'error')) return;
        const whole = evaluate(compilePlan(a.ir!), loaded.dataset);
        const r = comp(['run', join(dir, 'plan.comp'), '--data', dir, '--format', 'csv', '--quiet']);
        if (!whole.result) {
          expect(r.code).toBe(1);
          expect(r.stdout).toBe('');
          return;
        }
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout, text).toBe(formatCsv(whole.result, { ir: a.ir! }));
        // --out: the same text, written whole at the end
        const out = join(work, `out-${k}.csv`);
        const f = comp(['run', join(dir, 'plan.comp'), '--data', dir, '--format', 'csv', '--quiet', '--out', out]);
        expect(f.code, f.stderr).toBe(0);
        expect(readFileSync(out, 'utf8')).toBe(r.stdout);
        n++;
      }),
      { numRuns: 8 },
    );
    expect(n).toBeGreaterThan(0);
  });

  // 300 reps; the last one's quota is 0 and it is credited only in 2026-03: the run divides by
  // zero in its third period, after batches of statements were handed out and made into text
  it('a run failing mid-run prints its errors as before: nothing on stdout, no --out file', () => {
    const dir = join(work, 'fails');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'plan.comp'),
      `plan "Fails late"
currency USD
periods monthly from 2026-01 to 2026-04

roster reps from "reps.csv" {
  id: text key
  quota: money
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

let attainment = if credit > USD 0 then credit / rep.quota else 0%

component commission {
  rate 10%
  gate attainment >= 50%
}
`,
    );
    const reps = Array.from({ length: 300 }, (_, i) => `r${i},${i === 299 ? 0 : 1000}`);
    const deals = Array.from({ length: 300 }, (_, i) => `D${i},r${i},2026-0${i === 299 ? 3 : 1 + (i % 4)}-05,${700 + i}`);
    writeFileSync(join(dir, 'reps.csv'), `id,quota\n${reps.join('\n')}\n`);
    writeFileSync(join(dir, 'deals.csv'), `id,owner,close_date,amount\n${deals.join('\n')}\n`);
    const args = ['run', join(dir, 'plan.comp'), '--data', dir, '--quiet'];
    // the table is made from the whole result (no sink): what every format printed before
    const table = comp([...args, '--format', 'table']);
    expect(table.code).toBe(1);
    expect(table.stderr).toContain('error[COMP7001]');
    expect(table.stderr).toContain('for rep `r299` in 2026-03');
    const csv = comp([...args, '--format', 'csv']);
    expect(csv).toEqual({ ...table });
    // --out: no file where there was none, an existing file untouched, no temporary file left
    const outDir = join(work, 'fails-out');
    mkdirSync(outDir);
    const out = join(outDir, 'out.csv');
    expect(comp([...args, '--format', 'csv', '--out', out])).toEqual(table);
    expect(existsSync(out)).toBe(false);
    writeFileSync(out, 'before\n');
    expect(comp([...args, '--format', 'csv', '--out', out])).toEqual(table);
    expect(readFileSync(out, 'utf8')).toBe('before\n');
    expect(readdirSync(outDir)).toEqual(['out.csv']);
  });
});
