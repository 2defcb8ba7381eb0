// Loading and checking a plan's input tables.
//
// `loadDataset(ir, inputs)` finds each declared table's file among the inputs (folders and/or
// files), reads it (CSV or a JSON array of objects), and checks every cell against the field's
// declared type. Every problem is reported with file, 1-based line and column; nothing stops at
// the first error, and no row is dropped, rounded or coerced. Rows are returned even when some of
// their cells are bad (those cells are null), but a caller must not evaluate a dataset with errors.
import type { DataError, Dataset, FieldIR, PeriodsIR, PlanIR, RowValue, TableIR, Value } from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import { Codes, format, type DiagnosticDef, type Severity } from '../diagnostics/codes.js';
import { suggest } from '../diagnostics/diagnostic.js';
import { readCsv, readCsvRows } from './csv.js';
import { readCsvFile } from './csv-stream.js';
import { MAX_JSON_DEPTH, readJson } from './json.js';
import { DEFAULT_MAX_BYTES, readDataFile, resolveSource, unreadFiles, type SourceOptions } from './sandbox.js';
import type { Sheets } from './xlsx.js';
import { readStdinSpool, STDIN_FILE, stdinIsJson, stdinTableFor, type StdinTable } from './stdin.js';
import { parseValue, type Parsed } from './values.js';
import { cellAt, gridOf, type Position, type RawGrid, type RawTable } from './raw.js';
import { checkParentLoops, outOfBounds, parentField } from './bounds.js';
import { RowKeyIndex } from './keys.js';
import { numberColumn, numberModes, unitsOfValues } from './scaled.js';
import { checkSplits } from './splits.js';
import { ColumnRow, ColumnTable, LazyRows, cell, putLazyRows, valueAt, type Column } from '../../runtime/rows.js';

/** A data problem as the loader reports it: a DataError with its severity and an optional hint. */
export interface LoadError extends DataError {
  severity: Severity;
  hint?: string;
}

export interface LoadResult {
  dataset: Dataset;
  /** Errors and warnings (COMP6014), sorted by file, line, column, code. */
  errors: LoadError[];
}

export type { ResolvedSource } from './sandbox.js';
/** Find a table's file among the inputs, inside the data folders only (./sandbox.ts). */
export { resolveSource } from './sandbox.js';

/** How the inputs are read: allowed folders, the size limit (./sandbox.ts), a table on stdin (./stdin.ts). */
export type LoadOptions = SourceOptions & {
  stdin?: StdinTable;
  /** Tables already read by their file name (Parquet files, read by the DuckDB engine). */
  preread?: Map<string, RawTable>;
  /** Sheets of XLSX workbooks, read beforehand (./xlsx.ts): a table found in no other file is read from its sheet. */
  sheets?: Sheets;
  /** Told what is being read, from the loops (`comp run`'s progress line, compiler/cli/progress.ts). */
  progress?: (what: string) => void;
  /** Bytes per read of a CSV file (./csv-stream.ts; tests set tiny ones to hit chunk borders). */
  csvChunkBytes?: number;
  /** false: number cells of a CSV file are all read from their texts and held as Decimals only, no units (tests hold the two ways equal). */
  csvUnits?: boolean;
  /** Largest CSV file that is not plain read whole by the careful reader (default CAREFUL_MAX_BYTES; tests set small ones). */
  csvCarefulMaxBytes?: number;
};

/**
 * Largest CSV file read by the careful reader (./csv.ts), which holds the file's text whole: a
 * plain CSV file of any size streams (./csv-stream.ts); one that is not plain is read whole up to here.
 */
export const CAREFUL_MAX_BYTES = DEFAULT_MAX_BYTES;

interface LoadedTable {
  ir: TableIR;
  file: string;
  rows: RowValue[];
  /** Where each row and its cells were read (row i of `rows` is row i of the grid), for checks made after reading (references, splits). */
  grid: RawGrid;
  /** The grid column of each field read. */
  colOf: Map<string, number>;
  /** Row numbers, made on the first report that needs one. */
  rowIndex?: Map<RowValue, number>;
  /** Rows by key (first occurrence), for references. */
  keys: RowKeyIndex;
  /** field -> its cells (row i of `rows`). */
  cols?: Record<string, Column>;
  /** The table of the rows (they are ColumnRows of it), when they point into columns. */
  table?: ColumnTable;
  /** Its rows made only when asked (`rows` is then a getter of `lazy.rows()`), for a column table but the roster. */
  lazy?: LazyRows;
}

/** A loaded table's rows into the dataset (made on first read when they are lazy); their number. */
const putRows = (dataset: Dataset, name: string, lt: LoadedTable): void => (lt.lazy ? putLazyRows(dataset, name, lt.lazy) : void (dataset[name] = lt.rows));
const rowCount = (lt: LoadedTable): number => (lt.lazy ? lt.lazy.n : lt.rows.length);

function keyString(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Decimal) return v.toString();
  if (typeof v === 'object' && 'kind' in v) {
    if (v.kind === 'date') return v.iso;
    if (v.kind === 'period') return v.key;
    if (v.kind === 'row') return v.key;
  }
  return String(v);
}

export function loadDataset(ir: PlanIR, inputs: string[], opts: LoadOptions = {}): LoadResult {
  const errors: LoadError[] = [];
  const dataset: Dataset = Object.create(null) as Dataset;
  const loaded = new Map<string, LoadedTable>();

  const report: Report = (def, file, at, args, hint, message) => {
    const e: LoadError = { code: def.code, severity: def.severity, message: message ?? format(def.template, args), file, line: at.line, column: at.column };
    if (hint) e.hint = hint;
    errors.push(e);
  };

  const tried = new Set<string>();
  const fromStdin = stdinTableFor(ir.tables, inputs, opts);
  if (fromStdin.problem) report(fromStdin.problem.def, fromStdin.problem.file, { line: 1, column: 1 }, fromStdin.problem.args, fromStdin.problem.hint);
  for (const t of ir.tables) {
    dataset[t.name] = [];
    if (t.name === fromStdin.table && opts.stdin?.spool) {
      const raw = readStdinSpool(opts.stdin.spool, { ...opts, chunkBytes: opts.csvChunkBytes, columns: new Set(t.fields.map((f) => f.name)), numbers: opts.csvUnits === false ? undefined : numberModes(t) });
      if ('problem' in raw) report(raw.problem.def, raw.problem.file, { line: 1, column: 1 }, raw.problem.args, raw.problem.hint);
      else {
        const lt = checkTable(t, raw, report, ir.periods, opts.progress, opts.csvUnits !== false);
        putRows(dataset, t.name, lt);
        loaded.set(t.name, lt);
      }
      continue;
    }
    if (t.name === fromStdin.table && opts.stdin?.text !== undefined) {
      const text = opts.stdin.text;
      const lt = checkTable(t, stdinIsJson(text) ? readJson(STDIN_FILE, text) : readCsv(STDIN_FILE, text), report, ir.periods);
      putRows(dataset, t.name, lt);
      loaded.set(t.name, lt);
      continue;
    }
    const found = resolveSource(t, inputs.filter((i) => i !== '-'), opts);
    if (found.problem) {
      for (const l of found.looked) tried.add(l);
      report(found.problem.def, found.problem.file, { line: 1, column: 1 }, found.problem.args, found.problem.hint);
      continue;
    }
    const sheet = found.file ? undefined : opts.sheets?.tables.get(t.name);
    if (sheet) {
      const lt = checkTable(t, sheet, report, ir.periods);
      putRows(dataset, t.name, lt);
      loaded.set(t.name, lt);
      continue;
    }
    if (!found.file) {
      report(Codes.MissingInputFile, found.looked[0] ?? t.source, { line: 1, column: 1 }, { table: t.name, looked: found.looked.join(', ') });
      continue;
    }
    const file = found.file;
    tried.add(file);
    const pre = opts.preread?.get(file);
    if (pre || file.toLowerCase().endsWith('.parquet')) {
      if (!pre) {
        report(Codes.MalformedFile, file, { line: 1, column: 1 }, { problem: 'a Parquet file is read by `comp run` (through DuckDB), not here' });
        continue;
      }
      const lt = checkTable(t, pre, report, ir.periods);
      putRows(dataset, t.name, lt);
      loaded.set(t.name, lt);
      continue;
    }
    const raw = readTable(file, t, opts, report);
    if (!raw) continue;
    const lt = checkTable(t, raw, report, ir.periods, opts.progress, opts.csvUnits !== false);
    putRows(dataset, t.name, lt);
    loaded.set(t.name, lt);
  }

  // A data file no table reads is most likely a mistake (a misspelt name, a stale export): say so.
  for (const p of opts.sheets?.problems ?? []) report(p.def, p.file, { line: 1, column: 1 }, p.args, p.hint);
  for (const f of opts.sheets?.files ?? []) tried.add(f);
  for (const f of unreadFiles(inputs, tried)) report(Codes.UnreadDataFile, f, { line: 1, column: 1 }, { file: f });
  checkReferences(ir, loaded, report);
  for (const lt of loaded.values()) if (parentField(lt.ir)) checkParentLoops(lt.ir, lt.rows, lt.keys, (row, field, args) => report(Codes.ParentLoop, lt.file, at(lt, row, field), args));
  checkSplits(ir, loaded, rowCount, reader, report);
  checkLookups(ir, loaded, report);

  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
  return { dataset, errors };
}

/** A table's file read: a CSV file streamed (or read whole by the careful reader), a JSON file whole. */
function readTable(file: string, t: TableIR, opts: LoadOptions, report: Report): RawTable | undefined {
  const start = { line: 1, column: 1 };
  opts.progress?.(`reading ${file}`);
  if (!file.toLowerCase().endsWith('.json')) {
    // only the declared columns' texts are kept (the others are reported, COMP6014, and never read)
    const s = readCsvFile(file, { ...opts, chunkBytes: opts.csvChunkBytes, columns: new Set(t.fields.map((f) => f.name)), numbers: opts.csvUnits === false ? undefined : numberModes(t) });
    if ('problem' in s) {
      report(s.problem.def, s.problem.file, start, s.problem.args, s.problem.hint);
      return undefined;
    }
    if ('table' in s) return s.table;
    const carefulMax = opts.csvCarefulMaxBytes ?? CAREFUL_MAX_BYTES;
    if (s.size > carefulMax) {
      const problem = `${s.why}: a CSV file over ${Math.round(carefulMax / (1024 * 1024))} MiB is read only when it is plain (quotes only around whole values and doubled inside them, one kind of line break), so that its text is never held whole`;
      report(Codes.MalformedFile, file, s.at(), { problem });
      return undefined;
    }
  }
  const read = readDataFile(file, opts);
  if ('problem' in read) {
    report(read.problem.def, read.problem.file, start, read.problem.args, read.problem.hint);
    return undefined;
  }
  return file.toLowerCase().endsWith('.json') ? readJson(file, read.text) : readCsvRows(file, read.text);
}

type Report = (def: DiagnosticDef, file: string, at: Position, args: Record<string, string | number>, hint?: string, message?: string) => void;

/** `units`: number columns also held as units (RawGrid.numbers, and the distinct values of coded ones). */
function checkTable(t: TableIR, raw: RawTable, report: Report, periods: PeriodsIR, progress?: (what: string) => void, units = true): LoadedTable {
  const file = raw.file;
  for (const p of raw.problems) {
    if (p.code === Codes.DataTooDeep.code) report(Codes.DataTooDeep, file, p, { max: MAX_JSON_DEPTH });
    else report(Codes.MalformedFile, file, p, { problem: p.message });
  }

  const declared = new Set(t.fields.map((f) => f.name));
  const present = new Set(raw.columns.map((c) => c.name));
  const missing = new Set<string>();
  const canCheckColumns = raw.kind !== 'json' ? raw.columns.length > 0 : raw.rows.length > 0;
  if (canCheckColumns) {
    for (const f of t.fields) {
      if (!present.has(f.name)) {
        missing.add(f.name);
        const hint = suggest(f.name, [...present].filter((c) => !declared.has(c)));
        report(Codes.MissingColumn, file, raw.start, { column: f.name, table: t.name }, hint ? `the file has a column \`${hint}\`: rename it, or rename the field in the plan` : undefined);
      }
    }
    for (const c of raw.columns) {
      if (!declared.has(c.name)) report(Codes.UnknownColumn, file, c, { column: c.name, table: t.name });
    }
  }

  const grid = gridOf(raw);
  const colOf = new Map<string, number>();
  for (const c of raw.columns) colOf.set(c.name, c.index);
  const lt: LoadedTable = { ir: t, file, rows: [], grid, colOf, keys: new RowKeyIndex(0, [], []) };
  // per field: its grid column; -1 when the column is missing (reported above), -2 when unknown
  const fields = t.fields.map((f) => ({ f, col: missing.has(f.name) ? -1 : colOf.get(f.name) ?? -2, seen: new Map<string, Value>() }));
  const isCsv = raw.kind === 'csv';
  const keyField = t.key;
  const n = grid.length;
  // column by column, each text parsed once per column (`seen`)
  const cols = Object.create(null) as Record<string, Column>;
  let keyHashes: Int32Array | undefined; // hashText of each key, from the CSV scan
  for (const { f, col, seen } of fields) {
    if (col === -1) {
      cols[f.name] = { values: [null], codes: new Uint16Array(n) };
      continue;
    }
    const say = (idx: number) => progress?.(`checking ${file}: ${f.name}: ${idx.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} rows`);
    const coded = col >= 0 && isCsv ? grid.coded?.(col) : undefined;
    if (coded) {
      // a code per row into the column's distinct texts: each text checked once, and the column
      // kept so (its values are the distinct texts' values); a bad text is reported at every cell that has it
      const { codes, distinct, none, short } = coded;
      const vals = new Array<Value>(distinct.length + 1);
      const bad = new Uint8Array(distinct.length);
      let anyBad = false;
      for (let c = 0; c < distinct.length; c++) {
        const v = cellValue(t, f, distinct[c], periods);
        vals[c] = v.ok ? v.value : null;
        if (!v.ok) {
          bad[c] = 1;
          anyBad = true;
        }
      }
      vals[distinct.length] = null; // a short row (reported as malformed) has no value
      if (anyBad || short) {
        for (let idx = 0; idx < n; idx++) {
          if ((idx & 0xffff) === 0 && idx > 0) say(idx);
          const c = codes[idx]!;
          if (c === none) codes[idx] = distinct.length;
          else if (bad[c] === 1) checkCell(t, f, distinct[c], grid, col, idx, file, report, seen, periods); // reports it
        }
      }
      const num = units && (f.type.t === 'integer' || f.type.t === 'decimal' || f.type.t === 'percent' || f.type.t === 'money');
      cols[f.name] = num ? { values: vals, codes, ...unitsOfValues(vals) } : { values: vals, codes };
    } else if (col >= 0 && isCsv && grid.numbers?.(col)) {
      // a number column read as units by the scan: only the cells it did not hold are read from their texts
      cols[f.name] = numberColumn(grid.numbers(col)!, n, (idx, text) => (text === undefined ? null : checkCell(t, f, text, grid, col, idx, file, report, seen, periods)));
    } else {
      // text as written (no alias, no bounds) that is not blank is its own value
      const asIs = (f.type.t === 'text' || f.type.t === 'ref') && !f.aliases && !f.bounds;
      // a CSV column of texts is handed over: its values are written in place of its texts
      const handed = col >= 0 && isCsv ? grid.texts?.(col) : undefined;
      const out = (handed ? handed.texts : new Array<Value>(n)) as Value[]; // (undefined texts become null below)
      if (handed && asIs && f.name === keyField) keyHashes = handed.hashes;
      // (every text plain, as the scan saw it: each is its own value, no pass over them)
      for (let idx = handed && asIs && handed.plain === true ? n : 0; idx < n; idx++) {
        if ((idx & 0xffff) === 0 && idx > 0) say(idx);
        const text = handed ? (out[idx] as string | undefined) : col >= 0 ? grid.text(col, idx) : undefined;
        if (asIs && text) {
          const c0 = text.charCodeAt(0);
          if (c0 > 32 && c0 < 127) {
            if (!handed) out[idx] = text;
            continue;
          }
        }
        // a short row (reported as malformed) has no value
        out[idx] = text === undefined && isCsv ? null : checkCell(t, f, text, grid, col, idx, file, report, seen, periods);
      }
      cols[f.name] = { values: out, codes: null };
    }
    if (col >= 0) grid.release?.(col);
  }
  let lines = grid.lines;
  if (!lines) {
    const copy = new Array<number>(n);
    for (let idx = 0; idx < n; idx++) copy[idx] = grid.line(idx);
    lines = copy;
  }
  const table = new ColumnTable(t.name, file, t.fields.map((f) => f.name), cols, lines);
  lt.cols = cols;
  lt.table = table;
  const keyCol = keyField ? cols[keyField] : undefined;
  // rows by key: a text key's column is its own list of keys; other keys (numbers, dates) are spelt once per row
  const keyVals = keyCol && keyCol.codes === null ? keyCol.values : undefined;
  // (a text or ref field's values are its texts or null: no need to look at a million of them)
  const keyType = t.fields.find((f) => f.name === keyField)?.type.t;
  const textKeys = keyVals !== undefined && (keyType === 'text' || keyType === 'ref');
  const names: (string | undefined)[] | readonly Value[] = textKeys ? keyVals : new Array<string | undefined>(keyCol ? n : 0);
  // the roster's rows are plain objects (assignments copy them with a spread); the others point
  // into the columns and are made only when asked (runtime/rows.ts LazyRows: phase 1 walks the
  // table by row number); a key is its key cell's text (no string made), else spelt once per row
  const plain = t.roster === true;
  const spelt: string[] | undefined = textKeys || !keyField ? undefined : new Array<string>(n);
  const keyAt = textKeys ? (idx: number) => (keyVals![idx] ?? '') as string : spelt ? (idx: number) => spelt[idx]! : (idx: number) => String(idx + 1);
  const lazy = (lt.lazy = plain ? undefined : new LazyRows(table, n, keyAt, textKeys ? keyHashes : undefined));
  const rows = plain ? lt.rows : undefined;
  if (lazy) Object.defineProperty(lt, 'rows', { get: () => lazy.rows(), enumerable: true, configurable: true });
  lt.keys = new RowKeyIndex(keyCol ? n : 0, names, rows ?? ((r) => lazy!.rows()[r]!), textKeys ? keyHashes : undefined);
  for (let idx = 0; idx < n; idx++) {
    const kv = keyCol ? (keyVals ? keyVals[idx]! : valueAt(keyCol, idx)) ?? null : null;
    const key = textKeys ? (kv === null ? '' : (kv as string)) : keyField ? keyString(kv) : '';
    if (spelt) spelt[idx] = key;
    if (rows) {
      const values = new ColumnRow(key, table, idx).values;
      rows.push({ kind: 'row', table: t.name, key: keyField ? key : String(idx + 1), values, loc: { file, line: lines[idx]! } });
    }
    if (keyField && kv !== null) {
      if (!textKeys) (names as (string | undefined)[])[idx] = key;
      const first = lt.keys.addFirst(idx);
      if (first >= 0) report(Codes.DuplicateKey, file, cellAt(grid, colOf.get(keyField) ?? -1, idx), { key, table: t.name, line: lines[first]! });
    }
  }
  return lt;
}



/** Distinct texts remembered per column: values repeat (stages, products, dates, amounts), keys do not. */
const SEEN_MAX = 4096;

/**
 * A cell's value. `seen` holds the values of texts already read in this column: a repeated text
 * gets the same value (one string, one date, one Decimal: none is ever changed in place) without
 * being parsed again. Only good values are remembered; every bad cell is reported.
 */
function checkCell(t: TableIR, f: FieldIR, cellText: string | null | undefined, grid: RawGrid, col: number, idx: number, file: string, report: Report, seen: Map<string, Value>, periods: PeriodsIR): Value {
  const invalid = col >= 0 ? grid.invalid(col, idx) : undefined;
  if (invalid) {
    const at = cellAt(grid, col, idx);
    if (invalid.code === Codes.SheetCellError.code) report(Codes.SheetCellError, file, at, { problem: invalid.invalid! });
    else report(Codes.MalformedFile, file, at, { problem: invalid.invalid! });
    return null;
  }
  const value = cellInput(f, cellText);
  if (value.trim() === '') {
    const empty = emptyCell(t, f);
    if (empty.ok) return null;
    report(empty.def, file, cellAt(grid, col, idx), { column: f.name }, empty.hint);
    return null;
  }
  const known = seen.get(value);
  if (known !== undefined) return known;
  const parsed = checkedValue(value, f, periods);
  if (!parsed.ok) {
    report(parsed.def, file, cellAt(grid, col, idx), {}, parsed.hint, parsed.message);
    return null;
  }
  if (seen.size < SEEN_MAX) seen.set(value, parsed.value);
  return parsed.value;
}

/** A cell's text as it is read: aliases applied; typed values trimmed (text is kept exactly as written). */
function cellInput(f: FieldIR, cellText: string | null | undefined): string {
  let text = cellText ?? '';
  if (f.aliases && Object.prototype.hasOwnProperty.call(f.aliases, text)) text = f.aliases[text]!;
  return f.type.t === 'text' || f.type.t === 'ref' ? text : text.trim();
}

/** An empty cell: null when the field may be empty, else COMP6xxx (a key is always required). */
function emptyCell(t: TableIR, f: FieldIR): { ok: true } | { ok: false; def: DiagnosticDef; hint: string } {
  if (f.optional && t.key !== f.name) return { ok: true };
  return { ok: false, def: Codes.EmptyValue, hint: t.key === f.name ? 'a key field is always required' : 'declare the field `optional` if it may be empty' };
}

/**
 * One cell's value from its text, as this loader reads it (aliases, trimming, empty cells, the
 * type, `positive`, bounds), without a position: the SQL engines' input checks
 * (compiler/engines/inputs.ts) judge the cells their own SQL does not recognise with it.
 */
export function cellValue(t: TableIR, f: FieldIR, cellText: string | null | undefined, periods: PeriodsIR): { ok: true; value: Value } | { ok: false; code: string } {
  const value = cellInput(f, cellText);
  if (value.trim() === '') {
    const empty = emptyCell(t, f);
    return empty.ok ? { ok: true, value: null } : { ok: false, code: empty.def.code };
  }
  const parsed = checkedValue(value, f, periods);
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, code: parsed.def.code };
}

function parseValueChecked(text: string, f: FieldIR, periods: PeriodsIR): Parsed {
  const p = parseValue(text, f.type, periods);
  if (!p.ok || !f.positive) return p;
  if (p.value instanceof Decimal && !p.value.gt(0)) {
    return { ok: false, def: Codes.NotPositive, message: format(Codes.NotPositive.template, { column: f.name, text }) };
  }
  return p;
}

function checkedValue(text: string, f: FieldIR, periods: PeriodsIR): Parsed {
  const p = parseValueChecked(text, f, periods);
  const out = p.ok ? outOfBounds(p.value, text, f) : undefined;
  return out ? { ok: false, ...out } : p;
}

/** Where a row's cell was read: the cell, or the row itself when the cell is absent (a JSON key left out). */
function at(lt: LoadedTable, row: RowValue, field: string): Position {
  const idx = row instanceof ColumnRow && row.t === lt.table ? row.i : (lt.rowIndex ??= new Map(lt.rows.map((r, i) => [r, i]))).get(row);
  if (idx === undefined) return { line: row.loc.line, column: 1 };
  return cellAt(lt.grid, lt.colOf.get(field) ?? -1, idx);
}

// ------------------------------------------------------------------ references

const squash = (s: string) => s.replace(/[\s_-]+/g, '').toLowerCase();

function checkReferences(ir: PlanIR, loaded: Map<string, LoadedTable>, report: Report): void {
  for (const lt of loaded.values()) {
    for (const f of lt.ir.fields) {
      if (f.type.t !== 'ref') continue;
      const target = loaded.get(f.type.table);
      if (!target || !target.ir.key) continue; // missing file already reported; keyless tables cannot be referenced by key
      const isRep = target.ir.name === ir.roster;
      const what = isRep ? 'rep' : target.ir.key === 'id' || target.ir.key === 'key' ? 'key' : target.ir.key.replace(/_/g, ' ');
      let keyList: string[] | undefined;
      const unknown = (idx: number, v: string): void => {
        keyList ??= [...target.keys.keys()].sort();
        const s = suggest(v, keyList);
        const loc = at(lt, lt.rows[idx]!, f.name);
        // A spelling variant (case, spaces) of an existing key is data dirt the plan can name.
        const variant = s !== undefined && squash(s) === squash(v);
        const hint = s
          ? `did you mean \`${s}\`?${variant ? ` If the data spells it \`${v}\`, say so in the plan: \`${f.name}: ${isRep ? 'rep' : target.ir.name} where "${v}" means "${s}"\`` : ''}`
          : undefined;
        report(Codes.UnknownReference, lt.file, loc, { text: v, what, table: target.ir.name }, hint);
      };
      const col = lt.cols?.[f.name];
      if (col?.codes) {
        // a coded column: each distinct value looked up once, a missing one reported at each of its cells
        const missing = new Uint8Array(col.values.length);
        let any = false;
        col.values.forEach((v, c) => {
          if (typeof v === 'string' && !target.keys.has(v)) missing[c] = 1;
          any ||= missing[c] === 1;
        });
        if (!any) continue;
        const codes = col.codes;
        for (let idx = 0, n = rowCount(lt); idx < n; idx++) if (missing[codes[idx]!] === 1) unknown(idx, col.values[codes[idx]!] as string);
        continue;
      }
      let good: string | undefined; // the last value found (runs of one rep, one product)
      for (let idx = 0, n = rowCount(lt); idx < n; idx++) {
        const v = col ? col.values[idx] : cell(lt.rows[idx]!, f.name);
        if (typeof v !== 'string' || v === good) continue;
        if (target.keys.has(v)) {
          good = v;
          continue;
        }
        unknown(idx, v);
      }
    }
  }
}

// ------------------------------------------------------------------ splits

/** A field's value by row number in a loaded table: from its column (no call through each row), else from the row. */
function reader(lt: LoadedTable, field: string): (idx: number) => Value | undefined {
  const col = lt.cols?.[field];
  if (col === undefined) return (idx) => cell(lt.rows[idx]!, field);
  const { values, codes } = col;
  if (col.units && codes === null) return (idx) => valueAt(col, idx);
  return codes === null ? (idx) => values[idx] : (idx) => values[codes[idx]!];
}

// ------------------------------------------------------------------ per-rep lookups

/** Tables the plan reads per rep (`csat.score`): every `lookup` node anywhere in the IR. */
export function lookupTables(ir: PlanIR): Set<string> {
  const out = new Set<string>();
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (o.k === 'lookup' && typeof o.table === 'string') out.add(o.table);
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(ir);
  return out;
}

/**
 * A table read per rep (and period) must have at most one row per rep (and period): with two,
 * `csat.score` could not say which one it read, and taking either would drop the other silently.
 */
function checkLookups(ir: PlanIR, loaded: Map<string, LoadedTable>, report: Report): void {
  for (const name of [...lookupTables(ir)].sort()) {
    const lt = loaded.get(name);
    if (!lt || !lt.ir.repField) continue;
    const repField = lt.ir.repField;
    const periodField = lt.ir.periodField;
    const first = new Map<string, number>();
    for (const row of lt.rows) {
      const rep = cell(row, repField);
      if (typeof rep !== 'string') continue;
      const period = periodField ? cell(row, periodField) : undefined;
      if (periodField && (period === null || period === undefined)) continue;
      const key = periodField ? `${rep} / ${keyString(period ?? null)}` : rep;
      const seen = first.get(key);
      if (seen === undefined) {
        first.set(key, row.loc.line);
        continue;
      }
      report(
        Codes.DuplicateKey,
        lt.file,
        at(lt, row, repField),
        { key, table: name, line: seen },
        `the plan reads \`${name}\` per rep${periodField ? ' and period' : ''}, so each ${periodField ? 'rep and period' : 'rep'} needs exactly one row`,
      );
    }
  }
}
