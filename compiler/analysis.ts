// The analysis API: one entry point for the CLI, the language server and tests.
// Plain data in plain offsets; no LSP types.
//
// analyze(file, text) runs parse -> names and types -> IR. `ir` is present only when the plan
// has no errors. Results are cached by (file, version).
import type { Plan } from './syntax/ast.js';
import type { Span } from './syntax/span.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { PlanIR } from '../runtime/ir.js';

export type SymbolKind = 'table' | 'roster' | 'field' | 'let' | 'tiers' | 'component' | 'builtin' | 'function' | 'plan';

/** A declared name. */
export interface SymbolInfo {
  name: string;
  kind: SymbolKind;
  /** The type as shown to analysts: "money (USD)", "percent", "row of deals", "tiers on attainment". */
  type: string;
  /** Whole declaration, and the name inside it (definition target). Builtins have no spans. */
  span?: Span;
  nameSpan?: Span;
  doc?: string;
  /** For fields: the table they belong to. */
  container?: string;
}

/** A use of a declared name. */
export interface Reference {
  span: Span;
  symbol: SymbolInfo;
}

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
