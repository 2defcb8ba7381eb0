// Plan versions (docs/language.md, "Plan versions").
//
// In one file: `version "H2 2026" effective 2026-07-01 { let ... tiers ... component ... draw ... }`.
// A version amends the version before it (the plan itself is the first): a let, tiers or component
// with the name of an earlier one replaces it in place; a new name is added; if the version
// declares any draw or guarantee, its draws replace all earlier ones. Each version's complete plan
// is checked like a plan of its own (checkVersions, in version-plans.ts); a period is paid by the version in force on
// its first day.
//
// Across files: each file says `effective from 2026-01-01 to 2026-06-30` and
// `comp run a.comp b.comp` pays each period by the file in force (compiler/lower/time-money.ts).
import type * as A from '../syntax/ast.js';
import type { Span } from '../syntax/span.js';
import { Codes, diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import * as cal from '../../runtime/calendar.js';
import { timeMoneyOf, type TimeMoneyHost } from './time-money-info.js';
import { monthNumber } from './fiscal.js';

export function validDate(iso: string): boolean {
  return cal.periodFromKey(iso) !== undefined;
}

export function checkVersionDecl(h: TimeMoneyHost, d: A.VersionDecl): void {
  timeMoneyOf(h.s).versions.push(d);
  if (d.effective && !validDate(d.effective.text)) h.err(diag(Codes.InvalidDate, h.file, d.effective.span, { text: d.effective.text }));
}

export function checkEffective(h: TimeMoneyHost, d: A.EffectiveDecl): void {
  if (!h.once('effective', d) || !d.from) return;
  if (d.to && d.to.text < d.from.text) {
    h.err(diag(Codes.VersionOverlap, h.file, d.to.span, { problem: `the plan ends on ${d.to.text}, before it takes effect on ${d.from.text}` }));
    return;
  }
  timeMoneyOf(h.s).effective = { from: d.from.text, to: d.to?.text };
}

/** The payout period spec of a plan, from its AST (for mid-period checks). */
function specOf(plan: A.Plan): cal.PeriodSpec | undefined {
  const p = plan.items.find((i): i is A.PeriodsDecl => i.kind === 'PeriodsDecl');
  const f = plan.items.find((i): i is A.FiscalDecl => i.kind === 'FiscalDecl');
  const map: Record<string, cal.Frequency> = { monthly: 'month', quarterly: 'quarter', annual: 'year' };
  const freq = p?.frequency && Object.hasOwn(map, p.frequency.text) ? map[p.frequency.text] : undefined;
  if (!freq) return undefined;
  return { frequency: freq, every: 1, fiscalStart: f?.month ? monthNumber(f.month.text) : undefined };
}

/** Two versions on one date are an error; a version starting inside a period is a warning. */
export function checkVersionOrder(h: TimeMoneyHost): void {
  const versions = timeMoneyOf(h.s).versions.filter((v) => v.effective);
  const seen = new Map<string, A.VersionDecl>();
  // a calendar table's rows (compiler/semantics/calendars.ts), else the header's frequency
  const spec: cal.PeriodSpec | undefined = h.s.calendar ? { frequency: 'calendar', every: 1, calendar: h.s.calendar.rows } : specOf(h.plan);
  for (const v of versions) {
    const date = v.effective!.text;
    if (!validDate(date)) continue;
    const prev = seen.get(date);
    if (prev) {
      h.err(diag(Codes.VersionOverlap, h.file, v.effective!.span, { problem: `versions \`${prev.title?.value ?? ''}\` and \`${v.title?.value ?? ''}\` both take effect on ${date}` }, { related: [{ file: h.file, span: prev.span, message: 'the other version' }], hint: 'give each version its own date' }));
      continue;
    }
    seen.set(date, v);
    if (spec) {
      const p = cal.periodOf(spec, date);
      if (p.start !== date) {
        h.err(diag(Codes.VersionMidPeriod, h.file, v.effective!.span, { name: v.title?.value ?? '', date, period: p.key }, { hint: `a period is paid by the version in force on its first day; write \`effective ${cal.addDays(p.end, 1)}\` to say so` }));
      }
    }
  }
}
