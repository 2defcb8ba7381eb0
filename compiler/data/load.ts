// Loading and checking a plan's input tables.
//
// `loadDataset(ir, inputs)` finds each declared table's file among the inputs (folders and/or
// files), reads it (CSV or a JSON array of objects), and checks every cell against the field's
// declared type. Every problem is reported with file, 1-based line and column; nothing stops at
// the first error, and no row is dropped, rounded or coerced. Rows are returned even when some of
// their cells are bad (those cells are null), but a caller must not evaluate a dataset with errors.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DataError, Dataset, FieldIR, PlanIR, RowValue, TableIR, Value } from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import { Codes, format, type DiagnosticDef, type Severity } from '../diagnostics/codes.js';
import { suggest } from '../diagnostics/diagnostic.js';
import { readCsv } from './csv.js';
import { readJson } from './json.js';
import { parseValue, type Parsed } from './values.js';
import type { Position, RawCell, RawRow, RawTable } from './raw.js';

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

/** Where the file of each table was found (or the paths that were tried). */
export interface ResolvedSource {
  table: string;
  file?: string;
  looked: string[];
}

function altNames(source: string): string[] {
  const stem = source.replace(/\.(csv|json)$/, '');
  if (stem === source) return [];
  return [`${stem}.csv`, `${stem}.json`, `${stem}.parquet`].filter((n) => n !== source);
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Find a table's file: each input in order; a folder holds `source` (or its .csv/.json twin); a file matches by name. */
export function resolveSource(table: TableIR, inputs: string[]): ResolvedSource {
  const names = [table.source, ...altNames(table.source)];
  const looked: string[] = [];
  for (const input of inputs) {
    if (isDir(input)) {
      for (const n of names) {
        const p = path.join(input, n);
        looked.push(p);
        if (existsSync(p) && !isDir(p)) return { table: table.name, file: p, looked };
      }
    } else {
      const base = path.basename(input);
      if (names.some((n) => path.basename(n) === base) && existsSync(input)) return { table: table.name, file: input, looked };
    }
  }
  if (looked.length === 0) looked.push(...names);
  return { table: table.name, looked };
}

interface LoadedTable {
  ir: TableIR;
  file: string;
  rows: RowValue[];
  /** Where each row and its cells were read, for checks made after reading (references, splits). */
  rawRows: Map<RowValue, RawRow>;
  /** Rows by key (first occurrence), for references. */
  keys: Map<string, RowValue>;
}

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

function percentText(d: Decimal): string {
  return `${d.times(100).toString()}%`;
}

/** `preread`: tables already read by their file name (Parquet files, read by the DuckDB engine). */
export function loadDataset(ir: PlanIR, inputs: string[], preread?: Map<string, RawTable>): LoadResult {
  const errors: LoadError[] = [];
  const dataset: Dataset = {};
  const loaded = new Map<string, LoadedTable>();

  const report: Report = (def, file, at, args, hint, message) => {
    const e: LoadError = { code: def.code, severity: def.severity, message: message ?? format(def.template, args), file, line: at.line, column: at.column };
    if (hint) e.hint = hint;
    errors.push(e);
  };

  for (const t of ir.tables) {
    dataset[t.name] = [];
    const found = resolveSource(t, inputs);
    if (!found.file) {
      report(Codes.MissingInputFile, found.looked[0] ?? t.source, { line: 1, column: 1 }, { table: t.name, looked: found.looked.join(', ') });
      continue;
    }
    const file = found.file;
    const pre = preread?.get(file);
    if (pre || file.toLowerCase().endsWith('.parquet')) {
      if (!pre) {
        report(Codes.MalformedFile, file, { line: 1, column: 1 }, { problem: 'a Parquet file is read by `comp run` (through DuckDB), not here' });
        continue;
      }
      const lt = checkTable(t, pre, report);
      dataset[t.name] = lt.rows;
      loaded.set(t.name, lt);
      continue;
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      report(Codes.MalformedFile, file, { line: 1, column: 1 }, { problem: `cannot read the file: ${(e as Error).message}` });
      continue;
    }
    const raw = file.toLowerCase().endsWith('.json') ? readJson(file, text) : readCsv(file, text);
    const lt = checkTable(t, raw, report);
    dataset[t.name] = lt.rows;
    loaded.set(t.name, lt);
  }

  checkReferences(ir, loaded, report);
  checkSplits(ir, loaded, report);
  checkLookups(ir, loaded, report);

  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
  return { dataset, errors };
}

type Report = (def: DiagnosticDef, file: string, at: Position, args: Record<string, string | number>, hint?: string, message?: string) => void;

function checkTable(t: TableIR, raw: RawTable, report: Report): LoadedTable {
  const file = raw.file;
  for (const p of raw.problems) report(Codes.MalformedFile, file, p, { problem: p.message });

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

  const lt: LoadedTable = { ir: t, file, rows: [], rawRows: new Map(), keys: new Map() };
  const firstKeyLine = new Map<string, number>();
  raw.rows.forEach((r, idx) => {
    const values: Record<string, Value> = {};
    for (const f of t.fields) {
      if (missing.has(f.name)) {
        values[f.name] = null;
        continue;
      }
      const cell: RawCell | undefined = r.cells.get(f.name);
      if (cell === undefined && raw.kind === 'csv') {
        values[f.name] = null; // a short row, reported as malformed
        continue;
      }
      const at: Position = cell ?? r;
      values[f.name] = checkCell(t, f, cell, at, file, report);
    }
    const keyField = t.key;
    const key = keyField ? keyString(values[keyField] ?? null) : String(idx + 1);
    const row: RowValue = { kind: 'row', table: t.name, key, values, loc: { file, line: r.line } };
    if (keyField && values[keyField] !== null && values[keyField] !== undefined) {
      const first = firstKeyLine.get(key);
      if (first !== undefined) {
        report(Codes.DuplicateKey, file, r.cells.get(keyField) ?? r, { key, table: t.name, line: first });
      } else {
        firstKeyLine.set(key, r.line);
        lt.keys.set(key, row);
      }
    }
    lt.rows.push(row);
    lt.rawRows.set(row, r);
  });
  return lt;
}

function checkCell(t: TableIR, f: FieldIR, cell: RawCell | undefined, at: Position, file: string, report: Report): Value {
  if (cell?.invalid) {
    report(Codes.MalformedFile, file, at, { problem: cell.invalid });
    return null;
  }
  let text = cell?.text ?? '';
  if (f.aliases && Object.prototype.hasOwnProperty.call(f.aliases, text)) text = f.aliases[text]!;
  // Text is kept exactly as written; typed values may have spaces around them.
  const value = f.type.t === 'text' || f.type.t === 'ref' ? text : text.trim();
  if (value.trim() === '') {
    if (f.optional && t.key !== f.name) return null;
    report(Codes.EmptyValue, file, at, { column: f.name }, t.key === f.name ? 'a key field is always required' : 'declare the field `optional` if it may be empty');
    return null;
  }
  const parsed = parseValueChecked(value, f);
  if (!parsed.ok) {
    report(parsed.def, file, at, {}, parsed.hint, parsed.message);
    return null;
  }
  return parsed.value;
}

function parseValueChecked(text: string, f: FieldIR): Parsed {
  const p = parseValue(text, f.type);
  if (!p.ok || !f.positive) return p;
  if (p.value instanceof Decimal && !p.value.gt(0)) {
    return { ok: false, def: Codes.NotPositive, message: format(Codes.NotPositive.template, { column: f.name, text }) };
  }
  return p;
}

/** Where a row's cell was read: the cell, or the row itself when the cell is absent (a JSON key left out). */
function at(lt: LoadedTable, row: RowValue, field: string): Position {
  const r = lt.rawRows.get(row);
  const c = r?.cells.get(field) ?? r;
  return c ? { line: c.line, column: c.column } : { line: row.loc.line, column: 1 };
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
      for (const row of lt.rows) {
        const v = row.values[f.name];
        if (typeof v !== 'string') continue;
        if (target.keys.has(v)) continue;
        keyList ??= [...target.keys.keys()].sort();
        const s = suggest(v, keyList);
        const loc = at(lt, row, f.name);
        // A spelling variant (case, spaces) of an existing key is data dirt the plan can name.
        const variant = s !== undefined && squash(s) === squash(v);
        const hint = s
          ? `did you mean \`${s}\`?${variant ? ` If the data spells it \`${v}\`, say so in the plan: \`${f.name}: ${isRep ? 'rep' : target.ir.name} where "${v}" means "${s}"\`` : ''}`
          : undefined;
        report(Codes.UnknownReference, lt.file, loc, { text: v, what, table: target.ir.name }, hint);
      }
    }
  }
}

// ------------------------------------------------------------------ splits

function checkSplits(ir: PlanIR, loaded: Map<string, LoadedTable>, report: Report): void {
  const done = new Set<string>();
  for (const rule of ir.credits) {
    const s = rule.split;
    if (!s) continue;
    const id = `${s.table}\u0000${s.dealField}`;
    if (done.has(id)) continue;
    done.add(id);
    const lt = loaded.get(s.table);
    if (!lt) continue;
    const byDeal = new Map<string, { first: RowValue; sum: Decimal; ordinary: boolean }>();
    for (const row of lt.rows) {
      const deal = row.values[s.dealField];
      if (typeof deal !== 'string') continue;
      let g = byDeal.get(deal);
      if (!g) {
        g = { first: row, sum: new Decimal(0), ordinary: false };
        byDeal.set(deal, g);
      }
      const overlay = s.overlayField ? row.values[s.overlayField] : false;
      if (overlay === true) continue;
      g.ordinary = true;
      const share = row.values[s.shareField];
      if (share instanceof Decimal) g.sum = g.sum.plus(share);
    }
    for (const [deal, g] of byDeal) {
      // A deal whose split rows are all overlays is credited in full to `to` (language.md, section 9).
      if (g.sum.eq(1) || !g.ordinary) continue;
      const loc = at(lt, g.first, s.dealField);
      report(Codes.SplitSum, lt.file, loc, { deal, sum: percentText(g.sum) }, s.overlayField ? `overlay rows (\`${s.overlayField}\` = true) are not counted` : undefined);
    }
  }
}

// ------------------------------------------------------------------ per-rep lookups

/** Tables the plan reads per rep (`csat.score`): every `lookup` node anywhere in the IR. */
function lookupTables(ir: PlanIR): Set<string> {
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
      const rep = row.values[repField];
      if (typeof rep !== 'string') continue;
      const period = periodField ? row.values[periodField] : undefined;
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
