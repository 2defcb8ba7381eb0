// The plain-data contract between the compiler and the runtime.
//
// The compiler lowers a checked plan to a `PlanIR` (JSON-serialisable: no classes, no
// Decimals, numbers as decimal strings). The runtime compiles it once into closures and
// evaluates it over a `Dataset`. Nothing here refers to source text except `text` fields,
// which hold the plan's own wording for traces ("attainment >= 70%").

// ------------------------------------------------------------------ plan

export type RoundingMode = 'half away from zero' | 'half even' | 'half up' | 'half down' | 'up' | 'down';

export interface PlanIR {
  name: string;
  /** ISO 4217 code of the plan currency, e.g. 'USD'. */
  currency: string;
  periods: PeriodsIR;
  /** Applied to each payout line (component line, clawback line, draw line); never in between. */
  rounding: { mode: RoundingMode; place: string };
  tables: TableIR[];
  /** Name of the roster table (one row per rep; its key identifies reps). */
  roster: string;
  /** Roster field (a rep reference) whose value is a rep's manager: defines `team credit`. */
  teamBy?: string;
  credits: CreditRuleIR[];
  /** In dependency order: each may use the ones before it. */
  lets: LetIR[];
  components: ComponentIR[];
  draws: DrawIR[];
  /** Time and money (runtime/mechanics/versions.ts, assignments.ts, currency.ts). */
  versions?: VersionIR[];
  /** The FX rates table (in `tables`): columns from, to, date, rate. */
  fx?: { table: string };
  /** `payout currency rep.payout_currency`: a text expression in a rep's period. */
  payoutCurrency?: { expr: Expr; text: string };
  assignments?: AssignmentsIR;
  /** Scorecards, listed for the trace (each use in an expression carries its own copy). */
  scorecards?: ScorecardIR[];
  /** `employed from ... to ...` / `leave from ...` in the roster (proration). */
  employment?: EmploymentIR;
  /** Opening balances and the rule for a negative period total (runtime/mechanics/balances.ts). */
  balances?: BalancesIR;
  /** `show units, margin`: lets shown as columns of `comp run` (their values are in every statement's `values`). */
  show?: string[];
}

/** `team credit by FIELD at level N | at all levels` (docs/language.md section 23): the credit of the
 *  reps N levels below (all levels: every rep below) along the roster field FIELD, in force in the period. */
export interface HierarchyIR {
  by: string;
  level: number | 'all';
}

/** `opening owed EXPR`, `opening draw balance EXPR`, `negative balance carried forward | due | written off`. */
export interface BalancesIR {
  /** Absent: `carried forward`. */
  negative?: 'carried forward' | 'due' | 'written off';
  /** Evaluated for each rep in the first period: the balance owed before it. */
  openingOwed?: { expr: Expr; text: string };
  /** Evaluated for each rep in the first period: the recoverable draw balance before it. */
  openingDraw?: { expr: Expr; text: string };
}

export interface PeriodsIR {
  /** 'semimonth': the 1st-15th and the 16th-last day of each month, keyed by their first day. */
  frequency: 'month' | 'quarter' | 'year' | 'week' | 'semimonth' | 'calendar';
  /** `periods from calendar NAME`: the calendar's rows in date order (keys as written); `from`/`to` are the first start and the last end. */
  calendar?: { key: string; start: string; end: string }[];
  /** `every 2 weeks` -> 2; 1 otherwise. */
  every: number;
  /** `fiscal year starts February` -> 2: quarters and years are fiscal (keys `FY2027-Q1`, `FY2027`). Absent or 1: calendar. */
  fiscalStart?: number;
  /** ISO dates, inclusive. `from` is the start of the first period; `to` is inside the last. */
  from?: string;
  to?: string;
}

export type FieldType =
  | { t: 'text' }
  | { t: 'date' }
  | { t: 'period' }
  | { t: 'boolean' }
  | { t: 'integer' }
  | { t: 'decimal' }
  | { t: 'percent' }
  | { t: 'money'; currency: string }
  | { t: 'ref'; table: string };

export interface FieldIR {
  name: string;
  type: FieldType;
  optional: boolean;
  /** Declared `positive`: the loader rejects zero and negative values. */
  positive: boolean;
  /** `where "GTXPro" means "GTX Pro"`: raw data text -> the text it is read as, before validation. */
  aliases?: Record<string, string>;
  /** `in 0%..100%`: every value lies within (both included); decimal text (percents as fractions) or ISO dates. */
  bounds?: { low: string; high: string; text: string };
}

export interface TableIR {
  name: string;
  /** File name as declared or defaulted, e.g. 'deals.csv' (the loader also accepts '.json'). */
  source: string;
  roster: boolean;
  key?: string;
  fields: FieldIR[];
  /** For tables read per rep (`csat.score`): the field holding the rep, and the period field if any. */
  repField?: string;
  periodField?: string;
}

// ------------------------------------------------------------------ expressions

/** The type of a value, for display in traces and results. */
export type ValueType =
  | 'money'
  | 'percent'
  | 'decimal'
  | 'integer'
  | 'date'
  | 'period'
  | 'text'
  | 'boolean'
  | 'row'
  | 'duration';

export type Expr =
  /** A number. Percent literals are already fractions: `8%` -> value '0.08', unit 'percent'. */
  | { k: 'num'; value: string; unit: 'money' | 'percent' | 'decimal' | 'integer' }
  | { k: 'text'; value: string }
  | { k: 'bool'; value: boolean }
  /** ISO date 'YYYY-MM-DD'. */
  | { k: 'date'; value: string }
  /** '2026-01', '2026-Q1', '2026-H1' */
  | { k: 'period'; value: string }
  | { k: 'duration'; amount: number; unit: 'days' | 'months' }
  /** Context values: the current rep (roster row), the current period, the row being credited
   *  (`deal` in credit rules, `credit where`, clawback proration), the clawback event row. */
  | { k: 'ctx'; name: 'rep' | 'period' | 'row' | 'event' }
  | { k: 'let'; name: string }
  /** Field of a row or period (`period.start`, `period.end`); a ref field yields the referenced row. */
  | { k: 'field'; of: Expr; name: string }
  /** A per-rep (and per-period) table read in the current context: `csat.score`. */
  | { k: 'lookup'; table: string; field: string; at?: PlanAt }
  /** `at`: where a division is written (run errors point at it). */
  | { k: 'bin'; op: '+' | '-' | '*' | '/' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or'; l: Expr; r: Expr; at?: PlanAt }
  | { k: 'neg'; e: Expr }
  | { k: 'not'; e: Expr }
  | { k: 'if'; c: Expr; t: Expr; e: Expr }
  /** `value otherwise fallback`: fallback when value divides by zero or reads a missing row/field. */
  | { k: 'otherwise'; e: Expr; fallback: Expr }
  /** `round(x, to 0.01, half even)`: `round` gives the place and the mode (absent: the plan's). */
  | { k: 'call'; fn: BuiltinFn; args: Expr[]; round?: { place: string; mode?: RoundingMode } }
  /** Sum of credited amounts for the current rep (or its team) in the current period. */
  | { k: 'credit'; team: boolean; where?: Expr; hierarchy?: HierarchyIR }
  /** `convert(e, to USD, on date)`: e (money in `from`) times the FX rate in force on the date; with
   *  `from deal.currency`, `fromExpr` gives the currency per row (and `from` is '') */
  | { k: 'convert'; e: Expr; from: string; to: string; on: Expr; fromExpr?: Expr }
  /** Proration and credit rules (docs/language.md sections 10-11; runtime/mechanics/proration.ts, credit-rules.ts). */
  | ProrationExpr
  | CreditRuleExpr
  /** Payout curves, scorecards, another rep's lets (docs/language.md sections on bonuses; runtime/mechanics/curves.ts, scorecards.ts). */
  | BonusExpr
  /** Aggregates over related rows, ancestor tests (docs/language.md sections 22 and 24; runtime/mechanics/relations.ts). */
  | RelationExpr
  /** `effective_rate(commission)`: what the component's rate or tiers paid over the credit it paid on, in the rep's period (runtime/mechanics/effective-rate.ts). */
  | { k: 'effectiveRate'; component: string; at?: PlanAt };

/**
 * `sum(deal.units where COND)`, `count(expenses)`, `min(...)`, `max(...)`: over the rep's credited
 * rows of the period (`credits`), or over the rows of a table whose rep field names the rep and
 * whose date (or period) field falls in the period. `value` is absent for `count`.
 * `a within b`: a row of a self-referencing table is b or below it (`parentField` chains up).
 */
export type RelationExpr =
  | {
      k: 'agg';
      fn: 'sum' | 'count' | 'min' | 'max';
      source: { k: 'credits' } | { k: 'table'; table: string; repField: string; dateField?: string; periodField?: string };
      value?: Expr;
      where?: Expr;
      text: string;
    }
  | { k: 'within'; e: Expr; ancestor: Expr; table: string; parentField: string };

/** Employment values in a rep's period, a prorated value, a seasonal share of an annual value. */
export type ProrationExpr =
  | { k: 'employment'; what: 'days employed' | 'months employed' | 'days in period' | 'months in period' }
  | { k: 'prorate'; of: Expr; by: 'days' | 'months' }
  /** `weights` are fractions ('0.2'), 4 (by quarter) or 12 (by month), summing to 1. */
  | { k: 'seasonal'; of: Expr; by: 'quarter' | 'month'; weights: string[] };

/** A rate looked up by a field of the deal being paid; team quota and team attainment. */
export type CreditRuleExpr =
  | { k: 'rateBy'; key: Expr; text: string; entries: { values: string[]; rate: Expr }[]; otherwise?: Expr }
  /** The built-in `team quota` (sum of the members' `quota`) and `team attainment` (team credit / team quota). */
  | { k: 'team'; what: 'quota' | 'attainment'; hierarchy?: HierarchyIR };

/** `employed from hire_date to end_date` and `leave from leaves` in the roster. */
export interface EmploymentIR {
  /** Roster date fields: first and last day employed (inclusive); empty = open. */
  from: string;
  to?: string;
  /** Leave of absence table: rep field and inclusive start and end date fields. */
  leave?: { table: string; repField: string; startField: string; endField: string };
}

export type BuiltinFn =
  | 'min'
  | 'max'
  | 'abs'
  /** days_between(a, b): whole days from date a to date b (b - a). */
  | 'days_between'
  /** months_between(a, b): whole calendar months from a's month to b's month. */
  | 'months_between'
  /** months_since(d): 1 in the month of d, 2 the month after... measured at the current period's start. */
  | 'months_since'
  /** round(x, to 0.01, half even): x rounded to a multiple of the place. */
  | 'round'
  /** ramp(n, v1, v2, ..., vk): v1 when n <= 1, vn for n in 1..k, vk after. */
  | 'ramp';

// ------------------------------------------------------------------ rules

export interface CreditRuleIR {
  table: string;
  at?: PlanAt;
  /** Row filter, evaluated with ctx row = the source row. */
  where?: Expr;
  amount: Expr;
  date: Expr;
  /** The rep credited when the row has no split rows: evaluates to a roster row. */
  to: Expr;
  split?: SplitIR;
  text: string;
}

/** A splits table: per deal, one row per rep with a share; overlay rows are exempt from the 100% rule. */
export interface SplitIR {
  table: string;
  dealField: string;
  repField: string;
  shareField: string;
  overlayField?: string;
}

export interface LetIR {
  name: string;
  type: ValueType;
  expr: Expr;
  text: string;
  at?: PlanAt;
}

export type Basis = 'per deal' | 'period total' | 'running total';

export interface BandIR {
  /** Lower bound, owned by the band: a fraction for attainment bands, an amount otherwise. */
  from: string;
  /** Upper bound, not owned; absent = no upper bound. */
  to?: string;
  rate: Expr;
  text: string;
}

export type RateIR =
  | { k: 'flat'; expr: Expr; text: string }
  | {
      k: 'tiers';
      /** Name of the tiers declaration, when named. */
      name?: string;
      mode: 'marginal' | 'retroactive';
      /** 'attainment': bounds are fractions of quota; 'amount': bounds are amounts of the measure. */
      axis: 'attainment' | 'amount';
      /** `bounds in lower band`: a band owns its `to` and not its `from` (the first band owns both). */
      boundsIn?: 'lower';
      bands: BandIR[];
    };

export interface ComponentIR {
  name: string;
  label: string;
  at?: PlanAt;
  /** Which reps it applies to (rep context); absent = all reps. */
  appliesTo?: Expr;
  measure: { team: boolean; where?: Expr; text: string; hierarchy?: HierarchyIR };
  basis: Basis;
  rate: RateIR;
  /**
   * For attainment tiers: the quota (rep-period context) that turns an amount of the measure into
   * attainment, and the plan's stated attainment to use when that quota is zero.
   */
  quota?: Expr;
  attainment?: Expr;
  gates: { cond: Expr; text: string }[];
  multipliers: { factor: Expr; when?: Expr; text: string }[];
  caps: { per: 'deal' | 'period'; limit: Expr; text: string }[];
  /** `cap attainment at 150%`: the measure paid is limited to quota x this fraction. */
  attainmentCap?: { limit: Expr; text: string };
  clawbacks: ClawbackIR[];
  /**
   * `basis year to date` / `basis quarter to date` (runtime/mechanics/cumulative.ts): the measure,
   * quota and attainment accumulate from the start of the scope; each period pays the amount owed to
   * date minus what this component already paid in the scope. `negative`: `true-up can be negative`.
   */
  cumulative?: { scope: 'year' | 'quarter'; negative: boolean; text: string; opening?: { expr: Expr; text: string } };
  /** `advance 50% settle at quarter end`: pay the share now, the rest in the scope's last period. */
  advance?: { share: Expr; settle: 'quarter' | 'year'; text: string };
  /** `hold back 20% until COND|DATE`: the share is held until the condition first holds (or the date is reached). */
  holdback?: { share: Expr; until: Expr; untilDate: boolean; text: string };
  /** `cancelled deals leave attainment` / `stay in attainment`; absent: stay. */
  cancelledDeals?: 'leave' | 'stay';
  /** `pays ...`, `pool ...`, `minimum ...` (runtime/mechanics/bonuses.ts). */
  bonus?: BonusIR;
}

export interface ClawbackIR {
  /** Events table (e.g. cancellations) with a reference to the credited table and a date. */
  events: string;
  dealField: string;
  dateField: string;
  /** Window from the credit date to the event date, inclusive of its last day. */
  within: { amount: number; unit: 'days' | 'months' };
  mode: 'full' | 'prorated';
  /**
   * `takes P of credit` (`ofCredit`: P x the rep's credit of the deal) or `takes AMOUNT` (money, x
   * the rep's split share): the base taken back instead of what the component paid on the deal.
   */
  takes?: { amount: Expr; ofCredit: boolean; text: string };
  /** Share to claw back when prorated (ctx row = the deal, ctx event = the event row). */
  prorate?: Expr;
  /** `prorated by unused term EXPR`: `prorate` is the term in months; share = unused months / term. */
  unusedTerm?: boolean;
  /** `schedule { within 12 months takes 100% ... }`: the first window containing the event gives the share. */
  schedule?: { within: { amount: number; unit: 'days' | 'months' }; share: Expr; text: string }[];
  text: string;
}

export interface DrawIR {
  /** true: recoverable draw (advance, recovered later); false: guarantee (nothing owed). */
  recoverable: boolean;
  amount: Expr;
  appliesTo?: Expr;
  /** Maximum recovered in one period: a share of earnings above the draw, or an amount. */
  recoverAtMost?: Expr;
  recoverAtMostUnit?: 'percent' | 'money';
  /** `for first 3 months after rep.hire_date`: applies to periods overlapping months 1..N (the month of the date is month 1). */
  firstMonths?: { months: number; after: Expr; text: string };
  /** `forgiven on DATE`: the balance left after the period containing DATE is written off; the draw ends there. */
  forgivenOn?: Expr;
  text: string;
}

// ------------------------------------------------------------------ data

/** A parsed, validated input value. Decimals are decimal.js instances (see runtime/decimal.ts). */
export type Value = import('./decimal.js').Decimal | string | boolean | DateValue | PeriodValue | RowValue | null;

export interface DateValue {
  kind: 'date';
  /** 'YYYY-MM-DD' */
  iso: string;
}

export interface PeriodValue {
  kind: 'period';
  /** '2026-01', '2026-Q1', '2026-H1', '2026', or '2026-01-05' for week-based periods (the start). */
  key: string;
  start: string;
  end: string;
}

export interface RowValue {
  kind: 'row';
  table: string;
  /** The key value, or the row's position for tables without a key. */
  key: string;
  values: Record<string, Value>;
  /** Where the row came from, for messages: file and 1-based line. */
  loc: { file: string; line: number };
}

/** Validated input: rows per table; ref fields hold the referenced key as a string. */
export type Dataset = Record<string, RowValue[]>;

// ------------------------------------------------------------------ results

export interface RunResult {
  plan: string;
  currency: string;
  periods: PeriodValue[];
  /** One per rep per period evaluated, sorted by period then rep key. */
  statements: Statement[];
  summary: Summary;
}

export interface Statement {
  rep: string;
  period: string;
  /** The plan version that paid this period (plans with versions). */
  version?: string;
  /** `payout currency`: `paid` converted at the period end's rate, then rounded. */
  payout?: { currency: string; rate: string; rateDate: string; paid: string };
  /** Payout lines in order: components, clawbacks, draw advance / recovery. Rounded amounts. */
  lines: PayoutLine[];
  /** Sum of component lines. */
  earned: string;
  clawedBack: string;
  /** What is paid this period: never negative, except under `negative balance due` (the rep owes it now). */
  paid: string;
  /** Clawback balance the rep still owes after this period (carried forward). */
  owed: string;
  /** Outstanding recoverable draw after this period. */
  drawBalance: string;
  /** Draw balance written off this period (`forgiven on`), when any. */
  drawForgiven?: string;
  /** A negative net written off this period (`negative balance written off`), when any. */
  writtenOff?: string;
  /** Earned but not yet paid after this period (advance remainders and holdbacks), when any. */
  held?: string;
  /** What each credited deal earned, per component (exact, before the line's rounding). */
  deals?: DealLine[];
  /** The value of every `let` for this rep and period (quota, attainment, ...), as decimal text. */
  values?: Record<string, string>;
  /** The period is closed in the ledger (`comp run --ledger`): these are the recorded lines. */
  closed?: { seq: number; closedAt: string; closedBy: string };
  trace: TraceNode[];
}

export interface DealLine {
  component: string;
  /** Key of the credited row. */
  deal: string;
  /** The rep's credited amount of the deal. */
  credit: string;
  /** What the component paid on it, exact. */
  amount: string;
}

export interface PayoutLine {
  /** `adjustment`: a difference in a closed period, paid in the first open one (`comp run --ledger`). */
  kind: 'component' | 'clawback' | 'balance' | 'draw' | 'recovery' | 'guarantee' | 'adjustment';
  /** Component name for component and clawback lines. */
  name: string;
  label: string;
  /** Rounded, as a decimal string with the rounding place's digits. */
  amount: string;
  /** Before rounding. */
  exact: string;
  /** Adjustment lines: the closed period, line kind and name they correct. */
  adjusts?: { period: string; kind: string; name: string };
  /** Adjustment lines: what changed (deals, data files, the plan). */
  reason?: string;
}

/** A tree of explanations: each node says what was computed, from what, with the value. */
export interface TraceNode {
  /** e.g. 'component', 'deal', 'band', 'gate', 'multiplier', 'cap', 'clawback', 'draw', 'rounding' */
  kind: string;
  /** One line a rep can read: "band [100%, 120%) @ 12% on 30,000.00 = 3,600.00" */
  text: string;
  value?: string;
  children?: TraceNode[];
}

export interface Summary {
  reps: number;
  periods: number;
  totalPaid: string;
  totalClawedBack: string;
  /** Clawback balances still owed at the end, per rep with a non-zero balance. */
  balancesOwed: { rep: string; amount: string }[];
  drawBalances: { rep: string; amount: string }[];
}

/** A problem found in the data or during evaluation, located in an input file. */
export interface DataError {
  code: string;
  message: string;
  file: string;
  line: number;
  column: number;
  /** Run errors: where in the plan the failing value is written (the data row is file/line). */
  plan?: PlanAt;
}

/** A place in a plan file (1-based), for run errors: a division, a table read, a declaration. */
export interface PlanAt {
  file: string;
  line: number;
  column: number;
}

// ------------------------------------------------------------------ curves, scorecards, bonuses

/** A payout curve called on a value, a scorecard's value, a let of another rep in the same period. */
export type BonusExpr =
  | { k: 'curve'; curve: CurveIR; arg: Expr }
  | { k: 'scorecard'; card: ScorecardIR }
  /** `mentee.attainment`: the let `name` of the rep `of` evaluates to, in the current period. */
  | { k: 'repLet'; of: Expr; name: string };

/** Points as fractions ('0.5' for 50%), in increasing order of x. */
export interface CurveIR {
  name: string;
  mode: 'linear' | 'steps';
  points: { x: string; y: string }[];
  /** Below the first point (absent when the first point is at 0 and nothing is stated). */
  below?: string;
  /** Above the last point: a slope (payout points per attainment point) or capped. */
  above: { k: 'slope'; slope: string } | { k: 'capped' };
  text: string;
}

export interface ScorecardIR {
  name: string;
  metrics: { name: string; weight: string; actual: Expr; target: Expr; direction: 'higher' | 'lower'; cap?: Expr; text: string; /** How actual and target are shown in traces. */ unit?: ValueType }[];
  /** `all metrics at least X of target`: every metric's score (before its cap) must be >= X. */
  gate?: Expr;
  gateText?: string;
  text: string;
}

export interface BonusIR {
  pays?: {
    amount: Expr;
    per: 'period' | 'deal' | 'unit' | 'mentee';
    units?: Expr;
    /**
     * `in full`: a split rep is paid the whole per-deal amount. Without it, a per-deal (per-unit)
     * amount follows the rep's credited share of the deal (a 50% split pays 50% of it).
     */
    inFull?: boolean;
    where?: Expr;
    /** For `per mentee`: the roster field naming a rep's mentor. */
    mentorField?: string;
    text: string;
  };
  pool?: { amount: Expr; rule: 'equally' | 'credit share'; text: string };
  minimum?: { amount: Expr; text: string };
}

// ------------------------------------------------------------------ time and money

/** `version "H2" effective 2026-07-01 { ... }`: the plan's lets, components and draws from that date. */
export interface VersionIR {
  name: string;
  /** ISO date; a period is paid by the version in force on its first day. */
  effective: string;
  /** Last day in force (multi-file versions: `effective from .. to ..`); absent = until the next version. */
  until?: string;
  /** The complete lists in force (replacements in place, additions at the end). */
  lets: LetIR[];
  components: ComponentIR[];
  draws: DrawIR[];
}

/** `assignments from assignments` in the roster: dated values of roster fields. */
export interface AssignmentsIR {
  table: string;
  repField: string;
  startField: string;
  endField?: string;
  /** Fields of the assignment table that replace the roster field of the same name. */
  fields: string[];
}
