// What the commands share: exit codes, colour, reading a plan, loading its data, printing
// located data errors.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Analysis } from '../analysis.js';
import type { DataError, Dataset, PlanIR } from '../../runtime/ir.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { renderDiagnostic } from '../diagnostics/render.js';
import { suggest } from '../diagnostics/diagnostic.js';
import { lookupCode } from '../diagnostics/codes.js';
import { cellRef } from '../data/raw.js';

export const EXIT_OK = 0;
/** The plan or its data has errors. */
export const EXIT_ERRORS = 1;
/** The command line is wrong: unknown option, missing argument, no files, unknown rep. */
export const EXIT_USAGE = 2;

/** A mistake in the command line: printed as `error: ...` and exits 2. `code`: COMP8304 unless more specific. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly code: string = 'COMP8304',
  ) {
    super(message);
  }
}

/** A problem as `--format json` prints it: code and location (file, 1-based line and column; null when none). */
export interface JsonProblem {
  code: string;
  severity: string;
  message: string;
  file: string | null;
  line: number | null;
  column: number | null;
  endLine?: number;
  endColumn?: number;
  hint: string | null;
  /** Run errors: where in the plan the failing value is written (file/line is the data row). */
  plan?: { file: string; line: number; column: number };
}

/** `--format json`: every problem is also collected, and printed as one JSON document on stdout. */
const json = { on: false, problems: [] as JsonProblem[], written: false };

export function setJsonMode(on: boolean): void {
  json.on = on;
}

export function jsonMode(): boolean {
  return json.on;
}

export function collectProblem(p: JsonProblem): void {
  if (json.on) json.problems.push(p);
}

export function collectedProblems(): JsonProblem[] {
  return json.problems;
}

/** The command printed its own JSON document (a check or run result): no error document after it. */
export function markJsonWritten(): void {
  json.written = true;
}

export function jsonWritten(): boolean {
  return json.written;
}

/** The command's outcome, when it is not success. The last one set wins. */
export function setExit(code: number): void {
  process.exitCode = code;
}

/** Colour only on a terminal, and never with NO_COLOR; FORCE_COLOR turns it on. */
export function useColor(stream: NodeJS.WriteStream): boolean {
  const env = process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return !!stream.isTTY;
}

export function writeOut(text: string): void {
  progressLine?.done();
  process.stdout.write(text);
}

/** The progress line of a long run (./progress.ts), erased before anything else is written. */
let progressLine: { done(): void } | undefined;

export function setProgress(p: { done(): void } | undefined): void {
  progressLine = p;
}

export function writeErr(text: string): void {
  progressLine?.done();
  process.stderr.write(text);
}

/** The files this command reads (plans, data): --out never overwrites one of them. */
const inputFiles = new Set<string>();

export function protectInput(file: string): void {
  try {
    inputFiles.add(realpathSync(file));
  } catch {
    inputFiles.add(path.resolve(file));
  }
}

/**
 * Write a file whole or not at all: into a temporary file beside it, flushed, then renamed over
 * it. A folder, a missing folder, or a file the command reads is a usage error (COMP830x).
 */
export function writeFileAtomic(file: string, text: string | Uint8Array | readonly string[], what = '--out'): void {
  const abs = path.resolve(file);
  let st;
  try {
    st = statSync(abs);
  } catch {
    st = undefined;
  }
  if (st?.isDirectory()) throw new UsageError(`${what} \`${file}\` is a folder: name a file`, undefined, 'COMP8300');
  const dir = path.dirname(abs);
  let dirOk = false;
  try {
    dirOk = statSync(dir).isDirectory();
  } catch {
    dirOk = false;
  }
  if (!dirOk) throw new UsageError(`the folder of ${what} \`${file}\` does not exist`, `create ${path.dirname(file)} first`, 'COMP8301');
  if (st) {
    let real = abs;
    try {
      real = realpathSync(abs);
    } catch {
      // a dangling link: written as a new file
    }
    if (inputFiles.has(real)) throw new UsageError(`${what} \`${file}\` is an input of this command: it would be overwritten`, 'write the output to another file', 'COMP8302');
  }
  const tmp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    const fd = openSync(tmp, 'wx', st ? st.mode & 0o777 : 0o666);
    try {
      if (typeof text === 'string') writeSync(fd, text);
      else if (text instanceof Uint8Array) writeSync(fd, text);
      else for (const part of text) writeSync(fd, part);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, abs);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UsageError(`cannot write \`${file}\`: ${(e as Error).message}`, undefined, 'COMP8303');
  }
}

/**
 * Replace a file the command read (`comp fmt`): the new text goes into a temporary file beside the
 * file's real path (a link stays a link; the mode is kept), flushed, and is renamed over the file
 * only if the file still holds the text that was read — never over an edit made meanwhile
 * (COMP8305). A failure to write is COMP8303; the file is then as it was.
 */
export function replaceFileAtomic(file: string, read: string, text: string): void {
  let real: string;
  try {
    real = realpathSync(file);
  } catch (e) {
    throw new UsageError(`cannot write \`${file}\`: ${(e as Error).message}`, undefined, 'COMP8303');
  }
  const mode = statSync(real).mode & 0o777;
  const tmp = path.join(path.dirname(real), `.${path.basename(real)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let changed = false;
  try {
    const fd = openSync(tmp, 'wx', mode);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    changed = readFileSync(real, 'utf8') !== read;
    if (!changed) renameSync(tmp, real);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UsageError(`cannot write \`${file}\`: ${(e as Error).message}`, undefined, 'COMP8303');
  }
  if (changed) {
    rmSync(tmp, { force: true });
    throw new UsageError(`\`${file}\` changed while it was being formatted: it was not written`, 'run `comp fmt` again', 'COMP8305');
  }
}

/** Write the command's output to --out FILE (atomically), or stdout. */
export function emit(text: string | readonly string[], out?: string): void {
  if (out) {
    writeFileAtomic(out, text);
    writeErr(`wrote ${out}\n`);
  } else if (typeof text === 'string') writeOut(text);
  else for (const part of text) writeOut(part);
}

export function readSource(file: string): string {
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  protectInput(file);
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

export function requireExisting(paths: string[], what: string): void {
  for (const p of paths) if (!existsSync(p)) throw new UsageError(`no such ${what}: ${p}`);
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export { count as plural };

/**
 * Analyze a plan for `run` / `explain`. On errors, prints them (to stderr) and returns undefined;
 * warnings are summarised in one line, since `comp check` is where they are read.
 */
export async function compilePlanFile(file: string): Promise<{ analysis: Analysis; ir: PlanIR } | undefined> {
  const text = readSource(file);
  const { analyze } = await import('../analysis.js');
  const analysis = analyze(file, text);
  const errors = analysis.diagnostics.filter((d: Diagnostic) => d.severity === 'error');
  if (jsonMode()) {
    const { LineIndex } = await import('../syntax/lines.js');
    const index = new LineIndex(text);
    for (const d of analysis.diagnostics) {
      const st = index.position(d.span.start);
      const en = index.position(Math.max(d.span.start, d.span.end));
      collectProblem({ code: d.code, severity: d.severity, message: d.message, file: d.file, line: st.line + 1, column: st.column + 1, endLine: en.line + 1, endColumn: en.column + 1, hint: d.hint ?? null });
    }
  }
  if (errors.length || !analysis.ir) {
    const color = useColor(process.stderr);
    writeErr(errors.map((d) => renderDiagnostic(d, text, { color })).join('\n\n') + '\n');
    writeErr(`\n${file}: ${count(errors.length, 'error')}; nothing was run\n`);
    return undefined;
  }
  const warnings = analysis.diagnostics.filter((d: Diagnostic) => d.severity === 'warning').length;
  if (warnings) writeErr(`${file}: ${count(warnings, 'warning')} (see \`comp check ${file}\`)\n`);
  return { analysis, ir: analysis.ir };
}

/** `file:line:col: error[COMP6005]: message` and, indented below, the hint. */
export function formatDataError(e: DataError & { severity?: string; hint?: string }): string {
  const severity = e.severity ?? lookupCode(e.code)?.severity ?? 'error';
  // a sheet of a workbook (`book.xlsx:deals`) is located by its cell: `book.xlsx:deals!E3`
  const where = /\.xlsx:[^/\\]+$/i.test(e.file) ? `${e.file}!${cellRef(e.line, e.column)}` : `${e.file}:${e.line}:${e.column}`;
  let s = `${where}: ${severity}[${e.code}]: ${e.message}\n`;
  if (e.plan) s += `  --> ${e.plan.file}:${e.plan.line}:${e.plan.column}: in the plan\n`;
  const hint =
    e.hint ??
    (e.code === 'COMP7001'
      ? e.plan
        ? 'this division has no fallback for zero (COMP3010): say what it means there with `otherwise`'
        : 'a division in the plan has no fallback for zero: `comp check` shows where (COMP3010); say what it means there with `otherwise`'
      : undefined);
  if (hint) s += `  hint: ${hint}\n`;
  return s;
}

const planPlace = (e: DataError): string => (e.plan ? `${e.plan.file}:${e.plan.line}:${e.plan.column}` : '');

/** Print data problems; many warnings of one code are shortened. Returns the number of errors. */
export function printDataErrors(list: (DataError & { severity?: string; hint?: string })[]): number {
  let errors = 0;
  const warnedByCode = new Map<string, number>();
  let out = '';
  // An evaluation error that recurs in every period (a quota of 0 divides every month) is printed
  // once, with the periods it also happened in: every one is still counted and named.
  const repeats = new Map<string, string[]>();
  const periodIn = /\bin ((?:FY)?\d{4}(?:-(?:Q|H)?\d{1,2}(?:-\d{2})?)?)\b/;
  for (const e of list) {
    if (!e.code.startsWith('COMP7') || (e.severity ?? 'error') !== 'error') continue;
    const m = periodIn.exec(e.message);
    if (!m) continue;
    const key = `${e.file}:${e.line}:${e.column}:${e.code}:${planPlace(e)}:${e.message.replace(periodIn, 'in <period>')}`;
    repeats.set(key, [...(repeats.get(key) ?? []), m[1]!]);
  }
  const printed = new Set<string>();
  for (const e of list)
    collectProblem({ code: e.code, severity: e.severity ?? lookupCode(e.code)?.severity ?? 'error', message: e.message, file: e.file, line: e.line, column: e.column, hint: e.hint ?? null, ...(e.plan ? { plan: e.plan } : {}) });
  for (const e of list) {
    const severity = e.severity ?? lookupCode(e.code)?.severity ?? 'error';
    if (severity === 'error') {
      errors++;
      const m = e.code.startsWith('COMP7') ? periodIn.exec(e.message) : null;
      const key = m ? `${e.file}:${e.line}:${e.column}:${e.code}:${planPlace(e)}:${e.message.replace(periodIn, 'in <period>')}` : undefined;
      const periods = key ? repeats.get(key) : undefined;
      if (key && periods && periods.length > 1) {
        if (printed.has(key)) continue;
        printed.add(key);
        const others = periods.slice(1);
        out += formatDataError(e);
        out += `  (the same in ${others.length} more period${others.length === 1 ? '' : 's'}: ${others.join(', ')})\n`;
        continue;
      }
      out += formatDataError(e);
      continue;
    }
    const n = (warnedByCode.get(e.code) ?? 0) + 1;
    warnedByCode.set(e.code, n);
    if (n <= 5) out += formatDataError({ ...e, severity });
  }
  for (const [code, n] of warnedByCode) if (n > 5) out += `... and ${n - 5} more ${code} warnings\n`;
  if (out) writeErr(out);
  return errors;
}

/** Load and check the plan's inputs. On errors, prints them and returns undefined. */
export async function loadData(ir: PlanIR, inputs: string[], opts: import('../data/load.js').LoadOptions = {}): Promise<Dataset | undefined> {
  requireExisting(inputs.filter((i) => i !== '-'), 'data file or folder');
  const { loadDataset, resolveSource } = await import('../data/load.js');
  const files = inputs.filter((i) => i !== '-');
  const read = new Set(ir.tables.map((t) => resolveSource(t, files, opts).file).filter((f): f is string => !!f));
  for (const f of [...files, ...read]) if (!statSync(f, { throwIfNoEntry: false })?.isDirectory()) protectInput(f);
  const parquet = [...read].filter((f) => f.toLowerCase().endsWith('.parquet'));
  // per Parquet file, the fields the plan declares for it: only those columns are read
  const wanted = new Map<string, Set<string>>();
  for (const t of ir.tables) {
    const f = resolveSource(t, files, opts).file;
    if (f) for (const x of t.fields) (wanted.get(f) ?? wanted.set(f, new Set()).get(f)!).add(x.name);
  }
  const preread = parquet.length ? await (await import('../engines/parquet.js')).readParquetFiles(parquet, wanted) : undefined;
  const { readSheets, workbookFiles } = await import('../data/xlsx.js');
  const sheets = workbookFiles(files).length ? await readSheets(ir.tables, files, opts) : undefined;
  const { dataset, errors } = loadDataset(ir, inputs, { ...opts, ...(preread ? { preread } : {}), ...(sheets ? { sheets } : {}) });
  const n = printDataErrors(errors);
  if (n) {
    writeErr(`\n${count(n, 'data error')}; nothing was run\n`);
    return undefined;
  }
  return dataset;
}

/** A usage error for an unknown name, with a did-you-mean. */
export function unknownChoice(what: string, value: string, choices: string[]): UsageError {
  const s = suggest(value, choices);
  return new UsageError(`unknown ${what} \`${value}\``, s ? `did you mean \`${s}\`?` : choices.length <= 12 ? `known: ${choices.join(', ')}` : undefined);
}

/** Evaluate; on evaluation errors prints them and returns undefined. Warnings go to stderr. */
export async function evaluatePlan(ir: PlanIR, dataset: Dataset, opts: import('../../runtime/evaluate.js').EvaluateOptions = {}): Promise<import('../../runtime/ir.js').RunResult | undefined> {
  const { compilePlan, evaluate } = await import('../../runtime/evaluate.js');
  const out = evaluate(compilePlan(ir), dataset, opts);
  const warnings = ((out as { warnings?: DataError[] }).warnings ?? []).map((w) => ({ ...w, severity: lookupCode(w.code)?.severity ?? 'warning' }));
  printDataErrors(warnings);
  const n = printDataErrors(out.errors.map((e) => ({ ...e, severity: 'error' })));
  if (n || !out.result) {
    writeErr(`\n${count(n, 'error')} while evaluating the plan\n`);
    return undefined;
  }
  return out.result;
}
