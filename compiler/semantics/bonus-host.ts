// What the checker lends to the checks of payout curves, scorecards and bonuses
// (compiler/semantics/curves.ts, scorecards.ts, bonuses.ts), so that their logic lives in their
// own files and the checker only dispatches to them.
import type * as A from '../syntax/ast.js';
import type { Span } from '../syntax/span.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SymbolInfo, SymbolKind } from './symbols.js';
import type { Semantics } from './model.js';
import type { Type } from './types.js';

/** The checker's expression context, as these checks build it (structurally the checker's `Ctx`). */
export interface BonusCtx {
  rep: boolean;
  where: string;
  row?: { name: string; alias?: string; tables: string[] };
  event?: { name: string; table: string };
  guarded?: boolean;
}

export interface CurveInfo {
  decl: A.CurveDecl;
  name: string;
}

export interface ScorecardInfo {
  decl: A.ScorecardDecl;
  name: string;
  /** Set once its metrics are checked (their fields resolved). */
  checked?: boolean;
  /** Uses outside `otherwise` seen before the card was checked (COMP3010 on a zero target). */
  unguardedRefs?: A.NameRef[];
}

/** Per-plan results of these checks, read by the lowering to IR. */
export interface BonusSemantics {
  curves: Map<string, CurveInfo>;
  scorecards: Map<string, ScorecardInfo>;
  /** `per mentee`: the roster field naming a rep's mentor. */
  mentorField?: string;
}

export function newBonusSemantics(): BonusSemantics {
  return { curves: new Map(), scorecards: new Map() };
}

export interface BonusHost {
  file: string;
  plan: A.Plan;
  s: Semantics;
  b: BonusSemantics;
  err(d: Diagnostic): void;
  src(span: Span): string;
  expr(e: A.Expr, ctx: BonusCtx, allowTiers?: boolean): Type;
  condition(e: A.Expr, ctx: BonusCtx): void;
  letType(name: string): Type;
  declareTop(name: A.Name, what: string): boolean;
  addSymbol(sym: SymbolInfo): SymbolInfo;
  addRef(span: Span, sym: SymbolInfo | undefined): void;
  symbolOf(kind: SymbolKind, name: string, container?: string): SymbolInfo | undefined;
  /** Can this expression be shown never to be zero? (COMP3010) */
  nonZero(e: A.Expr): boolean;
}
