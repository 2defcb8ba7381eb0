// The analysis API: one entry point for the CLI, the language server and tests.
// Plain data in plain offsets; no LSP types.
//
// analyze(file, text) runs parse -> names and types -> IR. `ir` is present only when the plan
// has no errors. Results are cached by (file, version).
import type { Plan } from './syntax/ast.js';
import type { Span } from './syntax/span.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { PlanIR } from '../runtime/ir.js';

import type { Reference, SymbolInfo } from './semantics/symbols.js';
export type { Reference, SymbolInfo, SymbolKind } from './semantics/symbols.js';

export interface Analysis {
  file: string;
  text: string;
  version: number;
  plan: Plan;
  diagnostics: Diagnostic[];
  /** All declarations, top-level and fields. */
  symbols: SymbolInfo[];
  /** Every resolved use of a name (not the declarations themselves). */
  references: Reference[];
  ir?: PlanIR;
}

// ------------------------------------------------------------------ analyze

import { parse, type TokenInfo } from './syntax/parse.js';
import { parseIncremental } from './syntax/incremental.js';
import { check, type Semantics } from './semantics/checker.js';
import { lowerToIR } from './lower/to-ir.js';
import { checkVersions } from './semantics/version-plans.js';
import { finishTimeMoney } from './lower/time-money.js';
import { Codes, diag, sortDiagnostics } from './diagnostics/diagnostic.js';

export interface FullAnalysis extends Analysis {
  tokens: TokenInfo[];
  semantics: Semantics;
}

const cache = new Map<string, FullAnalysis>();
const CACHE_LIMIT = 64;

export interface AnalyzeOptions {
  /**
   * Lower to IR only when `ir` is first read (the language server: an edit's diagnostics do not
   * wait for the lowering, which its preview workers do). Lowering a clean plan fails only on an
   * internal error; that COMP diagnostic is then added to `diagnostics` when `ir` is read.
   */
  deferIr?: boolean;
}

/**
 * Parse, check and (when there are no errors) lower a plan. Never throws. Cached by file and
 * version: pass the editor's document version; omit it to always analyse afresh.
 */
export function analyze(file: string, text: string, version?: number, opts: AnalyzeOptions = {}): FullAnalysis {
  if (version !== undefined) {
    const hit = cache.get(file);
    if (hit && hit.version === version && hit.text === text) {
      if (!opts.deferIr) void hit.ir; // a deferred lowering done now: its diagnostic, if any, is in the list
      return hit;
    }
  }
  const result = analyzeUncached(file, text, version ?? 0, version !== undefined, !!opts.deferIr);
  if (version !== undefined) {
    cache.delete(file);
    cache.set(file, result);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  }
  return result;
}

/**
 * A clause over the nesting or length limits (COMP1350, COMP1351) is left out of the parse: what
 * the checker then says of its declaration (a component without its `rate`) would be false.
 */
function withoutLimited(parsed: { plan: Plan; diagnostics: Diagnostic[] }, list: Diagnostic[]): Diagnostic[] {
  const at = parsed.diagnostics.filter((d) => d.code === Codes.NestingTooDeep.code || d.code === Codes.ExpressionTooLong.code).map((d) => d.span.start);
  if (!at.length) return list;
  const items = parsed.plan.items.filter((it) => at.some((o) => o >= it.span.start && o <= it.span.end));
  return list.filter((d) => !items.some((it) => d.span.start >= it.span.start && d.span.start <= it.span.end));
}

function analyzeUncached(file: string, text: string, version: number, incremental: boolean, deferIr: boolean): FullAnalysis {
  // editor documents (a version given): unchanged declarations are not parsed again
  const parsed = incremental ? parseIncremental(text, file) : parse(text, file);
  const semantics = check(parsed.plan, file, text);
  const versionDiagnostics = checkVersions(parsed.plan, semantics, file, text);
  const diagnostics = sortDiagnostics([...parsed.diagnostics, ...withoutLimited(parsed, [...semantics.diagnostics, ...versionDiagnostics])]);
  const clean = !diagnostics.some((d) => d.severity === 'error');
  const lower = (): PlanIR | undefined => {
    if (!clean) return undefined;
    try {
      return finishTimeMoney(lowerToIR(parsed.plan, semantics, text, file), parsed.plan, semantics, text, file);
    } catch (e) {
      diagnostics.push(diag(Codes.InternalError, file, { start: 0, end: 0 }, { problem: `compiling: ${(e as Error).message}` }));
      return undefined;
    }
  };
  const result: FullAnalysis = {
    file,
    text,
    version,
    plan: parsed.plan,
    diagnostics,
    symbols: semantics.symbols,
    references: semantics.references,
    tokens: parsed.tokens,
    semantics,
  };
  if (!deferIr) result.ir = lower();
  else {
    let done = false;
    let ir: PlanIR | undefined;
    // not enumerable: a copy (`{ ...a }`) does not lower the plan
    Object.defineProperty(result, 'ir', {
      configurable: true,
      enumerable: false,
      get: () => {
        if (!done) {
          done = true;
          ir = lower();
        }
        return ir;
      },
    });
  }
  return result;
}
