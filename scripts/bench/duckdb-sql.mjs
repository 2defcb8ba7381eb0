#!/usr/bin/env node
// Runs SQL in an embedded DuckDB (the same @duckdb/node-api as `comp run --engine duckdb`), for
// the engine bench (test/bench/engines.ts): each SETUP file's statements (views over Parquet),
// then the QUERY file; its rows go to stdout as CSV.
//
//   node scripts/bench/duckdb-sql.mjs QUERY.sql [SETUP.sql ...] > rows.csv
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [query, ...setup] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
for (const f of setup) for (const s of readFileSync(f, 'utf8').split(/;\s*\n/)) if (s.trim()) await conn.run(s);
const reader = await conn.runAndReadAll(readFileSync(query, 'utf8').replace(/;\s*$/, ''));
const cols = reader.columnNames();
let out = cols.join(',') + '\n';
for (const r of reader.getRowsJS()) out += r.map((v) => (v === null ? '' : String(v))).join(',') + '\n';
process.stdout.write(out);
conn.closeSync();
instance.closeSync();
