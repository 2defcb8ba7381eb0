// The inputs read by DuckDB itself (`comp run --engine duckdb`): each plan table is a view over
// its CSV (`read_csv`, every column as VARCHAR) or Parquet file (`read_parquet`), typed as the
// plan declares, and checked in SQL: required cells, types, `positive`, bounds, keys, references,
// parent loops, split shares and sums, one row per rep (and period) in tables read per rep.
// Cells in the common spellings are recognised by SQL; each distinct other spelling (`1,200.50`,
// `USD 15000`, aliases, period keys, `YES`) is read once by the loader's own `cellValue`
// (compiler/data/load.ts), so a cell means the same in both engines. Nothing of a clean input
// crosses into JavaScript. When any check finds something (a bad cell, a missing column, a
// duplicate key, a file whose lines are not one per row), the caller runs the default loader
// instead, so every data error is reported by one piece of code, with its file:line:column.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FieldIR, PlanIR, TableIR, Value } from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import { cellValue, lookupTables } from '../data/load.js';
import { DEFAULT_MAX_BYTES, resolveSource, unreadFiles, type SourceOptions } from '../data/sandbox.js';
import { parentField } from '../data/bounds.js';
import { Codes, format } from '../diagnostics/codes.js';
import { DUCKDB, INPUT_SCALE, PRECISION } from '../sql/dialect.js';
import { valueText } from './rows.js';

/** A table read by the engine: its file and how its rows map to the file's lines. */
export interface EngineTable {
  ir: TableIR;
  file: string;
  /** `_n` (0-based row) -> line: row N is line N + 2 (after a header line; checked for CSV). */
  kind: 'csv' | 'parquet';
  /**
   * A Parquet table is a typed view over its file (nothing of it is copied into the engine: at
   * 10M rows a typed copy is about 1.4 GB): `narrowed(keys)` is a SELECT of the view's columns
   * for only the rows whose key (text; `_row` for a table without a key) is in `keys` (SQL of a
   * relation with one column `key`), typed after they are found. Undefined for a table with
   * another key.
   */
  narrowed?: (keys: string) => string;
}

/** A note the loader would give on clean inputs (COMP6354: a data file no table reads). */
export interface InputNote {
  code: string;
  message: string;
  file: string;
  line: number;
  column: number;
}

export type InputsOutcome = { ok: true; tables: Map<string, EngineTable>; notes: InputNote[] } | { ok: false; reason: string };

const id = DUCKDB.ident;
const lit = (s: string): string => DUCKDB.text(s);

class Refer extends Error {}

/** DuckDB out of memory is not a reason to read with the loader: the caller runs the engine again with more (compiler/cli/engine.ts). */
function outOfMemory(e: unknown): void {
  if (/Out of Memory/i.test(String((e as Error)?.message))) throw e;
}
function refer(reason: string): never {
  throw new Refer(reason);
}

/** Largest number of distinct unusual spellings in one column read by the loader's cell reader. */
const MAX_ODD = 50_000;

/** Header names of a CSV file (first line), or undefined when the header is not plain (quotes, BOM, very long). */
function csvHeader(file: string): string[] | undefined {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(65536);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString('utf8');
    const nl = text.indexOf('\n');
    if (nl < 0 && n === buf.length) return undefined;
    const line = (nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, '');
    if (line.includes('"') || line.charCodeAt(0) === 0xfeff || line.trim() === '') return undefined;
    return line.split(',').map((s) => s.trim());
  } finally {
    closeSync(fd);
  }
}

/** Line breaks in a file and whether it ends with one (read in blocks: constant memory). */
function lineBreaks(file: string): { breaks: number; endsWithBreak: boolean } {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let breaks = 0;
    let last = -1;
    for (let pos = 0; ; ) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n <= 0) break;
      for (let i = buf.indexOf(10, 0); i >= 0 && i < n; i = buf.indexOf(10, i + 1)) breaks++;
      last = buf[n - 1]!;
      pos += n;
    }
    return { breaks, endsWithBreak: last === 10 };
  } finally {
    closeSync(fd);
  }
}

/** SQL that is true when the raw text `c` is in a spelling SQL reads exactly as the loader does. */
function plain(f: FieldIR, c: string): string {
  const re = (p: string): string => `regexp_full_match(${c}, '${p}')`;
  const dec = `-?[0-9]{1,${PRECISION - INPUT_SCALE - 8}}(\\.[0-9]{1,${INPUT_SCALE}})?`;
  switch (f.type.t) {
    case 'text':
    case 'ref':
      // starts with a printable ASCII character (its first byte, compared as text: cheaper than
      // decoding it) or has one: not empty once trimmed
      return `(CASE WHEN ${c} >= '!' AND ${c} < chr(127) THEN TRUE ELSE regexp_matches(${c}, '[!-~]') END)`;
    case 'integer':
      return re(`-?[0-9]{1,${PRECISION - INPUT_SCALE - 10}}`);
    case 'decimal':
    case 'money':
      return re(dec);
    case 'percent':
      return `(${re(dec)} OR ${re(`-?[0-9]{1,12}(\\.[0-9]{1,${INPUT_SCALE - 2}})?%`)})`;
    case 'date':
      // the shape, then a day of the calendar (TRY_CAST takes nothing else of that shape); year 0
      // is 1 BC to DuckDB, so the loader reads it
      return `(${re('[0-9]{4}-[0-9]{2}-[0-9]{2}')} AND NOT starts_with(${c}, '0000') AND TRY_CAST(${c} AS DATE) IS NOT NULL)`;
    case 'boolean':
      return `lower(${c}) IN ('true', 'false', 'yes', 'no')`;
    case 'period':
      return 'FALSE';
  }
}

/**
 * Text to DECIMAL(38, s): DuckDB casts text to a 128-bit decimal about 50 times slower than to a
 * 64-bit one, so text that fits DECIMAL(18, 8) (the usual amounts) goes through it, exactly.
 */
export function decimalOf(c: string): string {
  const dec = DUCKDB.decimalType(INPUT_SCALE);
  return `CASE WHEN regexp_full_match(${c}, '-?[0-9]{1,10}(\\.[0-9]{1,8})?') THEN CAST(CAST(${c} AS DECIMAL(18, 8)) AS ${dec}) ELSE CAST(${c} AS ${dec}) END`;
}

/** SQL: plain decimal text `c` (`-?[0-9]+(\.[0-9]+)?`) has at most 10 integer and 8 fraction digits (fits DECIMAL(18, 8)). */
function fitsDecimal18(c: string): string {
  const sign = `(CASE WHEN starts_with(${c}, '-') THEN 1 ELSE 0 END)`;
  const point = `strpos(${c}, '.')`;
  return `(CASE WHEN ${point} = 0 THEN length(${c}) - ${sign} <= 10 ELSE ${point} - 1 - ${sign} <= 10 AND length(${c}) - ${point} <= 8 END)`;
}

/**
 * `decimalOf` for text known to be in the plain spelling (`-?[0-9]+(\.[0-9]+)?`, as `plain`
 * matches): whether it fits DECIMAL(18, 8) is read from the positions of its sign and point,
 * without a second regular expression per cell.
 */
function plainDecimalOf(c: string): string {
  const dec = DUCKDB.decimalType(INPUT_SCALE);
  return `CASE WHEN ${fitsDecimal18(c)} THEN CAST(CAST(${c} AS DECIMAL(18, 8)) AS ${dec}) ELSE CAST(${c} AS ${dec}) END`;
}

/**
 * A plain percent's number (the text before `%`) as a fraction. When it fits DECIMAL(18, 8) its
 * hundredth is exact in DECIMAL(18, 10) (8 integer digits): multiplied there, a 64-bit product;
 * the 128-bit product and its rounding back to 10 places cost ~1 us a cell (56k split shares: 70 ms).
 */
function plainPercentOf(c: string): string {
  const dec = DUCKDB.decimalType(INPUT_SCALE);
  return `CASE WHEN ${fitsDecimal18(c)} THEN CAST(CAST(CAST(${c} AS DECIMAL(18, 8)) * CAST('0.01' AS DECIMAL(2, 2)) AS DECIMAL(18, 10)) AS ${dec}) ELSE CAST(CAST(${c} AS ${dec}) * 0.01 AS ${dec}) END`;
}

/** The typed value of a plain cell. */
function typedPlain(f: FieldIR, c: string): string {
  const dec = DUCKDB.decimalType(INPUT_SCALE);
  switch (f.type.t) {
    case 'text':
    case 'ref':
    case 'period':
      return c;
    case 'integer':
      return `CAST(CAST(${c} AS BIGINT) AS ${DUCKDB.decimalType(0)})`; // at most 18 digits (the plain spelling)
    case 'decimal':
    case 'money':
      return plainDecimalOf(c);
    case 'percent':
      return `CASE WHEN ${c} LIKE '%\\%' ESCAPE '\\' THEN ${plainPercentOf(`rtrim(${c}, '%')`)} ELSE ${plainDecimalOf(c)} END`;
    case 'date':
      return `CAST(${c} AS DATE)`;
    case 'boolean':
      return `lower(${c}) IN ('true', 'yes')`;
  }
}

/** A query's rows (COMP_ENGINE_TRACE: its wall and process CPU time on stderr). */
/**
 * A Parquet column whose physical type already is the declared one (DATE for a date, BOOLEAN for
 * a boolean, an integer type for an integer or an amount, DECIMAL(p, s) with s <= 10 and
 * p - s <= 20 for an amount): its values are taken as they are, with no spelling test. `inRange`
 * is true of exactly the values whose text (as the loader reads a Parquet cell: `CAST(c AS
 * VARCHAR)`) is a plain spelling, which SQL reads as the loader does; a table with any other
 * value is referred to the loader. Undefined: the column is read as text.
 */
export function directColumn(f: FieldIR, physical: string): { inRange: (c: string) => string; typed: (c: string) => string } | undefined {
  if (f.aliases && Object.keys(f.aliases).length) return undefined;
  const t = f.type.t;
  const amount = t === 'decimal' || t === 'money' || t === 'percent';
  const dec = DUCKDB.decimalType(INPUT_SCALE);
  if (t === 'date' && physical === 'DATE') return { inRange: (c) => `${c} BETWEEN DATE '0001-01-01' AND DATE '9999-12-31'`, typed: (c) => c };
  if (t === 'boolean' && physical === 'BOOLEAN') return { inRange: () => 'TRUE', typed: (c) => c };
  if ((t === 'integer' || amount) && /^U?(TINYINT|SMALLINT|INTEGER|BIGINT)$|^HUGEINT$/.test(physical)) {
    // at most 18 digits: the plain integer spelling (and well within an amount's 20)
    const lim = '1000000000000000000';
    return { inRange: (c) => `(${c} > -${lim} AND ${c} < ${lim})`, typed: (c) => `CAST(${c} AS ${t === 'integer' ? DUCKDB.decimalType(0) : dec})` };
  }
  const m = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(physical);
  if (amount && m && Number(m[2]) <= INPUT_SCALE && Number(m[1]) - Number(m[2]) <= PRECISION - INPUT_SCALE - 8) return { inRange: () => 'TRUE', typed: (c) => `CAST(${c} AS ${dec})` };
  return undefined;
}

async function query(conn: DuckDBConnection, sql: string): Promise<unknown[][]> {
  if (!process.env.COMP_ENGINE_TRACE) return (await conn.runAndReadAll(sql)).getRows() as unknown[][];
  const t = Date.now();
  const u = process.cpuUsage();
  const r = (await conn.runAndReadAll(sql)).getRows() as unknown[][];
  const c = process.cpuUsage(u);
  process.stderr.write(`engine: input query ${Date.now() - t} ms wall ${Math.round((c.user + c.system) / 1000)} ms cpu: ${process.env.COMP_ENGINE_TRACE === 'sql' ? sql : sql.replace(/\s+/g, ' ').slice(0, 110)}\n`);
  return r;
}

/**
 * Views `<table>` (typed, plus `_n`, the 0-based row, and `_row` for tables without a key) in
 * the connection's current schema, over the files the plan's tables resolve to among `inputs`.
 */
export async function readInputs(conn: DuckDBConnection, ir: PlanIR, inputs: string[], opts: SourceOptions = {}): Promise<InputsOutcome> {
  try {
    const notes: InputNote[] = [];
    return { ok: true, tables: await read(conn, ir, inputs, opts, notes), notes };
  } catch (e) {
    if (e instanceof Refer) return { ok: false, reason: e.message };
    throw e;
  }
}

async function read(conn: DuckDBConnection, ir: PlanIR, inputs: string[], opts: SourceOptions, notes: InputNote[]): Promise<Map<string, EngineTable>> {
  if (inputs.includes('-')) refer('a table on stdin');
  const tables = new Map<string, EngineTable>();
  const direct = new Map<string, Map<string, string>>();
  const tried = new Set<string>();
  const keysChecked = new Set<string>();
  for (const t of ir.tables) {
    const found = resolveSource(t, inputs, opts);
    if (found.problem || !found.file) refer(`table ${t.name}: no file`);
    const file = found.file;
    tried.add(file);
    const lower = file.toLowerCase();
    const kind = lower.endsWith('.parquet') ? 'parquet' : lower.endsWith('.csv') ? 'csv' : refer(`${file}: neither CSV nor Parquet`);
    direct.set(t.name, await rawView(conn, t, file, kind, opts));
    tables.set(t.name, { ir: t, file, kind });
  }
  const def = Codes.UnreadDataFile;
  if (def.severity === 'error') refer('a data file no table reads');
  for (const f of unreadFiles(inputs, tried).sort()) notes.push({ code: def.code, message: format(def.template, { file: f }), file: f, line: 1, column: 1 });
  for (const t of ir.tables) {
    const et = tables.get(t.name)!;
    const { narrowed, keyChecked } = await typedView(conn, ir, t, direct.get(t.name)!, et.kind === 'parquet');
    if (narrowed) et.narrowed = narrowed;
    if (keyChecked) keysChecked.add(t.name);
    if (et.kind === 'csv') {
      // the typed table holds every value: the text copy goes
      await conn.run(`DROP VIEW ${id(`${t.name}__raw`)}`);
      await conn.run(`DROP TABLE ${id(`${t.name}__text`)}`);
    }
  }
  await checks(conn, ir, keysChecked);
  return tables;
}

/**
 * `<t>__raw`: the file's cells as text, in file order, `_n` the 0-based row; the Parquet columns
 * read as they are (`directColumn`) keep their type. Returns those: field -> physical type.
 */
async function rawView(conn: DuckDBConnection, t: TableIR, file: string, kind: 'csv' | 'parquet', opts: SourceOptions): Promise<Map<string, string>> {
  const direct = new Map<string, string>();
  let names: string[];
  const raw = id(`${t.name}__raw`);
  if (kind === 'csv') {
    const st = statSync(file);
    if (!st.isFile() || st.size > (opts.maxBytes ?? DEFAULT_MAX_BYTES)) refer(`${file}: not a regular file within the size limit`);
    const h = csvHeader(file);
    if (!h) refer(`${file}: header`);
    names = h;
    if (new Set(names).size !== names.length || names.some((n) => n === '')) refer(`${file}: header`);
    checkColumns(t, names, file);
    const cols = names.map((n, i) => `${lit(`c${i}`)}: 'VARCHAR'`).join(', ');
    try {
      await conn.run(
        `CREATE TABLE ${id(`${t.name}__text`)} AS SELECT * FROM read_csv(${lit(file)}, header = true, auto_detect = false, columns = {${cols}}, ` +
          `delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false, all_varchar = true)`,
      );
    } catch (e) {
      outOfMemory(e);
      refer(`${file}: ${(e as Error).message.split('\n')[0]}`);
    }
    const rows = Number((await query(conn, `SELECT count(*) FROM ${id(`${t.name}__text`)}`))[0]![0]);
    // row N is line N + 2 only when every line is one row (no blank lines, no line breaks in quotes)
    const { breaks, endsWithBreak } = lineBreaks(file);
    if ((endsWithBreak ? breaks : breaks + 1) !== rows + 1) refer(`${file}: lines are not one per row`);
    // DuckDB forgives what the loader reports (a space before an opening quote or after a closing
    // one): every line with a quote must be well-formed RFC 4180, or the loader reads the file
    const fields = `([^",]*|"([^"]|"")*")`;
    let malformed: number;
    try {
      malformed = Number((await query(
        conn,
        `SELECT count(*) FROM read_csv(${lit(file)}, columns = {'line': 'VARCHAR'}, header = false, delim = '\\x01', quote = '', escape = '', auto_detect = false) ` +
          `WHERE contains(line, '"') AND NOT regexp_full_match(line, '${fields}(,${fields})*\\r?')`,
      ))[0]![0]);
    } catch (e) {
      outOfMemory(e);
      malformed = 1;
    }
    if (malformed > 0) refer(`${file}: quotes the loader reads otherwise`);
    await conn.run(`CREATE VIEW ${raw} AS SELECT ${names.map((n, i) => `${id(`c${i}`)} AS ${id(n)}`).join(', ')}, rowid AS _n FROM ${id(`${t.name}__text`)}`);
    return direct;
  } else {
    let described;
    try {
      described = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${lit(file)})`);
    } catch (e) {
      outOfMemory(e);
      refer(`${file}: ${(e as Error).message.split('\n')[0]}`);
    }
    const described_ = described.getRowObjectsJS();
    names = described_.map((r) => String(r.column_name));
    checkColumns(t, names, file);
    for (const r of described_) {
      const f = t.fields.find((x) => x.name === String(r.column_name));
      if (f && directColumn(f, String(r.column_type))) direct.set(f.name, String(r.column_type));
    }
    const cols = t.fields.map((f) => (direct.has(f.name) ? id(f.name) : `CAST(${id(f.name)} AS VARCHAR) AS ${id(f.name)}`)).join(', ');
    await conn.run(`CREATE VIEW ${raw} AS SELECT ${cols}, file_row_number AS _n FROM read_parquet(${lit(file)}, file_row_number = true)`);
    return direct;
  }
}

function checkColumns(t: TableIR, names: string[], file: string): void {
  const declared = new Set(t.fields.map((f) => f.name));
  const present = new Set(names);
  if (t.fields.some((f) => !present.has(f.name)) || names.some((n) => !declared.has(n))) refer(`${file}: columns differ from the plan's`);
}

/**
 * `<t>`: the typed table, or with `view` the typed view (and its `narrowed`, EngineTable);
 * unusual spellings read by the loader's cell reader into `<t>__<field>__map`.
 */
async function typedView(
  conn: DuckDBConnection,
  ir: PlanIR,
  t: TableIR,
  direct: Map<string, string>,
  view: boolean,
): Promise<{ narrowed?: EngineTable['narrowed']; keyChecked: boolean }> {
  const raw = id(`${t.name}__raw`);
  const empty = (c: string): string => `(${c} IS NULL OR ${c} = '')`;
  const isPlain = (f: FieldIR, c: string): string => {
    const keys = f.aliases ? Object.keys(f.aliases) : [];
    if (keys.includes('')) refer(`${t.name}.${f.name}: an alias of the empty text`);
    // never NULL: a cell is either read by SQL or by the loader's cell reader
    return `COALESCE(${plain(f, c)}${keys.length ? ` AND ${c} NOT IN (${keys.map(lit).join(', ')})` : ''}, FALSE)`;
  };
  const required = (f: FieldIR): boolean => !f.optional || t.key === f.name;
  const probes = t.fields.flatMap((f) => {
    const c = id(f.name);
    const d = direct.has(f.name) ? directColumn(f, direct.get(f.name)!)! : undefined;
    if (d) return [`count_if(${c} IS NOT NULL AND NOT (${d.inRange(c)}))`, required(f) ? `count_if(${c} IS NULL)` : '0'];
    return [`count_if(NOT ${empty(c)} AND NOT ${isPlain(f, c)})`, required(f) ? `count_if(${empty(c)})` : '0'];
  });
  const counts = probes.length ? (await query(conn, `SELECT ${probes.join(', ')} FROM ${raw}`))[0]!.map(Number) : [];
  // a text key whose cells are all plain and not empty is its raw text: duplicates counted there
  // (not through the typed view's CASE), by 64-bit hash (cheaper to gather than the texts; two keys
  // of one hash are taken as duplicates: the loader then reads the inputs, and finds what it finds)
  const key = t.key ? t.fields.findIndex((f) => f.name === t.key) : -1;
  const keyChecked = key >= 0 && t.fields[key]!.type.t === 'text' && !direct.has(t.key!) && counts[2 * key]! === 0 && counts[2 * key + 1]! === 0;
  if (keyChecked && Number((await query(conn, `SELECT count(*) - count(DISTINCT hash(${id(t.key!)})) FROM ${raw}`))[0]![0]) > 0) refer(`${t.name}: duplicate keys (or two of one hash)`);
  const joins: string[] = [];
  const cols: string[] = [];
  for (const [i, f] of t.fields.entries()) {
    const c = `r.${id(f.name)}`;
    if (counts[2 * i + 1]! > 0) refer(`${t.name}.${f.name}: empty cells`);
    const d = direct.has(f.name) ? directColumn(f, direct.get(f.name)!)! : undefined;
    if (d) {
      if (counts[2 * i]! > 0) refer(`${t.name}.${f.name}: a typed Parquet value read otherwise as text`);
      cols.push(`${d.typed(c)} AS ${id(f.name)}`);
      continue;
    }
    let odd = ' ELSE NULL';
    if (counts[2 * i]! > 0) {
      const m = id(`${t.name}__${f.name}__map`);
      const texts = (await query(conn, `SELECT DISTINCT ${id(f.name)} FROM ${raw} WHERE NOT ${empty(id(f.name))} AND NOT ${isPlain(f, id(f.name))} LIMIT ${MAX_ODD + 1}`)).map((r) => String(r[0]));
      if (texts.length > MAX_ODD) refer(`${t.name}.${f.name}: too many unusual spellings`);
      await conn.run(`CREATE TABLE ${m} (raw VARCHAR, v VARCHAR)`);
      const schema = String((await conn.runAndReadAll('SELECT current_schema()')).getRows()[0]![0]);
      const app = await conn.createAppender(`${t.name}__${f.name}__map`, schema);
      for (const text of texts) {
        const v = cellValue(t, f, text, ir.periods);
        if (!v.ok) refer(`${t.name}.${f.name}: a bad cell`);
        const s = valueText(v.value);
        if (s === undefined) refer(`${t.name}.${f.name}: a value wider than the engine's decimals`);
        app.appendVarchar(text);
        if (s === null) app.appendNull();
        else app.appendVarchar(s);
        app.endRow();
      }
      app.closeSync();
      const a = `m${i}`;
      joins.push(`LEFT JOIN ${m} AS ${a} ON ${a}.raw = ${c}`);
      // mapped texts are in the typed spelling: percents as fractions, money without currency
      const typedOfMapped = f.type.t === 'boolean' ? `${a}.v = 'true'` : f.type.t === 'percent' || f.type.t === 'money' ? `CAST(${a}.v AS ${DUCKDB.decimalType(INPUT_SCALE)})` : `CAST(${a}.v AS ${DUCKDB.columnType(f.type)})`;
      odd = ` ELSE ${typedOfMapped}`;
    }
    // every cell plain (the usual case): no second test of its spelling
    const typed = counts[2 * i]! > 0 ? `WHEN ${isPlain(f, c)} THEN ${typedPlain(f, c)}${odd}` : `ELSE ${typedPlain(f, c)}`;
    cols.push(`CASE WHEN ${empty(c)} THEN NULL ${typed} END AS ${id(f.name)}`);
  }
  if (!t.key) cols.push(`CAST(r._n + 1 AS VARCHAR) AS _row`);
  cols.push('r._n AS _n');
  await query(conn, `CREATE ${view ? 'VIEW' : 'TABLE'} ${id(t.name)} AS SELECT ${cols.join(',\n  ')}\nFROM ${raw} AS r ${joins.join(' ')}`);
  const kf = key >= 0 ? t.fields[key]! : undefined;
  if (!view || (kf && kf.type.t !== 'text')) return { keyChecked };
  // the raw key text is the typed key wherever it is not empty (a text key is never an odd spelling)
  const rawKey = kf ? `r.${id(kf.name)}` : `CAST(r._n + 1 AS VARCHAR)`;
  return { narrowed: (keys) => `SELECT ${cols.join(', ')} FROM ${raw} AS r SEMI JOIN (${keys}) AS k ON k.key = ${rawKey} ${joins.join(' ')}`, keyChecked };
}

/**
 * The checks the loader makes once every table is read, in SQL: one query per table for its
 * `positive` cells, bounds and duplicate keys (one scan; a text key's duplicates are counted in
 * `typedView`'s scan instead: `keysChecked`), one anti-join per referenced table, then the split
 * and per-rep checks.
 */
async function checks(conn: DuckDBConnection, ir: PlanIR, keysChecked: Set<string>): Promise<void> {
  const probes: [string, string][] = [];
  const refs = new Map<string, { key: string; from: [string, string][] }>();
  for (const t of ir.tables) {
    const v = id(t.name);
    const per: [string, string][] = [];
    for (const f of t.fields) {
      const c = `x.${id(f.name)}`;
      if (f.positive && f.type.t !== 'text') per.push([`${t.name}.${f.name} not positive`, `count_if(${c} <= 0)`]);
      if (f.bounds) {
        const lo = f.type.t === 'date' ? DUCKDB.date(f.bounds.low) : DUCKDB.decimal(f.bounds.low);
        const hi = f.type.t === 'date' ? DUCKDB.date(f.bounds.high) : DUCKDB.decimal(f.bounds.high);
        per.push([`${t.name}.${f.name} out of bounds`, `count_if(${c} < ${lo} OR ${c} > ${hi})`]);
      }
      if (f.type.t === 'ref') {
        const target = ir.tables.find((x) => x.name === (f.type as { table: string }).table);
        if (!target?.key) continue;
        const kf = target.fields.find((x) => x.name === target.key)!;
        if (kf.type.t !== 'text' && kf.type.t !== 'ref') refer(`${t.name}.${f.name}: a reference to a key that is not text`);
        let r = refs.get(target.name);
        if (!r) refs.set(target.name, (r = { key: target.key, from: [] }));
        r.from.push([`${t.name}.${f.name}`, `SELECT ${id(f.name)} AS k FROM ${v} WHERE ${id(f.name)} IS NOT NULL`]);
      }
    }
    if (t.key && !keysChecked.has(t.name)) {
      const k = t.fields.find((x) => x.name === t.key)!;
      const kt = k.type.t === 'text' || k.type.t === 'ref' ? `x.${id(t.key)}` : `CAST(x.${id(t.key)} AS VARCHAR)`;
      per.push([`${t.name}: duplicate keys`, `count(*) - count(DISTINCT ${kt})`]);
    }
    if (per.length) probes.push([per.map((p) => p[0]).join('\u0000'), `SELECT ${per.map((p) => p[1]).join(', ')} FROM ${v} AS x`]);
  }
  // the references to one table in one anti-join (DuckDB plans it as a hash join: about half the
  // CPU of NOT EXISTS here), its keys hashed once however many tables name it (at 1M deals ~50 ms each)
  for (const [target, r] of refs)
    probes.push([
      `${r.from.map((x) => x[0]).join(', ')}: unknown references`,
      `SELECT count(*) FROM (${r.from.map((x) => x[1]).join(' UNION ALL ')}) AS x ANTI JOIN ${id(target)} AS y ON y.${id(r.key)} = x.k`,
    ]);
  const done = new Set<string>();
  for (const rule of ir.credits) {
    const s = rule.split;
    if (!s || done.has(`${s.table}\u0000${s.dealField}`)) continue;
    done.add(`${s.table}\u0000${s.dealField}`);
    const v = id(s.table);
    const share = id(s.shareField);
    const deal = id(s.dealField);
    const overlay = s.overlayField ? `COALESCE(${id(s.overlayField)}, FALSE)` : 'FALSE';
    // one scan: per deal, shares outside 0..1 and whether its ordinary shares sum to 100%
    probes.push([
      `${s.table}: a share outside 0%..100%\u0000${s.table}: splits not summing to 100%`,
      `SELECT COALESCE(SUM(bad), 0), count_if(ordinary > 0 AND total <> 1) FROM (SELECT count_if(${share} < 0 OR ${share} > 1) AS bad, ` +
        `count_if(NOT ${overlay}) AS ordinary, COALESCE(SUM(${share}) FILTER (WHERE NOT ${overlay}), 0) AS total FROM ${v} WHERE ${deal} IS NOT NULL GROUP BY ${deal})`,
    ]);
  }
  for (const name of lookupTables(ir)) {
    const t = ir.tables.find((x) => x.name === name);
    if (!t?.repField) continue;
    const by = [t.repField, ...(t.periodField ? [t.periodField] : [])].map(id);
    probes.push([`${name}: two rows for one rep`, `SELECT count(*) FROM (SELECT 1 FROM ${id(name)} WHERE ${by.map((b) => `${b} IS NOT NULL`).join(' AND ')} GROUP BY ${by.join(', ')} HAVING count(*) > 1)`]);
  }
  for (const [what, sql] of probes) {
    const got = (await query(conn, sql))[0]!.map(Number);
    const i = got.findIndex((n) => n > 0);
    if (i >= 0) refer(what.split('\u0000')[i]!);
  }
  for (const t of ir.tables) {
    const pf = parentField(t);
    if (pf && t.key) await parentLoops(conn, t, pf.name);
  }
}

/** A parent chain that comes back to itself (the loader reports it as COMP6251). */
async function parentLoops(conn: DuckDBConnection, t: TableIR, field: string): Promise<void> {
  const rows = (await conn.runAndReadAll(`SELECT ${id(t.key!)}, ${id(field)} FROM ${id(t.name)} WHERE ${id(field)} IS NOT NULL`)).getRows();
  const up = new Map(rows.map((r) => [String(r[0]), String(r[1])]));
  const done = new Set<string>();
  for (const start of up.keys()) {
    const path = new Set<string>();
    let cur: string | undefined = start;
    while (cur !== undefined && !done.has(cur)) {
      if (path.has(cur)) refer(`${t.name}: a parent loop`);
      path.add(cur);
      cur = up.get(cur);
    }
    for (const k of path) done.add(k);
  }
}
