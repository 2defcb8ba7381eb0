// Aggregates over related rows and ancestor tests (docs/language.md sections 22 and 24).
//
// `sum(VALUE where COND)`, `count(ROWS where COND)`, `min(...)`, `max(...)` in a rep's period read
// either the rep's credited rows of the period (`deal`: one row per credit line, in credit order)
// or the rows of a table whose rep field names the rep and whose date falls in the period (or
// whose period field is the period). `sum` of no rows is 0 and `count` 0; `min`/`max` of no rows
// cannot be computed: an error unless written with `otherwise`. Each evaluation is noted in the
// trace with the rows it read.
//
// `ROW within ANCESTOR`: ROW is ANCESTOR (a key, or a row of the same table) or below it, following
// the table's one self-referencing field up to a row without a parent.
import { Decimal } from '../decimal.js';
import type { DateValue, HierarchyIR, PeriodValue, RelationExpr, RowValue, TraceNode } from '../ir.js';
import type { Credit, Ctx, RepPeriod } from '../engine/types.js';

const ZERO = new Decimal(0);

export interface RelationHelpers<C> {
  /** The rep's credited rows of the period (credit lines, in credit order). */
  creditRows(c: C): RowValue[];
  tableRows(c: C, table: string): Map<string, RowValue> | undefined;
  rep(c: C): RowValue | null;
  period(c: C): PeriodValue | null;
  withRow(c: C, row: RowValue): C;
  dec(v: unknown, c: C): Decimal;
  bool(v: unknown, c: C): boolean;
  /** The failure `otherwise` catches: min/max of no rows, an empty value. */
  empty(c: C): Error;
  note(c: C, node: TraceNode): void;
}

type Fn<C> = (c: C) => unknown;

function keyOfRef(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && (v as RowValue).kind === 'row') return (v as RowValue).key;
  return undefined;
}

function isoOf(v: unknown): string | undefined {
  if (v && typeof v === 'object' && (v as DateValue).kind === 'date') return (v as DateValue).iso;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  return undefined;
}

/** Table rows by rep, per table (built on first use per evaluation's table map). */
const byRep = new WeakMap<Map<string, RowValue>, Map<string, RowValue[]>>();

function repRows(all: Map<string, RowValue>, repField: string): Map<string, RowValue[]> {
  let m = byRep.get(all);
  if (m) return m;
  m = new Map();
  for (const r of all.values()) {
    const k = keyOfRef(r.values[repField]);
    if (k === undefined) continue;
    const list = m.get(k) ?? [];
    list.push(r);
    m.set(k, list);
  }
  byRep.set(all, m);
  return m;
}

export function compileRelation<C>(e: RelationExpr, sub: (x: import('../ir.js').Expr) => Fn<C>, h: RelationHelpers<C>): Fn<C> {
  if (e.k === 'within') {
    const of = sub(e.e);
    const anc = sub(e.ancestor);
    const { table, parentField } = e;
    return (c) => {
      const row = of(c);
      const target = keyOfRef(anc(c));
      if (!row || typeof row !== 'object' || (row as RowValue).kind !== 'row' || target === undefined) throw h.empty(c);
      const rows = h.tableRows(c, table);
      let cur: RowValue | undefined = row as RowValue;
      for (let steps = 0; cur && steps <= (rows?.size ?? 0); steps++) {
        if (cur.key === target) return true;
        const up = keyOfRef(cur.values[parentField]);
        cur = up === undefined ? undefined : rows?.get(up);
      }
      return false;
    };
  }
  const value = e.value ? sub(e.value) : undefined;
  const where = e.where ? sub(e.where) : undefined;
  const src = e.source;
  const rowsOf = (c: C): RowValue[] => {
    if (src.k === 'credits') return h.creditRows(c);
    const rep = h.rep(c);
    const period = h.period(c);
    const all = h.tableRows(c, src.table);
    if (!rep || !period || !all) return [];
    return (repRows(all, src.repField).get(rep.key) ?? []).filter((r) => {
      if (src.periodField) {
        const p = r.values[src.periodField];
        return (p && typeof p === 'object' && (p as PeriodValue).kind === 'period' ? (p as PeriodValue).key : p) === period.key;
      }
      const d = isoOf(r.values[src.dateField!]);
      return d !== undefined && d >= period.start && d <= period.end;
    });
  };
  return (c) => {
    const used: string[] = [];
    let acc: Decimal | undefined;
    let best: DateValue | undefined;
    let count = 0;
    for (const row of rowsOf(c)) {
      const rc = h.withRow(c, row);
      if (where && !h.bool(where(rc), rc)) continue;
      count++;
      used.push(row.key);
      if (!value) continue;
      const v = value(rc);
      if (v === null || v === undefined) throw h.empty(rc);
      if (typeof v === 'object' && (v as DateValue).kind === 'date') {
        const dv = v as DateValue;
        if (!best || (e.fn === 'min' ? dv.iso < best.iso : dv.iso > best.iso)) best = dv;
        continue;
      }
      const d = h.dec(v, rc);
      if (acc === undefined) acc = d;
      else if (e.fn === 'sum') acc = acc.plus(d);
      else if (e.fn === 'min' ? d.lt(acc) : d.gt(acc)) acc = d;
    }
    if (best) {
      h.note(c, { kind: 'aggregate', text: `${e.text} = ${best.iso} (${used.length} rows)`, value: best.iso });
      return best;
    }
    const result: Decimal = e.fn === 'count' ? new Decimal(count) : e.fn === 'sum' ? acc ?? ZERO : acc ?? (() => {
      throw h.empty(c);
    })();
    const rows = used.length === 0 ? 'no rows' : `${used.length} row${used.length > 1 ? 's' : ''}: ${used.slice(0, 20).join(', ')}${used.length > 20 ? ', ...' : ''}`;
    h.note(c, { kind: 'aggregate', text: `${e.text} = ${result.toFixed()} (${rows})`, value: result.toFixed() });
    return result;
  };
}

// ---------------------------------------------------------------- hierarchies (section 23)


/** The roll-up of a rep period made for a measure to date: the periods' roll-ups added up. */
export function setHierarchyCredits(rp: RepPeriod, h: HierarchyIR, credits: Credit[]): void {
  const s = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  credits.sort((a, b) => s(a.date, b.date) || s(a.table, b.table) || s(a.key, b.key) || s(a.rep, b.rep));
  ((rp as { hierarchy?: Map<string, Credit[]> }).hierarchy ??= new Map()).set(`${h.by}\u0000${h.level}`, credits);
}

/** Per period (the env's `repPeriodFor` is made once per period) and field: manager key -> reports. */
const reportsBy = new WeakMap<object, Map<string, Map<string, string[]>>>();

function reportsOf(c: Ctx, by: string): Map<string, string[]> {
  const env = c.env;
  const per = env.repPeriodFor!;
  let byField = reportsBy.get(per);
  if (!byField) reportsBy.set(per, (byField = new Map()));
  let m = byField.get(by);
  if (m) return m;
  m = new Map();
  for (const k of [...env.roster.keys()].sort()) {
    const parent = keyOfRef(per(k).rep.values[by]);
    if (parent === undefined || parent === k) continue;
    const list = m.get(parent) ?? [];
    list.push(k);
    m.set(parent, list);
  }
  byField.set(by, m);
  return m;
}

/** The reps `level` steps below the current rep along `by` (every level below with 'all'), in force in the period. */
export function hierarchyReps(c: Ctx, h: HierarchyIR): { rep: string; level: number }[] {
  const me = c.rep?.key;
  if (me === undefined || !c.env.repPeriodFor) return [];
  const m = reportsOf(c, h.by);
  const out: { rep: string; level: number }[] = [];
  const seen = new Set<string>([me]);
  let frontier = [me];
  for (let level = 1; frontier.length && (h.level === 'all' || level <= h.level); level++) {
    const next: string[] = [];
    for (const p of frontier) for (const k of m.get(p) ?? []) if (!seen.has(k)) {
      seen.add(k);
      next.push(k);
      if (h.level === 'all' || h.level === level) out.push({ rep: k, level });
    }
    frontier = next;
  }
  return out;
}

/** The credits of those reps in the period, in credit order (date, table, key, rep). */
export function hierarchyCredits(c: Ctx, h: HierarchyIR, cachedOnly = false): Credit[] {
  const rp = c.rp;
  if (!rp) return [];
  const cache = ((rp as { hierarchy?: Map<string, Credit[]> }).hierarchy ??= new Map());
  const key = `${h.by}\u0000${h.level}`;
  const hit = cache.get(key);
  if (hit) return hit;
  // an earlier period's roll-up is the one taken in that period (Settlement.enterPeriod)
  if (cachedOnly) return [];
  const out: Credit[] = [];
  for (const { rep } of hierarchyReps(c, h)) out.push(...c.env.repPeriodFor!(rep).credits);
  const s = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  out.sort((a, b) => s(a.date, b.date) || s(a.table, b.table) || s(a.key, b.key) || s(a.rep, b.rep));
  cache.set(key, out);
  return out;
}
