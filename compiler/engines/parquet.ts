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

/**
 * Reads each Parquet file's columns as texts. `wanted` (per file: the field names the plan declares
 * for it) limits what is read: the file's column list and numbering still come from its schema (so
 * unknown and missing columns are reported and cells placed as before), but an undeclared column's
 * cells are not read. Rows come over in DuckDB's chunks, so the result is never held twice.
 */
export async function readParquetFiles(files: string[], wanted?: Map<string, Set<string>>): Promise<Map<string, RawTable>> {
  const out = new Map<string, RawTable>();
  if (files.length === 0) return out;
  // loaded here, not at start-up: only Parquet inputs and the SQL engine need DuckDB's native module
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    for (const file of files) {
      const lit = `'${file.split("'").join("''")}'`;
      const want = wanted?.get(file);
      let names: string[];
      let length = 0;
      const cols: string[][] = [];
      try {
        names = (await conn.runAndReadAll(`SELECT * FROM read_parquet(${lit}) LIMIT 0`)).columnNames();
        const read = names.map((name, index) => ({ name, index })).filter((c) => !want || want.has(c.name));
        if (read.length === 0) {
          const r = await conn.runAndReadAll(`SELECT count(*)::VARCHAR AS n FROM read_parquet(${lit})`);
          length = Number(r.getColumnsJS()[0]?.[0] ?? 0);
        } else {
          const ident = (n: string) => `"${n.split('"').join('""')}"`;
          const result = await conn.stream(`SELECT ${read.map((c) => `${ident(c.name)}::VARCHAR`).join(', ')} FROM read_parquet(${lit})`);
          const into = read.map((c) => (cols[c.index] = [] as string[]));
          for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
            const got = chunk.getColumns();
            for (let k = 0; k < into.length; k++) {
              const dst = into[k]!;
              for (const v of got[k]!) dst.push(v === null || v === undefined ? '' : String(v));
            }
            length += chunk.rowCount;
          }
        }
      } catch (e) {
        out.set(file, { file, kind: 'parquet', start: { line: 1, column: 1 }, columns: [], rows: [], problems: [{ line: 1, column: 1, message: `not a readable Parquet file: ${(e as Error).message.split('\n')[0]}` }] });
        continue;
      }
      out.set(file, {
        file,
        kind: 'parquet',
        start: { line: 1, column: 1 },
        columns: names.map((name, index) => ({ name, index, line: 1, column: index + 1 })),
        rows: [],
        problems: [],
        grid: new ParquetGrid(length, cols),
      });
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return out;
}
