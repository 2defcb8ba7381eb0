// Calendar tables (docs/language.md section 2): `calendar retail { "FY26-P01" from 2026-02-01 to
// 2026-02-28 ... }` declares a 4-4-5 (or any) retail calendar, one row per period with its key as
// written; `periods from calendar retail` makes its rows the plan's periods. The rows are checked
// here, each problem at its row: a period that ends before it starts (COMP5257), two periods with
// one key (COMP2002), overlaps (COMP5256) and gaps (COMP5255) between periods in date order, a
// calendar with no period (COMP5258). What has no meaning on such periods (quarters and years to
// date, seasonal weights, months employed, a fiscal year start) is refused (COMP5259).
import type * as A from '../syntax/ast.js';
import type { Span } from '../syntax/span.js';
import { Codes, diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import * as cal from '../../runtime/calendar.js';
import type { SymbolInfo } from './symbols.js';

export interface CalendarHost {
  file: string;
  plan: A.Plan;
  err(d: Diagnostic): void;
  declareTop(name: A.Name, what: string): boolean;
  addSymbol(sym: SymbolInfo): SymbolInfo;
  addRef(span: Span, sym: SymbolInfo | undefined): void;
  didYouMean(name: string, candidates: Iterable<string>, otherwise?: string): { hint?: string; data?: Record<string, unknown> };
}

/** The calendar the plan's periods come from: its rows in date order (only when every row is sound). */
export interface CalendarInfo {
  name: string;
  rows: cal.CalendarRow[];
}

function validIso(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= cal.daysInMonth(Number(m[1]), mo);
}

/** Declares and checks every calendar; returns the one `periods from calendar NAME` names, when sound. */
export function checkCalendars(h: CalendarHost, periods: A.PeriodsDecl | undefined): CalendarInfo | undefined {
  const decls = new Map<string, { decl: A.CalendarDecl; sym: SymbolInfo; rows?: cal.CalendarRow[] }>();
  for (const item of h.plan.items) {
    if (item.kind !== 'CalendarDecl' || !item.name) continue;
    if (!h.declareTop(item.name, 'calendar')) continue;
    const rows = checkRows(h, item);
    const first = rows?.[0];
    const last = rows?.[rows.length - 1];
    const sym = h.addSymbol({
      name: item.name.text,
      kind: 'table',
      type: `calendar table: ${item.rows.length} period${item.rows.length === 1 ? '' : 's'}${first && last ? `, ${first.key} (${first.start}) to ${last.key} (${last.end})` : ''}`,
      span: item.span,
      nameSpan: item.name.span,
      doc: item.doc,
    });
    decls.set(item.name.text, { decl: item, sym, rows });
  }
  const name = periods?.calendar;
  if (!name) return undefined;
  const found = decls.get(name.text);
  if (!found) {
    h.err(diag(Codes.UnknownCalendar, h.file, name.span, { name: name.text }, h.didYouMean(name.text, decls.keys(), `a calendar declared as \`calendar ${name.text} { "P01" from 2026-02-01 to 2026-02-28 ... }\``)));
    return undefined;
  }
  h.addRef(name.span, found.sym);
  return found.rows ? { name: name.text, rows: found.rows } : undefined;
}

/** The rows in date order, or undefined when one of them is reported. */
function checkRows(h: CalendarHost, c: A.CalendarDecl): cal.CalendarRow[] | undefined {
  const name = c.name?.text ?? 'calendar';
  if (c.rows.length === 0) {
    h.err(diag(Codes.CalendarEmpty, h.file, c.name?.span ?? c.span, { name }, { hint: 'one row per period: `"FY26-P01" from 2026-02-01 to 2026-02-28`' }));
    return undefined;
  }
  let sound = true;
  const keys = new Map<string, A.CalendarRow>();
  const rows: { row: cal.CalendarRow; at: A.CalendarRow }[] = [];
  for (const r of c.rows) {
    if (!r.key || !r.start || !r.end) {
      sound = false; // a syntax error was reported
      continue;
    }
    if (!validIso(r.start.text) || !validIso(r.end.text)) {
      sound = false; // the lexer reports a date that is not in the calendar (COMP1004)
      continue;
    }
    const key = r.key.value;
    if (!key.trim() || /[\s,]/.test(key) || key.startsWith('outside')) {
      h.err(diag(Codes.TypeMismatch, h.file, r.key.span, { expected: 'a period key without spaces or commas, e.g. `"FY26-P01"`', found: `\`${r.key.value}\`` }));
      sound = false;
      continue;
    }
    const prev = keys.get(key);
    if (prev) {
      h.err(diag(Codes.DuplicateDeclaration, h.file, r.key.span, { name: key }, { related: [{ file: h.file, span: prev.span, message: 'first declared here' }], hint: 'each period of a calendar has its own key' }));
      sound = false;
      continue;
    }
    keys.set(key, r);
    if (r.end.text < r.start.text) {
      h.err(diag(Codes.CalendarRowBackwards, h.file, { start: r.start.span.start, end: r.end.span.end }, { key, start: r.start.text, end: r.end.text }));
      sound = false;
      continue;
    }
    rows.push({ row: { key, start: r.start.text, end: r.end.text }, at: r });
  }
  rows.sort((a, b) => (a.row.start < b.row.start ? -1 : a.row.start > b.row.start ? 1 : 0));
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]!;
    const b = rows[i]!;
    const related = [{ file: h.file, span: a.at.span, message: `\`${a.row.key}\` ends on ${a.row.end}` }];
    if (b.row.start <= a.row.end) {
      const to = b.row.end < a.row.end ? b.row.end : a.row.end;
      h.err(diag(Codes.CalendarOverlap, h.file, b.at.start!.span, { key: b.row.key, other: a.row.key, from: b.row.start, to }, { related, hint: `start \`${b.row.key}\` on ${cal.addDays(a.row.end, 1)}, the day after \`${a.row.key}\` ends`, data: { suggestion: cal.addDays(a.row.end, 1) } }));
      sound = false;
    } else if (b.row.start !== cal.addDays(a.row.end, 1)) {
      const from = cal.addDays(a.row.end, 1);
      const to = cal.addDays(b.row.start, -1);
      h.err(diag(Codes.CalendarGap, h.file, b.at.start!.span, { name, from, to }, { related, hint: `start \`${b.row.key}\` on ${from}, or add a period for ${from === to ? from : `${from} to ${to}`}`, data: { suggestion: from } }));
      sound = false;
    }
  }
  return sound ? rows.map((r) => r.row) : undefined;
}

/** What a plan with a calendar table cannot say: reported where it is written (COMP5259). */
export function refuseOnCalendar(h: { file: string; err(d: Diagnostic): void }, span: Span, what: string, hint: string): void {
  h.err(diag(Codes.NotOnCalendarTable, h.file, span, { what }, { hint }));
}
