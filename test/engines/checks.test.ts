// The engine's input checks (compiler/engines/inputs.ts) count bad cells in a few aggregate
// queries and refer the inputs to the loader when any count is not zero. Those queries share
// scans: a text key's duplicates counted on its raw text (by hash), the references to one table
// in one anti-join whatever tables name it, a split table's share range and sums in one pass. A
// clean set is read by DuckDB; each kind of bad data, put in each table it can be in, must make
// the engine refer the inputs to the loader, which reports an error (CSV and Parquet).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { readParquetFiles } from '../../compiler/engines/parquet.js';
import { DuckDbEngine } from '../../compiler/engines/duckdb.js';
import type { PlanIR } from '../../runtime/ir.js';

const PLAN = `plan "Checks"
currency USD
periods quarterly from 2017-Q1 to 2017-Q4

roster reps from "reps.csv" {
  id: text key
  manager: rep optional
  quota: money positive
}

table accounts from "accounts.csv" {
  account: text key
  parent: accounts optional
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  account: accounts optional
  stage: text
  close: date
  value: money
  units: integer in 0..1,000
}

table splits from "splits.csv" {
  deal: deals
  rep: rep
  share: percent
  overlay: boolean
}

table cancellations from "cancellations.csv" {
  deal: deals
  date: date
}

table csat from "csat.csv" {
  rep: rep
  quarter: period
  score: decimal
}

credit deals
  where deal.stage = "Won"
  amount deal.value
  date deal.close
  to deal.owner
  split by splits

component commission "Commission" {
  on credit
  basis period total
  rate 5%
  gate csat.score >= 3
  clawback cancellations within 90 days full net against later payouts
}
`;

type Files = Record<string, string[][]>;

const CLEAN: Files = {
  'reps.csv': [['id', 'manager', 'quota'], ['ann', '', '1000'], ['bob', 'ann', '2000'], ['cy', 'ann', '1500']],
  'accounts.csv': [['account', 'parent'], ['acme', ''], ['acme-eu', 'acme']],
  'deals.csv': [
    ['id', 'owner', 'account', 'stage', 'close', 'value', 'units'],
    ['d1', 'bob', 'acme', 'Won', '2017-02-01', '100.50', '3'],
    ['d2', 'cy', 'acme-eu', 'Won', '2017-05-01', '200', '1'],
    ['d3', 'bob', '', 'Lost', '2017-06-01', '50', '0'],
    ['d4', 'cy', 'acme', 'Won', '2017-08-01', '300', '7'],
  ],
  'splits.csv': [['deal', 'rep', 'share', 'overlay'], ['d1', 'bob', '60%', 'false'], ['d1', 'cy', '40%', 'false'], ['d2', 'ann', '10%', 'true'], ['d4', 'cy', '100%', 'false']],
  'cancellations.csv': [['deal', 'date'], ['d2', '2017-06-15']],
  'csat.csv': [['rep', 'quarter', 'score'], ['bob', '2017-Q1', '4'], ['cy', '2017-Q2', '3.5']],
};

/** Each kind of bad data the checks count, in each table it can be in, and what the engine says of it (COMP_ENGINE_TRACE). */
const BAD: [string, string, (f: Files) => void][] = [
  ['duplicate deal key', 'deals: duplicate keys', (f) => (f['deals.csv']![3]![0] = 'd1')],
  ['duplicate rep key', 'reps: duplicate keys', (f) => (f['reps.csv']![3]![0] = 'bob')],
  ['duplicate account key', 'accounts: duplicate keys', (f) => (f['accounts.csv']![2]![0] = 'acme')],
  ['unknown deal in splits', 'unknown references', (f) => (f['splits.csv']![3]![0] = 'd9')],
  ['unknown deal in cancellations', 'unknown references', (f) => (f['cancellations.csv']![1]![0] = 'd9')],
  ['unknown owner in deals', 'unknown references', (f) => (f['deals.csv']![2]![1] = 'dan')],
  ['unknown rep in splits', 'unknown references', (f) => (f['splits.csv']![2]![1] = 'dan')],
  ['unknown rep in csat', 'unknown references', (f) => (f['csat.csv']![1]![0] = 'dan')],
  ['unknown manager in reps', 'unknown references', (f) => (f['reps.csv']![2]![1] = 'dan')],
  ['unknown account in deals', 'unknown references', (f) => (f['deals.csv']![1]![2] = 'globex')],
  ['unknown parent account', 'unknown references', (f) => (f['accounts.csv']![2]![1] = 'globex')],
  ['a share above 100%', 'a share outside', (f) => (f['splits.csv']![3]![2] = '110%')],
  ['a negative share', 'a share outside', (f) => (f['splits.csv']![3]![2] = '-10%')],
  ['splits not summing to 100%', 'not summing to 100%', (f) => (f['splits.csv']![2]![2] = '30%')],
  ['a quota not positive', 'not positive', (f) => (f['reps.csv']![2]![2] = '0')],
  ['units out of bounds', 'out of bounds', (f) => (f['deals.csv']![2]![6] = '1001')],
  ['two csat rows for one rep and quarter', 'two rows for one rep', (f) => f['csat.csv']!.push(['bob', '2017-Q1', '5'])],
  ['an empty key', 'empty cells', (f) => (f['deals.csv']![4]![0] = '')],
  ['a bad date', 'a bad cell', (f) => (f['deals.csv']![1]![4] = '2017-02-30')],
  ['a bad amount', 'a bad cell', (f) => (f['deals.csv']![1]![5] = '1O0')],
];

const root = mkdtempSync(join(tmpdir(), 'comp-checks-'));
let engine: DuckDbEngine;
let ir: PlanIR;

beforeAll(async () => {
  engine = await DuckDbEngine.open();
  const a = analyze('plan.comp', PLAN);
  expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  ir = a.ir!;
});
afterAll(() => engine?.close());

let sets = 0;
async function write(files: Files, parquet: boolean): Promise<{ inputs: string[]; preread?: Awaited<ReturnType<typeof readParquetFiles>> }> {
  const dir = join(root, `set${++sets}`);
  mkdirSync(dir);
  for (const [name, rows] of Object.entries(files)) writeFileSync(join(dir, name), rows.map((r) => r.join(',')).join('\n') + '\n');
  if (!parquet) return { inputs: [dir] };
  const pq = join(root, `set${sets}-parquet`);
  mkdirSync(pq);
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  const out: string[] = [];
  for (const name of Object.keys(files)) {
    const file = join(pq, name.replace(/\.csv$/, '.parquet'));
    await conn.run(`COPY (SELECT * FROM read_csv('${join(dir, name)}', all_varchar = true, header = true)) TO '${file}' (FORMAT parquet)`);
    out.push(file);
  }
  conn.closeSync();
  inst.closeSync();
  return { inputs: out, preread: await readParquetFiles(out) };
}

/** Whether DuckDB read the inputs itself, and the loader's errors. */
async function outcome(files: Files, parquet: boolean): Promise<{ read: boolean; reason: string; errors: string[] }> {
  const { inputs, preread } = await write(files, parquet);
  const loaded = loadDataset(ir, inputs, preread ? { preread } : {});
  const read = await engine.readInputs(ir, inputs, {});
  await engine.closeInputs();
  return { read: read.ok, reason: read.ok ? '' : read.reason, errors: loaded.errors.filter((e) => e.severity === 'error').map((e) => `${e.code} ${e.message}`) };
}

describe.each([false, true])('the engine refers every kind of bad data to the loader (Parquet: %s)', (parquet) => {
  it('the clean set is read by DuckDB', async () => {
    const o = await outcome(CLEAN, parquet);
    expect(o.errors).toEqual([]);
    expect(o, o.reason).toMatchObject({ read: true });
  });

  it.each(BAD.map(([name, why, edit]) => [name, why, edit] as const))('%s', async (name, why, edit) => {
    const files = structuredClone(CLEAN);
    edit(files);
    const o = await outcome(files, parquet);
    expect(o.errors.length, `${name}: the loader reports it`).toBeGreaterThan(0);
    expect(o.read, `${name}: the engine refers it (${o.errors.join('; ')})`).toBe(false);
    expect(o.reason, name).toContain(why);
  });
});
