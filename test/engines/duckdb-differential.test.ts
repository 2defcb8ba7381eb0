// The DuckDB engine pays what the default engine pays, byte for byte: every acceptance case,
// sample and docs example runs through both (one DuckDB instance for the file) and the JSON
// outputs, errors and warnings are compared. A plan whose crediting uses a construct the SQL
// compiler leaves to the runtime must be refused with COMP9501 (SqlCompileError), never paid
// differently. The per-component measures of `comp sql` are held equal to the runtime's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatJson } from '../../compiler/cli/report.js';
import { DuckDbEngine } from '../../compiler/engines/duckdb.js';
import { compileCredits, compilePlanSql, SqlCompileError } from '../../compiler/sql/compile.js';
import { DUCKDB } from '../../compiler/sql/dialect.js';
import { planLines } from '../../compiler/sql/lines.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import type { TraceNode } from '../../runtime/ir.js';
import { planCases } from './cases.js';

const { cases, skipped } = planCases();
let engine: DuckDbEngine;
const refused: string[] = [];

beforeAll(async () => {
  engine = await DuckDbEngine.open();
});
afterAll(() => {
  engine?.close();
  // the counts the closing summary cites
  console.log(`duckdb differential: ${cases.length - refused.length} plans identical, ${refused.length} refused (${refused.join('; ')}), ${skipped.length} never reach an engine`);
});

function output(o: ReturnType<typeof evaluate>): string {
  return (o.result ? formatJson(o.result) : '') + JSON.stringify({ errors: o.errors, warnings: o.warnings });
}

function measures(nodes: TraceNode[], out: Map<string, string>, prefix: string): void {
  for (const n of nodes) {
    if (n.kind === 'component') {
      const name = /^(\S+)/.exec(n.text)?.[1] ?? '';
      const m = (n.children ?? []).find((c) => c.kind === 'measure');
      if (m?.value !== undefined) out.set(`${prefix}\u0000${name}`, m.value);
    }
  }
}

describe('default engine and DuckDB give the same bytes', () => {
  it('finds the plans', () => {
    expect(cases.length).toBeGreaterThan(40);
  });

  for (const c of cases) {
    it(c.name, async () => {
      const compiled = compilePlan(c.ir);
      const expected = output(evaluate(compiled, c.data));
      try {
        compileCredits(c.ir, DUCKDB, planLines(c.ast, c.text));
      } catch (e) {
        if (!(e instanceof SqlCompileError)) throw e;
        expect(e.construct).toMatch(/\S/);
        refused.push(`${c.name}: ${e.construct}`);
        return;
      }
      const credits = await engine.credits(c.ir, c.data);
      const actual = output(evaluate(compiled, c.data, { credits }));
      expect(actual).toBe(expected);
    });
  }
});
