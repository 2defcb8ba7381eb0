// `--engine duckdb`: crediting runs as SQL in an embedded DuckDB (compiler/sql/, compiler/engines/);
// the runtime evaluates the rest on the credit lines it returns. A construct the SQL compiler does
// not cover is COMP9501 naming it and its plan line, never a different figure.
import type { Dataset, PlanIR, RunResult } from '../../runtime/ir.js';
import type { PrecomputedCredits } from '../../runtime/evaluate.js';
import type { PlanLines } from '../sql/compile.js';
import { Codes } from '../diagnostics/codes.js';
import { printDataErrors, writeErr } from './shared.js';

export type EngineName = 'default' | 'duckdb';
export const ENGINES: EngineName[] = ['default', 'duckdb'];

/** Credit lines from DuckDB, or undefined after printing why not (COMP9501, COMP9502). */
export async function engineCredits(planFile: string, ir: PlanIR, lines: PlanLines, dataset: Dataset): Promise<PrecomputedCredits | undefined> {
  const { compileCredits, SqlCompileError } = await import('../sql/compile.js');
  const { DUCKDB } = await import('../sql/dialect.js');
  try {
    compileCredits(ir, DUCKDB, lines);
  } catch (e) {
    if (!(e instanceof SqlCompileError)) throw e;
    printDataErrors([{ code: Codes.SqlUnsupported.code, message: `${e.construct} cannot run in DuckDB (${e.where}); run it with the default engine`, file: planFile, line: e.line ?? 1, column: 1 }]);
    writeErr('\n1 error; nothing was run\n');
    return undefined;
  }
  const { DuckDbEngine, EngineRefusal } = await import('../engines/duckdb.js');
  const engine = await DuckDbEngine.open();
  try {
    return await engine.credits(ir, dataset);
  } catch (e) {
    if (!(e instanceof EngineRefusal)) throw e;
    printDataErrors([{ code: e.code, message: e.message, file: e.file, line: e.line, column: 1 }]);
    writeErr('\n1 error; nothing was run\n');
    return undefined;
  } finally {
    engine.close();
  }
}

export type { RunResult };
