// Checks of clawback schedules, `prorated by unused term` and clawback bases (`takes`), and of
// `round(x, to 0.01, half even)` (docs/language.md sections 9 and 20).
import type * as A from '../syntax/ast.js';
import { Codes, diag } from '../diagnostics/diagnostic.js';
import { isUnknown, show, type Type } from './types.js';
import { checkShare, type CheckApi } from './cumulative.js';

/** A window in days, to order schedule rows (a month counts 30.4375 days: only for ordering). */
function windowDays(d: A.DurationLit): number {
  const n = Number(d.amount);
  return d.unit === 'days' ? n : n * 30.4375;
}

export function checkClawbackExtras(api: CheckApi, cl: A.ClawbackClause): void {
  if (cl.schedule) {
    let prev: A.DurationLit | undefined;
    for (const row of cl.schedule) {
      const w = row.within;
      if (w && w.kind !== 'DurationLit' && w.kind !== 'ErrorExpr') {
        api.err(diag(Codes.TypeMismatch, api.file, w.span, { expected: 'a window such as `12 months` or `90 days`', found: `\`${api.src(w.span)}\`` }));
      }
      if (w?.kind === 'DurationLit') {
        if (prev && windowDays(w) <= windowDays(prev)) {
          api.err(
            diag(Codes.ScheduleNotIncreasing, api.file, w.span, { this: `${w.amount} ${w.unit}`, prev: `${prev.amount} ${prev.unit}` }, {
              hint: 'write the windows from the shortest to the longest: the first window that contains the cancellation applies',
            }),
          );
        }
        prev = w;
      }
      checkShare(api, row.share, 'the share clawed back', 'in a clawback schedule');
    }
  }
  if (cl.unusedTerm && cl.prorate) {
    const t = api.typeOf(cl.prorate);
    if (t && !isUnknown(t) && t.k !== 'integer' && t.k !== 'decimal') {
      api.err(diag(Codes.TypeMismatch, api.file, cl.prorate.span, { expected: 'the term in months (a number), e.g. `deal.term_months`', found: show(t, api.rosterName) }));
    }
  }
}

/** `takes P of credit` needs a share (percent); `takes AMOUNT` an amount in the plan currency. */
export function checkClawbackBase(api: CheckApi, cl: A.ClawbackClause, t: Type, currency: string | undefined): void {
  if (!cl.takes || isUnknown(t)) return;
  if (cl.takesOfCredit) {
    if (t.k !== 'percent') api.err(diag(Codes.TypeMismatch, api.file, cl.takes.span, { expected: 'a share of the credit (a percent, e.g. `10% of credit`)', found: show(t, api.rosterName) }));
    return;
  }
  if (t.k !== 'money' || (currency && t.currency !== currency)) {
    api.err(diag(Codes.TypeMismatch, api.file, cl.takes.span, { expected: `an amount in ${currency ?? 'the plan currency'} (\`takes USD 500\`), or a share of the credit (\`takes 10% of credit\`)`, found: show(t, api.rosterName) }));
  }
}

/** `round(x, to PLACE[, MODE])`: the place is written out (0.01, 1, 100), after `to`. */
export function checkRoundCall(api: CheckApi, e: A.Call): void {
  const place = e.args[1];
  if (!place) return;
  if (e.to !== 1) {
    api.err(diag(Codes.TypeMismatch, api.file, place.span, { expected: 'the place after `to`: `round(x, to 0.01)`', found: `\`${api.src(place.span)}\`` }));
    return;
  }
  const ok = place.kind === 'NumberLit' && /^(?:0\.0*1|10*)$/.test(place.text);
  if (!ok && place.kind !== 'ErrorExpr') api.err(diag(Codes.TypeMismatch, api.file, place.span, { expected: 'a rounding place such as 0.01, 1 or 100', found: `\`${api.src(place.span)}\`` }));
}
