// The abstract syntax tree of a `.comp` plan.
//
// Produced by `lower-cst.ts` from chevrotain's CST. Every node carries a span (UTF-16 offsets,
// end exclusive). The parser recovers from errors, so every child that the grammar requires
// may still be missing (`undefined`) in a tree built from broken text: consumers must cope.
import type { Span } from './span.js';

export interface Node {
  span: Span;
}

/** An identifier as written, with its own span (used for hover, rename, definitions). */
export interface Name extends Node {
  text: string;
}

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

export type TierMode = 'marginal' | 'retroactive';

/** `tiers accelerator marginal { from 0% to 100% pays 8% ... }` */
export interface TiersDecl extends Node {
  kind: 'TiersDecl';
  name?: Name;
  table?: TierTable;
  doc: Doc;
}

export interface TierTable extends Node {
  kind: 'TierTable';
  mode?: TierMode;
  modeSpan?: Span;
  /** `bounds in lower band`: a shared bound belongs to the band below it (default: the band above). */
  boundsIn?: 'lower' | 'higher';
  /** The word after `band` as written (`band`), checked by the checker. */
  boundsWord?: { text: string; span: Span };
  bands: Band[];
}

/** `from 100% to 120% pays 12%` — owns `from`, not `to`; `to` absent means no upper bound. */
export interface Band extends Node {
  kind: 'Band';
  from?: Expr;
  to?: Expr;
  pays?: Expr;
}

export type Basis = 'per deal' | 'period total' | 'running total';

export interface ComponentDecl extends Node {
  kind: 'ComponentDecl';
  name?: Name;
  label?: StringLit;
  clauses: Clause[];
  doc: Doc;
}

export type Clause =
  | ForClause
  | OnClause
  | BasisClause
  | RateClause
  | GateClause
  | MultiplierClause
  | CapClause
  | ClawbackClause
  | PaysClause
  | PoolClause
  | MinimumClause
  | TrueUpClause
  | AdvanceClause
  | HoldbackClause
  | AttainmentChoiceClause
  | OpeningCreditClause;

/** `opening credit rep.bookings_before`: credit before the plan's first period, counted in its first measure to date. */
export interface OpeningCreditClause extends Node {
  kind: 'OpeningCreditClause';
  value?: Expr;
}

/** `for rep.role = "AE"`: which reps the component applies to. */
export interface ForClause extends Node {
  kind: 'ForClause';
  cond?: Expr;
}

/** `on credit` | `on team credit` | `on credit where deal.product = "X"` (a CreditExpr) */
export interface OnClause extends Node {
  kind: 'OnClause';
  measure?: Expr;
}

export interface BasisClause extends Node {
  kind: 'BasisClause';
  basis?: Basis;
  /** `basis year to date` / `basis quarter to date` (then `basis` is 'period total' of the to-date measure). */
  cumulative?: 'year' | 'quarter';
}

/** `true-up can be negative`: a cumulative component's true-up may be below zero. */
export interface TrueUpClause extends Node {
  kind: 'TrueUpClause';
}

/** `advance 50% settle at quarter end` */
export interface AdvanceClause extends Node {
  kind: 'AdvanceClause';
  share?: Expr;
  settle?: 'quarter' | 'year';
}

/** `hold back 20% until csat.score >= 4` | `hold back 20% until 2026-12-31` */
export interface HoldbackClause extends Node {
  kind: 'HoldbackClause';
  share?: Expr;
  until?: Expr;
}

/** `cancelled deals leave attainment` | `cancelled deals stay in attainment` */
export interface AttainmentChoiceClause extends Node {
  kind: 'AttainmentChoiceClause';
  /** The word after `cancelled` (must be `deals`). */
  noun?: Name;
  choice?: 'leave' | 'stay';
}

/** `within 12 months takes 100%` in a clawback schedule. */
export interface ScheduleRow extends Node {
  kind: 'ScheduleRow';
  within?: Expr; // a DurationLit
  share?: Expr;
}

/** `rate 10%` | `rate accelerator` (a tiers name) | `rate marginal { ... }` */
export interface RateClause extends Node {
  kind: 'RateClause';
  /** `rate by deal.product { "GTX Pro" pays 8%  otherwise pays 6% }` */
  byTable?: RateTable;
  value?: Expr; // flat rate or a name of tiers
  table?: TierTable; // inline tiers
}

/** `by deal.product { "GTX Pro", "GTX Plus" pays 8%  otherwise pays 6% }`: a rate per value of a deal field. */
export interface RateTable extends Node {
  kind: 'RateTable';
  key?: Expr;
  entries: RateEntry[];
}

/** One line of a rate table; `values` is empty for `otherwise`. */
export interface RateEntry extends Node {
  kind: 'RateEntry';
  values: StringLit[];
  otherwise: boolean;
  rate?: Expr;
}

/** `gate attainment >= 70%` */
export interface GateClause extends Node {
  kind: 'GateClause';
  cond?: Expr;
}

/** `multiplier x1.2 when focus_share >= 30%` */
export interface MultiplierClause extends Node {
  kind: 'MultiplierClause';
  factor?: Expr;
  when?: Expr;
}

/** `cap USD 10,000 per period` | `cap USD 5,000 per deal` | `cap attainment at 150%` */
export interface CapClause extends Node {
  kind: 'CapClause';
  per?: 'deal' | 'period' | 'attainment';
  limit?: Expr;
}

/** `clawback cancellations within 90 days full` | `... prorated by <expr>` [`net against later payouts`] */
export interface ClawbackClause extends Node {
  kind: 'ClawbackClause';
  events?: Name;
  within?: Expr; // a DurationLit
  /** `schedule { within 12 months takes 100% ... }` instead of `within`. */
  schedule?: ScheduleRow[];
  mode?: 'full' | 'prorated';
  prorate?: Expr;
  /** `prorated by unused term EXPR`: `prorate` is the term in months; share = unused months / term. */
  unusedTerm?: boolean;
  /** `takes P of credit` (ofCredit) or `takes AMOUNT`: the base taken back instead of what was paid. */
  takes?: Expr;
  takesOfCredit?: boolean;
  net: boolean;
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

// ---------------------------------------------------------------- expressions

export type Expr =
  | NumberLit
  | PercentLit
  | MoneyLit
  | StringLit
  | BoolLit
  | DateLit
  | PeriodLit
  | DurationLit
  | NameRef
  | FieldAccess
  | Binary
  | Unary
  | IfExpr
  | Otherwise
  | Call
  | CreditExpr
  | ConvertExpr
  | ErrorExpr;

/** `1,200.50` or `x1.2` (multiplier); `text` is the digits as written without `,` and `x`. */
export interface NumberLit extends Node {
  kind: 'NumberLit';
  text: string;
  integer: boolean;
}

/** `12.5%`; text = '12.5' */
export interface PercentLit extends Node {
  kind: 'PercentLit';
  text: string;
}

/** `USD 15,000`; amount = '15000' */
export interface MoneyLit extends Node {
  kind: 'MoneyLit';
  currency: string;
  amount: string;
}

export interface StringLit extends Node {
  kind: 'StringLit';
  value: string;
}

export interface BoolLit extends Node {
  kind: 'BoolLit';
  value: boolean;
}

/** `2026-01-15` */
export interface DateLit extends Node {
  kind: 'DateLit';
  text: string;
}

/** `2026-01`, `2026-Q1`, `2026-H1` */
export interface PeriodLit extends Node {
  kind: 'PeriodLit';
  text: string;
}

/** `90 days`, `12 months` */
export interface DurationLit extends Node {
  kind: 'DurationLit';
  amount: string;
  unit: 'days' | 'months';
}

export interface NameRef extends Node {
  kind: 'NameRef';
  name: Name;
  /** `team quota at level 2`, `team attainment by product_lead`: whose quotas (section 23). */
  team?: CreditExpr;
}

export interface FieldAccess extends Node {
  kind: 'FieldAccess';
  target: Expr;
  field?: Name; // missing while typing `rep.`
}

export type BinaryOp = '+' | '-' | '*' | '/' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or' | 'within';

export interface Binary extends Node {
  kind: 'Binary';
  op: BinaryOp;
  opSpan: Span;
  left: Expr;
  right?: Expr;
}

export interface Unary extends Node {
  kind: 'Unary';
  op: '-' | 'not';
  operand?: Expr;
}

export interface IfExpr extends Node {
  kind: 'IfExpr';
  cond?: Expr;
  then?: Expr;
  else?: Expr;
}

/** `a otherwise b`: b when a cannot be computed (division by zero, missing row). */
export interface Otherwise extends Node {
  kind: 'Otherwise';
  value: Expr;
  fallback?: Expr;
}

/** `min(a, b)`, `ramp(months_since(rep.hire_date), 0%, 25%, 100%)` */
export interface Call extends Node {
  kind: 'Call';
  callee: Name;
  args: Expr[];
  /** `by days employed` / `by quarter` in `prorate(x, by days employed)`, `seasonal(x, by quarter 20%, ...)`:
   *  the words after `by`, and the position in `args` of the value written after them (if any). */
  by?: { words: string[]; span: Span; at: number };
  /** `round(x, to 0.01, half even)`: the position in `args` of the `to` value, and the mode's words. */
  to?: number;
  mode?: { text: string; span: Span };
  /** `sum(deal.units where COND)`: the condition an aggregate's rows meet (docs/language.md section 22). */
  where?: Expr;
}

/** `credit`, `team credit`, `credit where deal.product = "X"` */
export interface CreditExpr extends Node {
  kind: 'CreditExpr';
  team: boolean;
  where?: Expr;
  /** `team credit by product_lead`: the roster field (a rep) that makes the hierarchy (section 23). */
  by?: Name;
  /** `at level 2` (reports of reports), `at all levels`; absent: level 1 (direct reports). */
  level?: { n: number | 'all'; span: Span };
}

/** Stands where the parser recovered and found no expression. */
export interface ErrorExpr extends Node {
  kind: 'ErrorExpr';
}

// ---------------------------------------------------------------- curves, scorecards, bonuses

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

/** `pays EXPR [per deal | per unit of EXPR | per mentee] [where COND]` */
export interface PaysClause extends Node {
  kind: 'PaysClause';
  amount?: Expr;
  per?: 'deal' | 'unit' | 'mentee';
  units?: Expr;
  /** `in full`: each split rep is paid the whole amount, not its credited share. */
  inFull?: boolean;
  where?: Expr;
}

/** `pool EXPR per team split equally | split by credit share` */
export interface PoolClause extends Node {
  kind: 'PoolClause';
  amount?: Expr;
  rule?: 'equally' | 'credit share';
}

/** `minimum USD 500 per period` */
export interface MinimumClause extends Node {
  kind: 'MinimumClause';
  amount?: Expr;
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

/** `convert(deal.amount, to USD, on deal.close_date)`: the rate in force on the date (latest on or before it). */
export interface ConvertExpr extends Node {
  kind: 'ConvertExpr';
  amount?: Expr;
  /** `from deal.currency`: the amount is a number in the currency this text names (per row). */
  from?: Expr;
  currency?: Name;
  date?: Expr;
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
