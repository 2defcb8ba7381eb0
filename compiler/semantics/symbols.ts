// Declared names and their uses, as the checker records them and the analysis API hands them out
// (plain data; the IDE features read them through compiler/analysis.ts).
import type { Span } from '../syntax/span.js';

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
