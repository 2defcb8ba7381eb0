// The mechanics fixtures (the hand-computed plans and data of test/mechanics/) through DuckDB:
// this file runs those tests again with `evaluate` wrapped so that every run they make is
// recorded (plan, data, output), then runs each recorded plan's crediting in DuckDB and
// requires the same output bytes. A fixture whose crediting uses a construct left to the runtime
// must be refused (COMP9501), never paid differently.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DuckDbEngine } from '../../compiler/engines/duckdb.js';
import { compileCredits, SqlCompileError } from '../../compiler/sql/compile.js';
import { DUCKDB } from '../../compiler/sql/dialect.js';
import type { CompiledPlan, EvaluateOptions, EvaluateOutput } from '../../runtime/evaluate.js';
import type { Dataset } from '../../runtime/ir.js';
import { output, printed } from './cases.js';

const rec = vi.hoisted(() => ({
  runs: [] as { test: string; plan: CompiledPlan; data: Dataset; opts: EvaluateOptions; out: EvaluateOutput }[],
  current: '',
}));

vi.mock('../../runtime/evaluate.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../runtime/evaluate.js')>();
  return {
    ...real,
    evaluate(plan: CompiledPlan, data: Dataset, opts: EvaluateOptions = {}): EvaluateOutput {
      const out = real.evaluate(plan, data, opts);
      if (!opts.credits) rec.runs.push({ test: expect.getState().currentTestName ?? '?', plan, data, opts, out });
      return out;
    },
  };
});

// the mechanics tests themselves, registered in this file (they run first, recording their runs)
const dir = join(import.meta.dirname, '..', 'mechanics');
for (const f of readdirSync(dir).filter((x) => x.endsWith('.test.ts')).sort()) await import(join(dir, f));

let engine: DuckDbEngine;
beforeAll(async () => {
  engine = await DuckDbEngine.open();
});
afterAll(() => engine?.close());

describe('every mechanics fixture pays the same on DuckDB', () => {
  it('the fixtures were recorded', () => expect(rec.runs.length).toBeGreaterThan(60));

  it('same bytes, or refused with COMP9501', async () => {
    const { evaluate } = await import('../../runtime/evaluate.js');
    let same = 0;
    let fromSums = 0;
    const refused = new Map<string, number>();
    const differ: string[] = [];
    const seen = new Set<string>();
    for (const r of rec.runs) {
      try {
        compileCredits(r.plan.ir, DUCKDB);
      } catch (e) {
        if (!(e instanceof SqlCompileError)) throw e;
        refused.set(e.construct, (refused.get(e.construct) ?? 0) + 1);
        continue;
      }
      const expected = output(r.out);
      const key = JSON.stringify(r.plan.ir) + expected;
      if (seen.has(key)) continue; // the same fixture run twice by one test
      seen.add(key);
      const credits = await engine.credits(r.plan.ir, r.data);
      const actual = output(evaluate(r.plan, r.data, { ...r.opts, credits }));
      if (actual === expected) same++;
      else differ.push(r.test);
      // through the runtime seam (sums per rep and period), what a table or CSV prints
      const sums = await engine.sums(r.plan.ir, r.data);
      if (sums.ok) {
        const opts = { ...r.opts, traces: false, deals: false };
        const want = printed(evaluate(r.plan, r.data, { ...opts, aggregate: false }), r.plan.ir);
        if (printed(evaluate(r.plan, r.data, { ...opts, credits: sums.credits, aggregates: sums.aggregates }), r.plan.ir) === want) fromSums++;
        else differ.push(`${r.test} (sums)`);
      }
    }
    console.log(
      `mechanics differential: ${same} fixture runs identical on DuckDB (${fromSums} also from sums through the runtime seam), ${[...refused.values()].reduce((a, b) => a + b, 0)} refused (${[...refused].map(([c, n]) => `${c} x${n}`).join('; ')})`,
    );
    expect(differ).toEqual([]);
    expect(same).toBeGreaterThan(50);
  });
});
