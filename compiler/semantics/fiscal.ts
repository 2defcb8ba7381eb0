// Fiscal years: `fiscal year starts February` (docs/language.md, "Fiscal years").
import type * as A from '../syntax/ast.js';
import { Codes, diag } from '../diagnostics/diagnostic.js';
import { timeMoneyOf, type TimeMoneyHost } from './time-money-info.js';

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 1-12 for a month name (any case), undefined otherwise. */
export function monthNumber(name: string): number | undefined {
  const i = MONTHS.findIndex((m) => m.toLowerCase() === name.toLowerCase());
  return i < 0 ? undefined : i + 1;
}

export function checkFiscal(h: TimeMoneyHost, d: A.FiscalDecl): void {
  if (!h.once('fiscal year', d) || !d.month) return;
  const m = monthNumber(d.month.text);
  if (m === undefined) {
    h.err(diag(Codes.UnknownMonth, h.file, d.month.span, { name: d.month.text }, h.didYouMean(d.month.text, MONTHS, 'a month: January, February, ... December')));
    return;
  }
  timeMoneyOf(h.s).fiscalStart = m;
}

/** With a fiscal year, `2026-Q1` in the periods bounds is a calendar quarter: say so. */
export function checkFiscalPlan(h: TimeMoneyHost): void {
  const fs = timeMoneyOf(h.s).fiscalStart;
  if (!fs || fs === 1) return;
  for (const item of h.plan.items) {
    if (item.kind !== 'PeriodsDecl') continue;
    for (const e of [item.from, item.to]) {
      if (e?.kind !== 'PeriodLit') continue;
      const m = /^(\d{4})(?:-([QH])\d)?$/.exec(e.text);
      if (!m) continue;
      if (!m[2]) {
        h.err(diag(Codes.CalendarPeriodInFiscalPlan, h.file, e.span, { text: e.text, what: 'year' }, { hint: `write a fiscal year such as \`FY${Number(m[1]) + 1}\`, or a month such as \`${m[1]}-${String(fs).padStart(2, '0')}\`` }));
        continue;
      }
      const what = m[2] === 'Q' ? 'quarter' : 'half';
      h.err(diag(Codes.CalendarPeriodInFiscalPlan, h.file, e.span, { text: e.text, what }, { hint: `write a fiscal ${what} such as \`FY${Number(m[1]) + 1}-${m[2]}1\`, or a month such as \`${m[1]}-${String(fs).padStart(2, '0')}\`` }));
    }
  }
}
