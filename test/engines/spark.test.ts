// The spark dialect on Apache Spark in local mode (pyspark in the venv and a Java runtime that
// scripts/engines/setup.sh installs): every plan whose crediting compiles runs through what
// `comp sql --dialect spark --driver` writes (the SQL and the driver script) over Parquet inputs,
// all plans in ONE Spark session (test/engines/spark-batch.py), and the runtime's output on the
// credit lines Spark returns must be the default engine's, byte for byte. Where Spark cannot be
// installed (a registry unreachable), a test named "SKIPPED: ..." gives the reason; with
// COMP_REQUIRE_SPARK=1 that test fails instead.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../compiler/engines/duckdb.js';
import { compileCredits, creditQuery, SqlCompileError } from '../../compiler/sql/compile.js';
import { DUCKDB, SPARK } from '../../compiler/sql/dialect.js';
import { sparkDriver } from '../../compiler/sql/spark-driver.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import { creditsOf } from './postgres-server.js';
import { output, planCases, ROOT, type PlanCase } from './cases.js';
import { enginesStatus } from './engines-status.js';

const status = enginesStatus();

if (!status.spark) {
  describe('Spark (local mode)', () => {
    it(`SKIPPED: Spark cannot run on this machine: ${status.sparkReason}`, () => {
      if (process.env.COMP_REQUIRE_SPARK === '1') throw new Error(`COMP_REQUIRE_SPARK=1 and Spark is unavailable: ${status.sparkReason}`);
    });
  });
} else {
  const python = status.spark.python;
  const { cases } = planCases();
  const work = mkdtempSync(join(tmpdir(), 'comp-spark-'));
  const jobs = new Map<string, { out: string; refused?: string }>();
  let batchLog = '';

  beforeAll(async () => {
    const engine = await DuckDbEngine.open();
    const list: { driver: string; sql: string; data: string; out: string }[] = [];
    try {
      for (const [i, c] of cases.entries()) {
        const dir = join(work, String(i));
        const out = join(dir, 'credits.jsonl');
        try {
          compileCredits(c.ir, SPARK);
        } catch (e) {
          if (!(e instanceof SqlCompileError)) throw e;
          jobs.set(c.name, { out, refused: e.construct });
          continue;
        }
        mkdirSync(join(dir, 'data'), { recursive: true });
        writeFileSync(join(dir, 'plan.sql'), creditQuery(c.ir, SPARK) + '\n');
        writeFileSync(join(dir, 'run_plan.py'), sparkDriver(c.ir, 'plan.sql'));
        // the plan's tables as typed Parquet files, as a warehouse holds them
        await engine.query(
          c.ir,
          c.data,
          c.ir.tables.map((t) => `COPY ${DUCKDB.ident(t.name)} TO '${join(dir, 'data', `${t.name}.parquet`)}' (FORMAT parquet)`),
        );
        list.push({ driver: join(dir, 'run_plan.py'), sql: join(dir, 'plan.sql'), data: join(dir, 'data'), out });
        jobs.set(c.name, { out });
      }
    } finally {
      engine.close();
    }
    writeFileSync(join(work, 'jobs.json'), JSON.stringify(list));
    const r = spawnSync(python, [join(ROOT, 'test', 'engines', 'spark-batch.py'), join(work, 'jobs.json')], {
      encoding: 'utf8',
      timeout: 15 * 60_000,
      maxBuffer: 1 << 26,
    });
    batchLog = `${r.stdout}\n${r.stderr}`;
    console.log(r.stdout.split('\n').filter((l) => l.startsWith('spark')).join('\n'));
    if (r.status !== 0) throw new Error(`the Spark batch failed (${r.status ?? r.signal}):\n${batchLog.slice(-4000)}`);
  }, 20 * 60_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const check = (c: PlanCase): void => {
    const job = jobs.get(c.name)!;
    if (job.refused) {
      expect(job.refused).toMatch(/\S/); // COMP9501, as on DuckDB
      return;
    }
    if (existsSync(job.out + '.error')) throw new Error(readFileSync(job.out + '.error', 'utf8'));
    expect(existsSync(job.out), `no Spark output for ${c.name}:\n${batchLog.slice(-2000)}`).toBe(true);
    const rows = readFileSync(job.out, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const compiled = compilePlan(c.ir);
    expect(output(evaluate(compiled, c.data, { credits: creditsOf(rows) }))).toBe(output(evaluate(compiled, c.data)));
  };

  describe('Spark (local mode, one session) pays what the default engine pays', () => {
    for (const c of cases) it(c.name, () => check(c));
  });
}
