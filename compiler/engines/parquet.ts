// Parquet inputs: DuckDB reads the file and hands every value over as text, so the loader
// checks a Parquet table cell by cell exactly as it checks a CSV file (row N is line N + 1,
// after a header line; columns numbered from 1).
import { DuckDBInstance } from '@duckdb/node-api';
import type { RawRow, RawTable } from '../data/raw.js';

export async function readParquetFiles(files: string[]): Promise<Map<string, RawTable>> {
  const out = new Map<string, RawTable>();
  if (files.length === 0) return out;
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    for (const file of files) {
      const lit = `'${file.split("'").join("''")}'`;
      let reader;
      try {
        reader = await conn.runAndReadAll(`SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${lit})`);
      } catch (e) {
        out.set(file, { file, kind: 'parquet', start: { line: 1, column: 1 }, columns: [], rows: [], problems: [{ line: 1, column: 1, message: `not a readable Parquet file: ${(e as Error).message.split('\n')[0]}` }] });
        continue;
      }
      const names = reader.columnNames();
      const rows: RawRow[] = reader.getRowsJS().map((r, i) => ({
        line: i + 2,
        column: 1,
        cells: new Map(names.map((n, j) => [n, { line: i + 2, column: j + 1, text: r[j] === null ? '' : String(r[j]) }])),
      }));
      out.set(file, { file, kind: 'parquet', start: { line: 1, column: 1 }, columns: names.map((name, index) => ({ name, index, line: 1, column: index + 1 })), rows, problems: [] });
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return out;
}
