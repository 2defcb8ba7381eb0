// The abstract syntax tree of a `.comp` plan: what a component is made of (its clauses, tier
// tables, rate tables). ast.ts re-exports everything here; import the AST from there.
import type { Span } from './span.js';
import type { Expr, Name, Node, StringLit } from './ast-expr.js';

export type TierMode = 'marginal' | 'retroactive';

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
