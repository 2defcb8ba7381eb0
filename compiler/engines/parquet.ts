// Parquet inputs: DuckDB reads the file and hands every value over as text, so the loader
// checks a Parquet table cell by cell exactly as it checks a CSV file (row N is line N + 1,
// after a header line; columns numbered from 1).
import type { Position, RawGrid, RawTable } from '../data/raw.js';

/** Row N of the file is line N + 1 (after a header line); columns numbered from 1. */
class ParquetGrid implements RawGrid {
  constructor(
    readonly length: number,
    private readonly cols: string[][],
  ) {}

  text(col: number, r: number): string | undefined {
    return this.cols[col]?.[r];
  }

  invalid(): undefined {
    return undefined;
  }

  line(r: number): number {
    return r + 2;
  }

  rowAt(r: number): Position {
    return { line: r + 2, column: 1 };
  }

  cellAt(col: number, r: number): Position {
    return { line: r + 2, column: col + 1 };
  }
}

export async function readParquetFiles(files: string[]): Promise<Map<string, RawTable>> {
  const out = new Map<string, RawTable>();
  if (files.length === 0) return out;
  // loaded here, not at start-up: only Parquet inputs and the SQL engine need DuckDB's native module
  const { DuckDBInstance } = await import('@duckdb/node-api');
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
      // one array of texts per column (no object per cell): a 10M-row file stays columns
      const cols = (reader.getColumnsJS() as unknown[][]).map((c) => c.map((v) => (v === null || v === undefined ? '' : String(v))));
      out.set(file, {
        file,
        kind: 'parquet',
        start: { line: 1, column: 1 },
        columns: names.map((name, index) => ({ name, index, line: 1, column: index + 1 })),
        rows: [],
        problems: [],
        grid: new ParquetGrid(reader.currentRowCount, cols),
      });
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return out;
}
