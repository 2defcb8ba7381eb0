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
  | TargetDecl;

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
  | ClawbackClause;

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
}

/** `rate 10%` | `rate accelerator` (a tiers name) | `rate marginal { ... }` */
export interface RateClause extends Node {
  kind: 'RateClause';
  value?: Expr; // flat rate or a name of tiers
  table?: TierTable; // inline tiers
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
  mode?: 'full' | 'prorated';
  prorate?: Expr;
  net: boolean;
}

/** `draw recoverable USD 2,000 per period for rep.role = "AE" recover at most 50% per period` */
export interface DrawDecl extends Node {
  kind: 'DrawDecl';
  recoverable: boolean; // `draw recoverable` vs `guarantee`
  amount?: Expr;
  for?: Expr;
  recoverAtMost?: Expr;
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
}

export interface FieldAccess extends Node {
  kind: 'FieldAccess';
  target: Expr;
  field?: Name; // missing while typing `rep.`
}

export type BinaryOp = '+' | '-' | '*' | '/' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

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
}

/** `credit`, `team credit`, `credit where deal.product = "X"` */
export interface CreditExpr extends Node {
  kind: 'CreditExpr';
  team: boolean;
  where?: Expr;
}

/** Stands where the parser recovered and found no expression. */
export interface ErrorExpr extends Node {
  kind: 'ErrorExpr';
}
