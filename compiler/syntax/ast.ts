// The abstract syntax tree of a `.comp` plan.
//
// Produced by `lower-cst.ts` from chevrotain's CST. Every node carries a span (UTF-16 offsets,
// end exclusive). The parser recovers from errors, so every child that the grammar requires
// may still be missing (`undefined`) in a tree built from broken text: consumers must cope.
// The node base and the expressions are in ast-expr.ts, components' clauses in ast-clauses.ts:
// both are re-exported here, so `import type * as A from './ast.js'` sees the whole tree.
import type { Span } from './span.js';
import type { DateLit, Expr, Name, Node, NumberLit, StringLit } from './ast-expr.js';
import type { Clause, TierTable } from './ast-clauses.js';

export type * from './ast-expr.js';
export type * from './ast-clauses.js';

/** `## ...` lines directly above a declaration, joined with newlines, without the markers. */
export type Doc = string | undefined;

export interface Plan extends Node {
  kind: 'Plan';
  items: Item[];
  /** All comments in the file, in order (the formatter keeps them). */
  comments: Comment[];
}

export interface Comment extends Node {
  text: string; // including the leading `#` / `##`
  doc: boolean;
}

export type Item =
  | PlanHeader
  | CurrencyDecl
  | PeriodsDecl
  | RoundingDecl
  | TableDecl
  | CreditRule
  | LetDecl
  | TiersDecl
  | ComponentDecl
  | DrawDecl
  | TargetDecl
  | CurveDecl
  | ScorecardDecl
  | TimeMoneyItem
  | BalanceItem
  | CalendarDecl;

/** `plan "Field Sales FY2026"` */
export interface PlanHeader extends Node {
  kind: 'PlanHeader';
  title?: StringLit;
  doc: Doc;
}

/** `currency USD` */
export interface CurrencyDecl extends Node {
  kind: 'CurrencyDecl';
  code?: Name;
}

/** `periods monthly from 2026-01 to 2026-12` ; `periods every 2 weeks from 2026-01-05 to 2026-03-01` */
export interface PeriodsDecl extends Node {
  kind: 'PeriodsDecl';
  frequency?: Name; // monthly | quarterly | annual | weekly ; for `every N weeks` frequency.text = 'weeks'
  every?: NumberLit; // N in `every N weeks`
  from?: Expr; // DateLit or PeriodLit
  to?: Expr;
  /** `periods from calendar retail`: the periods are the rows of a calendar table (section 2). */
  calendar?: Name;
}

/** `calendar retail { "FY26-P01" from 2026-02-01 to 2026-02-28 ... }`: one row per period. */
export interface CalendarDecl extends Node {
  kind: 'CalendarDecl';
  name?: Name;
  rows: CalendarRow[];
  doc?: string;
}

export interface CalendarRow extends Node {
  kind: 'CalendarRow';
  key?: StringLit;
  start?: DateLit;
  end?: DateLit;
}

/** `rounding half away from zero to 0.01 per payout line` */
export interface RoundingDecl extends Node {
  kind: 'RoundingDecl';
  /** 'half away from zero' | 'half even' | 'half up' | 'half down' | 'up' | 'down' */
  mode?: string;
  modeSpan?: Span;
  place?: NumberLit;
  /** 'payout line' (the only one for now) */
  target?: string;
}

/** `roster reps from "reps.csv" { ... }` or `table deals from "deals.csv" { ... }` */
export interface TableDecl extends Node {
  kind: 'TableDecl';
  roster: boolean;
  name?: Name;
  source?: StringLit; // file name; default: `<name>.csv` or `<name>.json`
  fields: FieldDecl[];
  /** `team by manager` inside a roster */
  teamBy?: Name;
  /** `assignments from assignments` inside a roster: dated values of roster fields. */
  assignments?: Name;
  /** `employed from hire_date to end_date` inside a roster (proration). */
  employed?: { from?: Name; to?: Name; span: Span };
  /** `leave from leaves` inside a roster: the leave-of-absence table (proration). */
  leave?: { table?: Name; span: Span };
  doc: Doc;
}

/** `amount: money optional positive` */
export interface FieldDecl extends Node {
  kind: 'FieldDecl';
  name?: Name;
  type?: TypeRef;
  key: boolean;
  optional: boolean;
  positive: boolean;
  /** `where "GTXPro" means "GTX Pro"`: spellings in the data read as another value. */
  aliases: { from: StringLit; to?: StringLit; span: Span }[];
  /** `in 0%..100%`: every value of the field lies within these bounds (both included). */
  bounds?: { low: Expr; high: Expr; span: Span };
  doc: Doc;
}

/** `text`, `money`, `USD`, `rep`, `deals` ... resolved by the checker. */
export interface TypeRef extends Node {
  kind: 'TypeRef';
  name: Name;
}

/** `credit deals where deal.stage = "Won" amount deal.amount date deal.close_date to deal.owner split by splits` */
export interface CreditRule extends Node {
  kind: 'CreditRule';
  table?: Name;
  /** row variable, default `deal` (`credit deals as d`) */
  alias?: Name;
  where?: Expr;
  amount?: Expr;
  date?: Expr;
  to?: Expr;
  splitBy?: Name;
  doc: Doc;
}

/** `let quota = rep.monthly_quota` */
export interface LetDecl extends Node {
  kind: 'LetDecl';
  name?: Name;
  value?: Expr;
  doc: Doc;
}

/** `tiers accelerator marginal { from 0% to 100% pays 8% ... }` */
export interface TiersDecl extends Node {
  kind: 'TiersDecl';
  name?: Name;
  table?: TierTable;
  doc: Doc;
}

export interface ComponentDecl extends Node {
  kind: 'ComponentDecl';
  name?: Name;
  label?: StringLit;
  clauses: Clause[];
  doc: Doc;
}

/** `draw recoverable USD 2,000 per period for rep.role = "AE" recover at most 50% per period` */
export interface DrawDecl extends Node {
  kind: 'DrawDecl';
  recoverable: boolean; // `draw recoverable` vs `guarantee`
  amount?: Expr;
  for?: Expr;
  /** `for first 3 months after rep.hire_date`: new-hire protection (the month of hire is month 1). */
  firstMonths?: { months?: NumberLit; after?: Expr; span: Span };
  recoverAtMost?: Expr;
  /** `forgiven on DATE`: the outstanding balance is written off in the period containing DATE. */
  forgivenOn?: Expr;
  doc: Doc;
}

/**
 * `target rep { monthly_quota: USD 50,000  role: "AE"  csat.score: 4.6 }`: the rep the editor
 * previews payouts for. Entries are roster fields, or `table.field` of a per-rep table.
 */
export interface TargetDecl extends Node {
  kind: 'TargetDecl';
  /** The word after `target` (`rep`). */
  subject?: Name;
  entries: TargetEntry[];
  doc: Doc;
}

export interface TargetEntry extends Node {
  kind: 'TargetEntry';
  /** `csat` in `csat.score`; absent for a roster field. */
  table?: Name;
  field?: Name;
  value?: Expr;
}

// ---------------------------------------------------------------- curves, scorecards

/** `curve payout linear { at 50% pays 25% ... below 50% pays 0% above 150% slope 1.5 }` */
export interface CurveDecl extends Node {
  kind: 'CurveDecl';
  name?: Name;
  mode?: 'linear' | 'steps';
  points: CurvePoint[];
  doc: Doc;
}

/** `at X pays Y` | `below X pays Y` | `above X slope S` | `above X capped` */
export interface CurvePoint extends Node {
  kind: 'CurvePoint';
  which: 'at' | 'below' | 'above';
  x?: Expr;
  /** `pays Y` of `at` and `below` */
  y?: Expr;
  /** `slope S` of `above` */
  slope?: Expr;
  /** `above X capped` */
  capped?: boolean;
}

/** `scorecard mbo { metric ... all metrics at least 50% of target }` */
export interface ScorecardDecl extends Node {
  kind: 'ScorecardDecl';
  name?: Name;
  metrics: MetricDecl[];
  /** `all metrics at least X of target` */
  gate?: Expr;
  gateSpan?: Span;
  doc: Doc;
}

/** `metric retention weight 40% actual kpis.retention target 95% higher is better cap 120%` */
export interface MetricDecl extends Node {
  kind: 'MetricDecl';
  name?: Name;
  weight?: Expr;
  actual?: Expr;
  target?: Expr;
  direction?: 'higher' | 'lower';
  cap?: Expr;
}

// ---------------------------------------------------------------- time and money

/** Fiscal years, plan versions, effective dates, FX rates, payout currencies (see docs/language.md). */
export type TimeMoneyItem = FiscalDecl | VersionDecl | EffectiveDecl | FxDecl | PayoutCurrencyDecl;

/** `fiscal year starts February` */
export interface FiscalDecl extends Node {
  kind: 'FiscalDecl';
  month?: Name;
}

/** `version "H2 2026" effective 2026-07-01 { let ... tiers ... component ... draw ... }` */
export interface VersionDecl extends Node {
  kind: 'VersionDecl';
  title?: StringLit;
  effective?: DateLit;
  /** Lets, tiers, components and draws that replace (same name) or add to the plan's from `effective`. */
  items: (LetDecl | TiersDecl | ComponentDecl | DrawDecl)[];
  doc: Doc;
}

/** `effective from 2026-01-01 to 2026-06-30` (in a plan file that is one version among several files) */
export interface EffectiveDecl extends Node {
  kind: 'EffectiveDecl';
  from?: DateLit;
  to?: DateLit;
}

/** `fx rates from "fx.csv"` : a table with columns from, to, date, rate. */
export interface FxDecl extends Node {
  kind: 'FxDecl';
  source?: StringLit;
}

/** `payout currency rep.payout_currency` */
export interface PayoutCurrencyDecl extends Node {
  kind: 'PayoutCurrencyDecl';
  value?: Expr;
}


// ---------------------------------------------------------------- balances and shown values

export type BalanceItem = OpeningDecl | NegativeBalanceDecl | ShowDecl;

/** `opening owed rep.owed_2025` | `opening draw balance rep.draw_2025`: balances carried into the first period. */
export interface OpeningDecl extends Node {
  kind: 'OpeningDecl';
  what?: 'owed' | 'draw balance';
  whatSpan?: Span;
  value?: Expr;
}

/** `negative balance carried forward` | `negative balance due` | `negative balance written off` */
export interface NegativeBalanceDecl extends Node {
  kind: 'NegativeBalanceDecl';
  rule?: 'carried forward' | 'due' | 'written off';
}

/** `show units, margin`: lets shown as columns of `comp run`. */
export interface ShowDecl extends Node {
  kind: 'ShowDecl';
  names: Name[];
}
