// The package's programmatic API: `import { compile, loadData, evaluate } from 'comp-lang'`.
// Documented in docs/api.md; every function returns plain data (diagnostics and data errors as
// values, never thrown). Data reaches the evaluator only through the same loader and checks as
// `comp run`: from files and folders, from streams, or from rows held in memory.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
    const names = new Map<string, string>();
    for (const t of ir.tables) {
      const src = Object.prototype.hasOwnProperty.call(sources, t.name) ? sources[t.name] : undefined;
      if (!src) continue;
      const base = path.basename(t.source).replace(/\.(csv|json)$/i, '') + (src.format === 'json' ? '.json' : '.csv');
      const file = path.join(dir, base);
      writeFileSync(file, src.text);
      names.set(file, `<${t.name}>`);
    }
    // tables not given are looked for under their own name and reported missing, as files would be
    const res = loadDataset(
      { ...ir, tables: ir.tables.map((t) => ({ ...t, source: path.basename(t.source).replace(/\.(csv|json)$/i, '') + (sources[t.name]?.format === 'json' ? '.json' : '.csv') })) },
      [dir],
    );
    const rename = (f: string) => names.get(f) ?? (f.startsWith(dir) ? `<${path.basename(f)}>` : f);
    for (const e of res.errors) e.file = rename(e.file);
    for (const rows of Object.values(res.dataset)) for (const r of rows) r.loc = { ...r.loc, file: rename(r.loc.file) };
    return res;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
  const sources: Record<string, { text: string; format: 'csv' | 'json' }> = {};
  for (const [name, { stream, format }] of Object.entries(tables)) {
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c));
    sources[name] = { text: Buffer.concat(chunks).toString('utf8'), format };
  }
  return loadSources(ir, sources);
}

/** Compute payouts: statements per rep and period with payout lines and traces, or the errors. */
export function evaluate(ir: PlanIR, dataset: Dataset, opts: EvaluateOptions = {}): EvaluateOutput {
  return evaluateCompiled(compilePlan(ir), dataset, opts);
}
