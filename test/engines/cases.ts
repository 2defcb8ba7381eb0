// Every plan with data the project ships: acceptance cases (and their sub-cases), samples and
// docs examples. The engine tests run each through the default engine and a SQL engine.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import type { Dataset, PlanIR, RunResult } from '../../runtime/ir.js';
import { formatCsv, formatJson, formatTable } from '../../compiler/cli/report.js';
import { Decimal } from '../../runtime/decimal.js';
import type { evaluate } from '../../runtime/evaluate.js';
import type { Plan } from '../../compiler/syntax/ast.js';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface PlanCase {
  name: string;
  dir: string;
  planFile: string;
  text: string;
  ir: PlanIR;
  ast: Plan;
  data: Dataset;
}

function planDirs(): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (existsSync(join(dir, 'plan.comp')) && existsSync(join(dir, 'data'))) out.push(dir);
    if (depth === 0) return;
    for (const e of readdirSync(dir).sort()) {
      const p = join(dir, e);
      if (e !== 'data' && statSync(p).isDirectory()) walk(p, depth - 1);
    }
  };
  walk(join(ROOT, 'test', 'acceptance', 'cases'), 2);
  walk(join(ROOT, 'samples'), 1);
  walk(join(ROOT, 'docs', 'examples'), 1);
  // plans of constructs compiled to SQL that no other plan shows (roll-ups, ancestor tests)
  walk(join(ROOT, 'test', 'engines', 'cases'), 1);
  return out;
}

/** Plans that check clean and data that loads clean (the others never reach an engine). */
export function planCases(): { cases: PlanCase[]; skipped: string[] } {
  const cases: PlanCase[] = [];
  const skipped: string[] = [];
  for (const dir of planDirs()) {
    const name = relative(ROOT, dir);
    const planFile = join(dir, 'plan.comp');
    const text = readFileSync(planFile, 'utf8');
    const a = analyze(planFile, text);
    if (!a.ir) {
      skipped.push(`${name} (plan errors)`);
      continue;
    }
    const loaded = loadDataset(a.ir, [join(dir, 'data')]);
    if (loaded.errors.some((e) => e.severity === 'error')) {
      skipped.push(`${name} (data errors)`);
      continue;
    }
    cases.push({ name, dir, planFile, text, ir: a.ir, ast: a.plan, data: loaded.dataset });
  }
  return { cases, skipped };
}

/** What a run prints (JSON), with its errors and warnings: the bytes the engines must agree on. */
export function output(o: ReturnType<typeof evaluate>): string {
  return (o.result ? formatJson(o.result) : '') + JSON.stringify({ errors: o.errors, warnings: o.warnings });
}

/**
 * What `comp run` prints as a table and as CSV (no trace, no deal line: the outputs the runtime
 * seam serves), with its errors and warnings.
 */
export function printed(o: ReturnType<typeof evaluate>, ir: PlanIR): string {
  return (o.result ? formatTable(o.result, ir) + formatCsv(o.result, { ir }) : '') + JSON.stringify({ errors: o.errors, warnings: o.warnings });
}

/** component name, rep, period -> the measure the runtime shows in its trace. */
export function runtimeMeasures(c: PlanCase, result: RunResult): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of result.statements) {
    for (const n of s.trace) {
      if (n.kind !== 'component') continue;
      const k = c.ir.components.find((x) => n.text.startsWith(`${x.label}:`));
      const m = (n.children ?? []).find((x) => x.kind === 'measure');
      if (k && m?.value !== undefined) out.set(`${k.name} | ${s.rep} | ${s.period}`, new Decimal(m.value).toFixed());
    }
  }
  return out;
}

