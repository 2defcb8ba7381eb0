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
}

/** Phase 1's result: period key -> rep key -> the rep's credit. Reps with no credit are absent. */
export type CreditedPeriods = Map<string, Map<string, RepPeriodCredit>>;
