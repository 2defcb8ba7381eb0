// `--engine duckdb`: DuckDB reads and checks the inputs itself (compiler/engines/inputs.ts) and
// credits as SQL (compiler/sql/); the runtime evaluates the rest on the credit lines it returns.
// Inputs the engine's checks find anything in are read by the default loader instead, so every
// data error has one wording. A construct the SQL compiler does not cover is COMP9501 naming it
// and its plan line, never a different figure.
import { statSync } from 'node:fs';
import type { Dataset, PlanIR, RunResult } from '../../runtime/ir.js';
import type { PrecomputedCredits } from '../../runtime/evaluate.js';
import type { CreditAggregates } from '../../runtime/engine/measures.js';
import type { PlanLines } from '../sql/compile.js';
import type { LoadOptions } from '../data/load.js';
import { Codes } from '../diagnostics/codes.js';
import { loadData, printDataErrors, protectInput, requireExisting, writeErr } from './shared.js';

export type EngineName = 'default' | 'duckdb';
export const ENGINES: EngineName[] = ['default', 'duckdb'];

/** The SQL the plan's crediting compiles to, or undefined after printing COMP9501. */
async function compiles(planFile: string, ir: PlanIR, lines: PlanLines): Promise<boolean> {
  const { compileCredits, SqlCompileError } = await import('../sql/compile.js');
  const { DUCKDB } = await import('../sql/dialect.js');
  try {
    compileCredits(ir, DUCKDB, lines);
    return true;
  } catch (e) {
    if (!(e instanceof SqlCompileError)) throw e;
    printDataErrors([{ code: Codes.SqlUnsupported.code, message: `${e.construct} cannot run in DuckDB (${e.where}); run it with the default engine`, file: planFile, line: e.line ?? 1, column: 1 }]);
    writeErr('\n1 error; nothing was run\n');
    return false;
  }
}

/** Credit lines from DuckDB over a loaded dataset, or undefined after printing why not (COMP9501, COMP9502). */
export async function engineCredits(planFile: string, ir: PlanIR, lines: PlanLines, dataset: Dataset, reps?: Set<string>): Promise<PrecomputedCredits | undefined> {
  if (!(await compiles(planFile, ir, lines))) return undefined;
  const { DuckDbEngine, EngineRefusal } = await import('../engines/duckdb.js');
  const engine = await DuckDbEngine.open();
  try {
    return await engine.credits(ir, dataset, reps);
  } catch (e) {
    if (!(e instanceof EngineRefusal)) throw e;
    printDataErrors([{ code: e.code, message: e.message, file: e.file, line: e.line, column: 1 }]);
    writeErr('\n1 error; nothing was run\n');
    return undefined;
  } finally {
    engine.close();
  }
}

/**
 * `comp run --engine duckdb`: the inputs read by DuckDB and the credit lines computed there; the
 * dataset and credits for the runtime, or undefined after printing the errors. `COMP_ENGINE_TRACE`
 * set: says on stderr whether the engine read the inputs or handed them to the loader, and why.
 * `sums` (no trace or deal line printed): for a plan runtime/engine/seam.ts accepts, the credit
 * lines stay in DuckDB and the runtime takes sums per rep and period (compiler/engines/seam.ts).
 */
export async function engineRun(
  planFile: string,
  ir: PlanIR,
  lines: PlanLines,
  inputs: string[],
  opts: LoadOptions,
  sums = false,
  onlyReps?: OnlyReps,
): Promise<{ dataset: Dataset; credits: PrecomputedCredits; aggregates?: CreditAggregates } | undefined> {
  requireExisting(inputs.filter((i) => i !== '-'), 'data file or folder');
  // DuckDB keeps to ENGINE_MEMORY, spilling hash tables and sorts to the run's own folder (at 10M
  // rows: 0.6 GB instead of 1.6 GB, about the same CPU); a query that cannot spill and runs out
  // of it is run again, once, with DuckDB's default (most of the machine's memory)
  const printed = new Set<string>();
  try {
    return await engineRunWith(planFile, ir, lines, inputs, opts, sums, process.env.COMP_ENGINE_MEMORY ?? ENGINE_MEMORY, printed, onlyReps);
  } catch (e) {
    if (!/Out of Memory/i.test(String((e as Error)?.message))) throw e;
    if (process.env.COMP_ENGINE_TRACE) writeErr(`engine: out of memory (${String((e as Error).message).split('\n')[0]}); again with DuckDB's default memory limit\n`);
    return engineRunWith(planFile, ir, lines, inputs, opts, sums, undefined, printed, onlyReps);
  }
}

/**
 * `comp explain`: the reps the answer evaluates, from the roster's rows (runtime/engine/reps.ts
 * repsToEvaluate); undefined: every rep. The engine then returns only what can change the output.
 */
export type OnlyReps = (roster: Dataset) => Set<string> | undefined;

/** DuckDB's memory limit for `--engine duckdb` (COMP_ENGINE_MEMORY sets another, e.g. `2GB`). */
export const ENGINE_MEMORY = '400MB';

async function engineRunWith(
  planFile: string,
  ir: PlanIR,
  lines: PlanLines,
  inputs: string[],
  opts: LoadOptions,
  sums: boolean,
  memoryLimit: string | undefined,
  printed: Set<string>,
  onlyReps?: OnlyReps,
): Promise<{ dataset: Dataset; credits: PrecomputedCredits; aggregates?: CreditAggregates } | undefined> {
  const { DuckDbEngine } = await import('../engines/duckdb.js');
  const engine = await DuckDbEngine.open(memoryLimit);
  try {
    const cpu = (): string => {
      const u = process.cpuUsage();
      return `${Math.round((u.user + u.system) / 1000)} ms CPU so far; JavaScript heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB, process ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB, peak ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`;
    };
    const t = Date.now();
    const read = await engine.readInputs(ir, inputs, opts);
    if (process.env.COMP_ENGINE_TRACE) writeErr(`engine: inputs checked in ${Date.now() - t} ms (${cpu()})\n`);
    if (process.env.COMP_ENGINE_TRACE) writeErr(read.ok ? 'engine: inputs read by DuckDB\n' : `engine: inputs read by the loader (${read.reason})\n`);
    if (!read.ok) {
      const dataset = await loadData(ir, inputs, opts);
      if (!dataset) return undefined;
      const credits = await engineCredits(planFile, ir, lines, dataset, onlyReps?.(dataset));
      return credits && { dataset, credits };
    }
    if (!printed.has('notes')) printDataErrors(read.notes);
    printed.add('notes');
    for (const i of inputs) if (i !== '-' && !statSync(i, { throwIfNoEntry: false })?.isDirectory()) protectInput(i);
    for (const t of read.tables.values()) protectInput(t.file);
    if (!(await compiles(planFile, ir, lines))) return undefined;
    if (sums) {
      // the runtime seam: sums per rep and period, lines only of deals clawback events name
      const t0 = Date.now();
      const got = await engine.inputSums(ir, read.tables);
      if (process.env.COMP_ENGINE_TRACE) writeErr(got.ok ? `engine: sums ${Date.now() - t0} ms (${cpu()})\n` : `engine: every credit line read (${got.why})\n`);
      if (got.ok) {
        const t1 = Date.now();
        const dataset = await engine.inputRows(ir, read.tables, got.credits);
        if (process.env.COMP_ENGINE_TRACE) writeErr(`engine: rows ${Date.now() - t1} ms (${cpu()})\n`);
        return { dataset, credits: got.credits, aggregates: got.aggregates };
      }
    }
    const t0 = Date.now();
    // `comp explain`: the roster first, to know whose lines the explanation reads
    const roster = onlyReps && (await engine.inputTable(ir, read.tables, ir.roster));
    const credits = await engine.inputCredits(ir, roster && onlyReps(roster));
    const t1 = Date.now();
    const dataset = await engine.inputRows(ir, read.tables, credits, true, roster);
    if (process.env.COMP_ENGINE_TRACE) writeErr(`engine: credit lines ${t1 - t0} ms, rows ${Date.now() - t1} ms (${cpu()})\n`);
    return { dataset, credits };
  } finally {
    engine.close();
  }
}

export type { RunResult };
