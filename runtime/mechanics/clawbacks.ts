// Clawback windows, schedules and `prorated by unused term` (docs/language.md section 15).
//
// Windows are measured from the deal's credit date to the event date, and include their last day:
// `within 12 months` of a credit on 2026-01-15 contains an event on 2027-01-15 and not one on
// 2027-01-16; `within 90 days` contains the event 90 days after. In a schedule, the first window
// (from the shortest) that contains the event gives the share; after the last one nothing is taken.
//
// `prorated by unused term TERM`: elapsed = whole months from the credit date to the event date
// (the largest n with credit date + n months <= event date); unused = max(0, TERM - elapsed);
// share = unused / TERM (0 when TERM is 0). A schedule and a proration multiply.
import { Decimal } from '../decimal.js';
import * as cal from '../calendar.js';
import { formatPercent } from '../format.js';
import type { ClawbackIR, Expr, TraceNode } from '../ir.js';
import type { Ctx, Fn, RV } from '../engine/types.js';

const ONE = new Decimal(1);
const ZERO = new Decimal(0);

export interface ClawbackCode {
  schedule: Fn[];
}

export function compileClawback(cb: ClawbackIR, cx: (e: Expr) => Fn): ClawbackCode {
  return { schedule: (cb.schedule ?? []).map((r) => cx(r.share)) };
}

/** Whether `event` is within `w` of `credit` (its last day included). */
export function inWindow(w: { amount: number; unit: 'days' | 'months' }, credit: string, event: string): boolean {
  if (event < credit) return false;
  return w.unit === 'days' ? cal.daysBetween(credit, event) <= w.amount : event <= cal.addMonths(credit, w.amount);
}

/** Whole months from `a` to `b`: the largest n with a + n months <= b (0 when b < a + 1 month). */
export function wholeMonths(a: string, b: string): number {
  let n = Math.max(0, cal.monthsBetween(a, b) - 1);
  while (cal.addMonths(a, n + 1) <= b) n++;
  return n;
}

export interface ShareHooks {
  asDec(v: RV, c: Ctx): Decimal;
}

/**
 * The share of what was paid on a deal that an event takes back, or null when the event is outside
 * every window. `compute` evaluates the plan's expressions (it may throw an evaluation failure).
 */
export function clawbackShare(
  cb: ClawbackIR,
  code: ClawbackCode | undefined,
  prorate: Fn | undefined,
  creditDate: string,
  eventDate: string,
  hooks: ShareHooks,
): { within: { amount: number; unit: 'days' | 'months' }; compute(pc: Ctx): { share: Decimal; nodes: TraceNode[] } } | null {
  const schedule = cb.schedule;
  let row = -1;
  if (schedule && schedule.length) {
    row = schedule.findIndex((r) => inWindow(r.within, creditDate, eventDate));
    if (row < 0) return null;
  } else if (!inWindow(cb.within, creditDate, eventDate)) return null;
  return {
    within: row >= 0 ? schedule![row]!.within : cb.within,
    compute(pc: Ctx) {
      const nodes: TraceNode[] = [];
      let share = ONE;
      if (row >= 0) {
        const r = schedule![row]!;
        share = hooks.asDec(code!.schedule[row]!(pc), pc);
        const months = wholeMonths(creditDate, eventDate);
        nodes.push({
          kind: 'schedule',
          text: `schedule: ${months} whole ${months === 1 ? 'month' : 'months'} (${cal.daysBetween(creditDate, eventDate)} days) after the credit; first window containing it: ${r.text} -> ${formatPercent(share)}`,
          value: share.toFixed(),
        });
      }
      if (cb.mode === 'prorated' && prorate) {
        if (cb.unusedTerm) {
          const term = hooks.asDec(prorate(pc), pc);
          const elapsed = wholeMonths(creditDate, eventDate);
          const unused = Decimal.max(ZERO, term.minus(elapsed));
          const part = term.isZero() ? ZERO : unused.div(term);
          nodes.push({
            kind: 'share',
            text: `unused term: ${term.toFixed()} months - ${elapsed} elapsed = ${unused.toFixed()} unused; ${unused.toFixed()} / ${term.toFixed()} = ${formatPercent(part)}`,
            value: part.toFixed(),
          });
          share = share.times(part);
        } else {
          const part = hooks.asDec(prorate(pc), pc);
          nodes.push({ kind: 'share', text: `prorated share ${formatPercent(part)}`, value: part.toFixed() });
          share = share.times(part);
        }
        if (row >= 0) nodes.push({ kind: 'share', text: `share clawed back: ${formatPercent(share)}`, value: share.toFixed() });
      } else if (row < 0) {
        nodes.push({ kind: 'share', text: 'clawed back in full (100%)', value: '1' });
      }
      return { share, nodes };
    },
  };
}
