// One input through every stage the tools run: parse and check (analyze), format, lowering, and
// evaluation on small generated data. Anything thrown, and any internal-error diagnostic
// (COMP1999 in the analysis, COMP7000 in the evaluation), is a failure: no input may crash the
// tools. Used by the fuzz tests (test/fuzz/*.test.ts) and by `npm run fuzz` (test/fuzz/run.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../compiler/analysis.js';
import { formatText } from '../../compiler/ide/format.js';
import { loadDataset } from '../../compiler/data/load.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import type { FieldIR, PlanIR, TableIR } from '../../runtime/ir.js';

export interface Failure {
  stage: 'analyze' | 'format' | 'compile' | 'load' | 'evaluate';
  kind: 'throw' | 'internal';
  problem: string;
}

export interface Outcome {
  failures: Failure[];
  /** The plan was clean and was evaluated. */
  evaluated: boolean;
}

const INTERNAL = new Set(['COMP1999', 'COMP7000']);

function msg(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

let scratch: string | undefined;
let scratchN = 0;
/** A fresh folder under one temporary root, removed at exit. */
function freshDir(): string {
  if (!scratch) {
    scratch = mkdtempSync(join(tmpdir(), 'comp-fuzz-'));
    const root = scratch;
    process.on('exit', () => rmSync(root, { recursive: true, force: true }));
  }
  const d = join(scratch, String(scratchN++));
  mkdirSync(d);
  return d;
}

/** A cell for a field: valid for its type, so that evaluation runs. */
function cell(f: FieldIR, t: TableIR, row: number, ir: PlanIR, keys: Map<string, string[]>): string {
  if (t.key === f.name) return `${t.name}-${row}`;
  const y = ir.periods.from?.slice(0, 4) ?? '2026';
  switch (f.type.t) {
    case 'ref': {
      const ks = keys.get(f.type.table) ?? [`${f.type.table}-0`];
      return ks[row % ks.length]!;
    }
    case 'money':
    case 'decimal':
      return String(100 * (row + 1));
    case 'integer':
      return String(row + 1);
    case 'percent':
      return '100%';
    case 'date':
      return `${y}-0${1 + (row % 3)}-1${row % 9}`;
    case 'period':
      return `${y}-0${1 + (row % 3)}`;
    case 'boolean':
      return row % 2 ? 'true' : 'false';
    default:
      return `v${row}`;
  }
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Small data for every table of the plan (three rows each, references pointing at real keys). */
export function generateData(ir: PlanIR, dir: string): void {
  const keys = new Map<string, string[]>();
  for (const t of ir.tables) if (t.key) keys.set(t.name, [0, 1, 2].map((i) => `${t.name}-${i}`));
  for (const t of ir.tables) {
    const lines = [t.fields.map((f) => csvCell(f.name)).join(',')];
    // references cycle over the three keys: a split table has one row per deal, at 100%
    for (let r = 0; r < 3; r++) lines.push(t.fields.map((f) => csvCell(cell(f, t, r, ir, keys))).join(','));
    const name = t.source.replace(/^.*[\\/]/, '').replace(/\.json$/, '.csv');
    if (!/^[\w .-]+\.csv$/.test(name)) continue;
    writeFileSync(join(dir, name), lines.join('\n') + '\n');
  }
}

/** Run `text` through analyze, format, lowering and (when clean) evaluation on generated data. */
export function exercise(text: string, opts: { evaluate?: boolean } = {}): Outcome {
  const failures: Failure[] = [];
  let evaluated = false;
  let ir: PlanIR | undefined;
  try {
    const a = analyze('fuzz.comp', text);
    for (const d of a.diagnostics) if (INTERNAL.has(d.code)) failures.push({ stage: 'analyze', kind: 'internal', problem: d.message });
    ir = a.ir;
  } catch (e) {
    failures.push({ stage: 'analyze', kind: 'throw', problem: msg(e) });
  }
  try {
    formatText(text);
  } catch (e) {
    failures.push({ stage: 'format', kind: 'throw', problem: msg(e) });
  }
  if (ir && opts.evaluate !== false) {
    let compiled: ReturnType<typeof compilePlan> | undefined;
    try {
      compiled = compilePlan(ir);
    } catch (e) {
      failures.push({ stage: 'compile', kind: 'throw', problem: msg(e) });
    }
    if (compiled) {
      try {
        const dir = freshDir();
        generateData(ir, dir);
        const loaded = loadDataset(ir, [dir]);
        if (!loaded.errors.some((e) => e.severity === 'error')) {
          try {
            const out = evaluate(compiled, loaded.dataset);
            evaluated = true;
            for (const e of out.errors) if (INTERNAL.has(e.code)) failures.push({ stage: 'evaluate', kind: 'internal', problem: e.message });
          } catch (e) {
            failures.push({ stage: 'evaluate', kind: 'throw', problem: msg(e) });
          }
        }
        rmSync(dir, { recursive: true, force: true });
      } catch (e) {
        failures.push({ stage: 'load', kind: 'throw', problem: msg(e) });
      }
    }
  }
  return { failures, evaluated };
}

/** Every member name of Object.prototype (and Function.prototype): names a plan may write. */
export const PROTO_NAMES: string[] = [...new Set([...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Function.prototype), 'prototype', 'then'])].sort();
