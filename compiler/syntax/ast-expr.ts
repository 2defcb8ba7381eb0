// The abstract syntax tree of a `.comp` plan: the node base (`Node`, `Name`) and the expressions.
// ast.ts re-exports everything here; import the AST from there (`import type * as A from './ast.js'`).
//
// Every node carries a span (UTF-16 offsets, end exclusive). The parser recovers from errors, so
// every child that the grammar requires may still be missing (`undefined`): consumers must cope.
import type { Span } from './span.js';

export interface Node {
  span: Span;
}

/** An identifier as written, with its own span (used for hover, rename, definitions). */
export interface Name extends Node {
  text: string;
}

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

/** `convert(deal.amount, to USD, on deal.close_date)`: the rate in force on the date (latest on or before it). */
export interface ConvertExpr extends Node {
  kind: 'ConvertExpr';
  amount?: Expr;
  /** `from deal.currency`: the amount is a number in the currency this text names (per row). */
  from?: Expr;
  currency?: Name;
  date?: Expr;
}
