// The DuckDB engine pays what the default engine pays, byte for byte: every acceptance case,
// sample and docs example runs through both (one DuckDB instance for the file) and the JSON
// outputs, errors and warnings are compared. A plan whose crediting uses a construct the SQL
// compiler leaves to the runtime must be refused with COMP9501 (SqlCompileError), never paid
// differently. The per-component measures of `comp sql` are held equal to the runtime's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../compiler/engines/duckdb.js';
import { compileCredits, compilePlanSql, SqlCompileError } from '../../compiler/sql/compile.js';
import { DUCKDB } from '../../compiler/sql/dialect.js';
import { planLines } from '../../compiler/sql/lines.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import { Decimal } from '../../runtime/decimal.js';
import { output, planCases, runtimeMeasures } from './cases.js';

const { cases, skipped } = planCases();
let engine: DuckDbEngine;
const refused: string[] = [];
let measured = 0;
let measurePlans = 0;

beforeAll(async () => {
  engine = await DuckDbEngine.open();
});
afterAll(() => {
  engine?.close();
  // the counts the closing summary cites
  console.log(`duckdb differential: ${cases.length - refused.length} plans identical, ${refused.length} refused (${refused.join('; ')}), ${skipped.length} never reach an engine; measures of comp sql equal to the runtime's: ${measured} (rep, period, component) in ${measurePlans} plans`);
});

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

describe('the measures of `comp sql` are the runtime measures', () => {
  for (const c of cases) {
    it(c.name, async () => {
      let sql;
      try {
        sql = compilePlanSql(c.ir, DUCKDB);
      } catch (e) {
        if (e instanceof SqlCompileError) return; // counted above
        throw e;
      }
      const compiled = sql.ctes.filter((x) => x.name.endsWith('_measure')).length;
      if (compiled === 0) return;
      const out = evaluate(compilePlan(c.ir), c.data);
      if (!out.result) return;
      const expected = runtimeMeasures(c, out.result);
      const [rows] = await engine.query(c.ir, c.data, [sql.text.replace(/;\n$/, '')]);
      const left = new Set(sql.notCompiled.map((n) => n.component));
      const actual = new Map<string, string>();
      for (const r of rows!) actual.set(`${String(r.component)} | ${String(r.rep)} | ${String(r.period)}`, new Decimal(String(r.measure)).toFixed());
      for (const [k, v] of actual) expect(`${k}: ${expected.get(k) ?? 'none'}`).toBe(`${k}: ${v}`);
      for (const [k, v] of expected) if (!left.has(k.split(' | ')[0]!) && !new Decimal(v).isZero()) expect(actual.has(k) ? k : `missing ${k}`).toBe(k);
      measured += actual.size;
      measurePlans++;
    });
  }
});

