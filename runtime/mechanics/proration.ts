// Proration (docs/language.md section 16): days and months employed in a rep's period, from the
// roster's `employed from ... to ...` dates and the `leave from ...` table; `prorate(x, by days
// employed)`; `seasonal(x, by quarter 20%, 20%, 20%, 40%)`. Day and month counts are JS integers;
// every amount is a Decimal.
import { Decimal } from '../decimal.js';
import * as cal from '../calendar.js';
import { formatAmount } from '../format.js';
import type { EmploymentIR, PeriodValue, ProrationExpr, RowValue, TraceNode } from '../ir.js';

/** What the evaluator lends to the proration closures (C is its evaluation context). */
export interface ProrationHelpers<C> {
  rep(c: C): RowValue | null;
  period(c: C): PeriodValue | null;
  tables(c: C): Map<string, Map<string, RowValue>>;
  employment(c: C): EmploymentIR | undefined;
  fiscalStart(c: C): number | undefined;
  dec(v: unknown, c: C): Decimal;
  /** Adds an explanation to the rep's statement (once per text). */
  note(c: C, node: TraceNode): void;
}

export interface EmploymentFacts {
  daysInPeriod: number;
  daysEmployed: number;
  monthsInPeriod: number;
  monthsEmployed: number;
  leaveDays: number;
  hire?: string;
  end?: string;
}

function isoOf(v: unknown): string | undefined {
  if (v && typeof v === 'object' && (v as { kind?: string }).kind === 'date') return (v as { iso: string }).iso;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  return undefined;
}

function keyOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && (v as { kind?: string }).kind === 'row') return (v as RowValue).key;
  return undefined;
}

/** Leave ranges per rep, in day numbers (inclusive), indexed once per dataset. */
const leaveIndexes = new WeakMap<Map<string, Map<string, RowValue>>, Map<string, [number, number][]>>();

function leaveIndex(emp: EmploymentIR, tables: Map<string, Map<string, RowValue>>): Map<string, [number, number][]> {
  let idx = leaveIndexes.get(tables);
  if (idx) return idx;
  idx = new Map();
  const l = emp.leave;
  if (l) {
    for (const row of tables.get(l.table)?.values() ?? []) {
      const rep = keyOf(row.values[l.repField]);
      const s = isoOf(row.values[l.startField]);
      const e = isoOf(row.values[l.endField]);
      if (!rep || !s || !e) continue;
      const list = idx.get(rep) ?? [];
      list.push([cal.toDays(s), cal.toDays(e)]);
      idx.set(rep, list);
    }
  }
  leaveIndexes.set(tables, idx);
  return idx;
}

/** Days and months of `period` in which `rep` is employed and not on leave (all bounds inclusive). */
export function employmentFacts(emp: EmploymentIR | undefined, tables: Map<string, Map<string, RowValue>>, rep: RowValue, period: PeriodValue): EmploymentFacts {
  const p0 = cal.toDays(period.start);
  const p1 = cal.toDays(period.end);
  const hire = emp ? isoOf(rep.values[emp.from]) : undefined;
  const end = emp?.to ? isoOf(rep.values[emp.to]) : undefined;
  const h = hire ? cal.toDays(hire) : -Infinity;
  const e = end ? cal.toDays(end) : Infinity;
  const leaves = emp ? leaveIndex(emp, tables).get(rep.key) ?? [] : [];
  const onLeave = (d: number): boolean => leaves.some(([a, b]) => d >= a && d <= b);
  const works = (d: number): boolean => d >= h && d <= e && !onLeave(d);
  let daysEmployed = 0;
  let leaveDays = 0;
  for (let d = p0; d <= p1; d++) {
    if (d >= h && d <= e && onLeave(d)) leaveDays++;
    if (works(d)) daysEmployed++;
  }
  // whole calendar months inside the period; a month counts when every one of its days is worked
  let monthsInPeriod = 0;
  let monthsEmployed = 0;
  let m = cal.parseIso(period.start);
  for (;;) {
    const first = cal.isoOf(m.y, m.m, 1);
    const last = cal.isoOf(m.y, m.m, cal.daysInMonth(m.y, m.m));
    if (last > period.end) break;
    if (first >= period.start) {
      monthsInPeriod++;
      let all = true;
      for (let d = cal.toDays(first); d <= cal.toDays(last) && all; d++) if (!works(d)) all = false;
      if (all) monthsEmployed++;
    }
    m = cal.parseIso(cal.addMonths(first, 1));
  }
  const out: EmploymentFacts = { daysInPeriod: p1 - p0 + 1, daysEmployed, monthsInPeriod, monthsEmployed, leaveDays };
  if (hire) out.hire = hire;
  if (end) out.end = end;
  return out;
}

function factsNode(f: EmploymentFacts, rep: RowValue, period: PeriodValue): TraceNode {
  const from = f.hire ? `employed from ${f.hire}` : 'employed';
  const to = f.end ? ` to ${f.end}` : '';
  const leave = f.leaveDays ? `, ${f.leaveDays} ${f.leaveDays === 1 ? 'day' : 'days'} on leave` : '';
  return {
    kind: 'proration',
    // a period that is no whole calendar month (a calendar table's row) has days only
    text: `${rep.key} ${from}${to}${leave}: ${f.daysEmployed} of ${f.daysInPeriod} days${f.monthsInPeriod > 0 ? ` and ${f.monthsEmployed} of ${f.monthsInPeriod} whole months` : ''} of ${period.key} employed`,
    value: String(f.daysEmployed),
  };
}

/** Which quarter (0-3) of the (fiscal) year a month (1-12) is in (the calendar's rule). */
function quarterOf(month: number, fiscalStart: number | undefined): number {
  return cal.quarterOfMonth(month, fiscalStart) - 1;
}

/** Compiles a proration expression; `sub` compiles its operands. */
export function compileProration<C>(e: ProrationExpr, sub: (x: import('../ir.js').Expr) => (c: C) => unknown, h: ProrationHelpers<C>): (c: C) => unknown {
  const facts = (c: C): EmploymentFacts => {
    const rep = h.rep(c);
    const period = h.period(c);
    if (!rep || !period) throw new Error('employment values need a rep and a period');
    const emp = h.employment(c);
    const f = employmentFacts(emp, h.tables(c), rep, period);
    if (emp) h.note(c, factsNode(f, rep, period));
    return f;
  };
  switch (e.k) {
    case 'employment': {
      const what = e.what;
      return (c) => {
        const f = facts(c);
        const n = what === 'days employed' ? f.daysEmployed : what === 'days in period' ? f.daysInPeriod : what === 'months employed' ? f.monthsEmployed : f.monthsInPeriod;
        return new Decimal(n);
      };
    }
    case 'prorate': {
      const of = sub(e.of);
      const by = e.by;
      return (c) => {
        const x = h.dec(of(c), c);
        const f = facts(c);
        const num = by === 'days' ? f.daysEmployed : f.monthsEmployed;
        const den = by === 'days' ? f.daysInPeriod : f.monthsInPeriod;
        // a full period is the value itself (no division); an empty one is zero
        const out = num === den ? x : den === 0 ? new Decimal(0) : x.times(num).div(den);
        h.note(c, { kind: 'proration', text: `prorated by ${by} employed: ${formatAmount(x)} x ${num}/${den} = ${formatAmount(out)}`, value: out.toFixed() });
        return out;
      };
    }
    case 'seasonal': {
      const of = sub(e.of);
      const by = e.by;
      const weights = e.weights.map((w) => new Decimal(w));
      return (c) => {
        const x = h.dec(of(c), c);
        const period = h.period(c);
        if (!period) throw new Error('seasonal needs a period');
        // each month's weight: its own (`by month`) or a third of its quarter's (`by quarter`);
        // a period takes the months it covers, a month it covers in part by its share of days
        const fs = h.fiscalStart(c);
        let whole = new Decimal(0);
        let partial = new Decimal(0);
        const parts: string[] = [];
        let m = cal.parseIso(period.start);
        for (;;) {
          const first = cal.isoOf(m.y, m.m, 1);
          if (first > period.end) break;
          const dim = cal.daysInMonth(m.y, m.m);
          const last = cal.isoOf(m.y, m.m, dim);
          const lo = first < period.start ? period.start : first;
          const hi = last > period.end ? period.end : last;
          const days = cal.daysBetween(lo, hi) + 1;
          const monthIdx = fs && fs > 1 ? (((m.m - fs) % 12) + 12) % 12 : m.m - 1;
          const w = by === 'month' ? weights[monthIdx]! : weights[quarterOf(m.m, fs)]!;
          const label = by === 'month' ? `${first.slice(0, 7)} ${w.times(100).toFixed()}%` : `${first.slice(0, 7)} Q${quarterOf(m.m, fs) + 1} ${w.times(100).toFixed()}%/3`;
          if (days === dim) whole = whole.plus(w);
          else partial = partial.plus(w.times(days).div(dim));
          parts.push(days === dim ? label : `${label} x ${days}/${dim} days`);
          m = cal.parseIso(cal.addMonths(first, 1));
        }
        // by quarter: divide by 3 last, so that 120,000 x 20% / 3 is exactly 8,000
        const out = by === 'month' ? x.times(whole.plus(partial)) : x.times(whole.plus(partial)).div(3);
        h.note(c, { kind: 'seasonal', text: `seasonal share of ${formatAmount(x)} for ${period.key} (by ${by}): ${parts.join(' + ')} = ${formatAmount(out)}`, value: out.toFixed() });
        return out;
      };
    }
  }
}
