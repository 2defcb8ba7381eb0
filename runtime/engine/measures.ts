// The boundary between the evaluator's two phases (issue 7):
//   phase 1, per deal  (runtime/engine/credit.ts): one pass over the credited tables, each credited
//                      row dated, credited to its reps (splits, overlays), put in its plan period;
//   phase 2, per rep   (earn.ts, component.ts, settle.ts): components per rep and period, then the
//                      settlement of each rep across periods, on these small aggregates.
// Phase 1 may be produced by another engine (a SQL engine: compiler/engines) as long as it gives
// the same lines in the same order and the same exact sums. Types only: no code.
import type { Decimal } from '../decimal.js';
import type { Credit } from './types.js';

/** One rep's credit in one plan period. */
export interface RepPeriodCredit {
  /**
   * The credit lines, in credit order (date, table, key, rule, rep, overlay, split key): what a
   * component reads per deal (`where` on the deal, per-deal basis, caps per deal, bonuses per
   * deal), what clawbacks take back and what traces and JSON deal lines show.
   */
  lines: Credit[];
  /** The sum of the lines' amounts in that order: the plan's `credit` for the rep and period (exact). */
  credit: Decimal;
  /**
   * Set when phase 1 ran in a SQL engine that returned only some lines (those of the deals a
   * clawback event names): `credit` and these sums are over all the rep's lines, `lines` is partial.
   * Only for plans `seamPlan` (./seam.ts) accepts.
   */
  partial?: PartialCredit;
}

/** A component's sums over all of one rep's lines in a period (a SQL engine's, ./seam.ts says which). */
export interface ComponentAggregate {
  /** The measure: the sum of the amounts of the lines passing the component's `where`. */
  measure: Decimal;
  /** How many lines pass it. */
  lines: number;
  /** A `pays ... per deal` bonus: the sum over the lines its `where` keeps of 1 (`in full` or unsplit) or the split share. */
  bonusWeight?: Decimal;
}

/** The sums that stand for the lines a partial rep-period does not carry: component name -> sums (absent: none pass). */
export interface PartialCredit {
  components: Map<string, ComponentAggregate>;
}

/**
 * Phase 1 from a SQL engine, as sums: per period (its key), rep key -> the rep's credit (over all
 * lines) and the component sums. Given with `EvaluateOptions.credits` holding only the lines of
 * deals a clawback event names (`EvaluateOptions.aggregates`). A period's map is asked for when
 * its turn comes (the engine may make it then: a large run holds one period's sums at a time).
 */
export interface CreditAggregates {
  period(key: string): ReadonlyMap<string, { credit: Decimal; partial: PartialCredit }> | undefined;
}

/** Phase 1's result: period key -> rep key -> the rep's credit. Reps with no credit are absent. */
export type CreditedPeriods = Map<string, Map<string, RepPeriodCredit>>;
