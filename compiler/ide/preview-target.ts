// Who a payout preview is computed for: the plan's `target rep` when it has one, else a rep
// typical of the sample data (the medians of the reps a component pays), else a rep inferred
// from the plan itself (the values its `for`, gates and lookups ask for, a quota at a round
// figure). Every preview says which of the three it used.
//
// Values travel between processes (the language server's preview workers) as JSON: see
// TargetValueJson.
import type * as A from '../syntax/ast.js';
import type * as IR from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import * as cal from '../../runtime/calendar.js';

/** One value of the target: a roster field (`table` absent) or a per-rep table's field. */
export interface TargetEntry {
  table?: string;
  field: string;
  value: IR.Value;
}

export interface TargetSpec {
  /** How the figures are labelled: "the target rep", "a typical AE of the sample data", ... */
  label: string;
  source: 'target rep' | 'sample data' | 'plan';
  entries: TargetEntry[];
}

/** A target value as JSON: decimals and dates as text. */
export type TargetValueJson = { d: string } | { s: string } | { b: boolean } | { date: string } | { period: string } | { none: true };

export interface TargetEntryJson {
  table?: string;
  field: string;
  value: TargetValueJson;
}

export function valueToJson(v: IR.Value): TargetValueJson {
  if (v === null || v === undefined) return { none: true };
  if (typeof v === 'string') return { s: v };
  if (typeof v === 'boolean') return { b: v };
  if (Decimal.isDecimal(v)) return { d: (v as Decimal).toString() };
  const o = v as { kind?: string; iso?: string; key?: string };
  if (o.kind === 'date' && o.iso) return { date: o.iso };
  if (o.key) return { period: o.key };
  return { none: true };
}

export function valueFromJson(j: TargetValueJson): IR.Value {
  if ('d' in j) return new Decimal(j.d);
  if ('s' in j) return j.s;
  if ('b' in j) return j.b;
  if ('date' in j) return { kind: 'date', iso: j.date };
  if ('period' in j) return cal.periodFromKey(j.period) ?? null;
  return null;
}

// ------------------------------------------------------------------ the plan's `target rep`

export function targetDecl(plan: A.Plan): A.TargetDecl | undefined {
  return plan.items.find((i): i is A.TargetDecl => i.kind === 'TargetDecl');
}

function literalValue(e: A.Expr | undefined): IR.Value | undefined {
  if (!e) return undefined;
  let neg = false;
  if (e.kind === 'Unary' && e.op === '-' && e.operand) {
    neg = true;
    e = e.operand;
  }
  const d = (x: Decimal) => (neg ? x.neg() : x);
  switch (e.kind) {
    case 'MoneyLit':
      return d(new Decimal(e.amount));
    case 'PercentLit':
      return d(new Decimal(e.text).div(100));
    case 'NumberLit':
      return d(new Decimal(e.text));
    case 'StringLit':
      return e.value;
    case 'BoolLit':
      return e.value;
    case 'DateLit':
      return { kind: 'date', iso: e.text };
    case 'PeriodLit':
      return cal.periodFromKey(e.text) ?? null;
    default:
      return undefined;
  }
}

/** The plan's `target rep`, as a target spec; undefined when the plan has none. */
export function declaredTarget(plan: A.Plan): TargetSpec | undefined {
  const t = targetDecl(plan);
  if (!t) return undefined;
  const entries: TargetEntry[] = [];
  for (const e of t.entries) {
    if (!e.field) continue;
    const value = literalValue(e.value);
    if (value !== undefined) entries.push({ table: e.table?.text, field: e.field.text, value });
  }
  return { label: 'the target rep', source: 'target rep', entries };
}

// ------------------------------------------------------------------ inferred from the plan

/** Where a condition reads a value of the rep: a roster field or a per-rep table's field. */
function readOf(e: IR.Expr): { table?: string; field: string } | undefined {
  if (e.k === 'field' && e.of.k === 'ctx' && e.of.name === 'rep') return { field: e.name };
  if (e.k === 'lookup') return { table: e.table, field: e.field };
  return undefined;
}

function literalOf(e: IR.Expr): IR.Value | undefined {
  if (e.k === 'num') return new Decimal(e.value);
  if (e.k === 'text') return e.value;
  if (e.k === 'bool') return e.value;
  if (e.k === 'neg' && e.e.k === 'num') return new Decimal(e.e.value).neg();
  return undefined;
}

const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' };

/** The values that make `cond` hold, where it compares a rep's value with a literal (`and` only). */
export function satisfying(cond: IR.Expr | undefined, out: TargetEntry[] = []): TargetEntry[] {
  if (!cond) return out;
  if (cond.k === 'bin' && cond.op === 'and') {
    satisfying(cond.l, out);
    satisfying(cond.r, out);
    return out;
  }
  if (cond.k !== 'bin' || !FLIP[cond.op]) return out;
  let read = readOf(cond.l);
  let lit = literalOf(cond.r);
  let op: string = cond.op;
  if (!read || lit === undefined) {
    read = readOf(cond.r);
    lit = literalOf(cond.l);
    op = FLIP[cond.op]!;
  }
  if (!read || lit === undefined) return out;
  let value: IR.Value = lit;
  if (Decimal.isDecimal(lit)) {
    const d = lit as Decimal;
    // the smallest round step that makes a strict comparison hold
    if (op === '>') value = d.plus(d.abs().lt(1) && !d.isInteger() ? '0.01' : 1);
    else if (op === '<') value = d.minus(d.abs().lt(1) && !d.isInteger() ? '0.01' : 1);
  }
  if (!out.some((e) => e.table === read!.table && e.field === read!.field)) out.push({ ...read, value });
  return out;
}

/** The text of the first `field = "text"` condition in a component's `for` (e.g. "AE"). */
export function forRole(comp: IR.ComponentIR): string | undefined {
  const v = satisfying(comp.appliesTo).find((e) => typeof e.value === 'string');
  return v ? (v.value as string) : undefined;
}

/** A rep the plan itself asks for: its `for` and gates hold; money fields at 50,000 (a round quota). */
export function inferredTarget(ir: IR.PlanIR, comp: IR.ComponentIR): TargetSpec {
  const entries = satisfying(comp.appliesTo);
  for (const g of comp.gates) satisfying(g.cond, entries);
  const roster = ir.tables.find((t) => t.name === ir.roster);
  for (const f of roster?.fields ?? []) {
    if (f.type.t === 'money' && !entries.some((e) => !e.table && e.field === f.name)) entries.push({ field: f.name, value: new Decimal(50000) });
  }
  const role = forRole(comp);
  const shown = entries.map((e) => `${e.table ? e.table + '.' : ''}${e.field} ${showValue(e.value)}`);
  return { label: `a rep inferred from the plan${role ? ` (${role})` : ''}: ${shown.join(', ') || 'default values'}`, source: 'plan', entries };
}

export function showValue(v: IR.Value): string {
  if (typeof v === 'string') return `"${v}"`;
  if (Decimal.isDecimal(v)) return (v as Decimal).toString();
  if (v && typeof v === 'object' && 'iso' in v) return String((v as { iso: string }).iso);
  return String(v);
}

/** A typical rep of the sample data (see summarizeSample's profiles), as a spec. */
export function sampleTarget(component: string, entries: TargetEntryJson[], role?: string): TargetSpec {
  return {
    label: `a typical ${role ? `${role} ` : 'rep '}of the sample data (median values of the reps \`${component}\` pays)`,
    source: 'sample data',
    entries: entries.map((e) => ({ table: e.table, field: e.field, value: valueFromJson(e.value) })),
  };
}

/** The spec as a `target rep` line to paste into the plan (money with the plan's currency). */
export function targetText(ir: IR.PlanIR, spec: TargetSpec): string {
  const parts: string[] = [];
  for (const e of spec.entries) {
    const t = ir.tables.find((x) => (e.table ? x.name === e.table : x.roster));
    const f = t?.fields.find((x) => x.name === e.field);
    if (!f) continue;
    let v: string;
    if (f.type.t === 'money' && Decimal.isDecimal(e.value)) v = `${f.type.currency ?? ir.currency} ${(e.value as Decimal).toFixed()}`;
    else if (f.type.t === 'percent' && Decimal.isDecimal(e.value)) v = `${(e.value as Decimal).times(100).toFixed()}%`;
    else v = showValue(e.value);
    parts.push(`${e.table ? e.table + '.' : ''}${e.field}: ${v}`);
  }
  return `target rep { ${parts.join('  ')} }`;
}
