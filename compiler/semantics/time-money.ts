// Time and money: the checker's hooks for fiscal years, plan versions, effective dates, rep
// assignments, FX rates, conversions and payout currencies (docs/language.md, sections
// "Fiscal years", "Plan versions", "Rep assignments", "Currencies"). The checker calls these
// through a small host, so the logic lives here and the checker keeps only one-line hooks.
import type * as A from '../syntax/ast.js';
import type { Span } from '../syntax/span.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Semantics } from './checker.js';
import type { Type } from './types.js';
import { checkFiscal, checkFiscalPlan } from './fiscal.js';
import { checkConvert, checkFx, checkPayoutCurrency } from './currency.js';
import { checkAssignments } from './assignments.js';
import { checkEffective, checkVersionDecl, checkVersionOrder } from './versions.js';

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

export function checkTimeMoneyItem(h: TimeMoneyHost, item: A.TimeMoneyItem): void {
  switch (item.kind) {
    case 'FiscalDecl':
      return checkFiscal(h, item);
    case 'VersionDecl':
      return checkVersionDecl(h, item);
    case 'EffectiveDecl':
      return checkEffective(h, item);
    case 'FxDecl':
      return checkFx(h, item);
    case 'PayoutCurrencyDecl':
      return checkPayoutCurrency(h, item);
  }
}

/** Checks that need the whole plan: roster assignments, fiscal periods, version order. */
export function checkTimeMoneyPlan(h: TimeMoneyHost): void {
  if (h.s.roster?.decl.assignments) checkAssignments(h, h.s.roster.decl, h.s.roster.decl.assignments);
  checkFiscalPlan(h);
  checkVersionOrder(h);
}

export { checkConvert };
