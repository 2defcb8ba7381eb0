// `comp sql` text for every sample in each dialect, and the Spark driver script, as golden files
// (test/engines/golden/); through the CLI: the command, its refusal (COMP9501) and
// `comp run --engine duckdb` printing what the default engine prints.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePlanSql, SqlCompileError } from '../../compiler/sql/compile.js';
import { DIALECTS, type DialectName } from '../../compiler/sql/dialect.js';
import { planLines } from '../../compiler/sql/lines.js';
import { sparkDriver } from '../../compiler/sql/spark-driver.js';
import { expectGolden } from '../helpers/golden.js';
import { planCases, ROOT } from './cases.js';

const samples = planCases().cases.filter((c) => c.name.startsWith('samples/'));
const golden = (name: string): string => join(ROOT, 'test', 'engines', 'golden', name);
const comp = (args: string[]): { code: number | null; out: string; err: string } => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'comp.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('comp sql goldens', () => {
  it('covers the samples', () => expect(samples.length).toBeGreaterThanOrEqual(5));
  for (const c of samples) {
    for (const d of Object.keys(DIALECTS) as DialectName[]) {
      it(`${c.name} in ${d}`, () => {
        const base = c.name.replace(/^samples\//, '');
        try {
          expectGolden(golden(`${base}.${d}.sql`), compilePlanSql(c.ir, DIALECTS[d], planLines(c.ast, c.text)).text);
        } catch (e) {
          if (!(e instanceof SqlCompileError)) throw e;
          expectGolden(golden(`${base}.${d}.refused.txt`), `${e.construct} in ${e.where}`);
        }
      });
    }
  }
  it('the Spark driver of the CRM sample', () => {
    const crm = samples.find((c) => c.name === 'samples/crm')!;
    expectGolden(golden('crm.spark-driver.py'), sparkDriver(crm.ir, 'crm.sql'));
  });
});

describe('through the CLI', () => {
  const built = existsSync(join(ROOT, 'dist', 'compiler', 'cli', 'main.js'));
  it('the CLI is built (npm test builds it first)', () => expect(built).toBe(true));

  it('comp sql --dialect spark writes the query and the driver', () => {
    const dir = mkdtempSync(join(tmpdir(), 'comp-sql-'));
    const r = comp(['sql', 'samples/crm/plan.comp', '--dialect', 'spark', '--out', join(dir, 'crm.sql'), '--driver', join(dir, 'run.py')]);
    expect(r.err).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'crm.sql'), 'utf8')).toBe(readFileSync(golden('crm.spark.sql'), 'utf8'));
    expect(readFileSync(join(dir, 'run.py'), 'utf8')).toContain('spark.sql.decimalOperations.allowPrecisionLoss');
  });

  it('a construct SQL cannot run is COMP9501 with its plan line, and nothing is paid', () => {
    const r = comp(['run', 'samples/global-team/plan.comp', '--data', 'samples/global-team/data', '--engine', 'duckdb']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/samples\/global-team\/plan\.comp:\d+:1: error\[COMP9501\]: `convert\(\.\.\.\)` cannot run in DuckDB/);
  });

  it('comp run --engine duckdb prints what the default engine prints', () => {
    const args = ['run', 'samples/manager-plan/plan.comp', '--data', 'samples/manager-plan/data', '--format', 'csv'];
    const a = comp(args);
    const b = comp([...args, '--engine', 'duckdb']);
    expect(a.code).toBe(0);
    expect(b).toEqual(a);
  });
});
