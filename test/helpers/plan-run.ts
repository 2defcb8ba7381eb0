// Run a plan through the public API, as the mechanics tests do: analyse it, write its data to
// a temporary folder, load and check the data, evaluate.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import type { DataError, RunResult, Statement } from '../../runtime/ir.js';
import { traceNodes } from './trace.js';

export function diagnostics(text: string): { code: string; severity: string; message: string; line: number }[] {
  return analyze('plan.comp', text).diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    line: text.slice(0, d.span.start).split('\n').length,
  }));
}

export function codes(text: string): string[] {
  return diagnostics(text).map((d) => d.code);
}

export type Run = { result?: RunResult; errors: DataError[] };

/** `files`: file name -> CSV text (leading spaces of each line are dropped, so it can be indented). */
export function run(text: string, files: Record<string, string>): Run {
  const a = analyze('plan.comp', text);
  const errs = a.diagnostics.filter((d) => d.severity === 'error');
  if (!a.ir) throw new Error(`plan has errors: ${errs.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'comp-plan-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body.replace(/^\s+/gm, ''));
  const loaded = loadDataset(a.ir, [dir]);
  const bad = loaded.errors.filter((e) => e.severity === 'error');
  if (bad.length) return { errors: bad };
  const out = evaluate(compilePlan(a.ir), loaded.dataset);
  return { result: out.result, errors: out.errors };
}

export function stmt(r: Run, rep: string, period: string): Statement {
  if (!r.result) throw new Error(`run failed: ${r.errors.map((e) => `${e.code} ${e.message}`).join('; ')}`);
  const s = r.result.statements.find((x) => x.rep === rep && x.period === period);
  if (!s) throw new Error(`no statement for ${rep} in ${period}`);
  return s;
}

export function traceTexts(s: Statement, kind: string): string[] {
  return traceNodes(s.trace, kind).map((n) => n.text);
}
