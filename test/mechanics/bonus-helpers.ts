// Helpers for the tests of payout curves, scorecards and bonuses: analyse a plan text, write its
// data files to a temporary folder, load and evaluate through the public API.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import type { RunResult, Statement } from '../../runtime/ir.js';

/** The codes of the plan's diagnostics (errors and warnings). */
export function codes(text: string): string[] {
  return analyze('plan.comp', text).diagnostics.map((d) => d.code);
}

export function run(text: string, files: Record<string, string>): RunResult {
  const a = analyze('plan.comp', text);
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  const dir = mkdtempSync(join(tmpdir(), 'comp-bonus-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body.trim() + '\n');
  const loaded = loadDataset(a.ir!, [dir]);
  expect(loaded.errors.filter((e) => e.severity === 'error')).toEqual([]);
  const out = evaluate(compilePlan(a.ir!), loaded.dataset);
  expect(out.errors).toEqual([]);
  return out.result!;
}

export function stmt(r: RunResult, rep: string, period: string): Statement {
  const s = r.statements.find((x) => x.rep === rep && x.period === period);
  if (!s) throw new Error(`no statement for ${rep} ${period}`);
  return s;
}

export function line(s: Statement, name: string): string | undefined {
  return s.lines.find((l) => l.kind === 'component' && l.name === name)?.amount;
}

export { traceNodes as nodes } from '../helpers/trace.js';

export const HEADER = `plan "Test"
currency USD
periods monthly from 2026-01 to 2026-01
`;
