// A property over random plans and data: the default engine and DuckDB pay the same bytes.
// Plans are .comp texts (so the checker and the lowering make the IR, as for a user): a random
// credit rule (filter, amount expression with optional fields, splits with overlays or not, a
// second rule over another table) and random components (rates, marginal and retroactive tiers
// on attainment or amount, gates, caps, per-deal basis); data are random rows, including empty
// optional cells, credit memos, dates outside the plan's periods and split shares that do not
// sum to 100% (the rows SQL hands back to the runtime).
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { DuckDbEngine } from '../../compiler/engines/duckdb.js';
import { compileCredits, SqlCompileError } from '../../compiler/sql/compile.js';
import { DUCKDB } from '../../compiler/sql/dialect.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import { output, printed } from './cases.js';
import { files, gen, planText } from '../helpers/random-plans.js';

let engine: DuckDbEngine;
const work = mkdtempSync(join(tmpdir(), 'comp-engine-prop-'));
const seen = { plans: 0, refused: 0, failedRuns: 0, loadFails: 0, sums: 0 };

beforeAll(async () => {
  engine = await DuckDbEngine.open();
});
afterAll(() => {
  engine?.close();
  rmSync(work, { recursive: true, force: true });
  console.log(`engine property: ${seen.plans} random plans identical on DuckDB (${seen.failedRuns} of them runs that fail, with the same errors; ${seen.sums} also from sums through the runtime seam), ${seen.refused} refused (COMP9501), ${seen.loadFails} whose data fail to load`);
});

describe('random plans and data: the default engine and DuckDB pay the same bytes', () => {
  it('holds', async () => {
    let k = 0;
    await fc.assert(
      fc.asyncProperty(gen, async (g) => {
        const text = planText(g);
        const a = analyze('plan.comp', text);
        const errs = a.diagnostics.filter((d) => d.severity === 'error');
        expect(errs.map((d) => `${d.code} ${d.message}`), text).toEqual([]);
        const dir = join(work, String(k++));
        rmSync(dir, { recursive: true, force: true });
        (await import('node:fs')).mkdirSync(dir);
        for (const [name, body] of Object.entries(files(g))) writeFileSync(join(dir, name), body + '\n');
        const loaded = loadDataset(a.ir!, [dir]);
        if (loaded.errors.some((e) => e.severity === 'error')) {
          // splits that do not sum to 100% fail at load, before any engine
          expect(loaded.errors.map((e) => e.code)).toContain('COMP6006');
          seen.loadFails++;
          return;
        }
        const compiled = compilePlan(a.ir!);
        const expected = evaluate(compiled, loaded.dataset);
        try {
          compileCredits(a.ir!, DUCKDB);
        } catch (e) {
          if (!(e instanceof SqlCompileError)) throw e;
          seen.refused++;
          return;
        }
        const credits = await engine.credits(a.ir!, loaded.dataset);
        expect(output(evaluate(compiled, loaded.dataset, { credits })), text).toBe(output(expected));
        seen.plans++;
        // through the runtime seam: sums per rep and period, the named deals' lines
        const sums = await engine.sums(a.ir!, loaded.dataset);
        if (sums.ok) {
          const opts = { traces: false, deals: false };
          expect(printed(evaluate(compiled, loaded.dataset, { ...opts, credits: sums.credits, aggregates: sums.aggregates }), a.ir!), text).toBe(printed(evaluate(compiled, loaded.dataset, { ...opts, aggregate: false }), a.ir!));
          seen.sums++;
        }
        if (expected.errors.length) seen.failedRuns++;
      }),
      { numRuns: Number(process.env.COMP_ENGINE_PROPERTY_RUNS ?? 100) },
    );
    expect(seen.plans).toBeGreaterThan(0);
  });
});
