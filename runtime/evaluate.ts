// The evaluator: compiles a PlanIR once into closures, then evaluates it over a Dataset, per rep
// and period in date order (docs/language.md sections 5-9). All amounts and rates are Decimals.
import { Decimal } from './decimal.js';
import type {
  BuiltinFn,
  ClawbackIR,
  ComponentIR,
  CreditRuleIR,
  DataError,
  Dataset,
  DateValue,
  DrawIR,
  Expr,
  FieldType,
  LetIR,
  PayoutLine,
  PeriodValue,
  PlanIR,
  RowValue,
  RunResult,
  DealLine,
  Statement,
  TraceNode,
  Value,
} from './ir.js';
import * as cal from './calendar.js';
import { fixed, formatAmount, formatMultiplier, formatPercent, formatRounded, formatValue, placeDigits } from './format.js';
import { roundLine } from './rounding.js';
import { compileCurve, curveAt, curveTrace, logCurve } from './mechanics/curves.js';
import { cardTrace, compileScorecard, scoreCard, type CompiledScorecard, type ScorecardHelpers } from './mechanics/scorecards.js';
import { applyMinimum, compileBonus, payBonus, type BonusHelpers, type CompiledBonus } from './mechanics/bonuses.js';
import { compileProration, type ProrationHelpers } from './mechanics/proration.js';
import { compileCreditRule, RuleError, type CreditRuleHelpers } from './mechanics/credit-rules.js';
import { buildFx, CodedRunError, conversionNodes, noteConversion, payoutIn, rateOn, type FxIndex } from './mechanics/currency.js';
import { compileVersions, versionAt, type CompiledVersion } from './mechanics/versions.js';
import { compileSettlement, Settlement } from './mechanics/cumulative.js';
import { indexAssignments } from './mechanics/assignments.js';

const ZERO = new Decimal(0);
const ONE = new Decimal(1);

// ------------------------------------------------------------------ runtime values

export interface DurationValue {
  kind: 'duration';
  amount: number;
  unit: 'days' | 'months';
}

export type RV = Value | DurationValue;

export interface Loc {
  file: string;
  line: number;
}

/** An evaluation failure that `otherwise` can catch. */
class EvalFailure extends Error {
  constructor(
    readonly reason: 'div0' | 'missingRow' | 'empty',
    readonly loc: Loc | undefined,
    readonly detail: { table?: string; field?: string; key?: string } = {},
  ) {
    super(reason);
  }
}

/** A credited amount: one rep's credit of one row (a deal). */
export interface Credit {
  rep: string;
  rule: number;
  table: string;
  key: string;
  row: RowValue;
  date: string;
  period: string;
  dealAmount: Decimal;
  /** Split share (null when credited whole through `to`). */
  share: Decimal | null;
  overlay: boolean;
  amount: Decimal;
  /** Key of the split row, '' when none (for ordering). */
  splitKey: string;
}

/** Per rep and period: credits, lets. */
export interface RepPeriod {
  rep: RowValue;
  period: PeriodValue;
  credits: Credit[];
  team: Credit[];
  lets: Map<string, RV>;
  creditSum?: Decimal;
  teamSum?: Decimal;
  /** Explanations of proration and credit-rule values (runtime/mechanics/), shown in the trace. */
  notes?: TraceNode[];
  noteKeys?: Set<string>;
}

export interface Env {
  plan: CompiledPlan;
  tables: Map<string, Map<string, RowValue>>;
  /** Per-rep (and per-period) tables: table -> 'rep' or 'rep\0period' -> row. */
  lookups: Map<string, Map<string, RowValue>>;
  roster: Map<string, RowValue>;
  /** Direct reports by manager key, and another rep's RepPeriod in the current period (`team quota`). */
  reportsOf?: Map<string, string[]>;
  repPeriodFor?: (rep: string) => RepPeriod;
  /** FX rates (`fx rates from ...`; runtime/mechanics/currency.ts). */
  fx?: FxIndex;
}

export interface Ctx {
  env: Env;
  rp: RepPeriod | null;
  rep: RowValue | null;
  period: PeriodValue | null;
  row: RowValue | null;
  event: RowValue | null;
  /** The last empty field read, to locate an error on it. */
  lastEmpty?: { table: string; field: string; key: string; loc: Loc };
}

export type Fn = (c: Ctx) => RV;

// ------------------------------------------------------------------ compiled plan

interface CompiledBand {
  from: Decimal;
  to: Decimal | null;
  rate: Fn;
  text: string;
  label: string;
}

type CompiledRate =
  | { k: 'flat'; fn: Fn; text: string }
  | { k: 'tiers'; name?: string; mode: 'marginal' | 'retroactive'; axis: 'attainment' | 'amount'; bands: CompiledBand[] };

export interface CompiledClawback {
  ir: ClawbackIR;
  prorate?: Fn;
  dealTable?: string;
}

export interface CompiledComponent {
  ir: ComponentIR;
  appliesTo?: Fn;
  measureWhere?: Fn;
  quota?: Fn;
  attainment?: Fn;
  rate: CompiledRate;
  gates: { cond: Fn; text: string }[];
  multipliers: { factor: Fn; when?: Fn; text: string }[];
  dealCaps: { limit: Fn; text: string }[];
  periodCaps: { limit: Fn; text: string }[];
  attainmentCap?: { limit: Fn; text: string };
  clawbacks: CompiledClawback[];
  /** `pays`, `pool`, `minimum` (runtime/mechanics/bonuses.ts). */
  bonus?: CompiledBonus<Ctx>;
}

interface CompiledCredit {
  ir: CreditRuleIR;
  where?: Fn;
  amount: Fn;
  date: Fn;
  to: Fn;
}

interface CompiledLet {
  ir: LetIR;
  fn: Fn;
}

export interface CompiledDraw {
  ir: DrawIR;
  amount: Fn;
  appliesTo?: Fn;
  recoverAtMost?: Fn;
  recoverUnit: 'percent' | 'money';
}

export interface CompiledPlan {
  readonly ir: PlanIR;
  readonly fieldTypes: Map<string, Map<string, FieldType>>;
  readonly credits: CompiledCredit[];
  readonly lets: CompiledLet[];
  readonly letIndex: Map<string, number>;
  readonly components: CompiledComponent[];
  readonly draws: CompiledDraw[];
  /** Plan versions, by effective date (runtime/mechanics/versions.ts). */
  readonly versions?: CompiledVersion<CompiledPlan>[];
  /** `payout currency EXPR` (runtime/mechanics/currency.ts). */
  readonly payoutCurrency?: Fn;
}

// ------------------------------------------------------------------ helpers on values

function isDec(v: unknown): v is Decimal {
  return v instanceof Decimal;
}

function asDec(v: RV, c: Ctx): Decimal {
  if (v instanceof Decimal) return v;
  if (v === null || v === undefined) throw emptyFailure(c);
  if (Decimal.isDecimal(v)) return new Decimal((v as { toString(): string }).toString());
  if (typeof v === 'number') return new Decimal(String(v));
  if (typeof v === 'object' && (v as DurationValue).kind === 'duration') return new Decimal((v as DurationValue).amount);
  throw new TypeError(`expected a number, found ${formatValue(v as Value)}`);
}

function isObj<K extends string>(v: RV, kind: K): boolean {
  return typeof v === 'object' && v !== null && !isDec(v) && (v as { kind?: string }).kind === kind;
}

function isoOfValue(v: RV, c: Ctx): string {
  if (v === null) throw emptyFailure(c);
  if (isObj(v, 'date')) return (v as DateValue).iso;
  if (isObj(v, 'period')) return (v as PeriodValue).start;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  throw new TypeError(`expected a date, found ${formatValue(v as Value)}`);
}

function asBool(v: RV, c: Ctx): boolean {
  if (v === null) throw emptyFailure(c);
  if (typeof v === 'boolean') return v;
  throw new TypeError(`expected true or false, found ${formatValue(v as Value)}`);
}

function emptyFailure(c: Ctx): EvalFailure {
  const e = c.lastEmpty;
  return new EvalFailure('empty', e?.loc ?? c.row?.loc ?? c.rep?.loc, e ? { table: e.table, field: e.field, key: e.key } : {});
}

function date(iso: string): DateValue {
  return { kind: 'date', iso };
}

function durationDays(d: DurationValue, from?: string): number {
  if (d.unit === 'days') return d.amount;
  const base = from ?? '2000-01-01';
  return cal.daysBetween(base, cal.addMonths(base, d.amount));
}

function compare(a: RV, b: RV, c: Ctx): number {
  if (a === null || b === null) throw emptyFailure(c);
  if (isDec(a) || isDec(b) || typeof a === 'number' || typeof b === 'number') {
    return asDec(a, c).cmp(asDec(b, c));
  }
  if (isObj(a, 'duration') && isObj(b, 'duration')) {
    const da = a as DurationValue;
    const db = b as DurationValue;
    if (da.unit === db.unit) return Math.sign(da.amount - db.amount);
    return Math.sign(durationDays(da) - durationDays(db));
  }
  if ((isObj(a, 'date') || isObj(a, 'period')) && (isObj(b, 'date') || isObj(b, 'period'))) {
    return cal.compareIso(isoOfValue(a, c), isoOfValue(b, c));
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  throw new TypeError(`cannot compare ${formatValue(a as Value)} with ${formatValue(b as Value)}`);
}

function keyOf(v: RV): string | undefined {
  if (typeof v === 'string') return v;
  if (isObj(v, 'row')) return (v as RowValue).key;
  return undefined;
}

function equals(a: RV, b: RV, c: Ctx): boolean {
  if (a === null || b === null) return a === b;
  if (isObj(a, 'row') || isObj(b, 'row')) return keyOf(a) === keyOf(b);
  if (isObj(a, 'period') && isObj(b, 'period')) return (a as PeriodValue).key === (b as PeriodValue).key;
  return compare(a, b, c) === 0;
}

// ------------------------------------------------------------------ expressions

interface CompileEnv {
  letIndex: Map<string, number>;
  lets: CompiledLet[];
  /** Per-rep tables: name -> whether they are also read per period. */
  perPeriod: Map<string, boolean>;
}

function compileExpr(e: Expr, plan: CompileEnv): Fn {
  const sub = (x: Expr): Fn => compileExpr(x, plan);
  switch (e.k) {
    case 'num': {
      const d = new Decimal(e.value);
      return () => d;
    }
    case 'text': {
      const v = e.value;
      return () => v;
    }
    case 'bool': {
      const v = e.value;
      return () => v;
    }
    case 'date': {
      const v = date(e.value);
      return () => v;
    }
    case 'period': {
      const v = cal.periodFromKey(e.value) ?? null;
      return () => v;
    }
    case 'duration': {
      const v: DurationValue = { kind: 'duration', amount: e.amount, unit: e.unit };
      return () => v;
    }
    case 'ctx': {
      switch (e.name) {
        case 'rep':
          return (c) => c.rep;
        case 'period':
          return (c) => c.period;
        case 'row':
          return (c) => c.row;
        case 'event':
          return (c) => c.event;
      }
      break;
    }
    case 'let': {
      const name = e.name;
      return (c) => letValue(c, name);
    }
    case 'field': {
      const of = sub(e.of);
      const name = e.name;
      return (c) => fieldOf(c, of(c), name);
    }
    case 'lookup': {
      const table = e.table;
      const field = e.field;
      const perPeriod = plan.perPeriod.get(table) ?? false;
      return (c) => lookup(c, table, field, perPeriod);
    }
    case 'bin':
      return compileBin(e.op, sub(e.l), sub(e.r));
    case 'neg': {
      const x = sub(e.e);
      return (c) => asDec(x(c), c).neg();
    }
    case 'not': {
      const x = sub(e.e);
      return (c) => !asBool(x(c), c);
    }
    case 'if': {
      const cond = sub(e.c);
      const t = sub(e.t);
      const f = sub(e.e);
      return (c) => (asBool(cond(c), c) ? t(c) : f(c));
    }
    case 'otherwise': {
      const x = sub(e.e);
      const fb = sub(e.fallback);
      return (c) => {
        try {
          const v = x(c);
          return v === null ? fb(c) : v;
        } catch (err) {
          if (err instanceof EvalFailure) return fb(c);
          throw err;
        }
      };
    }
    case 'call':
      return compileCall(e.fn, e.args.map(sub));
    case 'credit': {
      const team = e.team;
      const where = e.where ? sub(e.where) : undefined;
      return (c) => creditSum(c, team, where);
    }
    case 'convert': {
      const x = sub(e.e);
      const on = sub(e.on);
      const fromFn = e.fromExpr ? sub(e.fromExpr) : undefined;
      const { from, to } = e;
      return (c) => {
        const amount = asDec(x(c), c);
        const src = fromFn ? fromFn(c) : from;
        if (typeof src !== 'string' || src === '') throw emptyFailure(c);
        const day = isoOfValue(on(c), c);
        const what = c.row ? `${c.row.table} \`${c.row.key}\`` : c.rep ? `rep \`${c.rep.key}\`` : 'a conversion';
        const r = rateOn(c.env.fx, src, to, day, what, c.row?.loc ?? c.rep?.loc);
        const result = amount.times(r.rate);
        if (src !== to) noteConversion(c.row, amount, src, to, day, r, result);
        return result;
      };
    }
  }
  if (e.k === 'employment' || e.k === 'prorate' || e.k === 'seasonal') return compileProration(e, sub, prorationHelpers) as Fn;
  if (e.k === 'rateBy' || e.k === 'team') return compileCreditRule(e, sub, creditRuleHelpers) as Fn;
  if (e.k === 'curve' || e.k === 'scorecard' || e.k === 'repLet') return compileBonusExpr(e, sub);
  throw new Error(`unknown expression ${JSON.stringify(e)}`);
}

function compileBin(op: string, l: Fn, r: Fn): Fn {
  switch (op) {
    case '+':
      return (c) => {
        const a = l(c);
        const b = r(c);
        if (isObj(a, 'date') && isObj(b, 'duration')) return shiftDate(a as DateValue, b as DurationValue, 1);
        if (isObj(b, 'date') && isObj(a, 'duration')) return shiftDate(b as DateValue, a as DurationValue, 1);
        return asDec(a, c).plus(asDec(b, c));
      };
    case '-':
      return (c) => {
        const a = l(c);
        const b = r(c);
        if (isObj(a, 'date') && isObj(b, 'duration')) return shiftDate(a as DateValue, b as DurationValue, -1);
        if (isObj(a, 'date') && isObj(b, 'date')) return new Decimal(cal.daysBetween((b as DateValue).iso, (a as DateValue).iso));
        return asDec(a, c).minus(asDec(b, c));
      };
    case '*':
      return (c) => asDec(l(c), c).times(asDec(r(c), c));
    case '/':
      return (c) => {
        const a = asDec(l(c), c);
        const b = asDec(r(c), c);
        if (b.isZero()) throw new EvalFailure('div0', c.row?.loc ?? c.rep?.loc);
        return a.div(b);
      };
    case '=':
      return (c) => equals(l(c), r(c), c);
    case '!=':
      return (c) => !equals(l(c), r(c), c);
    case '<':
      return (c) => compare(l(c), r(c), c) < 0;
    case '<=':
      return (c) => compare(l(c), r(c), c) <= 0;
    case '>':
      return (c) => compare(l(c), r(c), c) > 0;
    case '>=':
      return (c) => compare(l(c), r(c), c) >= 0;
    case 'and':
      return (c) => asBool(l(c), c) && asBool(r(c), c);
    case 'or':
      return (c) => asBool(l(c), c) || asBool(r(c), c);
  }
  throw new Error(`unknown operator ${op}`);
}

function shiftDate(d: DateValue, by: DurationValue, sign: 1 | -1): DateValue {
  return date(by.unit === 'days' ? cal.addDays(d.iso, sign * by.amount) : cal.addMonths(d.iso, sign * by.amount));
}

function compileCall(fn: BuiltinFn, args: Fn[]): Fn {
  switch (fn) {
    case 'min':
    case 'max': {
      const want = fn === 'min' ? -1 : 1;
      return (c) => {
        let best: RV = null;
        for (const a of args) {
          const v = a(c);
          if (v === null) throw emptyFailure(c);
          if (best === null || Math.sign(compare(v, best, c)) === want) best = v;
        }
        return best;
      };
    }
    case 'abs': {
      const a = args[0]!;
      return (c) => asDec(a(c), c).abs();
    }
    case 'days_between': {
      const [a, b] = args as [Fn, Fn];
      return (c) => new Decimal(cal.daysBetween(isoOfValue(a(c), c), isoOfValue(b(c), c)));
    }
    case 'months_between': {
      const [a, b] = args as [Fn, Fn];
      return (c) => new Decimal(cal.monthsBetween(isoOfValue(a(c), c), isoOfValue(b(c), c)));
    }
    case 'months_since': {
      const a = args[0]!;
      return (c) => {
        if (!c.period) throw new Error('months_since needs a period');
        return new Decimal(cal.monthsSince(isoOfValue(a(c), c), c.period.start));
      };
    }
    case 'ramp': {
      const [n, ...vals] = args;
      return (c) => {
        const k = asDec(n!(c), c).floor();
        let i = k.lte(1) ? 0 : k.gte(vals.length) ? vals.length - 1 : k.toNumber() - 1;
        if (i < 0) i = 0;
        return vals[i]!(c);
      };
    }
  }
  throw new Error(`unknown function ${fn as string}`);
}

function letValue(c: Ctx, name: string): RV {
  const rp = c.rp;
  if (!rp) throw new Error(`let ${name} used outside a rep's period`);
  if (rp.lets.has(name)) return rp.lets.get(name)!;
  const plan = c.env.plan;
  const idx = plan.letIndex.get(name);
  if (idx === undefined) throw new Error(`unknown let ${name}`);
  const lc: Ctx = { env: c.env, rp, rep: rp.rep, period: rp.period, row: null, event: null };
  const v = plan.lets[idx]!.fn(lc);
  rp.lets.set(name, v);
  return v;
}

function fieldOf(c: Ctx, of: RV, name: string): RV {
  if (of === null) throw emptyFailure(c);
  if (isObj(of, 'period')) {
    const p = of as PeriodValue;
    if (name === 'start') return date(p.start);
    if (name === 'end') return date(p.end);
    if (name === 'key') return p.key;
    throw new TypeError(`a period has no field ${name}`);
  }
  if (isObj(of, 'row')) {
    const row = of as RowValue;
    const v = row.values[name];
    if (v === null || v === undefined) {
      c.lastEmpty = { table: row.table, field: name, key: row.key, loc: row.loc };
      return null;
    }
    const t = c.env.plan.fieldTypes.get(row.table)?.get(name);
    if (t && t.t === 'ref' && typeof v === 'string') {
      const target = c.env.tables.get(t.table)?.get(v);
      if (!target) {
        c.lastEmpty = { table: row.table, field: name, key: row.key, loc: row.loc };
        return null;
      }
      return target;
    }
    if (typeof v === 'number') return new Decimal(String(v));
    return v;
  }
  if (typeof of === 'string') {
    // A key of a row; only rep keys can be resolved without a type.
    const r = c.env.roster.get(of);
    if (r) return fieldOf(c, r, name);
  }
  throw new TypeError(`${formatValue(of as Value)} has no field ${name}`);
}

function lookupKey(rep: string, period?: string): string {
  return period === undefined ? rep : `${rep}\u0000${period}`;
}

function lookup(c: Ctx, table: string, field: string, perPeriod: boolean): RV {
  const rep = c.rep;
  if (!rep) throw new Error(`${table}.${field} needs a rep`);
  const idx = c.env.lookups.get(table);
  const key = perPeriod ? lookupKey(rep.key, c.period?.key ?? '') : lookupKey(rep.key);
  const row = idx?.get(key);
  if (!row) throw new EvalFailure('missingRow', rep.loc, { table, key: rep.key });
  return fieldOf(c, row, field);
}

function creditSum(c: Ctx, team: boolean, where: Fn | undefined): Decimal {
  const rp = c.rp;
  if (!rp) throw new Error('credit used outside a rep period');
  if (!where) {
    if (team) return (rp.teamSum ??= sum(rp.team.map((x) => x.amount)));
    return (rp.creditSum ??= sum(rp.credits.map((x) => x.amount)));
  }
  let total = ZERO;
  for (const cr of team ? rp.team : rp.credits) {
    const dc: Ctx = { ...c, row: cr.row, lastEmpty: undefined };
    if (asBool(where(dc), dc)) total = total.plus(cr.amount);
  }
  return total;
}

function sum(xs: Decimal[]): Decimal {
  let t = ZERO;
  for (const x of xs) t = t.plus(x);
  return t;
}

// ------------------------------------------------------------------ compile

export function compilePlan(ir: PlanIR): CompiledPlan {
  const fieldTypes = new Map<string, Map<string, FieldType>>();
  for (const t of ir.tables) fieldTypes.set(t.name, new Map(t.fields.map((f) => [f.name, f.type])));
  const letIndex = new Map<string, number>();
  const lets: CompiledLet[] = [];
  const perPeriod = new Map(ir.tables.map((t) => [t.name, t.periodField !== undefined]));
  const env: CompileEnv = { letIndex, lets, perPeriod };
  const cx = (e: Expr): Fn => compileExpr(e, env);
  ir.lets.forEach((l, i) => letIndex.set(l.name, i));
  for (const l of ir.lets) lets.push({ ir: l, fn: cx(l.expr) });

  const credits: CompiledCredit[] = ir.credits.map((r) => ({
    ir: r,
    where: r.where ? cx(r.where) : undefined,
    amount: cx(r.amount),
    date: cx(r.date),
    to: cx(r.to),
  }));

  const components: CompiledComponent[] = ir.components.map((k) => {
    let rate: CompiledRate;
    if (k.rate.k === 'flat') rate = { k: 'flat', fn: cx(k.rate.expr), text: k.rate.text };
    else {
      const axis = k.rate.axis;
      rate = {
        k: 'tiers',
        name: k.rate.name,
        mode: k.rate.mode,
        axis,
        bands: k.rate.bands.map((b) => {
          const from = new Decimal(b.from);
          const to = b.to === undefined ? null : new Decimal(b.to);
          const show = (d: Decimal): string => (axis === 'attainment' ? formatPercent(d) : formatAmount(d));
          return { from, to, rate: cx(b.rate), text: b.text, label: `[${show(from)}, ${to ? show(to) : '∞'})` };
        }),
      };
    }
    return {
      ir: k,
      appliesTo: k.appliesTo ? cx(k.appliesTo) : undefined,
      measureWhere: k.measure.where ? cx(k.measure.where) : undefined,
      quota: k.quota ? cx(k.quota) : undefined,
      attainment: k.attainment ? cx(k.attainment) : undefined,
      rate,
      gates: k.gates.map((g) => ({ cond: cx(g.cond), text: g.text })),
      multipliers: k.multipliers.map((m) => ({ factor: cx(m.factor), when: m.when ? cx(m.when) : undefined, text: m.text })),
      dealCaps: k.caps.filter((x) => x.per === 'deal').map((x) => ({ limit: cx(x.limit), text: x.text })),
      periodCaps: k.caps.filter((x) => x.per === 'period').map((x) => ({ limit: cx(x.limit), text: x.text })),
      attainmentCap: k.attainmentCap ? { limit: cx(k.attainmentCap.limit), text: k.attainmentCap.text } : undefined,
      clawbacks: k.clawbacks.map((cb) => {
        const t = fieldTypes.get(cb.events)?.get(cb.dealField);
        return { ir: cb, prorate: cb.prorate ? cx(cb.prorate) : undefined, dealTable: t && t.t === 'ref' ? t.table : undefined };
      }),
      bonus: k.bonus ? compileBonus<Ctx>(k.bonus, k.appliesTo ? cx(k.appliesTo) : undefined, cx) : undefined,
    };
  });

  const draws: CompiledDraw[] = ir.draws.map((d) => ({
    ir: d,
    amount: cx(d.amount),
    appliesTo: d.appliesTo ? cx(d.appliesTo) : undefined,
    recoverAtMost: d.recoverAtMost ? cx(d.recoverAtMost) : undefined,
    recoverUnit:
      d.recoverAtMostUnit ?? (d.recoverAtMost && d.recoverAtMost.k === 'num' && d.recoverAtMost.unit === 'money' ? 'money' : 'percent'),
  }));

  compileSettlement(ir, cx);
  return {
    ir, fieldTypes, credits, lets, letIndex, components, draws,
    versions: ir.versions?.length ? compileVersions(ir, compilePlan) : undefined,
    payoutCurrency: ir.payoutCurrency ? cx(ir.payoutCurrency.expr) : undefined,
  };
}

// ------------------------------------------------------------------ errors

const RUNTIME_MESSAGES = {
  COMP7001: '{what} divides by zero for rep `{rep}` in {period}',
  COMP7002: 'no `{table}` row for rep `{rep}` in {period}',
  COMP7003: 'a credited row has no {what}',
  COMP7004: 'credit dated {date} falls outside the plan periods and is not paid',
  COMP6006: 'the splits of deal `{deal}` sum to {sum}, not 100%',
} as const;

function msg(code: keyof typeof RUNTIME_MESSAGES, args: Record<string, string>): string {
  return RUNTIME_MESSAGES[code].replace(/\{(\w+)\}/g, (m, k: string) => args[k] ?? m);
}

function dataError(code: string, message: string, loc: Loc | undefined): DataError {
  return { code, message, file: loc?.file ?? '', line: loc?.line ?? 0, column: 1 };
}

/** Turns a failure in a rep's period into a DataError. `what` names the computation. */
function failureToError(err: unknown, what: string, rep: RowValue, period: PeriodValue): DataError {
  if (err instanceof CodedRunError) return dataError(err.code, err.message, err.loc ?? rep.loc);
  if (err instanceof RuleError) return dataError(err.code, err.message, err.loc ?? rep.loc);
  if (err instanceof EvalFailure) {
    if (err.reason === 'div0') return dataError('COMP7001', msg('COMP7001', { what, rep: rep.key, period: period.key }), err.loc ?? rep.loc);
    if (err.reason === 'missingRow')
      return dataError('COMP7002', msg('COMP7002', { table: err.detail.table ?? '?', rep: rep.key, period: period.key }), err.loc ?? rep.loc);
    const d = err.detail;
    const text = d.table
      ? `${what}: \`${d.field}\` is empty in \`${d.table}\` row \`${d.key}\` (rep \`${rep.key}\`, ${period.key})`
      : `${what}: a value is empty for rep \`${rep.key}\` in ${period.key}`;
    return dataError('COMP7005', text, err.loc ?? rep.loc);
  }
  const m = err instanceof Error ? err.message : String(err);
  return dataError('COMP7000', `${what} could not be evaluated for rep \`${rep.key}\` in ${period.key}: ${m}`, rep.loc);
}

// ------------------------------------------------------------------ evaluate

export interface EvaluateOptions {
  /** First period reported (a period key or a date). */
  from?: string;
  /** Last period reported (a period key or a date). */
  to?: string;
  /**
   * false: skip the costliest trace text (credit lists, values) when no trace is printed
   * (`comp run` as a table or CSV). Amounts, lines and values are the same. Default true.
   */
  traces?: boolean;
  /**
   * Credit lines computed by a SQL engine from the same IR (compiler/sql/): per credit rule, the
   * lines of each credited row by its key. Rows not listed are not credited; rows in `handBack`
   * are evaluated here as usual (empty values, split sums: the errors stay the runtime's).
   */
  credits?: PrecomputedCredits;
}

/** A credit line as a SQL engine returns it: decimals and dates as exact text. */
export interface PrecomputedLine {
  rep: string;
  date: string;
  dealAmount: string;
  share: string | null;
  overlay: boolean;
  amount: string;
  splitKey: string;
}

export interface PrecomputedCredits {
  /** rule index -> row key -> lines */
  lines: Map<number, Map<string, PrecomputedLine[]>>;
  /** rule index -> keys of rows the runtime evaluates itself */
  handBack: Map<number, Set<string>>;
}

export interface EvaluateOutput {
  result?: RunResult;
  errors: DataError[];
  /** Non-blocking findings (COMP7004: credit outside the plan periods). */
  warnings: DataError[];
}

export interface Attribution {
  /** Set once a clawback has taken it back (a deal is clawed back at most once per component). */
  clawed?: boolean;
  table: string;
  key: string;
  date: string;
  period: string;
  amount: Decimal;
  credit: Credit;
}

interface Settled {
  owed: Decimal;
  drawBalance: Decimal;
}

function byStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortRows(rows: RowValue[]): RowValue[] {
  return [...rows].sort((a, b) => byStr(a.key, b.key) || byStr(a.loc.file, b.loc.file) || a.loc.line - b.loc.line);
}

export function evaluate(plan: CompiledPlan, data: Dataset, opts: EvaluateOptions = {}): EvaluateOutput {
  const ir = plan.ir;
  const tracing = opts.traces !== false;
  const errors: DataError[] = [];
  const warnings: DataError[] = [];
  const rounding = ir.rounding;
  const dp = placeDigits(rounding.place);
  const round = (x: Decimal): Decimal => roundLine(x, rounding);
  const str = (x: Decimal): string => fixed(x, dp);
  const money = (x: Decimal): string => formatAmount(x);
  const moneyR = (x: Decimal): string => formatRounded(x, dp);

  // ---- indices
  const tables = new Map<string, Map<string, RowValue>>();
  for (const t of ir.tables) {
    const m = new Map<string, RowValue>();
    for (const r of sortRows(data[t.name] ?? [])) if (!m.has(r.key)) m.set(r.key, r);
    tables.set(t.name, m);
  }
  const roster = tables.get(ir.roster) ?? new Map<string, RowValue>();
  const lookups = new Map<string, Map<string, RowValue>>();
  for (const t of ir.tables) {
    if (!t.repField || t.roster) continue;
    const m = new Map<string, RowValue>();
    for (const r of sortRows(data[t.name] ?? [])) {
      const repV = r.values[t.repField];
      const rk = keyOf(repV as RV);
      if (rk === undefined) continue;
      let k: string;
      if (t.periodField) {
        const pv = r.values[t.periodField];
        const pk = isObj(pv as RV, 'period') ? (pv as PeriodValue).key : typeof pv === 'string' ? pv : undefined;
        if (pk === undefined) continue;
        k = lookupKey(rk, pk);
      } else k = lookupKey(rk);
      if (!m.has(k)) m.set(k, r);
    }
    lookups.set(t.name, m);
  }
  const env: Env = { plan, tables, lookups, roster };
  // FX rates and rep assignments (runtime/mechanics/currency.ts, assignments.ts)
  const fxBuilt = buildFx(ir.fx?.table, data);
  env.fx = fxBuilt.fx;
  errors.push(...fxBuilt.errors);
  const assigned = indexAssignments(ir.assignments, data);
  errors.push(...assigned.errors);
  const repKeys = [...roster.keys()].sort(byStr);

  // ---- credits (dated; periods assigned once the plan periods are known)
  const raw: Omit<Credit, 'period'>[] = [];
  plan.credits.forEach((rule, ri) => {
    const src = sortRows(data[rule.ir.table] ?? []);
    const split = rule.ir.split;
    const splitIdx = new Map<string, RowValue[]>();
    if (split) {
      for (const s of sortRows(data[split.table] ?? [])) {
        const dk = keyOf(s.values[split.dealField] as RV);
        if (dk === undefined) continue;
        const list = splitIdx.get(dk) ?? [];
        list.push(s);
        splitIdx.set(dk, list);
      }
    }
    const pre = opts.credits;
    for (const row of src) {
      if (pre && !pre.handBack.get(ri)?.has(row.key)) {
        for (const l of pre.lines.get(ri)?.get(row.key) ?? []) {
          const dealAmount = new Decimal(l.dealAmount);
          raw.push({
            rule: ri, table: rule.ir.table, key: row.key, row, date: l.date, dealAmount, rep: l.rep,
            share: l.share === null ? null : new Decimal(l.share), overlay: l.overlay, amount: new Decimal(l.amount), splitKey: l.splitKey,
          });
        }
        continue;
      }
      const c: Ctx = { env, rp: null, rep: null, period: null, row, event: null };
      let stage = 'where';
      try {
        if (rule.where && !asBool(rule.where(c), c)) continue;
        stage = 'amount';
        const amountV = rule.amount(c);
        if (amountV === null) {
          errors.push(dataError('COMP7003', msg('COMP7003', { what: `amount (${rule.ir.table} \`${row.key}\`)` }), row.loc));
          continue;
        }
        const amount = asDec(amountV, c);
        stage = 'date';
        const dateV = rule.date(c);
        if (dateV === null) {
          errors.push(dataError('COMP7003', msg('COMP7003', { what: `date (${rule.ir.table} \`${row.key}\`)` }), row.loc));
          continue;
        }
        const iso = isoOfValue(dateV, c);
        const base = { rule: ri, table: rule.ir.table, key: row.key, row, date: iso, dealAmount: amount };
        const splits = split ? splitIdx.get(row.key) ?? [] : [];
        const ordinary = splits.filter((s) => !(split?.overlayField && s.values[split.overlayField] === true));
        const overlays = splits.filter((s) => split?.overlayField && s.values[split.overlayField] === true);
        if (ordinary.length > 0 && split) {
          const total = sum(ordinary.map((s) => asDec(s.values[split.shareField] as RV, c)));
          if (!total.eq(ONE)) {
            const first = [...ordinary].sort((a, b) => a.loc.line - b.loc.line)[0]!;
            errors.push(dataError('COMP6006', msg('COMP6006', { deal: row.key, sum: formatPercent(total) }), first.loc));
            continue;
          }
        }
        const pushSplit = (s: RowValue, overlay: boolean): void => {
          const rk = keyOf(s.values[split!.repField] as RV);
          const share = asDec(s.values[split!.shareField] as RV, c);
          if (rk === undefined) return;
          raw.push({ ...base, rep: rk, share, overlay, amount: amount.times(share), splitKey: s.key });
        };
        if (ordinary.length === 0) {
          stage = 'to';
          const toV = rule.to(c);
          const rk = keyOf(toV);
          if (rk === undefined) {
            errors.push(dataError('COMP7003', msg('COMP7003', { what: `rep to credit (${rule.ir.table} \`${row.key}\`)` }), row.loc));
            continue;
          }
          raw.push({ ...base, rep: rk, share: null, overlay: false, amount, splitKey: '' });
        } else for (const s of ordinary) pushSplit(s, false);
        for (const s of overlays) pushSplit(s, true);
      } catch (err) {
        if (err instanceof CodedRunError) {
          errors.push(dataError(err.code, err.message, err.loc ?? row.loc));
          continue;
        }
        if (err instanceof EvalFailure) {
          errors.push(dataError('COMP7003', msg('COMP7003', { what: `${stage} (${rule.ir.table} \`${row.key}\`)` }), err.loc ?? row.loc));
          continue;
        }
        const m = err instanceof Error ? err.message : String(err);
        errors.push(dataError('COMP7000', `the ${stage} of \`${rule.ir.text}\` could not be evaluated for ${rule.ir.table} \`${row.key}\`: ${m}`, row.loc));
      }
    }
  });
  raw.sort(
    (a, b) =>
      byStr(a.date, b.date) ||
      byStr(a.table, b.table) ||
      byStr(a.key, b.key) ||
      a.rule - b.rule ||
      byStr(a.rep, b.rep) ||
      Number(a.overlay) - Number(b.overlay) ||
      byStr(a.splitKey, b.splitKey),
  );

  // ---- periods
  const spec: cal.PeriodSpec = { frequency: ir.periods.frequency, every: ir.periods.every || 1, fiscalStart: ir.periods.fiscalStart };
  let from = ir.periods.from;
  let to = ir.periods.to;
  if (!from || !to) {
    if (raw.length > 0) {
      from ??= raw[0]!.date;
      to ??= raw[raw.length - 1]!.date;
    }
  }
  if (spec.frequency === 'week') spec.anchor = ir.periods.from ?? (from ? cal.mondayOnOrBefore(from) : undefined);
  const allPeriods = from && to ? cal.enumeratePeriods(spec, from, to) : [];
  // cumulative bases, advances, holdbacks, clawback schedules, draws (runtime/mechanics/cumulative.ts)
  const settle = new Settlement(plan, spec, data, { asDec, asBool, isoOf: isoOfValue, letValue, round, str, money, moneyR });
  const periodIndex = new Map(allPeriods.map((p, i) => [p.key, i]));

  // reported range
  const repFrom = opts.from ? cal.periodFromKey(opts.from, ir.periods.fiscalStart)?.start : undefined;
  const repTo = opts.to ? cal.periodFromKey(opts.to, ir.periods.fiscalStart)?.end : undefined;
  const reported = allPeriods.map((p) => (!repFrom || p.start >= repFrom) && (!repTo || p.start <= repTo));
  let lastIdx = -1;
  reported.forEach((r, i) => {
    if (r) lastIdx = i;
  });

  // credits into periods
  const creditsBy = new Map<string, Map<string, Credit[]>>();
  for (const r of raw) {
    const p = cal.periodOf(spec, r.date);
    if (!periodIndex.has(p.key)) {
      warnings.push(dataError('COMP7004', msg('COMP7004', { date: r.date }), r.row.loc));
      continue;
    }
    const cr: Credit = { ...r, period: p.key };
    const m = creditsBy.get(p.key) ?? new Map<string, Credit[]>();
    const list = m.get(cr.rep) ?? [];
    list.push(cr);
    m.set(cr.rep, list);
    creditsBy.set(p.key, m);
  }

  // team membership (direct reports)
  const reportsOf = new Map<string, string[]>();
  if (ir.teamBy) {
    for (const k of repKeys) {
      const mk = keyOf(roster.get(k)!.values[ir.teamBy] as RV);
      if (mk === undefined) continue;
      const list = reportsOf.get(mk) ?? [];
      list.push(k);
      reportsOf.set(mk, list);
    }
  }
  env.reportsOf = reportsOf;

  // clawback events by period
  interface Ev {
    row: RowValue;
    date: string;
    deal: string;
    order: number;
  }
  const eventsBy = new Map<string, Map<string, Map<string, Ev[]>>>(); // events table -> period -> deal -> events
  for (const k of [plan, ...(plan.versions ?? []).map((v) => v.plan)].flatMap((p) => p.components)) {
    for (const cb of k.clawbacks) {
      if (eventsBy.has(cb.ir.events)) continue;
      const m = new Map<string, Ev[]>();
      for (const row of sortRows(data[cb.ir.events] ?? [])) {
        const d = row.values[cb.ir.dateField];
        const deal = keyOf(row.values[cb.ir.dealField] as RV);
        if (d === null || d === undefined || deal === undefined) continue;
        const iso = isObj(d as RV, 'date') ? (d as DateValue).iso : typeof d === 'string' ? d : undefined;
        if (!iso) continue;
        const p = cal.periodOf(spec, iso);
        const list = m.get(p.key) ?? [];
        list.push({ row, date: iso, deal, order: 0 });
        m.set(p.key, list);
      }
      const byDeal = new Map<string, Map<string, Ev[]>>();
      for (const [pk, list] of m) {
        list.sort((a, b) => byStr(a.date, b.date) || byStr(a.deal, b.deal) || byStr(a.row.key, b.row.key));
        const dm = new Map<string, Ev[]>();
        list.forEach((ev, i) => {
          ev.order = i;
          const l = dm.get(ev.deal) ?? [];
          l.push(ev);
          dm.set(ev.deal, l);
        });
        byDeal.set(pk, dm);
      }
      eventsBy.set(cb.ir.events, byDeal);
    }
  }

  // ---- per rep and period
  // component index -> rep -> credited table -> deal key -> what the component paid on it
  const attributions = new Map<number, Map<string, Map<string, Map<string, Attribution[]>>>>();
  const repAttributions = (ki: number, rep: string): Map<string, Map<string, Attribution[]>> => {
    let byRep = attributions.get(ki);
    if (!byRep) attributions.set(ki, (byRep = new Map()));
    let m = byRep.get(rep);
    if (!m) byRep.set(rep, (m = new Map()));
    return m;
  };
  const state = new Map<string, Settled>(repKeys.map((k) => [k, { owed: ZERO, drawBalance: ZERO }]));
  const statements: Statement[] = [];

  for (let pi = 0; pi <= lastIdx; pi++) {
    const period = allPeriods[pi]!;
    const pCredits = creditsBy.get(period.key) ?? new Map<string, Credit[]>();
    // the plan version in force on the period's first day; assignments in force on its last day
    const inForce = versionAt(plan.versions, period.start);
    const P = inForce?.plan ?? plan;
    env.plan = P;
    const repRow = (k: string): RowValue => (assigned.index ? assigned.index.at(roster.get(k)!, period) : roster.get(k)!);
    if (assigned.index && ir.teamBy) {
      reportsOf.clear();
      for (const k of repKeys) {
        const mk = keyOf(repRow(k).values[ir.teamBy] as RV);
        if (mk === undefined) continue;
        const list = reportsOf.get(mk) ?? [];
        list.push(k);
        reportsOf.set(mk, list);
      }
    }
    // another rep's period (a team member's quota for `team quota`), built on demand
    const otherRps = new Map<string, RepPeriod>();
    env.repPeriodFor = (k: string): RepPeriod => {
      let o = otherRps.get(k);
      if (!o) {
        const t: Credit[] = [];
        for (const m of reportsOf.get(k) ?? []) t.push(...(pCredits.get(m) ?? []));
        otherRps.set(k, (o = { rep: repRow(k), period, credits: pCredits.get(k) ?? [], team: t, lets: new Map() }));
      }
      return o;
    };
    for (const repKey of repKeys) {
      const rep = repRow(repKey);
      const credits = pCredits.get(repKey) ?? [];
      const team: Credit[] = [];
      for (const m of reportsOf.get(repKey) ?? []) team.push(...(pCredits.get(m) ?? []));
      team.sort((a, b) => byStr(a.date, b.date) || byStr(a.table, b.table) || byStr(a.key, b.key) || byStr(a.rep, b.rep));
      const rp: RepPeriod = { rep, period, credits, team, lets: new Map() };
      settle.enterPeriod(rp);
      const ctx: Ctx = { env, rp, rep, period, row: null, event: null };
      const lines: PayoutLine[] = [];
      const trace: TraceNode[] = [];
      const fail = (err: unknown, what: string): void => {
        errors.push(failureToError(err, what, rep, period));
      };

      // credits trace
      if (inForce) trace.push({ kind: 'version', text: `Plan version "${inForce.ir.name}" (effective ${inForce.ir.effective}) pays ${period.key}` });
      else if (plan.versions?.length) trace.push({ kind: 'version', text: `The plan as first written pays ${period.key} (no version in force on ${period.start})` });
      if (assigned.index) {
        const a = assigned.index.inForce(repKey, period);
        if (a) trace.push({ kind: 'assignment', text: `Assignment in force on ${period.end} (${a.loc.file}:${a.loc.line}): ${ir.assignments!.fields.map((f) => `${f} ${formatValue(a.values[f] ?? null)}`).join(', ')}` });
        else trace.push({ kind: 'assignment', text: `No assignment in force on ${period.end}: the roster's values apply` });
      }
      if (tracing) trace.push(creditsTrace('credits', 'Credit', credits, money));

      // components
      let earned = ZERO;
      const componentTraces: TraceNode[] = [];
      let usesTeam = false;
      const dealLines: DealLine[] = [];
      P.components.forEach((k, ki) => {
        try {
          ctx.lastEmpty = undefined;
          if (k.appliesTo && !asBool(k.appliesTo(ctx), ctx)) return;
          if (k.ir.measure.team) usesTeam = true;
          const res = settle.component(k, ki, ctx, (c) => evalComponent(k, c, money));
          const rounded = round(res.exact);
          lines.push({ kind: 'component', name: k.ir.name, label: k.ir.label, amount: str(rounded), exact: res.exact.toFixed() });
          earned = earned.plus(rounded);
          res.trace.children!.push(roundingNode(res.exact, rounded, rounding.mode, rounding.place, money, moneyR));
          res.trace.text = `${k.ir.label}: ${moneyR(rounded)}`;
          res.trace.value = str(rounded);
          componentTraces.push(res.trace);
          for (const a of res.attributions) {
            dealLines.push({ component: k.ir.name, deal: a.key, credit: a.credit.amount.toFixed(), amount: a.amount.toFixed() });
            const byTable = repAttributions(ki, repKey);
            let byKey = byTable.get(a.table);
            if (!byKey) byTable.set(a.table, (byKey = new Map()));
            const list = byKey.get(a.key) ?? [];
            list.push(a);
            byKey.set(a.key, list);
          }
        } catch (err) {
          fail(err, `component \`${k.ir.name}\``);
        }
      });
      if (usesTeam && tracing) trace.push(creditsTrace('team', 'Team credit', team, money, true));

      // lets, for the trace (those not needed by anything are tried here; failures are shown, not raised)
      const letNodes: TraceNode[] = [];
      const values: Record<string, string> = {};
      for (const l of P.lets) {
        let v: RV | undefined;
        try {
          v = letValue(ctx, l.ir.name);
        } catch (err) {
          if (tracing) letNodes.push({ kind: 'let', text: `${l.ir.name}: not defined here (${describeFailure(err)})` });
          continue;
        }
        values[l.ir.name] = valueString(v);
        if (tracing) letNodes.push({ kind: 'let', text: `${l.ir.name} = ${showTyped(v, l.ir.type, money)}`, value: valueString(v) });
      }
      if (letNodes.length) trace.push({ kind: 'lets', text: 'Values', children: letNodes });
      trace.push(...bonusTrace(rp));
      if (rp.notes?.length) trace.push({ kind: 'derivations', text: 'Proration, seasonal weights, rates by deal field, team quota', children: rp.notes });
      trace.push(...componentTraces);

      // clawbacks
      let clawedBack = ZERO;
      P.components.forEach((k, ki) => {
        for (const cb of k.clawbacks) {
          const evMap = eventsBy.get(cb.ir.events)?.get(period.key);
          if (!evMap) continue;
          const byTable = attributions.get(ki)?.get(repKey);
          if (!byTable) continue;
          // match events with what was paid on their deals, from the smaller side
          const pairs: [Ev, Attribution][] = [];
          for (const [table, byKey] of byTable) {
            if (cb.dealTable && table !== cb.dealTable) continue;
            if (evMap.size <= byKey.size) {
              for (const [deal, evs] of evMap) for (const a of byKey.get(deal) ?? []) for (const ev of evs) pairs.push([ev, a]);
            } else {
              for (const [deal, atts] of byKey) for (const ev of evMap.get(deal) ?? []) for (const a of atts) pairs.push([ev, a]);
            }
          }
          pairs.sort(
            (x, y) => x[0].order - y[0].order || byStr(x[1].date, y[1].date) || byStr(x[1].table, y[1].table) || byStr(x[1].credit.splitKey, y[1].credit.splitKey),
          );
          for (const [ev, a] of pairs) {
            {
              if (a.clawed || ev.date < a.date) continue;
              const window = settle.clawbackShare(cb, a.date, ev.date);
              if (!window) {
                // Outside every window: nothing is taken, and the statement says so.
                if (tracing)
                  trace.push({
                    kind: 'clawback',
                    text: `No clawback of ${k.ir.label} on ${a.key}: ${cb.ir.events} dated ${ev.date}, ${cal.daysBetween(a.date, ev.date)} days after the credit on ${a.date}, is outside ${cb.ir.schedule?.length ? 'every window of the schedule' : `the window (within ${cb.ir.within.amount} ${cb.ir.within.unit})`}`,
                    value: '0',
                  });
                continue;
              }
              try {
                const { share, nodes: shareNodes } = window.compute({ ...ctx, row: a.credit.row, event: ev.row, lastEmpty: undefined });
                const exact = a.amount.times(share);
                a.clawed = true;
                if (exact.isZero()) continue;
                const rounded = round(exact.neg());
                clawedBack = clawedBack.minus(rounded);
                lines.push({ kind: 'clawback', name: k.ir.name, label: `${k.ir.label} clawback: ${a.key}`, amount: str(rounded), exact: exact.neg().toFixed() });
                trace.push({
                  kind: 'clawback',
                  text: `Clawback of ${k.ir.label} on ${a.key}: ${cb.ir.events} dated ${ev.date}, ${cal.daysBetween(a.date, ev.date)} days after the credit on ${a.date} (within ${window.within.amount} ${window.within.unit}): -${moneyR(rounded.neg())}`,
                  value: str(rounded),
                  children: [
                    { kind: 'deal', text: `deal ${a.key} credited ${a.date}, paid in ${a.period}: ${money(a.amount)}`, value: a.amount.toFixed() },
                    ...shareNodes,
                    { kind: 'amount', text: `${money(a.amount)} x ${formatPercent(share)} = ${money(exact)}`, value: exact.toFixed() },
                    roundingNode(exact.neg(), rounded, rounding.mode, rounding.place, money, moneyR),
                  ],
                });
              } catch (err) {
                fail(err, `clawback \`${cb.ir.text}\``);
              }
            }
          }
        }
      });

      // settlement
      const st = state.get(repKey)!;
      const owedBefore = st.owed;
      const net = earned.minus(clawedBack).minus(owedBefore);
      let paid = net.isNegative() ? ZERO : net;
      const owedAfter = net.isNegative() ? net.neg() : ZERO;
      const balanceMove = paid.minus(earned.minus(clawedBack));
      if (!balanceMove.isZero()) {
        lines.push({
          kind: 'balance',
          name: 'balance',
          label: balanceMove.isNegative() ? 'Owed balance recovered' : 'Carried forward as owed',
          amount: str(balanceMove),
          exact: balanceMove.toFixed(),
        });
      }
      const settleChildren: TraceNode[] = [
        { kind: 'earned', text: `earned ${moneyR(earned)}`, value: str(earned) },
        { kind: 'clawedBack', text: `clawed back ${moneyR(clawedBack)}`, value: str(clawedBack) },
        { kind: 'balance', text: `owed from before ${moneyR(owedBefore)}`, value: str(owedBefore) },
        { kind: 'net', text: `net ${moneyR(earned)} - ${moneyR(clawedBack)} - ${moneyR(owedBefore)} = ${moneyR(net)}`, value: str(net) },
      ];
      if (net.isNegative()) settleChildren.push({ kind: 'balance', text: `below zero: pay 0.00, carry ${moneyR(owedAfter)} owed`, value: str(owedAfter) });

      // draws and guarantees (runtime/mechanics/draws.ts)
      const drawn = settle.draws({ draws: P.draws, ctx, period, paid, drawBalance: st.drawBalance, lines, trace: settleChildren, fail });
      paid = drawn.paid;
      const drawBalance = drawn.drawBalance;
      settleChildren.push({ kind: 'paid', text: `paid ${moneyR(paid)}`, value: str(paid) });
      if (!owedAfter.isZero()) settleChildren.push({ kind: 'owed', text: `owed after this period ${moneyR(owedAfter)}`, value: str(owedAfter) });
      if (!drawBalance.isZero()) settleChildren.push({ kind: 'drawBalance', text: `draw balance after this period ${moneyR(drawBalance)}`, value: str(drawBalance) });
      trace.push({ kind: 'settlement', text: `Paid ${moneyR(paid)}`, value: str(paid), children: settleChildren });
      st.owed = owedAfter;
      st.drawBalance = drawBalance;

      // payout currency: `paid` converted at the rate in force on the period's last day, then rounded
      let payout: Statement['payout'];
      if (plan.payoutCurrency) {
        try {
          const cur = plan.payoutCurrency(ctx);
          if (typeof cur !== 'string') throw emptyFailure(ctx);
          const conv = payoutIn(env.fx, ir.currency, cur, paid, period.end, round, str, rep);
          if (conv) {
            payout = conv.payout;
            trace.push(conv.node);
          }
        } catch (err) {
          fail(err, `\`payout currency ${ir.payoutCurrency!.text}\``);
        }
      }

      if (reported[pi]) {
        statements.push({
          rep: repKey,
          period: period.key,
          ...(inForce ? { version: inForce.ir.name } : {}),
          ...(payout ? { payout } : {}),
          lines,
          earned: str(earned),
          clawedBack: str(clawedBack),
          paid: str(paid),
          owed: str(owedAfter),
          drawBalance: str(drawBalance),
          ...settle.statementExtras(repKey),
          deals: dealLines,
          values,
          trace,
        });
      }
    }
  }

  const uniq = dedupe(errors);
  const uniqWarnings = dedupe(warnings);
  if (uniq.length > 0) return { errors: uniq, warnings: uniqWarnings };

  const periods = allPeriods.filter((_, i) => reported[i]);
  let totalPaid = ZERO;
  let totalClawed = ZERO;
  for (const s of statements) {
    totalPaid = totalPaid.plus(s.paid);
    totalClawed = totalClawed.plus(s.clawedBack);
  }
  const result: RunResult = {
    plan: ir.name,
    currency: ir.currency,
    periods,
    statements,
    summary: {
      reps: repKeys.length,
      periods: periods.length,
      totalPaid: str(totalPaid),
      totalClawedBack: str(totalClawed),
      balancesOwed: repKeys.filter((k) => !state.get(k)!.owed.isZero()).map((k) => ({ rep: k, amount: str(state.get(k)!.owed) })),
      drawBalances: repKeys.filter((k) => !state.get(k)!.drawBalance.isZero()).map((k) => ({ rep: k, amount: str(state.get(k)!.drawBalance) })),
    },
  };
  return { result, errors: [], warnings: uniqWarnings };
}

function dedupe(errs: DataError[]): DataError[] {
  const seen = new Set<string>();
  const out: DataError[] = [];
  for (const e of errs) {
    const k = `${e.code}\u0000${e.file}\u0000${e.line}\u0000${e.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(e);
  }
  return out.sort((a, b) => byStr(a.file, b.file) || a.line - b.line || byStr(a.code, b.code) || byStr(a.message, b.message));
}

function describeFailure(err: unknown): string {
  if (err instanceof EvalFailure) {
    if (err.reason === 'div0') return 'divides by zero';
    if (err.reason === 'missingRow') return `no \`${err.detail.table}\` row`;
    return err.detail.field ? `\`${err.detail.field}\` is empty` : 'a value is empty';
  }
  return err instanceof Error ? err.message : String(err);
}

function valueString(v: RV): string {
  if (isDec(v)) return v.toFixed();
  if (typeof v === 'string') return v;
  return formatValue(v as Value);
}

function showTyped(v: RV, type: string, money: (d: Decimal) => string): string {
  if (isDec(v)) {
    if (type === 'money') return money(v);
    if (type === 'percent') return formatPercent(v);
  }
  return formatValue(v as Value);
}

function creditsTrace(kind: string, title: string, credits: Credit[], money: (d: Decimal) => string, team = false): TraceNode {
  const total = sum(credits.map((c) => c.amount));
  const children: TraceNode[] = credits.map((c) => {
    const who = team ? ` (${c.rep})` : '';
    const shareText = c.share === null ? '' : ` x ${c.overlay ? 'overlay ' : 'split '}${formatPercent(c.share)} of ${money(c.dealAmount)}`;
    return {
      kind: 'deal',
      text: `${c.key}${who} from ${c.table}, ${c.date}${shareText}: ${money(c.amount)}`,
      value: c.amount.toFixed(),
      ...(conversionNodes(c.row).length ? { children: conversionNodes(c.row) } : {}),
    };
  });
  const n = credits.length;
  return { kind, text: `${title}: ${money(total)} from ${n} ${n === 1 ? 'deal' : 'deals'}`, value: total.toFixed(), children };
}

function roundingNode(
  exact: Decimal,
  rounded: Decimal,
  mode: string,
  place: string,
  money: (d: Decimal) => string,
  moneyR: (d: Decimal) => string,
): TraceNode {
  return { kind: 'rounding', text: `rounded ${mode} to ${place}: ${money(exact)} -> ${moneyR(rounded)}`, value: rounded.toFixed() };
}

// ------------------------------------------------------------------ components

export interface ComponentResult {
  exact: Decimal;
  trace: TraceNode;
  attributions: Attribution[];
}

/** A band in amount space for one rep-period. */
interface ResolvedBand {
  lo: Decimal;
  hi: Decimal | null;
  rate: Decimal;
  label: string;
  /** The first band starting at 0 extends below zero (negative amounts pay at its rate). */
  open: boolean;
}

interface Piece {
  band: ResolvedBand;
  portion: Decimal;
  amount: Decimal;
}

function clampBand(b: ResolvedBand, x: Decimal): Decimal {
  let v = x;
  if (b.hi && v.gt(b.hi)) v = b.hi;
  if (!b.open && v.lt(b.lo)) v = b.lo;
  return v;
}

/** Marginal payout of the slice [a, b) of the measure, band by band. */
function marginalSlice(bands: ResolvedBand[], a: Decimal, b: Decimal): { total: Decimal; pieces: Piece[] } {
  let total = ZERO;
  const pieces: Piece[] = [];
  for (const band of bands) {
    const portion = clampBand(band, b).minus(clampBand(band, a));
    if (portion.isZero()) continue;
    const amount = portion.times(band.rate);
    total = total.plus(amount);
    pieces.push({ band, portion, amount });
  }
  return { total, pieces };
}

/** The band owning `x` ([from, to)); below the first band: the first band when it starts at 0, else none. */
function bandAt(bands: ResolvedBand[], x: Decimal): ResolvedBand | undefined {
  for (const b of bands) if (x.gte(b.lo) && (!b.hi || x.lt(b.hi))) return b;
  const first = bands[0];
  if (first && first.open && x.lt(first.lo)) return first;
  return undefined;
}

function evalComponent(k: CompiledComponent, ctx: Ctx, money: (d: Decimal) => string): ComponentResult {
  const rp = ctx.rp!;
  const ir = k.ir;
  const children: TraceNode[] = [];
  const pool = ir.measure.team ? rp.team : rp.credits;
  const deals: Credit[] = [];
  for (const cr of pool) {
    if (k.measureWhere) {
      const dc: Ctx = { ...ctx, row: cr.row, lastEmpty: undefined };
      if (!asBool(k.measureWhere(dc), dc)) continue;
    }
    deals.push(cr);
  }
  const measure = sum(deals.map((d) => d.amount));
  children.push({
    kind: 'measure',
    text: `on ${ir.measure.text}: ${money(measure)} from ${deals.length} ${deals.length === 1 ? 'deal' : 'deals'}`,
    value: measure.toFixed(),
    // the rep's own credit is listed once, in the statement's credits node
    children: (ir.measure.team || k.measureWhere ? deals : []).map((d) => ({
      kind: 'deal',
      text: `${d.key}${ir.measure.team ? ` (${d.rep})` : ''} from ${d.table}, ${d.date}${d.share === null ? '' : ` x ${d.overlay ? 'overlay ' : 'split '}${formatPercent(d.share)} of ${money(d.dealAmount)}`}: ${money(d.amount)}`,
      value: d.amount.toFixed(),
    })),
  });

  // quota and attainment (for attainment tiers and the attainment cap)
  const needsQuota = (k.rate.k === 'tiers' && k.rate.axis === 'attainment') || k.attainmentCap;
  let quota: Decimal | null = null;
  let statedAttainment: Decimal | null = null;
  if (needsQuota) {
    if (!k.quota) throw new TypeError(`component ${ir.name} has tiers on attainment but no quota`);
    quota = asDec(k.quota(ctx), ctx);
    if (quota.isZero()) {
      if (k.attainment) statedAttainment = asDec(k.attainment(ctx), ctx);
      children.push({
        kind: 'attainment',
        text: `quota is 0.00: attainment taken as ${statedAttainment ? formatPercent(statedAttainment) : 'undefined'} (as the plan states)`,
        value: statedAttainment?.toFixed(),
      });
    } else {
      children.push({
        kind: 'attainment',
        text: `${ir.measure.team ? 'team ' : ''}attainment ${money(measure)} / ${ir.measure.team ? 'team ' : ''}quota ${money(quota)} = ${formatPercent(measure.div(quota))}`,
        value: measure.div(quota).toFixed(),
      });
    }
  }

  // attainment cap: the measure paid is limited to quota x cap
  let capLimit: Decimal | null = null;
  if (k.attainmentCap) {
    const f = asDec(k.attainmentCap.limit(ctx), ctx);
    capLimit = quota!.times(f);
    const over = measure.gt(capLimit);
    children.push({
      kind: 'cap',
      text: `${k.attainmentCap.text}: credit paid up to ${formatPercent(f)} x ${money(quota!)} = ${money(capLimit)}${over ? `; ${money(measure)} -> ${money(capLimit)}` : ' (not reached)'}`,
      value: capLimit.toFixed(),
    });
  }
  // per-deal paid measure (after the attainment cap), in date order
  const paidMeasure: Decimal[] = [];
  {
    let run = ZERO;
    for (const d of deals) {
      const before = run;
      run = run.plus(d.amount);
      if (capLimit) paidMeasure.push(Decimal.min(run, capLimit).minus(Decimal.min(before, capLimit)));
      else paidMeasure.push(d.amount);
    }
  }
  const measurePaid = capLimit ? Decimal.min(measure, capLimit) : measure;

  // resolve bands for this rep-period
  let bands: ResolvedBand[] = [];
  let constantBand: ResolvedBand | undefined | null = null; // attainment axis with zero quota
  if (k.rate.k === 'tiers') {
    const axis = k.rate.axis;
    const cbands = k.rate.bands;
    bands = cbands.map((b, i) => {
      const rate = asDec(b.rate(ctx), ctx);
      const scale = axis === 'attainment' && quota && !quota.isZero() ? quota : ONE;
      return {
        lo: b.from.times(scale),
        hi: b.to ? b.to.times(scale) : null,
        rate,
        label: b.label,
        open: i === 0 && b.from.isZero(),
      };
    });
    if (axis === 'attainment' && quota && quota.isZero()) {
      const attainmentBands = cbands.map((b, i) => ({ lo: b.from, hi: b.to, rate: bands[i]!.rate, label: b.label, open: i === 0 && b.from.isZero() }));
      constantBand = statedAttainment ? bandAt(attainmentBands, statedAttainment) : undefined;
      if (!statedAttainment) throw new EvalFailure('div0', ctx.rep?.loc);
    }
  }

  const bandNodes = (pieces: Piece[]): TraceNode[] =>
    pieces.map((p) => ({
      kind: 'band',
      text: `band ${p.band.label} @ ${formatPercent(p.band.rate)} on ${money(p.portion)} = ${money(p.amount)}`,
      value: p.amount.toFixed(),
    }));
  const tiersLabel = k.rate.k === 'tiers' ? `${k.rate.name ? `tiers ${k.rate.name}` : 'tiers'} (${k.rate.mode}, on ${k.rate.axis})` : '';

  /** Pays the slice [a, b) of the measure (b - a is the slice's amount). Retroactive: the band at `reach`. */
  const pay = (a: Decimal, b: Decimal, row: RowValue | null): { amount: Decimal; nodes: TraceNode[] } => {
    const portion = b.minus(a);
    if (k.rate.k === 'flat') {
      const rc: Ctx = { ...ctx, row, lastEmpty: undefined };
      const r = asDec(k.rate.fn(rc), rc);
      const amount = portion.times(r);
      return { amount, nodes: [{ kind: 'rate', text: `${money(portion)} @ ${formatPercent(r)} (${k.rate.text}) = ${money(amount)}`, value: amount.toFixed() }] };
    }
    if (constantBand !== null) {
      if (!constantBand) return { amount: ZERO, nodes: [{ kind: 'band', text: `no band owns the stated attainment: ${money(portion)} pays 0.00`, value: '0' }] };
      const amount = portion.times(constantBand.rate);
      return { amount, nodes: bandNodes([{ band: constantBand, portion, amount }]) };
    }
    if (k.rate.mode === 'marginal') {
      const { total, pieces } = marginalSlice(bands, a, b);
      return { amount: total, nodes: bandNodes(pieces) };
    }
    const band = bandAt(bands, b);
    if (!band) return { amount: ZERO, nodes: [{ kind: 'band', text: `${money(b)} is below the first band: ${money(portion)} pays 0.00`, value: '0' }] };
    const amount = portion.times(band.rate);
    return {
      amount,
      nodes: [{ kind: 'band', text: `band reached ${band.label} @ ${formatPercent(band.rate)} on ${money(portion)} = ${money(amount)}`, value: amount.toFixed() }],
    };
  };

  // rate or tiers per basis, then per-deal caps
  const dealAmounts: Decimal[] = [];
  let subtotal: Decimal;
  const dealCtx = (row: RowValue): Ctx => ({ ...ctx, row, lastEmpty: undefined });
  const bonusPay = k.bonus ? payBonus(k.bonus, deals, ctx, bonusHelpers) : undefined;
  if (bonusPay) {
    subtotal = bonusPay.total;
    if (bonusPay.dealAmounts) dealAmounts.push(...bonusPay.dealAmounts);
    children.push(bonusPay.node);
  } else if (ir.basis === 'period total') {
    const r = pay(ZERO, measurePaid, null);
    subtotal = r.amount;
    children.push({ kind: 'rate', text: `${tiersLabel || 'rate'} on the period total ${money(measurePaid)}: ${money(r.amount)}`, value: r.amount.toFixed(), children: r.nodes });
  } else {
    let run = ZERO;
    subtotal = ZERO;
    const dealNodes: TraceNode[] = [];
    deals.forEach((d, i) => {
      const m = paidMeasure[i]!;
      let r: { amount: Decimal; nodes: TraceNode[] };
      if (ir.basis === 'per deal') r = pay(ZERO, m, d.row);
      else {
        r = pay(run, run.plus(m), d.row);
        r.nodes.unshift({ kind: 'slice', text: `running total ${money(run)} -> ${money(run.plus(m))}`, value: run.plus(m).toFixed() });
        run = run.plus(m);
      }
      let amount = r.amount;
      for (const cap of k.dealCaps) {
        const dc = dealCtx(d.row);
        const lim = asDec(cap.limit(dc), dc);
        if (amount.gt(lim)) {
          r.nodes.push({ kind: 'cap', text: `${cap.text}: ${money(amount)} -> ${money(lim)}`, value: lim.toFixed() });
          amount = lim;
        } else r.nodes.push({ kind: 'cap', text: `${cap.text}: ${money(amount)} is within ${money(lim)}`, value: amount.toFixed() });
      }
      dealAmounts.push(amount);
      subtotal = subtotal.plus(amount);
      dealNodes.push({ kind: 'deal', text: `${d.key}${ir.measure.team ? ` (${d.rep})` : ''} on ${money(m)}: ${money(amount)}`, value: amount.toFixed(), children: r.nodes });
    });
    children.push({
      kind: 'rate',
      text: `${tiersLabel || 'rate'} ${ir.basis === 'per deal' ? 'on each deal' : 'on the running total'}: ${money(subtotal)}`,
      value: subtotal.toFixed(),
      children: dealNodes,
    });
  }

  // multipliers
  let amount = subtotal;
  let factor = ONE;
  for (const m of k.multipliers) {
    const on = m.when ? asBool(m.when(ctx), ctx) : true;
    if (!on) {
      children.push({ kind: 'multiplier', text: `${m.text}: condition not met, not applied`, value: '1' });
      continue;
    }
    const f = asDec(m.factor(ctx), ctx);
    const next = amount.times(f);
    children.push({ kind: 'multiplier', text: `${m.text}: ${money(amount)} ${formatMultiplier(f)} = ${money(next)}`, value: f.toFixed() });
    amount = next;
    factor = factor.times(f);
  }
  // gates
  let gatesPass = true;
  for (const g of k.gates) {
    const ok = asBool(g.cond(ctx), ctx);
    children.push({ kind: 'gate', text: `gate ${g.text}: ${ok ? 'met' : 'not met, pays 0.00'}`, value: ok ? 'pass' : 'fail' });
    if (!ok) gatesPass = false;
  }
  if (!gatesPass) amount = ZERO;
  // period caps
  const beforeCaps = amount;
  for (const cap of k.periodCaps) {
    const lim = asDec(cap.limit(ctx), ctx);
    if (amount.gt(lim)) {
      children.push({ kind: 'cap', text: `${cap.text}: ${money(amount)} -> ${money(lim)}`, value: lim.toFixed() });
      amount = lim;
    } else children.push({ kind: 'cap', text: `${cap.text}: ${money(amount)} is within ${money(lim)}`, value: amount.toFixed() });
  }

  // per-deal attribution (for clawbacks)
  const attributions: Attribution[] = [];
  const at = (d: Credit, a: Decimal): Attribution => ({ table: d.table, key: d.key, date: d.date, period: d.period, amount: a, credit: d });
  if (bonusPay && !bonusPay.dealAmounts) {
    // a bonus paid per period, per mentee or from a team pool is not paid on deals
  } else if (ir.basis === 'period total') {
    deals.forEach((d) => attributions.push(at(d, measure.isZero() ? ZERO : amount.times(d.amount).div(measure))));
  } else {
    const capRatio = beforeCaps.isZero() || amount.eq(beforeCaps) ? null : amount.div(beforeCaps);
    deals.forEach((d, i) => {
      let a = gatesPass ? dealAmounts[i]!.times(factor) : ZERO;
      if (capRatio) a = a.times(capRatio);
      attributions.push(at(d, a));
    });
  }

  amount = applyMinimum(k.bonus, amount, ctx, bonusHelpers, children);
  return {
    exact: amount,
    trace: { kind: 'component', text: ir.label, value: amount.toFixed(), children },
    attributions,
  };
}

// ------------------------------------------------------------------ proration and credit rules (runtime/mechanics/)

function mechNote(c: Ctx, node: TraceNode): void {
  const rp = c.rp;
  if (!rp) return;
  const keys = (rp.noteKeys ??= new Set());
  if (keys.has(node.text)) return;
  keys.add(node.text);
  (rp.notes ??= []).push(node);
}

const prorationHelpers: ProrationHelpers<Ctx> = {
  rep: (c) => c.rep,
  period: (c) => c.period,
  tables: (c) => c.env.tables,
  employment: (c) => c.env.plan.ir.employment,
  fiscalStart: (c) => (c.env.plan.ir as { fiscalStart?: number }).fiscalStart ?? (c.env.plan.ir.periods as { fiscalStart?: number }).fiscalStart,
  dec: (v, c) => asDec(v as RV, c),
  note: mechNote,
};

const creditRuleHelpers: CreditRuleHelpers<Ctx> = {
  row: (c) => c.row,
  rep: (c) => c.rep,
  dec: (v, c) => asDec(v as RV, c),
  note: mechNote,
  teamMembers: (c) => (c.rep ? c.env.reportsOf?.get(c.rep.key) ?? [] : []),
  memberLet: (c, rep, name) => {
    const rp = c.env.repPeriodFor!(rep);
    return letValue({ env: c.env, rp, rep: rp.rep, period: rp.period, row: null, event: null }, name);
  },
  teamCredit: (c) => creditSum(c, true, undefined),
  teamQuotaLet: (c) => (c.env.plan.letIndex.has('team quota') ? asDec(letValue(c, 'team quota'), c) : undefined),
  divisionByZero: (c) => {
    throw new EvalFailure('div0', c.rep?.loc);
  },
};

// ------------------------------------------------------------------ curves, scorecards, bonuses (runtime/mechanics/)

function compileBonusExpr(e: Extract<Expr, { k: 'curve' | 'scorecard' | 'repLet' }>, sub: (x: Expr) => Fn): Fn {
  if (e.k === 'curve') {
    const curve = compileCurve(e.curve);
    const arg = sub(e.arg);
    return (c) => {
      const x = asDec(arg(c), c);
      const r = curveAt(curve, x);
      logCurve(c.rp, curve, x, r);
      return r.y;
    };
  }
  if (e.k === 'scorecard') {
    const card: CompiledScorecard<Ctx> = compileScorecard<Ctx>(e.card, (x) => sub(x));
    return (c) => scoreCard(card, c, scorecardHelpers).value;
  }
  const of = sub(e.of);
  const name = e.name;
  return (c) => {
    const who = of(c);
    if (who === null) throw emptyFailure(c);
    const key = keyOf(who);
    if (key === undefined || !c.env.roster.has(key) || !c.env.repPeriodFor) throw new EvalFailure('missingRow', c.rep?.loc, { table: c.env.plan.ir.roster, key: key ?? '' });
    const rp = c.env.repPeriodFor(key);
    return letValue({ env: c.env, rp, rep: rp.rep, period: rp.period, row: null, event: null }, name);
  };
}

const scorecardHelpers: ScorecardHelpers<Ctx> = {
  dec: (v, c) => asDec(v as RV, c),
  div0: (c) => new EvalFailure('div0', c.rep?.loc),
  rp: (c) => c.rp,
};

const bonusHelpers: BonusHelpers<Ctx> = {
  dec: (v, c) => asDec(v as RV, c),
  bool: (v, c) => asBool(v as RV, c),
  withRow: (c, row) => ({ ...c, row, lastEmpty: undefined }),
  rep: (c) => c.rep,
  peer: (c, key) => {
    if (!c.env.roster.has(key) || !c.env.repPeriodFor) return undefined;
    const rp = c.env.repPeriodFor(key);
    return { env: c.env, rp, rep: rp.rep, period: rp.period, row: null, event: null };
  },
  rp: (c) => c.rp,
  creditOf: (c) => creditSum(c, false, undefined),
  roster: (c) => [...c.env.roster.values()],
  teamBy: (c) => c.env.plan.ir.teamBy,
  place: (c) => c.env.plan.ir.rounding.place,
};

/** Scorecards and curve evaluations of a rep's period, for the trace. */
function bonusTrace(rp: RepPeriod): TraceNode[] {
  const out: TraceNode[] = [];
  const cards = cardTrace(rp);
  if (cards.length) out.push({ kind: 'scorecards', text: 'Scorecards', children: cards });
  const curves = curveTrace(rp);
  if (curves.length) out.push({ kind: 'curves', text: 'Payout curves', children: curves });
  return out;
}
