// What `comp run --ledger`, `comp close` and `comp ledger verify` share: the hashes of the plan
// and of the files its tables were read from, and a run with the ledger applied.
import { readFileSync } from 'node:fs';
import type { Dataset, PlanIR, RunResult } from '../../runtime/ir.js';
import type { EvaluateOptions } from '../../runtime/evaluate.js';
import { Decimal } from '../../runtime/decimal.js';
import { planHash, sha256 } from '../ledger/hash.js';
import { applyLedger, type Reconciled, type RunInputs } from '../ledger/reconcile.js';
import type { Close, InputHash } from '../ledger/types.js';
import { evaluatePlan, writeErr } from './shared.js';

/** The file each table was read from, with the SHA-256 of its bytes. */
export async function inputHashes(ir: PlanIR, inputs: string[]): Promise<InputHash[]> {
  const { resolveSource } = await import('../data/load.js');
  const out: InputHash[] = [];
  for (const t of ir.tables) {
    const file = resolveSource(t, inputs).file;
    if (file) out.push({ table: t.name, file, sha256: sha256(readFileSync(file)) });
  }
  return out;
}

export function planTexts(files: string[]): string[] {
  return files.map((f) => readFileSync(f, 'utf8'));
}

export async function runInputs(files: string[], ir: PlanIR, inputs: string[]): Promise<RunInputs> {
  return { planHash: planHash(planTexts(files)), inputs: await inputHashes(ir, inputs) };
}

/**
 * Evaluate every period up to `to` (balances carry), apply the ledger, then keep the periods
 * from `from` on. Undefined when evaluation failed (errors printed).
 */
export async function evaluateWithLedger(
  ir: PlanIR,
  dataset: Dataset,
  closes: Close[],
  now: RunInputs,
  range: { from?: string; to?: string },
  traces: boolean,
  credits?: EvaluateOptions['credits'],
): Promise<Reconciled | undefined> {
  const opts: EvaluateOptions = { traces };
  if (credits) opts.credits = credits;
  if (range.to !== undefined) opts.to = range.to;
  const result = await evaluatePlan(ir, dataset, opts);
  if (!result) return undefined;
  const rec = applyLedger(result, closes, now);
  if (rec.waiting) writeErr(`warning[COMP9305]: ${rec.waiting} adjustment(s) to closed periods have no open period in this run to be paid in\n`);
  if (range.from !== undefined) rec.result = keepFrom(rec.result, range.from);
  return rec;
}

function keepFrom(result: RunResult, from: string): RunResult {
  const idx = result.periods.findIndex((p) => p.key === from);
  if (idx < 0) return result;
  const keys = new Set(result.periods.slice(idx).map((p) => p.key));
  const statements = result.statements.filter((s) => keys.has(s.period));
  const total = (f: (s: RunResult['statements'][number]) => string, like: string) => {
    const dot = like.indexOf('.');
    return statements.reduce((x, s) => x.plus(new Decimal(f(s))), new Decimal(0)).toFixed(dot < 0 ? 0 : like.length - dot - 1);
  };
  const summary = {
    ...result.summary,
    periods: keys.size,
    reps: new Set(statements.map((s) => s.rep)).size,
    totalPaid: total((s) => s.paid, result.summary.totalPaid),
    totalClawedBack: total((s) => s.clawedBack, result.summary.totalClawedBack),
  };
  return { ...result, periods: result.periods.slice(idx), statements, summary };
}
