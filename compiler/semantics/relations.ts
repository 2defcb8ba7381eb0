// Aggregates over related rows and ancestor tests (docs/language.md sections 22 and 24):
// `sum(deal.units where deal.product = "A")`, `count(expenses where ...)`, `min(...)`, `max(...)`
// per rep and period, and `deal.product within "Furniture"` on a self-referencing table.
// The checker calls these through its time-and-money host; compiler/lower/relations.ts lowers them.
import type * as A from '../syntax/ast.js';
import { Codes, diag } from '../diagnostics/diagnostic.js';
import type { Ctx, Semantics, TableInfo } from './model.js';
import { creditRow } from './rows.js';
import { T, isNumeric, isUnknown, show, type Type } from './types.js';
import type { TimeMoneyHost } from './time-money.js';

export type AggregateFn = 'sum' | 'count' | 'min' | 'max';

/** What an aggregate reads: the rep's credited rows, or a table's rows of the rep in the period. */
export type AggregateSource = { k: 'credits'; name: string } | { k: 'table'; name: string; table: string; repField: string; dateField?: string; periodField?: string };

export interface AggregateInfo {
  fn: AggregateFn;
  source: AggregateSource;
}

export interface WithinInfo {
  table: string;
  parentField: string;
}

/** Found by the checker, read by the lowering. */
const aggregates = new WeakMap<A.Call, AggregateInfo>();
const withins = new WeakMap<A.Binary, WithinInfo>();

export function aggregateOf(e: A.Call): AggregateInfo | undefined {
  return aggregates.get(e);
}

export function withinOf(e: A.Binary): WithinInfo | undefined {
  return withins.get(e);
}

const SIG: Record<AggregateFn, string> = {
  sum: 'sum(deal.FIELD [where COND])',
  count: 'count(deal [where COND])',
  min: 'min(deal.FIELD [where COND])',
  max: 'max(deal.FIELD [where COND])',
};

/** Signatures and docs of the aggregates, for hover and completion. */
export const AGGREGATE_DOCS: Record<'sum' | 'count', { sig: string; doc: string }> = {
  sum: { sig: 'sum(deal.FIELD [where COND])', doc: "The sum of a field over the rep's rows of the period: its credited rows (`deal`), or a table's rows whose rep field names the rep and whose date falls in the period. 0 without rows." },
  count: { sig: 'count(deal [where COND])', doc: "How many of the rep's rows of the period (credited rows, or a table's rows of the rep dated in the period) meet COND." },
};

/** The names an expression refers to, in source order (not inside nested aggregates' conditions). */
function namesIn(e: A.Expr | undefined, out: string[]): string[] {
  if (!e) return out;
  const visit = (x: unknown): void => {
    if (!x || typeof x !== 'object') return;
    if (Array.isArray(x)) {
      for (const y of x) visit(y);
      return;
    }
    const n = x as { kind?: string; name?: { text: string } };
    if (n.kind === 'NameRef' && n.name) {
      out.push(n.name.text);
      return;
    }
    for (const [k, v] of Object.entries(x)) if (k !== 'span' && k !== 'opSpan') visit(v);
  };
  visit(e);
  return out;
}

/** The rows an aggregate is over: the first name that is the credited row or a table (not the roster). */
function sourceOf(h: TimeMoneyHost, e: A.Call): AggregateSource | undefined {
  const credited = creditRow(h.plan, h.s.tables);
  const names = [...namesIn(e.args[0], []), ...namesIn(e.where, [])];
  for (const name of names) {
    if (credited && (name === credited.name || name === credited.alias)) return { k: 'credits', name };
    const t = h.s.tables.get(name);
    if (t && !t.roster) return tableSource(name, t);
  }
  return undefined;
}

function tableSource(name: string, t: TableInfo): AggregateSource {
  const fields = [...t.fields.values()];
  const dates = fields.filter((f) => f.type.k === 'date');
  const out: AggregateSource = { k: 'table', name, table: t.name, repField: t.repField ?? '' };
  if (t.periodField) out.periodField = t.periodField;
  else if (dates.length === 1) out.dateField = dates[0]!.name;
  return out;
}

/** True for the calls that are aggregates: `sum`, `count`, and `min`/`max` of one argument over rows. */
export function isAggregateCall(h: TimeMoneyHost, e: A.Call): boolean {
  const name = e.callee.text;
  if (name === 'sum' || name === 'count') return true;
  if (name !== 'min' && name !== 'max') return false;
  return e.where !== undefined || (e.args.length === 1 && sourceOf(h, e) !== undefined);
}

/** Checks an aggregate call and returns its type; `ctx` is the checker's scope (a rep's). */
export function checkAggregate(h: TimeMoneyHost, e: A.Call, ctx: Ctx): Type {
  const fn = e.callee.text as AggregateFn;
  const hint = { hint: `\`${SIG[fn]}\`` };
  if (e.args.length !== 1) {
    h.err(diag(Codes.WrongArgumentCount, h.file, e.span, { name: fn, expected: '1 argument (and `where COND`)', found: String(e.args.length) }, hint));
    return T.unknown;
  }
  if (!ctx.rep) {
    h.err(diag(Codes.NotAvailableHere, h.file, e.span, { name: `${fn}(...)`, where: ctx.where }, { hint: 'an aggregate is computed per rep and period: use it in a `let` or a component' }));
    return T.unknown;
  }
  const source = sourceOf(h, e);
  if (!source) {
    h.err(diag(Codes.AggregateWithoutRows, h.file, e.args[0]!.span, { name: fn }, { hint: 'name the rows: `sum(deal.units)` (the rep\'s credited rows) or `sum(expenses.cost)` (a table with a `rep` field and a date)' }));
    return T.unknown;
  }
  if (source.k === 'table') {
    const missing: string[] = [];
    if (!source.repField) missing.push('a `rep` field');
    if (!source.dateField && !source.periodField) missing.push('exactly one `date` field (or a `period` field)');
    if (missing.length) {
      h.err(diag(Codes.AggregateTableShape, h.file, e.args[0]!.span, { table: source.table, what: missing.join(' and ') }, { hint: 'the rows of the rep in the period are those whose rep field names the rep and whose date falls in the period' }));
      return T.unknown;
    }
  }
  const table = source.k === 'table' ? source.table : undefined;
  const row = source.k === 'credits' ? creditRow(h.plan, h.s.tables)! : { name: source.name, tables: [table!] };
  const inner: Ctx = { ...ctx, row, where: `in \`${fn}(...)\`` };
  const t = h.expr(e.args[0]!, inner);
  if (e.where) {
    const c = h.expr(e.where, inner);
    if (!isUnknown(c) && c.k !== 'boolean') h.err(diag(Codes.ConditionNotBoolean, h.file, e.where.span, { found: show(c, h.s.roster?.name) }));
  }
  aggregates.set(e, { fn, source });
  if (fn === 'count') return T.integer;
  if (isUnknown(t)) return t;
  const ok = fn === 'sum' ? isNumeric(t) : isNumeric(t) || t.k === 'date';
  if (!ok) {
    h.err(diag(Codes.TypeMismatch, h.file, e.args[0]!.span, { expected: fn === 'sum' ? 'a number or amount of each row' : 'a number, amount or date of each row', found: show(t, h.s.roster?.name) }, hint));
    return T.unknown;
  }
  return t;
}

/** `a where c` outside an aggregate. */
export function checkStrayWhere(h: TimeMoneyHost, e: A.Call): void {
  if (e.where) h.err(diag(Codes.TypeMismatch, h.file, e.where.span, { expected: '`)` (only `sum`, `count`, `min` and `max` of rows take `where`)', found: '`where ...`' }));
}

/** `a within b`: a is a row of a self-referencing table, b a key of it (text) or another of its rows. */
export function checkWithin(h: TimeMoneyHost, e: A.Binary, l: Type, r: Type): Type {
  if (isUnknown(l) || isUnknown(r)) return T.boolean;
  const s: Semantics = h.s;
  const table = l.k === 'row' ? s.tables.get(l.table) : undefined;
  const parents = table ? [...table.fields.values()].filter((f) => f.type.k === 'row' && f.type.table === table.name) : [];
  if (!table || parents.length !== 1) {
    const what = !table ? show(l, s.roster?.name) : parents.length === 0 ? `a row of \`${table.name}\`, which has no field referencing \`${table.name}\`` : `a row of \`${table.name}\`, which has ${parents.length} fields referencing itself`;
    h.err(diag(Codes.WithinNeedsHierarchy, h.file, e.left.span, { found: what }, { hint: 'declare the parent in the table: `parent: categories optional`' }));
    return T.boolean;
  }
  if (!(r.k === 'text' || (r.k === 'row' && r.table === table.name))) {
    h.err(diag(Codes.TypeMismatch, h.file, e.right!.span, { expected: `a key of \`${table.name}\` (text) or one of its rows`, found: show(r, s.roster?.name) }));
    return T.boolean;
  }
  withins.set(e, { table: table.name, parentField: parents[0]!.name });
  return T.boolean;
}

// ---------------------------------------------------------------- hierarchies (section 23)

export interface HierarchyInfo {
  /** The roster field (a rep) that names each rep's parent in this hierarchy. */
  by: string;
  /** 1: direct reports; 2: their reports; 'all': every level below. */
  level: number | 'all';
}

const hierarchies = new WeakMap<A.CreditExpr, HierarchyInfo>();

export function hierarchyOf(e: A.CreditExpr): HierarchyInfo | undefined {
  return hierarchies.get(e);
}

/** `team credit by FIELD at level N | at all levels`: checks the field and the level. */
export function checkHierarchyCredit(h: TimeMoneyHost, e: A.CreditExpr): void {
  if (!e.by && !e.level) return;
  if (!e.team) {
    h.err(diag(Codes.NotAvailableHere, h.file, (e.by ?? e.level)!.span, { name: e.by ? 'by' : 'at level', where: 'on `credit` (it is written on `team credit`)' }, { hint: 'write `team credit by manager at all levels`' }));
    return;
  }
  const roster = h.s.roster;
  let by = h.s.teamBy;
  if (e.by && roster) {
    const f = roster.fields.get(e.by.text);
    if (!f) {
      h.err(diag(Codes.UnknownField, h.file, e.by.span, { owner: `a rep (roster \`${roster.name}\`)`, name: e.by.text }, h.didYouMean(e.by.text, roster.fields.keys())));
      return;
    }
    if (!(f.type.k === 'row' && f.type.table === roster.name)) {
      h.err(diag(Codes.NotARep, h.file, e.by.span, { found: show(f.type, roster.name) }, { hint: `the hierarchy is a roster field holding a rep: \`${e.by.text}: rep optional\`` }));
      return;
    }
    h.ref(e.by.span, 'field', e.by.text, roster.name);
    by = e.by.text;
  }
  if (!by) return; // COMP5006 is reported by the checker
  const level = e.level?.n ?? 1;
  if (typeof level === 'number' && (!Number.isInteger(level) || level < 1)) {
    h.err(diag(Codes.TypeMismatch, h.file, e.level!.span, { expected: 'a level of 1 or more (1: direct reports)', found: String(level) }));
    return;
  }
  hierarchies.set(e, { by, level });
}

/**
 * A component on a hierarchy's credit may be paid on a measure to date: each period's roll-up is
 * taken from the hierarchy in force in that period (runtime/mechanics/cumulative.ts). COMP5254,
 * which refused it, is retired; nothing is reported here any more.
 */
export function checkHierarchyBasis(_h: TimeMoneyHost, _c: A.ComponentDecl, _measure: A.Expr): void {}
