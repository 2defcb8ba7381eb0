// What the checker finds (compiler/semantics/checker.ts): the shapes of a checked plan that lowering,
// the analysis API and the IDE read, and the scope an expression is checked in. Types only.
import type * as A from '../syntax/ast.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Reference, SymbolInfo } from './symbols.js';
import type { BuiltinFn, FieldType } from '../../runtime/ir.js';
import type { Type } from './types.js';
import type { BonusSemantics } from './bonus-host.js';
import type { CalendarInfo } from './calendars.js';
import type { EmploymentInfo } from './proration.js';
import type { TimeMoneyInfo } from './time-money-info.js';
import type { BalancesInfo } from './balances.js';

export type Resolution =
  | { k: 'let'; name: string }
  | { k: 'ctx'; name: 'rep' | 'period' | 'row' | 'event' }
  | { k: 'table'; name: string }
  | { k: 'tiers'; name: string }
  | { k: 'field'; table: string; field: string }
  | { k: 'lookup'; table: string; field: string }
  | { k: 'periodField'; field: 'start' | 'end' }
  | { k: 'fn'; name: BuiltinFn }
  /** Proration and credit rules: `days_employed`, `prorate(...)`, `seasonal(...)`, `team quota` (proration.ts, credit-rules.ts). */
  | { k: 'mechanic'; name: string }
  /** Payout curves, scorecards, another rep's let (compiler/semantics/curves.ts, scorecards.ts, bonuses.ts). */
  | { k: 'curve'; name: string }
  | { k: 'scorecard'; name: string }
  | { k: 'repLet'; name: string };

export interface FieldInfo {
  decl: A.FieldDecl;
  name: string;
  type: Type;
  irType: FieldType;
  table: string;
}

export interface TableInfo {
  decl: A.TableDecl;
  name: string;
  roster: boolean;
  fields: Map<string, FieldInfo>;
  key?: string;
  repField?: string;
  periodField?: string;
}

export interface LetInfo {
  decl: A.LetDecl;
  name: string;
  type: Type;
}

export interface TiersInfo {
  name: string;
  table: A.TierTable;
  axis: 'attainment' | 'amount' | 'unknown';
  decl?: A.TiersDecl;
}

export interface CreditInfo {
  rule: A.CreditRule;
  table: string;
  alias: string;
  split?: { table: string; dealField: string; repField: string; shareField: string; overlayField?: string };
}

export interface ClawbackInfo {
  clause: A.ClawbackClause;
  events: string;
  dealField: string;
  dateField: string;
}

export interface Semantics {
  currency: string;
  title?: string;
  types: Map<A.Expr, Type>;
  res: Map<A.Node, Resolution>;
  tables: Map<string, TableInfo>;
  roster?: TableInfo;
  teamBy?: string;
  lets: Map<string, LetInfo>;
  /** Lets in dependency order. */
  letOrder: string[];
  tiers: Map<string, TiersInfo>;
  /** Inline tier tables of components. */
  inlineTiers: Map<A.TierTable, TiersInfo>;
  credits: CreditInfo[];
  clawbacks: Map<A.ClawbackClause, ClawbackInfo>;
  symbols: SymbolInfo[];
  references: Reference[];
  diagnostics: Diagnostic[];
  /** Payout curves, scorecards, mentors (compiler/semantics/bonus-host.ts). */
  bonus?: BonusSemantics;
  /** `employed from ... to ...` and `leave from ...` in the roster (compiler/semantics/proration.ts). */
  employment?: EmploymentInfo;
  /** Fiscal year, versions, assignments, FX (compiler/semantics/time-money.ts). */
  timeMoney?: TimeMoneyInfo;
  /** Opening balances, the negative-balance rule, shown lets (compiler/semantics/balances.ts). */
  balances?: BalancesInfo;
  /** `periods from calendar NAME`: the calendar's rows, when sound (compiler/semantics/calendars.ts). */
  calendar?: CalendarInfo;
}

/** What is in scope for an expression. */
export interface Ctx {
  /** Rep-period names (rep, period, credit, lets, per-rep tables). */
  rep: boolean;
  /** Description for "not available here" messages. */
  where: string;
  /** The row variable (credit rules, `credit where`, clawback proration), e.g. `deal`. */
  row?: { name: string; alias?: string; tables: string[] };
  event?: { name: string; table: string };
  /** Inside the value of `otherwise`: divisions are guarded. */
  guarded?: boolean;
  /** Lets currently being checked (cycle detection). */
}
