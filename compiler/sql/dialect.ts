// What differs between the SQL dialects the plan compiles to: quoting, literal syntax, type
// names and the text a driver needs around the query. Everything else (the meaning of each
// rule) is compiled once, from the IR, in `compile.ts`.
import type { FieldType } from '../../runtime/ir.js';

export type DialectName = 'duckdb' | 'spark' | 'postgres';

/** Scale of every decimal column read from the inputs; products add scales (exact, never DOUBLE). */
export const INPUT_SCALE = 10;
/** Widest exact decimal all three engines hold. An overflow is an error in each (see the driver notes). */
export const PRECISION = 38;

export interface Dialect {
  name: DialectName;
  /** How the header comment names the engine. */
  title: string;
  ident(name: string): string;
  text(value: string): string;
  date(iso: string): string;
  decimal(value: string): string;
  decimalType(scale: number): string;
  textType: string;
  /** Cast a value to text, for results read back by the runtime. */
  toText(sql: string): string;
  /** A decimal as exact text, read back by the runtime (any spelling of the same value). */
  decimalText(sql: string): string;
  columnType(t: FieldType): string;
  /** Recursive CTEs (`WITH RECURSIVE`): ancestor tests and roll-ups below level 1 (./trees.ts). */
  recursive: boolean;
}

function quoted(q: string): (name: string) => string {
  return (name) => q + name.split(q).join(q + q) + q;
}

function scaleOf(value: string): number {
  const i = value.indexOf('.');
  return i < 0 ? 0 : value.length - i - 1;
}

function decimalLiteral(type: (s: number) => string): (value: string) => string {
  return (value) => `CAST('${value}' AS ${type(Math.max(scaleOf(value), 0))})`;
}

function columnType(d: Pick<Dialect, 'decimalType' | 'textType'>, t: FieldType): string {
  switch (t.t) {
    case 'date':
      return 'DATE';
    case 'boolean':
      return 'BOOLEAN';
    case 'integer':
      return d.decimalType(0);
    case 'decimal':
    case 'percent':
    case 'money':
      return d.decimalType(INPUT_SCALE);
    default:
      // text, period keys and references (the referenced row's key)
      return d.textType;
  }
}

function make(d: Omit<Dialect, 'columnType' | 'decimal'>): Dialect {
  const full: Dialect = { ...d, decimal: decimalLiteral(d.decimalType), columnType: (t) => columnType(full, t) };
  return full;
}

export const DUCKDB: Dialect = make({
  name: 'duckdb',
  title: 'DuckDB',
  ident: quoted('"'),
  text: (v) => `'${v.split("'").join("''")}'`,
  date: (iso) => `DATE '${iso}'`,
  decimalType: (s) => `DECIMAL(${PRECISION}, ${s})`,
  textType: 'VARCHAR',
  toText: (sql) => `CAST(${sql} AS VARCHAR)`,
  // a 128-bit decimal is written about 8x slower than a 64-bit one: most values fit DECIMAL(18, 10)
  decimalText: (sql) => `CASE WHEN abs(${sql}) < 100000000 AND ${sql} = round(${sql}, 10) THEN CAST(CAST(${sql} AS DECIMAL(18, 10)) AS VARCHAR) ELSE CAST(${sql} AS VARCHAR) END`,
  recursive: true,
});

export const POSTGRES: Dialect = make({
  name: 'postgres',
  title: 'PostgreSQL',
  ident: quoted('"'),
  text: (v) => `'${v.split("'").join("''")}'`,
  date: (iso) => `DATE '${iso}'`,
  decimalType: (s) => `NUMERIC(${PRECISION}, ${s})`,
  textType: 'TEXT',
  toText: (sql) => `CAST(${sql} AS TEXT)`,
  decimalText: (sql) => `CAST(${sql} AS TEXT)`,
  recursive: true,
});

/** Spark SQL string literals read backslash escapes: both `\` and `'` are escaped. */
export const SPARK: Dialect = make({
  name: 'spark',
  title: 'Spark SQL',
  ident: quoted('`'),
  text: (v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`,
  date: (iso) => `DATE '${iso}'`,
  decimalType: (s) => `DECIMAL(${PRECISION}, ${s})`,
  textType: 'STRING',
  toText: (sql) => `CAST(${sql} AS STRING)`,
  decimalText: (sql) => `CAST(${sql} AS STRING)`,
  recursive: false,
});

export const DIALECTS: Record<DialectName, Dialect> = { duckdb: DUCKDB, spark: SPARK, postgres: POSTGRES };
