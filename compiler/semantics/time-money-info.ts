// The shapes the time-and-money checks share (fiscal years, currencies, assignments, versions):
// what the checker lends them and what they record for lowering. At the bottom of those checks, so
// that each of them and the dispatcher in time-money.ts import it and not one another.
import type * as A from '../syntax/ast.js';
import type { Span } from '../syntax/span.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Semantics } from './model.js';
import type { Type } from './types.js';

/** What the checker lends these checks. `ctx` is the checker's own scope object. */
export interface TimeMoneyHost {
  s: Semantics;
  file: string;
  text: string;
  plan: A.Plan;
  err(d: Diagnostic): void;
  expr(e: A.Expr, ctx: unknown): Type;
  repCtx(where: string): unknown;
  once(what: string, node: A.Node): boolean;
  ref(span: Span, kind: 'table' | 'roster' | 'field' | 'let', name: string, container?: string): void;
  didYouMean(name: string, candidates: Iterable<string>, otherwise?: string): { hint?: string; data?: Record<string, unknown> };
}

export interface AssignmentsInfo {
  table: string;
  repField: string;
  startField: string;
  endField?: string;
  fields: string[];
}

/** What the checks found, for lowering (compiler/lower/time-money.ts). */
export interface TimeMoneyInfo {
  fiscalStart?: number;
  fx?: { source: string };
  payoutCurrency?: A.Expr;
  assignments?: AssignmentsInfo;
  effective?: { from: string; to?: string };
  versions: A.VersionDecl[];
  /** Filled by checkVersions (analysis): each version's complete plan and its semantics. */
  versionPlans?: { decl: A.VersionDecl; name: string; effective: string; plan: A.Plan; semantics: Semantics }[];
}

export function timeMoneyOf(s: Semantics): TimeMoneyInfo {
  return (s.timeMoney ??= { versions: [] });
}
