// The shared shapes of the evaluator: runtime values, the evaluation context, the compiled plan,
// what a component earns. The bottom of runtime/engine/ and runtime/mechanics/: imports no code.
import type { Decimal } from '../decimal.js';
import type { ClawbackIR, ComponentIR, CreditRuleIR, DrawIR, FieldType, LetIR, PeriodValue, PlanAt, PlanIR, RowValue, RunResult, DataError, Statement, TraceNode, Value } from '../ir.js';
import type { CompiledBonus } from '../mechanics/bonuses.js';
import type { CompiledVersion } from '../mechanics/versions.js';
import type { FxIndex } from '../mechanics/currency.js';
import type { BalancesCode } from '../mechanics/balances.js';
import type { CreditAggregates, PartialCredit } from './measures.js';

// ------------------------------------------------------------------ runtime values

export interface DurationValue {
  kind: 'duration';
  amount: number;
  unit: 'days' | 'months';
}

export type RV = Value | DurationValue;

export interface Loc {
  file: string;
  line: number;
}

/** An evaluation failure that `otherwise` can catch. */
export class EvalFailure extends Error {
  constructor(
    readonly reason: 'div0' | 'missingRow' | 'empty',
    readonly loc: Loc | undefined,
    readonly detail: { table?: string; field?: string; key?: string } = {},
    /** Where in the plan it failed: the division or table read, else the let or component. */
    public at?: PlanAt,
  ) {
    // caught by `otherwise` far more often than shown: no stack trace to capture
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(reason);
    Error.stackTraceLimit = limit;
  }
}

/** A credited amount: one rep's credit of one row (a deal). */
export interface Credit {
  rep: string;
  rule: number;
  table: string;
  key: string;
  row: RowValue;
  date: string;
  period: string;
  dealAmount: Decimal;
  /** Split share (null when credited whole through `to`). */
  share: Decimal | null;
  overlay: boolean;
  amount: Decimal;
  /** Key of the split row, '' when none (for ordering). */
  splitKey: string;
  /**
   * Whether some clawback event names this credit's deal (set by the driver before phase 2;
   * undefined: not known, look the key up). Only those credits' attributions are recorded.
   */
  named?: boolean;
}

/** Per rep and period: credits, lets. */
export interface RepPeriod {
  rep: RowValue;
  period: PeriodValue;
  credits: Credit[];
  team: Credit[];
  lets: Map<string, RV>;
  creditSum?: Decimal;
  teamSum?: Decimal;
  /** A SQL engine's sums standing for the lines `credits` does not carry (./measures.ts, ./seam.ts). */
  partial?: PartialCredit;
  /** Explanations of proration and credit-rule values (runtime/mechanics/), shown in the trace. */
  notes?: TraceNode[];
  noteKeys?: Set<string>;
}

/** A per-rep table's rows by rep key (`byRep`), or a per-rep-and-period table's by period key, then rep key. */
export interface LookupIndex {
  byRep?: Map<string, RowValue>;
  byPeriod?: Map<string, Map<string, RowValue>>;
}

export interface Env {
  plan: CompiledPlan;
  tables: Map<string, Map<string, RowValue>>;
  /** Per-rep (and per-period) tables: table -> rep -> row, or table -> period -> rep -> row. */
  lookups: Map<string, LookupIndex>;
  roster: Map<string, RowValue>;
  /** Direct reports by manager key, and another rep's RepPeriod in the current period (`team quota`). */
  reportsOf?: Map<string, string[]>;
  repPeriodFor?: (rep: string) => RepPeriod;
  /** A rep's roster row in the current period (assignments applied). */
  repRowFor?: (rep: string) => RowValue;
  /** FX rates (`fx rates from ...`; runtime/mechanics/currency.ts). */
  fx?: FxIndex;
  /** No trace is built (EvaluateOptions `traces: false`): the mechanics' notes and their texts are skipped. */
  untraced?: boolean;
  /** The values of lets read only from the rep (`CompiledLet.perRep`), by let and rep row, for this evaluation. */
  repLets?: Map<CompiledLet, Map<RowValue, RV>>;
  /** Whether each component of `plan` applies to a rep row (0 not known, 1 yes, 2 no), for components whose `for` reads only the rep. */
  repApplies?: { plan: CompiledPlan; byRep: Map<RowValue, Uint8Array> };
  /** A team's `team quota` (the sum of its members' per-rep `quota`, untraced), by the team's members array and the `quota` let. */
  teamQuotas?: WeakMap<readonly string[], { quota: CompiledLet; value: Decimal }>;
}

export interface Ctx {
  env: Env;
  rp: RepPeriod | null;
  rep: RowValue | null;
  period: PeriodValue | null;
  row: RowValue | null;
  event: RowValue | null;
  /** The last empty field read, to locate an error on it. */
  lastEmpty?: { table: string; field: string; key: string; loc: Loc };
}

export type Fn = (c: Ctx) => RV;

// ------------------------------------------------------------------ compiled plan

export interface CompiledBand {
  from: Decimal;
  to: Decimal | null;
  rate: Fn;
  text: string;
  label: string;
}

export type CompiledRate =
  | { k: 'flat'; fn: Fn; text: string }
  | { k: 'tiers'; name?: string; mode: 'marginal' | 'retroactive'; axis: 'attainment' | 'amount'; bands: CompiledBand[]; boundsInLower?: boolean };

export interface CompiledClawback {
  ir: ClawbackIR;
  prorate?: Fn;
  /** `takes ...`: the base taken back (ctx row = the deal, event = the event row). */
  takes?: Fn;
  dealTable?: string;
}

export interface CompiledComponent {
  ir: ComponentIR;
  appliesTo?: Fn;
  /** `appliesTo` reads only the rep: its value is kept per rep row for an evaluation (runtime/engine/earn.ts). */
  appliesPerRep?: boolean;
  measureWhere?: Fn;
  quota?: Fn;
  attainment?: Fn;
  rate: CompiledRate;
  gates: { cond: Fn; text: string }[];
  multipliers: { factor: Fn; when?: Fn; text: string }[];
  dealCaps: { limit: Fn; text: string }[];
  periodCaps: { limit: Fn; text: string }[];
  attainmentCap?: { limit: Fn; text: string };
  clawbacks: CompiledClawback[];
  /** `pays`, `pool`, `minimum` (runtime/mechanics/bonuses.ts). */
  bonus?: CompiledBonus<Ctx>;
}

export interface CompiledCredit {
  ir: CreditRuleIR;
  where?: Fn;
  amount: Fn;
  date: Fn;
  to: Fn;
}

export interface CompiledLet {
  ir: LetIR;
  fn: Fn;
  /** It reads only the rep (its fields, constants, other such lets): computed once per rep and evaluation. */
  perRep?: boolean;
}

export interface CompiledDraw {
  ir: DrawIR;
  amount: Fn;
  appliesTo?: Fn;
  recoverAtMost?: Fn;
  recoverUnit: 'percent' | 'money';
}

export interface CompiledPlan {
  readonly ir: PlanIR;
  readonly fieldTypes: Map<string, Map<string, FieldType>>;
  readonly credits: CompiledCredit[];
  readonly lets: CompiledLet[];
  readonly letIndex: Map<string, number>;
  readonly components: CompiledComponent[];
  readonly draws: CompiledDraw[];
  /** Plan versions, by effective date (runtime/mechanics/versions.ts). */
  readonly versions?: CompiledVersion<CompiledPlan>[];
  /** `payout currency EXPR` (runtime/mechanics/currency.ts). */
  readonly payoutCurrency?: Fn;
  /** Opening balances and the negative-balance rule (runtime/mechanics/balances.ts). */
  readonly balances?: BalancesCode;
}


// ------------------------------------------------------------------ evaluate

export interface EvaluateOptions {
  /**
   * false: every sum is done by decimal.js (no exact scaled-integer fast path, ../scaled-sum.ts).
   * The results are the same either way (test/runtime/scaled-sum.test.ts); for tests. Default true.
   */
  scaledSums?: boolean;
  /**
   * false: the evaluator's exact shortcuts are off (../rounding.ts `setShortcuts`): rounding by
   * division, per-rep lets recomputed each period, every band multiplied. Same results
   * (test/runtime/shortcuts.test.ts); for tests. Default true.
   */
  shortcuts?: boolean;
  /** First period reported (a period key or a date). */
  from?: string;
  /** Last period reported (a period key or a date). */
  to?: string;
  /**
   * false: skip the costliest trace text (credit lists, values) when no trace is printed
   * (`comp run` as a table or CSV). Amounts, lines and values are the same. Default true.
   */
  traces?: boolean;
  /**
   * Credit lines computed by a SQL engine from the same IR (compiler/sql/): per credit rule, the
   * lines of each credited row by its key. Rows not listed are not credited; rows in `handBack`
   * are evaluated here as usual (empty values, split sums: the errors stay the runtime's).
   */
  credits?: PrecomputedCredits;
  /**
   * With `credits` holding only the lines of deals a clawback event names: per period and rep, the
   * credit and component sums over all lines (./measures.ts; only for plans ./seam.ts accepts).
   */
  aggregates?: CreditAggregates;
  /**
   * false: phase 1 keeps every credit line even when nothing shows them (`traces` and `deals`
   * false) and phase 2 could be paid from sums (runtime/engine/aggregate.ts). The results are the
   * same either way (test/runtime/aggregate.test.ts); for tests. Default true.
   */
  aggregate?: boolean;
  /**
   * false: statements carry no deal lines (`deals` empty): what `comp run` prints as a table or
   * CSV never shows them, and at a million deals they are most of a run's memory. Default true.
   */
  deals?: boolean;
  /**
   * 'shown': without traces, statements' `values` hold only the lets the plan shows (`show ...`):
   * what `comp run` prints as a table or CSV; the other lets are computed only when something
   * reads them. Default 'all' (every let, as the editor's previews and the workbench read them).
   */
  values?: 'all' | 'shown';
  /**
   * Only these reps' components are evaluated and statements built (crediting still runs over
   * all the data): `comp explain` passes `repsToEvaluate` (runtime/engine/reps.ts). Default: all.
   */
  onlyReps?: Set<string>;
  /** Told what is being evaluated, from the loops (`comp run`'s progress line on a terminal). */
  progress?: (what: string) => void;
  /**
   * Phase 1's credit lines kept across evaluations over the same dataset (the editor's sample
   * re-runs). The caller sets `key` to a text that changes whenever the credits could (the plan's
   * credit rules, tables, roster, periods...); evaluate reuses what it stored under an equal key,
   * else computes and stores. Ignored with `credits` or `aggregates`, and by a run that makes
   * phase 1 as sums (untraced, no deal lines, a plan the seam accepts: ./aggregate.ts).
   */
  phase1?: Phase1Memo;
  /**
   * Statements handed out as they are settled instead of kept in the result (its `statements` are
   * then empty; its periods and summary are as always): what `comp run` prints as CSV is made as
   * the run goes, and a large run holds no statements (they die young: a batch of a few hundred).
   */
  sink?: StatementSink;
}

/**
 * Where a run's statements go as they are settled (`EvaluateOptions.sink`): in the result's order
 * (periods in date order, each period's reps in roster order), a few hundred at a time, so the
 * concatenation of what `add` is given is the result's `statements`. Only a run that ends with no
 * error hands out a result: a caller keeps what it made of them until `evaluate` returns.
 */
export interface StatementSink {
  add(statements: Statement[]): void;
  /** What was handed out so far is void: the run starts again (a failed run through sums, again on every line). */
  restart(): void;
}

export interface Phase1Memo {
  key: string;
  madeUnder?: string;
  raw?: Credit[];
  errors?: DataError[];
}

/** A credit line as a SQL engine returns it: decimals and dates as exact text. */
export interface PrecomputedLine {
  rep: string;
  date: string;
  dealAmount: string;
  share: string | null;
  overlay: boolean;
  amount: string;
  splitKey: string;
}

export interface PrecomputedCredits {
  /** rule index -> row key -> lines */
  lines: Map<number, Map<string, PrecomputedLine[]>>;
  /** rule index -> keys of rows the runtime evaluates itself */
  handBack: Map<number, Set<string>>;
}

export interface EvaluateOutput {
  result?: RunResult;
  errors: DataError[];
  /** Non-blocking findings (COMP7004: credit outside the plan periods). */
  warnings: DataError[];
}

export interface Attribution {
  /** Set once a clawback has taken it back (a deal is clawed back at most once per component). */
  clawed?: boolean;
  table: string;
  key: string;
  date: string;
  period: string;
  amount: Decimal;
  credit: Credit;
}

/**
 * What a component paid on a deal, computed when first read: most are never read (only deals a
 * clawback event names, and the deal lines of JSON output, read theirs), and each is a product
 * and often a division of exact decimals. `amount` = base x times... / div, in that order.
 */
export class LazyAttribution implements Attribution {
  clawed?: boolean;
  readonly table: string;
  readonly key: string;
  readonly date: string;
  readonly period: string;
  private value: Decimal | undefined;
  constructor(
    readonly credit: Credit,
    private base: Decimal,
    private times1: Decimal | null,
    private times2: Decimal | null,
    private div: Decimal | null,
  ) {
    this.table = credit.table;
    this.key = credit.key;
    this.date = credit.date;
    this.period = credit.period;
  }

  get amount(): Decimal {
    if (this.value === undefined) {
      let v = this.base;
      if (this.times1) v = v.times(this.times1);
      if (this.times2) v = v.times(this.times2);
      if (this.div) v = v.div(this.div);
      this.value = v;
    }
    return this.value;
  }

  set amount(v: Decimal) {
    this.value = v;
  }
}

export interface ComponentResult {
  exact: Decimal;
  /** What the rate or tiers paid and the credit paid on (`effective_rate(...)`, runtime/mechanics/effective-rate.ts); none for a bonus. */
  blended?: { paid: Decimal; on: Decimal };
  trace: TraceNode;
  /** What it paid on each deal (made when first read by runtime/engine/component.ts). */
  attributions: Attribution[];
  /**
   * The credits `attributions` are of, one each, in order, when known without making them: the
   * settlement records attributions only when some clawback event names one of these deals.
   */
  paidOnDeals?: readonly Credit[];
  /** The attribution of the i-th credit of `paidOnDeals` (the same object `attributions` holds). */
  attributionAt?(i: number): Attribution;
}
