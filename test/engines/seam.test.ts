// The runtime seam (issue 12): `comp run --engine duckdb` as a table or CSV keeps the credit lines
// in DuckDB and the runtime settles from sums per rep and period (runtime/engine/seam.ts,
// compiler/sql/seam.ts). Every acceptance case, sample, docs example and engine case runs both
// ways: what `comp run` prints (table and CSV, errors, warnings) is the same bytes, and every
// component sum the SQL computes is the measure the runtime's trace shows. A plan the seam cannot
// serve says why (the engine then reads every line, which duckdb-differential.test.ts covers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../compiler/engines/duckdb.js';
import { compileCredits, SqlCompileError } from '../../compiler/sql/compile.js';
import { DUCKDB } from '../../compiler/sql/dialect.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import { Decimal } from '../../runtime/decimal.js';
import { seamPlan } from '../../runtime/engine/seam.js';
import type { PlanIR } from '../../runtime/ir.js';
import { planCases, printed, runtimeMeasures } from './cases.js';

function compiles(ir: PlanIR): boolean {
  try {
    compileCredits(ir, DUCKDB);
    return true;
  } catch {
    return false;
  }
}

const { cases } = planCases();
let engine: DuckDbEngine;
const tally = { sums: 0, lines: new Map<string, number>(), measures: 0, partialLines: 0 };

beforeAll(async () => {
  engine = await DuckDbEngine.open();
});
afterAll(() => {
  engine?.close();
  const why = [...tally.lines].map(([w, n]) => `${w} x${n}`).join('; ');
  console.log(`engine seam: ${tally.sums} plans paid from sums with the same bytes (${tally.partialLines} lines of named deals read), ${tally.measures} component sums equal to the runtime's measures; every line read for ${[...tally.lines.values()].reduce((a, b) => a + b, 0)} (${why})`);
});

describe('the seam is refused where phase 2 walks lines', () => {
  it('the evaluator refuses sums for a plan runtime/engine/seam.ts rejects', async () => {
    const c = cases.find((x) => !seamPlan(x.ir).ok && compiles(x.ir));
    expect(c, 'a plan the seam rejects').toBeDefined();
    const sums = new Map([['2026-01', new Map([['R1', { credit: new Decimal(0), partial: { components: new Map() } }]])]]);
    const aggregates = { period: (k: string) => sums.get(k) };
    expect(() => evaluate(compilePlan(c!.ir), c!.data, { traces: false, deals: false, credits: { lines: new Map(), handBack: new Map() }, aggregates })).toThrow(/internal: credit sums given/);
    expect((await engine.sums(c!.ir, c!.data)).ok).toBe(false);
  });
});

describe('sums per rep and period pay what every line pays', () => {
  it('finds the plans', () => expect(cases.length).toBeGreaterThan(40));

  for (const c of cases) {
    it(c.name, async () => {
      try {
        compileCredits(c.ir, DUCKDB);
      } catch (e) {
        if (e instanceof SqlCompileError) return; // refused on every path (duckdb-differential)
        throw e;
      }
      const compiled = compilePlan(c.ir);
      const opts = { traces: false, deals: false };
      const got = await engine.sums(c.ir, c.data);
      if (!got.ok) {
        expect(got.why).toMatch(/\S/);
        const w = got.why.replace(/ \(component .*\)$/, '');
        tally.lines.set(w, (tally.lines.get(w) ?? 0) + 1);
        return;
      }
      // (against every line: the default engine's own sums, runtime/engine/aggregate.ts, are held equal in test/runtime/aggregate.test.ts)
      const expected = printed(evaluate(compiled, c.data, { ...opts, aggregate: false }), c.ir);
      expect(printed(evaluate(compiled, c.data, { ...opts, credits: got.credits, aggregates: got.aggregates }), c.ir)).toBe(expected);
      tally.sums++;
      for (const m of got.credits.lines.values()) for (const l of m.values()) tally.partialLines += l.length;
      // each component's SQL sums are the measure the runtime shows (reps it applies to)
      const full = evaluate(compiled, c.data);
      if (!full.result) return;
      const shown = runtimeMeasures(c, full.result);
      for (const period of got.aggregates.periods())
        for (const [rep, a] of got.aggregates.period(period)!)
          for (const [name, s] of a.partial.components) {
            const want = shown.get(`${name} | ${rep} | ${period}`);
            if (want === undefined) continue;
            expect(`${name} | ${rep} | ${period}: ${s.measure.toFixed()}`).toBe(`${name} | ${rep} | ${period}: ${new Decimal(want).toFixed()}`);
            tally.measures++;
          }
    });
  }
});
