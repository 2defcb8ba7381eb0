// Calendar arithmetic on ISO dates ('YYYY-MM-DD'): payout periods, period keys, day and month
// counts. Day counts are plain JS integers (never money). All computations are in UTC days.
import type { PeriodValue } from './ir.js';

export type Frequency = 'month' | 'quarter' | 'year' | 'week' | 'semimonth' | 'calendar';

/** One row of a calendar table: a period's key as written and its first and last day. */
export interface CalendarRow {
  key: string;
  start: string;
  end: string;
}

/** How the plan cuts time into payout periods. `anchor` is the start of one week period. */
export interface PeriodSpec {
  frequency: Frequency;
  every: number;
  /** Week periods only: the start date of a period (the plan's `from`). */
  anchor?: string;
  /** First month of the fiscal year (1-12); absent or 1: calendar years. */
  fiscalStart?: number;
  /** `periods from calendar NAME`: the rows, in date order, without gaps or overlaps (the checker's). */
  calendar?: CalendarRow[];
}

/** What a plan says of its periods (the IR's `periods`): enough to build its PeriodSpec. */
export interface PeriodsLike {
  frequency: Frequency;
  every?: number;
  fiscalStart?: number;
  from?: string;
  calendar?: CalendarRow[];
}

/** The one PeriodSpec of a plan's periods (the header's frequency, fiscal year, calendar table). */
export function specOf(p: PeriodsLike, anchor?: string): PeriodSpec {
  const spec: PeriodSpec = { frequency: p.frequency, every: p.every || 1 };
  if (p.fiscalStart !== undefined) spec.fiscalStart = p.fiscalStart;
  if (p.calendar) spec.calendar = p.calendar;
  if (p.frequency === 'week') {
    const a = p.from ?? anchor;
    if (a !== undefined) spec.anchor = a;
  }
  return spec;
}

/** The row of a calendar containing a date, by binary search; undefined outside every row. */
function calendarRowOf(rows: CalendarRow[], iso: string): CalendarRow | undefined {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = rows[mid]!;
    if (iso < r.start) hi = mid - 1;
    else if (iso > r.end) lo = mid + 1;
    else return r;
  }
  return undefined;
}

/**
 * The period of a date in a calendar table. A date outside every row belongs to no period of the
 * plan: it gets a one-day period keyed `outside <date>` (never a key of the plan, so nothing
 * pays in it, as for a date outside the header's `from ... to ...`).
 */
function calendarPeriodOf(rows: CalendarRow[], iso: string): PeriodValue {
  const r = calendarRowOf(rows, iso);
  if (r) return { kind: 'period', key: r.key, start: r.start, end: r.end };
  return { kind: 'period', key: `outside ${iso}`, start: iso, end: iso };
}

const MS_PER_DAY = 86_400_000;

export function parseIso(iso: string): { y: number; m: number; d: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function isoOf(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Days since 1970-01-01 (UTC). */
export function toDays(iso: string): number {
  const { y, m, d } = parseIso(iso);
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function fromDays(n: number): string {
  const dt = new Date(n * MS_PER_DAY);
  return isoOf(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

export function addDays(iso: string, n: number): string {
  return fromDays(toDays(iso) + n);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Adds calendar months; the day is clamped to the end of the target month (Jan 31 + 1 -> Feb 28). */
export function addMonths(iso: string, n: number): string {
  const { y, m, d } = parseIso(iso);
  const idx = y * 12 + (m - 1) + n;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  return isoOf(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** days_between(a, b): whole days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  return toDays(b) - toDays(a);
}

/** months_between(a, b): whole calendar months from a's month to b's month. */
export function monthsBetween(a: string, b: string): number {
  const pa = parseIso(a);
  const pb = parseIso(b);
  return pb.y * 12 + pb.m - (pa.y * 12 + pa.m);
}

/** months_since(d) measured at `at` (the period's start): 1 in the month of d. */
export function monthsSince(d: string, at: string): number {
  return monthsBetween(d, at) + 1;
}

export function compareIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The Monday on or before a date. */
export function mondayOnOrBefore(iso: string): string {
  const n = toDays(iso);
  // 1970-01-01 was a Thursday: (n + 3) mod 7 == 0 on Mondays.
  const dow = (((n + 3) % 7) + 7) % 7;
  return fromDays(n - dow);
}

function monthPeriod(y: number, m: number): PeriodValue {
  return { kind: 'period', key: `${pad(y, 4)}-${pad(m)}`, start: isoOf(y, m, 1), end: isoOf(y, m, daysInMonth(y, m)) };
}

function quarterPeriod(y: number, q: number): PeriodValue {
  const m0 = (q - 1) * 3 + 1;
  return { kind: 'period', key: `${pad(y, 4)}-Q${q}`, start: isoOf(y, m0, 1), end: isoOf(y, m0 + 2, daysInMonth(y, m0 + 2)) };
}

function halfPeriod(y: number, h: number): PeriodValue {
  const m0 = (h - 1) * 6 + 1;
  return { kind: 'period', key: `${pad(y, 4)}-H${h}`, start: isoOf(y, m0, 1), end: isoOf(y, m0 + 5, daysInMonth(y, m0 + 5)) };
}

function yearPeriod(y: number): PeriodValue {
  return { kind: 'period', key: pad(y, 4), start: isoOf(y, 1, 1), end: isoOf(y, 12, 31) };
}

/** Which quarter (1-4) of the year a month (1-12) is in: of the fiscal year when `fiscalStart` is after January. */
export function quarterOfMonth(month: number, fiscalStart?: number): number {
  const fs = isFiscal(fiscalStart) ? fiscalStart! : 1;
  return Math.floor(((((month - fs) % 12) + 12) % 12) / 3) + 1;
}

/** The payout period containing a date. */
export function periodOf(spec: PeriodSpec, iso: string): PeriodValue {
  const { y, m } = parseIso(iso);
  switch (spec.frequency) {
    case 'calendar':
      return calendarPeriodOf(spec.calendar ?? [], iso);
    case 'month':
      return monthPeriod(y, m);
    case 'semimonth': {
      // the 1st-15th and the 16th-last day, named by their first day (`2026-01-01`, `2026-01-16`)
      const first = parseIso(iso).d <= 15;
      const start = isoOf(y, m, first ? 1 : 16);
      return { kind: 'period', key: start, start, end: isoOf(y, m, first ? 15 : daysInMonth(y, m)) };
    }
    case 'quarter':
      if (isFiscal(spec.fiscalStart)) return fiscalPeriodOf(spec.fiscalStart!, iso, 'quarter');
      return quarterPeriod(y, quarterOfMonth(m));
    case 'year':
      if (isFiscal(spec.fiscalStart)) return fiscalPeriodOf(spec.fiscalStart!, iso, 'year');
      return yearPeriod(y);
    case 'week': {
      const len = 7 * Math.max(1, spec.every);
      const anchor = toDays(spec.anchor ?? mondayOnOrBefore(iso));
      const n = toDays(iso);
      const k = Math.floor((n - anchor) / len);
      const start = anchor + k * len;
      const s = fromDays(start);
      return { kind: 'period', key: s, start: s, end: fromDays(start + len - 1) };
    }
  }
}

/** The period after `p`. */
export function nextPeriod(spec: PeriodSpec, p: PeriodValue): PeriodValue {
  return periodOf(spec, addDays(p.end, 1));
}

/** Every period from the one containing `from` to the one containing `to`, in date order. */
export function enumeratePeriods(spec: PeriodSpec, from: string, to: string): PeriodValue[] {
  const out: PeriodValue[] = [];
  if (compareIso(from, to) > 0) return out;
  if (spec.frequency === 'calendar') {
    // the rows overlapping [from, to]
    for (const r of spec.calendar ?? []) if (r.end >= from && r.start <= to) out.push({ kind: 'period', key: r.key, start: r.start, end: r.end });
    return out;
  }
  let p = periodOf(spec, from);
  const last = periodOf(spec, to);
  while (compareIso(p.start, last.start) <= 0) {
    out.push(p);
    p = nextPeriod(spec, p);
  }
  return out;
}

/**
 * A period written as a key or a date: '2026-01', '2026-Q1', '2026-H1', '2026', or an ISO date
 * (a one-day range; week periods are keyed by their start date). Undefined when malformed.
 */
export function periodFromKey(key: string, plan?: number | PeriodsLike): PeriodValue | undefined {
  const fiscalStart = typeof plan === 'number' ? plan : plan?.fiscalStart;
  // a plan with a calendar table knows only its rows' keys, as written
  if (typeof plan === 'object' && plan.calendar) {
    const r = plan.calendar.find((x) => x.key === key);
    return r ? { kind: 'period', key: r.key, start: r.start, end: r.end } : undefined;
  }
  let m: RegExpExecArray | null;
  if ((m = /^FY(\d{4})(?:-(Q[1-4]|H[12]))?$/.exec(key))) return fiscalPeriodFromKey(fiscalStart ?? 1, Number(m[1]), m[2]);
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key))) {
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(Number(m[1]), mo)) return undefined;
    return { kind: 'period', key, start: key, end: key };
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(key))) {
    const mo = Number(m[2]);
    return mo >= 1 && mo <= 12 ? monthPeriod(Number(m[1]), mo) : undefined;
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) return quarterPeriod(Number(m[1]), Number(m[2]));
  if ((m = /^(\d{4})-H([12])$/.exec(key))) return halfPeriod(Number(m[1]), Number(m[2]));
  if ((m = /^(\d{4})$/.exec(key))) return yearPeriod(Number(m[1]));
  return undefined;
}

// ------------------------------------------------------------------ fiscal years

/**
 * Fiscal years (`fiscal year starts February`): a fiscal year is named by the calendar year in
 * which it ends, so with a February start FY2027 runs from 2026-02-01 to 2027-01-31, FY2027-Q1 is
 * February to April 2026 and FY2027-H2 is August 2026 to January 2027. Months keep their calendar
 * keys (`2026-02`). A fiscal year starting in January is the calendar year (keys `2026-Q1`, `2026`).
 */
export function isFiscal(fiscalStart: number | undefined): boolean {
  return fiscalStart !== undefined && fiscalStart > 1 && fiscalStart <= 12;
}

/** The fiscal year (by the calendar year it ends in) containing a date. */
export function fiscalYearOf(fiscalStart: number, iso: string): number {
  const { y, m } = parseIso(iso);
  return isFiscal(fiscalStart) && m >= fiscalStart ? y + 1 : y;
}

/** The fiscal quarter, half or year containing a date. */
export function fiscalPeriodOf(fiscalStart: number, iso: string, unit: 'quarter' | 'half' | 'year'): PeriodValue {
  const { m } = parseIso(iso);
  const fy = fiscalYearOf(fiscalStart, iso);
  const offset = (m - fiscalStart + 12) % 12; // months since the fiscal year began
  const len = unit === 'quarter' ? 3 : unit === 'half' ? 6 : 12;
  const n = Math.floor(offset / len) + 1;
  return fiscalBlock(fiscalStart, fy, unit, n);
}

function fiscalBlock(fiscalStart: number, fy: number, unit: 'quarter' | 'half' | 'year', n: number): PeriodValue {
  const fs = isFiscal(fiscalStart) ? fiscalStart : 1;
  const len = unit === 'quarter' ? 3 : unit === 'half' ? 6 : 12;
  // first month of the fiscal year, as an absolute month index
  const startIdx = (fs === 1 ? fy : fy - 1) * 12 + (fs - 1) + (n - 1) * len;
  const endIdx = startIdx + len - 1;
  const sy = Math.floor(startIdx / 12);
  const sm = (startIdx % 12) + 1;
  const ey = Math.floor(endIdx / 12);
  const em = (endIdx % 12) + 1;
  const calendar = fs === 1;
  const key = unit === 'year' ? (calendar ? pad(fy, 4) : `FY${pad(fy, 4)}`) : `${calendar ? pad(fy, 4) : `FY${pad(fy, 4)}`}-${unit === 'quarter' ? 'Q' : 'H'}${n}`;
  return { kind: 'period', key, start: isoOf(sy, sm, 1), end: isoOf(ey, em, daysInMonth(ey, em)) };
}

function fiscalPeriodFromKey(fiscalStart: number, fy: number, part: string | undefined): PeriodValue {
  if (!part) return fiscalBlock(fiscalStart, fy, 'year', 1);
  return fiscalBlock(fiscalStart, fy, part[0] === 'Q' ? 'quarter' : 'half', Number(part.slice(1)));
}

// ------------------------------------------------------------------ cumulative scopes

/**
 * The quarter or year containing a date (`basis year to date`, `settle at quarter end`): the ONE
 * function for "the start (and end) of the year/quarter containing a period". Quarters and years
 * follow the plan's fiscal year (`spec.fiscalStart`) when it does not start in January.
 */
export function scopeOf(spec: PeriodSpec, scope: 'quarter' | 'year', iso: string): PeriodValue {
  // a calendar table has no quarters or years of its own: its rows are one scope (the checker
  // refuses `basis year to date` and `settle at quarter end` on them, COMP5256; this serves the
  // statements' "year to date" figures)
  if (spec.frequency === 'calendar' && spec.calendar?.length) {
    const rows = spec.calendar;
    return { kind: 'period', key: `${rows[0]!.key} to ${rows[rows.length - 1]!.key}`, start: rows[0]!.start, end: rows[rows.length - 1]!.end };
  }
  return periodOf({ frequency: scope, every: 1, fiscalStart: spec.fiscalStart }, iso);
}
