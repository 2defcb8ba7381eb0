// Checking proration (docs/language.md section 16): `employed from ... to ...` and `leave from ...`
// in the roster, the employment values (`days_employed`, `months_employed`, `days_in_period`,
// `months_in_period`), `prorate(x, by days employed)` and `seasonal(x, by quarter 20%, ...)`.
// Called from the checker through a small host; never throws on a recovered tree.
import type * as A from '../syntax/ast.js';
import type { Span } from '../syntax/span.js';
import { Codes, diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import { Decimal } from '../../runtime/decimal.js';
import type { Ctx, Semantics, TableInfo } from './model.js';
import { T, isNumeric, isUnknown, show, type Type } from './types.js';

/** What the checker lends to the mechanics checks. */
export interface MechanicsHost {
  s: Semantics;
  file: string;
  plan: A.Plan;
  /** `monthly`, `quarterly`, `annual`, `weekly`, `weeks` (every N weeks), or undefined. */
  frequency?: string;
  err(d: Diagnostic): void;
  src(span: Span): string;
  expr(e: A.Expr, ctx: Ctx): Type;
  letType(name: string): Type;
  didYouMean(name: string, candidates: Iterable<string>, otherwise?: string): { hint?: string; data?: Record<string, unknown> };
  refField(span: Span, table: string, field: string): void;
  refTable(span: Span, table: TableInfo): void;
}

export interface EmploymentInfo {
  from: string;
  to?: string;
  leave?: { table: string; repField: string; startField: string; endField: string };
}

/** Employment values available in a rep's context, by name. */
export const EMPLOYMENT_NAMES: Record<string, { what: 'days employed' | 'months employed' | 'days in period' | 'months in period'; needsEmployment: boolean; doc: string }> = {
  days_employed: { what: 'days employed', needsEmployment: true, doc: 'Days of the period the rep is employed and not on leave (hire and end dates and leave dates count as whole days).' },
  months_employed: { what: 'months employed', needsEmployment: true, doc: 'Calendar months of the period in which the rep is employed and not on leave on every day.' },
  days_in_period: { what: 'days in period', needsEmployment: false, doc: 'Days in the period being paid.' },
  months_in_period: { what: 'months in period', needsEmployment: false, doc: 'Calendar months in the period being paid (1 monthly, 3 quarterly, 12 annual).' },
};

/** `employed from FIELD to FIELD` and `leave from TABLE` in the roster: fills `s.employment`. */
export function checkEmployment(h: MechanicsHost, decls: A.TableDecl[]): void {
  for (const t of decls) {
    if (!t.name || (!t.employed && !t.leave)) continue;
    const info = h.s.tables.get(t.name.text);
    if (!info) continue;
    if (!info.roster) {
      const sp = (t.employed ?? t.leave)!.span;
      h.err(diag(Codes.NotAvailableHere, h.file, sp, { name: t.employed ? 'employed from' : 'leave from', where: 'outside the roster' }, { hint: 'write it in the `roster` block' }));
      continue;
    }
    if (!t.employed) {
      if (t.leave) h.err(diag(Codes.EmploymentNotDeclared, h.file, t.leave.span, { name: 'leave from' }, { hint: 'add `employed from hire_date` (and `to end_date`) to the roster' }));
      continue;
    }
    const dateField = (n: A.Name | undefined): string | undefined => {
      if (!n) return undefined;
      const f = info.fields.get(n.text);
      if (!f) {
        h.err(diag(Codes.UnknownField, h.file, n.span, { owner: `the roster \`${info.name}\``, name: n.text }, h.didYouMean(n.text, info.fields.keys())));
        return undefined;
      }
      h.refField(n.span, info.name, f.name);
      if (!isUnknown(f.type) && f.type.k !== 'date') {
        h.err(diag(Codes.TypeMismatch, h.file, n.span, { expected: 'a date field', found: show(f.type, info.name) }));
        return undefined;
      }
      return f.name;
    };
    const from = dateField(t.employed.from);
    const to = dateField(t.employed.to);
    if (!from) continue;
    const emp: EmploymentInfo = { from };
    if (to) emp.to = to;
    if (t.leave?.table) {
      const lt = h.s.tables.get(t.leave.table.text);
      if (!lt) {
        h.err(diag(Codes.UnknownTable, h.file, t.leave.table.span, { name: t.leave.table.text }, h.didYouMean(t.leave.table.text, h.s.tables.keys())));
      } else {
        h.refTable(t.leave.table.span, lt);
        const fields = [...lt.fields.values()];
        const rep = fields.find((f) => f.type.k === 'row' && f.type.table === info.name);
        const dates = fields.filter((f) => f.type.k === 'date');
        const start = dates.find((f) => f.name === 'start') ?? dates[0];
        const end = dates.find((f) => f.name === 'end') ?? dates.find((f) => f !== start);
        const missing: string[] = [];
        if (!rep) missing.push('a `rep` field');
        if (!start || !end) missing.push('two `date` fields (`start` and `end`, both inclusive)');
        if (missing.length) h.err(diag(Codes.LeaveTableShape, h.file, t.leave.table.span, { table: lt.name, what: missing.join(' and ') }));
        else emp.leave = { table: lt.name, repField: rep!.name, startField: start!.name, endField: end!.name };
      }
    }
    h.s.employment = emp;
  }
}

/** The type of an employment name in `ctx`, or undefined when `name` is not one. */
export function employmentNameType(h: MechanicsHost, e: A.NameRef, ctx: Ctx): Type | undefined {
  const m = Object.hasOwn(EMPLOYMENT_NAMES, e.name.text) ? EMPLOYMENT_NAMES[e.name.text] : undefined;
  if (!m) return undefined;
  if (!ctx.rep) {
    h.err(diag(Codes.NotAvailableHere, h.file, e.span, { name: e.name.text, where: ctx.where }));
    return T.unknown;
  }
  h.s.res.set(e, { k: 'mechanic', name: e.name.text });
  if (m.needsEmployment && !h.s.employment) {
    h.err(diag(Codes.EmploymentNotDeclared, h.file, e.span, { name: e.name.text }, { hint: 'add `employed from hire_date` (and `to end_date`) to the roster' }));
  }
  if (m.what === 'months in period' || m.what === 'months employed') weeklyCheck(h, e.span, e.name.text);
  return T.integer;
}

function weeklyCheck(h: MechanicsHost, span: Span, name: string): void {
  if (h.frequency === 'calendar') {
    h.err(diag(Codes.NotOnCalendarTable, h.file, span, { what: `\`${name}\`` }, { hint: "a calendar table's periods are not made of calendar months: prorate by days employed" }));
    return;
  }
  if (h.frequency === 'weekly' || h.frequency === 'weeks' || h.frequency === 'semimonthly') {
    const what = h.frequency === 'semimonthly' ? 'with semimonthly periods (half a month is not made of months)' : 'with weekly periods (a week is not made of months)';
    h.err(diag(Codes.NotAvailableHere, h.file, span, { name, where: what }, { hint: 'prorate by days employed' }));
  }
}

/** `prorate(x, by days employed)`, `seasonal(x, by quarter 20%, 20%, 20%, 40%)`. */
export function checkProrationCall(h: MechanicsHost, e: A.Call, ctx: Ctx, argTypes: Type[]): Type {
  const name = e.callee.text;
  h.s.res.set(e, { k: 'mechanic', name });
  if (!ctx.rep) {
    h.err(diag(Codes.NotAvailableHere, h.file, e.span, { name, where: ctx.where }));
    return T.unknown;
  }
  const sig = name === 'prorate' ? '`prorate(value, by days employed)` or `by months employed`' : '`seasonal(value, by quarter 20%, 20%, 20%, 40%)` or `by month` and 12 weights';
  const first = e.args[0];
  const byAt = e.by?.at ?? -1;
  if (!first || byAt === 0) {
    h.err(diag(Codes.WrongArgumentCount, h.file, e.span, { name, expected: 'a value first', found: String(e.args.length) }, { hint: sig }));
    return T.unknown;
  }
  const t = argTypes[0]!;
  if (!isUnknown(t) && !isNumeric(t)) h.err(diag(Codes.TypeMismatch, h.file, first.span, { expected: 'an amount or a number', found: show(t, h.s.roster?.name) }));
  const words = e.by?.words.join(' ');
  if (name === 'prorate') {
    if (words !== 'days employed' && words !== 'months employed') {
      h.err(diag(Codes.TypeMismatch, h.file, e.by?.span ?? e.span, { expected: '`by days employed` or `by months employed`', found: e.by ? `\`by ${words}\`` : 'nothing' }, { hint: sig }));
      return isUnknown(t) ? T.unknown : t;
    }
    if (e.args.length !== 1) h.err(diag(Codes.WrongArgumentCount, h.file, e.span, { name, expected: '1 value and `by ...`', found: String(e.args.length) }, { hint: sig }));
    if (!h.s.employment) h.err(diag(Codes.EmploymentNotDeclared, h.file, e.span, { name: `prorate(..., by ${words})` }, { hint: 'add `employed from hire_date` (and `to end_date`) to the roster' }));
    if (words === 'months employed') weeklyCheck(h, e.by!.span, 'by months employed');
    return isUnknown(t) ? T.unknown : t;
  }
  // seasonal
  if (h.frequency === 'calendar') {
    h.err(diag(Codes.NotOnCalendarTable, h.file, e.span, { what: '`seasonal(...)`' }, { hint: "a calendar table's periods have no quarter or month of the year: give each period its quota in the data (a per-rep table with a `period` field)" }));
    return isUnknown(t) ? T.unknown : t;
  }
  if (words !== 'quarter' && words !== 'month') {
    h.err(diag(Codes.TypeMismatch, h.file, e.by?.span ?? e.span, { expected: '`by quarter` or `by month`', found: e.by ? `\`by ${words}\`` : 'nothing' }, { hint: sig }));
    return isUnknown(t) ? T.unknown : t;
  }
  const weights = e.args.slice(1);
  const want = words === 'quarter' ? 4 : 12;
  if (weights.length !== want) {
    h.err(diag(Codes.WrongArgumentCount, h.file, e.span, { name: `seasonal(..., by ${words})`, expected: `${want} weights`, found: String(weights.length) }, { hint: sig }));
    return isUnknown(t) ? T.unknown : t;
  }
  let total = new Decimal(0);
  let constant = true;
  for (const w of weights) {
    if (w.kind !== 'PercentLit') {
      constant = false;
      // an ErrorExpr may come without a syntax error (`seasonal(x, by quarter , by quarter 20%, ...)`,
      // found by npm run fuzz): it is reported here, so that the plan is never lowered with it
      h.err(diag(Codes.TypeMismatch, h.file, w.kind === 'ErrorExpr' ? e.span : w.span, { expected: 'a weight written as a percent, e.g. `25%`', found: w.kind === 'ErrorExpr' ? 'a missing or misplaced weight' : `\`${h.src(w.span)}\`` }, { hint: sig }));
      continue;
    }
    total = total.plus(new Decimal(w.text).div(100));
  }
  if (constant && !total.eq(1)) {
    const sum = `${total.mul(100).toString()}%`;
    const span = { start: weights[0]!.span.start, end: weights[weights.length - 1]!.span.end };
    h.err(diag(Codes.SeasonalWeightsSum, h.file, span, { sum }, { hint: `the ${want} weights share the year: make them add up to exactly 100%` }));
  }
  return isUnknown(t) ? T.unknown : t;
}
