// Parquet inputs: `--data` may name .parquet files (or folders holding them). DuckDB reads them
// and the loader checks every value as it checks CSV; a typed Parquet table (DECIMAL, DATE,
// BOOLEAN columns) and a text one pay what the CSV pays, on both engines; a bad cell is
// reported at its row and column.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './cases.js';

const comp = (args: string[]): { code: number | null; out: string; err: string } => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'comp.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const a09 = join(ROOT, 'test', 'acceptance', 'cases', 'A09-split-credit');
const dir = mkdtempSync(join(tmpdir(), 'comp-parquet-'));
let instance: DuckDBInstance;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const csv = (t: string): string => `read_csv('${join(a09, 'data', t)}.csv', all_varchar = true)`;
  // typed columns, as a warehouse writes them
  await c.run(
    `COPY (SELECT id, owner, stage, CAST(close_date AS DATE) AS close_date, CAST(replace(amount, ',', '') AS DECIMAL(18, 2)) AS amount FROM ${csv('deals')}) TO '${dir}/deals.parquet' (FORMAT parquet)`,
  );
  await c.run(`COPY (SELECT * FROM ${csv('reps')}) TO '${dir}/reps.parquet' (FORMAT parquet)`);
  await c.run(
    `COPY (SELECT deal, rep, CAST(replace(share, '%', '') AS DECIMAL(9, 4)) / 100 AS share, CAST(overlay AS BOOLEAN) AS overlay FROM ${csv('splits')}) TO '${dir}/splits.parquet' (FORMAT parquet)`,
  );
  mkdirSync(join(dir, 'bad'));
  await c.run(
    `COPY (SELECT 'D2' AS id, 'aalvarez' AS owner, 'Won' AS stage, '2026-02-30' AS close_date, 5 AS amount) TO '${dir}/bad/deals.parquet' (FORMAT parquet)`,
  );
  c.closeSync();
});
afterAll(() => instance?.closeSync());

describe('Parquet inputs', () => {
  const csvRun = (): ReturnType<typeof comp> => comp(['run', join(a09, 'plan.comp'), '--data', join(a09, 'data'), '--format', 'json']);

  it('typed Parquet files named one by one pay what the CSV pays, on both engines', () => {
    const files = ['deals', 'reps', 'splits'].map((t) => join(dir, `${t}.parquet`));
    const expected = csvRun();
    expect(expected.code).toBe(0);
    for (const engine of ['default', 'duckdb']) {
      const r = comp(['run', join(a09, 'plan.comp'), '--data', ...files, '--format', 'json', '--engine', engine]);
      expect(r.err).toBe('');
      expect(r.out).toBe(expected.out);
    }
  });

  it('a bad cell in a Parquet file is reported at its row and column', () => {
    const bad = join(dir, 'bad', 'deals.parquet');
    const r = comp(['run', join(a09, 'plan.comp'), '--data', bad, join(dir, 'reps.parquet'), join(dir, 'splits.parquet')]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain(`${bad}:2:4: error[COMP6004]: \`2026-02-30\` is not a date`);
  });
});
