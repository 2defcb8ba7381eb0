// The package's programmatic API: `import { compile, loadData, evaluate } from 'comp-lang'`.
// Documented in docs/api.md; every function returns plain data (diagnostics and data errors as
// values, never thrown). Data reaches the evaluator only through the same loader and checks as
// `comp run`: from files and folders, from streams, or from rows held in memory.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyze, type Analysis, type FullAnalysis } from './analysis.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { loadDataset, type LoadError, type LoadResult } from './data/load.js';
import { compilePlan, evaluate as evaluateCompiled, type EvaluateOptions, type EvaluateOutput } from '../runtime/evaluate.js';
import type { DataError, Dataset, PlanIR, RunResult, Statement, PayoutLine, TraceNode } from '../runtime/ir.js';

export { analyze };
export type { Analysis, FullAnalysis, Diagnostic, LoadError, LoadResult, EvaluateOptions, EvaluateOutput, DataError, Dataset, PlanIR, RunResult, Statement, PayoutLine, TraceNode };

export interface CompileResult {
  /** The plan's meaning, present only when the plan has no errors. */
  ir?: PlanIR;
  /** Errors and warnings, each with a stable code (docs/diagnostics.md) and a span. */
  diagnostics: Diagnostic[];
}

/** Check a plan's text and lower it to its IR. `file` names it in diagnostics. */
export function compile(file: string, text: string): CompileResult {
  const a = analyze(file, text);
  return a.ir ? { ir: a.ir, diagnostics: a.diagnostics } : { diagnostics: a.diagnostics };
}

/** Load and check the plan's tables from data folders and/or files, as `comp run --data` does. */
export function loadData(ir: PlanIR, inputs: string[]): LoadResult {
  return loadDataset(ir, inputs);
}

/** A cell value held in memory: text is parsed as in a CSV file; numbers must be safe integers or given as text. */
export type Cell = string | number | boolean | null;

function cellText(v: Cell, where: string): string | number | boolean | null {
  if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new TypeError(`${where}: ${v} is not an integer: give decimals as text (e.g. "0.1") so no digit is lost`);
  return v;
}

/**
 * Load and check tables from text or rows, keyed by table name: each goes through the same reader
 * and checks as a file would (errors are located in `<table>` with line and column of its JSON or CSV).
 */
function loadSources(ir: PlanIR, sources: Record<string, { text: string; format: 'csv' | 'json' }>): LoadResult {
  const dir = mkdtempSync(path.join(tmpdir(), 'comp-data-'));
  try {
    const formats: Record<string, 'csv' | 'json'> = {};
    for (const t of ir.tables) {
      const src = Object.prototype.hasOwnProperty.call(sources, t.name) ? sources[t.name] : undefined;
      if (!src) continue;
      formats[t.name] = src.format;
      writeFileSync(path.join(dir, sourceFile(t.source, src.format)), src.text);
    }
    return loadDir(ir, dir, formats);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The file name a table given in memory is written under: its source's base name, with the format's extension. */
function sourceFile(source: string, format: 'csv' | 'json' | undefined): string {
  return path.basename(source).replace(/\.(csv|json)$/i, '') + (format === 'json' ? '.json' : '.csv');
}

/**
 * Load a folder of tables written by loadSources or loadStreams (`formats`: the tables written, by
 * name): tables not given are looked for under their own name and reported missing, as files would
 * be; files are named `<table>` in errors and rows.
 */
function loadDir(ir: PlanIR, dir: string, formats: Record<string, 'csv' | 'json'>): LoadResult {
  const names = new Map<string, string>();
  for (const t of ir.tables) if (Object.prototype.hasOwnProperty.call(formats, t.name)) names.set(path.join(dir, sourceFile(t.source, formats[t.name])), `<${t.name}>`);
  const res = loadDataset({ ...ir, tables: ir.tables.map((t) => ({ ...t, source: sourceFile(t.source, Object.prototype.hasOwnProperty.call(formats, t.name) ? formats[t.name] : undefined) })) }, [dir]);
  const rename = (f: string) => names.get(f) ?? (f.startsWith(dir) ? `<${path.basename(f)}>` : f);
  for (const e of res.errors) e.file = rename(e.file);
  for (const rows of Object.values(res.dataset)) for (const r of rows) r.loc = { ...r.loc, file: rename(r.loc.file) };
  return res;
}

/** Load and check tables given as rows in memory: `{ deals: [{ id: 'D1', amount: '100.50', ... }] }`. */
export function loadRows(ir: PlanIR, tables: Record<string, Record<string, Cell>[]>): LoadResult {
  const sources: Record<string, { text: string; format: 'json' }> = {};
  for (const [name, rows] of Object.entries(tables)) {
    const clean = rows.map((r, i) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, cellText(v, `${name} row ${i + 1} \`${k}\``)])));
    sources[name] = { text: JSON.stringify(clean, null, 1), format: 'json' };
  }
  return loadSources(ir, sources);
}

/** Load and check tables read from streams (a file, stdin, an HTTP body): CSV or a JSON array of objects. */
export async function loadStreams(ir: PlanIR, tables: Record<string, { stream: AsyncIterable<string | Uint8Array>; format: 'csv' | 'json' }>): Promise<LoadResult> {
  // each stream goes to a file of its own chunk by chunk (never held whole), then loads as a file does
  const dir = await mkdtemp(path.join(tmpdir(), 'comp-data-'));
  try {
    const formats: Record<string, 'csv' | 'json'> = {};
    for (const t of ir.tables) {
      const given = Object.prototype.hasOwnProperty.call(tables, t.name) ? tables[t.name] : undefined;
      if (!given) continue;
      formats[t.name] = given.format;
      const out = await open(path.join(dir, sourceFile(t.source, given.format)), 'wx', 0o600);
      try {
        for await (const c of given.stream) await out.write(typeof c === 'string' ? Buffer.from(c, 'utf8') : c);
      } finally {
        await out.close();
      }
    }
    return loadDir(ir, dir, formats);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Compute payouts: statements per rep and period with payout lines and traces, or the errors. */
export function evaluate(ir: PlanIR, dataset: Dataset, opts: EvaluateOptions = {}): EvaluateOutput {
  return evaluateCompiled(compilePlan(ir), dataset, opts);
}
