// The expression compiler: every IR expression becomes a closure once (compilePlan); lets are
// evaluated lazily per rep and period; the mechanics' expressions (proration, credit rules, curves,
// scorecards, a peer's let) are compiled by runtime/mechanics/ through the helpers below.
import { Decimal } from '../decimal.js';
import { sumAmounts, sumDecimals } from '../scaled-sum.js';
import type { BuiltinFn, DateValue, Expr, FieldType, PeriodValue, PlanAt, RowValue, TraceNode, Value } from '../ir.js';
import { cell } from '../rows.js';
import * as cal from '../calendar.js';
import { roundLine, shortcuts } from '../rounding.js';
import { formatValue } from '../format.js';
import { compileCurve, curveAt, curveTrace, logCurve } from '../mechanics/curves.js';
import { cardTrace, compileScorecard, scoreCard, type CompiledScorecard, type ScorecardHelpers } from '../mechanics/scorecards.js';
import type { BonusHelpers } from '../mechanics/bonuses.js';
import { compileProration, type ProrationHelpers } from '../mechanics/proration.js';
import { compileCreditRule, type CreditRuleHelpers } from '../mechanics/credit-rules.js';
import { noteConversion, rateOn } from '../mechanics/currency.js';
import { compileRelation, hierarchyCredits, hierarchyReps, type RelationHelpers } from '../mechanics/relations.js';
import { compileEffectiveRate, type EffectiveRateHelpers } from '../mechanics/effective-rate.js';
import { EvalFailure, type CompiledLet, type Ctx, type Env, type DurationValue, type Fn, type RepPeriod, type RV } from './types.js';
import { asBool, asDec, compare, date, decOfNumber, emptyFailure, equals, isObj, isoOfValue, keyOf, sum } from './values.js';

const ZERO = new Decimal(0);

export interface CompileEnv {
  letIndex: Map<string, number>;
  lets: CompiledLet[];
  /** Per-rep tables: name -> whether they are also read per period. */
  perPeriod: Map<string, boolean>;
}

export function compileExpr(e: Expr, plan: CompileEnv): Fn {
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
      // the common case inline: a row's text, amount or date that is no reference (whether the
      // field is a reference is looked up once per table and plan, not per row)
      // (and the referenced table's index, once per table, plan and dataset, not per row)
      let cTable: string | undefined;
      let cTypes: Map<string, Map<string, FieldType>> | undefined;
      let cTables: Env['tables'] | undefined;
      let cPlain = false;
      let cRef: Map<string, RowValue> | undefined;
      return (c) => {
        const o = of(c);
        if (o !== null && typeof o === 'object' && (o as RowValue).kind === 'row') {
          const row = o as RowValue;
          const v = cell(row, name);
          if (v !== null && v !== undefined && typeof v !== 'number') {
            if (typeof v !== 'string') return v;
            const types = c.env.plan.fieldTypes;
            if (row.table !== cTable || types !== cTypes || c.env.tables !== cTables) {
              cTable = row.table;
              cTypes = types;
              cTables = c.env.tables;
              const t = types.get(row.table)?.get(name);
              cPlain = !(t && t.t === 'ref');
              cRef = t && t.t === 'ref' ? c.env.tables.get(t.table) : undefined;
            }
            if (cPlain) return v;
            const target = cRef?.get(v);
            if (target) return target;
          }
        }
        return fieldOf(c, o, name);
      };
    }
    case 'lookup': {
      const table = e.table;
      const field = e.field;
      const perPeriod = plan.perPeriod.get(table) ?? false;
      const at = e.at;
      if (!perPeriod) return (c) => lookup(c, table, field, perPeriod, at);
      // a per-period table's rows of the period by rep, looked up once per evaluation and period
      // (the same Map lookup() makes; kept while the evaluation's lookups and the period are the same objects)
      let cLookups: Env['lookups'] | undefined;
      let cPeriod: PeriodValue | null | undefined;
      let cRows: Map<string, RowValue> | undefined;
      return (c) => {
        const rep = c.rep;
        if (!rep || !shortcuts()) return lookup(c, table, field, perPeriod, at);
        if (c.env.lookups !== cLookups || c.period !== cPeriod) {
          cLookups = c.env.lookups;
          cPeriod = c.period;
          cRows = cLookups.get(table)?.byPeriod?.get(cPeriod?.key ?? '');
        }
        const row = cRows?.get(rep.key);
        if (!row) throw new EvalFailure('missingRow', rep.loc, { table, key: rep.key }, at);
        return fieldOf(c, row, field);
      };
    }
    case 'bin':
      return compileBin(e.op, sub(e.l), sub(e.r), e.at);
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
      const fb = sub(e.fallback);
      // `A / B otherwise F`: a zero divisor gives F (as an empty value does) without a failure thrown and caught
      const x = e.e.k === 'bin' && e.e.op === '/' ? compileDivision(sub(e.e.l), sub(e.e.r), e.e.at, true) : sub(e.e);
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
    case 'call': {
      if (e.round) {
        const x = sub(e.args[0]!);
        const place = e.round.place;
        const mode = e.round.mode;
        return (c) => roundLine(asDec(x(c), c), { place, mode: mode ?? c.env.plan.ir.rounding.mode });
      }
      return compileCall(e.fn, e.args.map(sub));
    }
    case 'credit': {
      const team = e.team;
      const where = e.where ? sub(e.where) : undefined;
      const hier = e.hierarchy;
      if (hier) return (c) => sum(hierarchyCredits(c, hier).filter((cr) => !where || asBool(where({ ...c, row: cr.row, lastEmpty: undefined }), c)).map((cr) => cr.amount));
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
  if (e.k === 'agg' || e.k === 'within') return compileRelation<Ctx>(e, sub, relationHelpers) as Fn;
  if (e.k === 'effectiveRate') return compileEffectiveRate(e, effectiveRateHelpers) as Fn;
  throw new Error(`unknown expression ${JSON.stringify(e)}`);
}

function compileBin(op: string, l: Fn, r: Fn, at?: PlanAt): Fn {
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
      return compileDivision(l, r, at);
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

/** `l / r`; a zero divisor fails (`otherwise` catches it), or with `zeroIsEmpty` (under `otherwise`) gives an empty value. */
function compileDivision(l: Fn, r: Fn, at: PlanAt | undefined, zeroIsEmpty = false): Fn {
  return (c) => {
    const a = asDec(l(c), c);
    const b = asDec(r(c), c);
    if (b.isZero()) {
      if (zeroIsEmpty && shortcuts()) return null;
      throw new EvalFailure('div0', c.row?.loc ?? c.rep?.loc, {}, at);
    }
    return a.div(b);
  };
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

export function letValue(c: Ctx, name: string): RV {
  const rp = c.rp;
  if (!rp) throw new Error(`let ${name} used outside a rep's period`);
  // (one Map lookup: a let's value is never undefined, `has` only tells an undefined entry from none)
  const had = rp.lets.get(name);
  if (had !== undefined || rp.lets.has(name)) return had!;
  const plan = c.env.plan;
  const idx = plan.letIndex.get(name);
  if (idx === undefined) throw new Error(`unknown let ${name}`);
  const cl = plan.lets[idx]!;
  // a let read only from the rep: its value from an earlier period of this evaluation
  let byRep: Map<RowValue, RV> | undefined;
  if (cl.perRep && shortcuts()) {
    const all = (c.env.repLets ??= new Map());
    byRep = all.get(cl);
    if (!byRep) all.set(cl, (byRep = new Map()));
    else {
      const v = byRep.get(rp.rep);
      if (v !== undefined || byRep.has(rp.rep)) {
        rp.lets.set(name, v!);
        return v!;
      }
    }
  }
  const lc: Ctx = { env: c.env, rp, rep: rp.rep, period: rp.period, row: null, event: null };
  let v: RV;
  try {
    v = cl.fn(lc);
  } catch (err) {
    // a failure with no place of its own (an empty value) is located at the let
    if (err instanceof EvalFailure && !err.at) err.at = cl.ir.at;
    throw err;
  }
  rp.lets.set(name, v);
  byRep?.set(rp.rep, v);
  return v;
}

/** The value of a let read only from the rep, when this evaluation already computed it for that rep's row. */
function knownRepLet(env: Env, rep: string, name: string): { v: RV } | undefined {
  if (!shortcuts() || !env.repRowFor || !env.repLets) return undefined;
  const idx = env.plan.letIndex.get(name);
  const cl = idx === undefined ? undefined : env.plan.lets[idx];
  if (!cl?.perRep) return undefined;
  const byRep = env.repLets.get(cl);
  const row = env.repRowFor(rep);
  return byRep?.has(row) ? { v: byRep.get(row)! } : undefined;
}

export function fieldOf(c: Ctx, of: RV, name: string): RV {
  if (of === null) throw emptyFailure(c);
  // a row first: the common case (a Decimal has no `kind`)
  if (typeof of === 'object' && (of as RowValue).kind === 'row') {
    const row = of as RowValue;
    const v = cell(row, name);
    if (v === null || v === undefined) {
      c.lastEmpty = { table: row.table, field: name, key: row.key, loc: row.loc };
      return null;
    }
    if (typeof v !== 'string') return typeof v === 'number' ? decOfNumber(v) : v;
    const t = c.env.plan.fieldTypes.get(row.table)?.get(name);
    if (t && t.t === 'ref') {
      const target = c.env.tables.get(t.table)?.get(v);
      if (!target) {
        c.lastEmpty = { table: row.table, field: name, key: row.key, loc: row.loc };
        return null;
      }
      return target;
    }
    return v;
  }
  if (isObj(of, 'period')) {
    const p = of as PeriodValue;
    if (name === 'start') return date(p.start);
    if (name === 'end') return date(p.end);
    if (name === 'key') return p.key;
    throw new TypeError(`a period has no field ${name}`);
  }
  if (isObj(of, 'row')) {
    const row = of as RowValue;
    const v = cell(row, name);
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
    if (typeof v === 'number') return decOfNumber(v);
    return v;
  }
  if (typeof of === 'string') {
    // A key of a row; only rep keys can be resolved without a type.
    const r = c.env.roster.get(of);
    if (r) return fieldOf(c, r, name);
  }
  throw new TypeError(`${formatValue(of as Value)} has no field ${name}`);
}

export function lookup(c: Ctx, table: string, field: string, perPeriod: boolean, at?: PlanAt): RV {
  const rep = c.rep;
  if (!rep) throw new Error(`${table}.${field} needs a rep`);
  const idx = c.env.lookups.get(table);
  const row = perPeriod ? idx?.byPeriod?.get(c.period?.key ?? '')?.get(rep.key) : idx?.byRep?.get(rep.key);
  if (!row) throw new EvalFailure('missingRow', rep.loc, { table, key: rep.key }, at);
  return fieldOf(c, row, field);
}

export function creditSum(c: Ctx, team: boolean, where: Fn | undefined): Decimal {
  const rp = c.rp;
  if (!rp) throw new Error('credit used outside a rep period');
  if (!where) {
    if (team) return (rp.teamSum ??= sumAmounts(rp.team));
    return (rp.creditSum ??= sumAmounts(rp.credits));
  }
  const kept: Decimal[] = [];
  for (const cr of team ? rp.team : rp.credits) {
    const dc: Ctx = { ...c, row: cr.row, lastEmpty: undefined };
    if (asBool(where(dc), dc)) kept.push(cr.amount);
  }
  return sumDecimals(kept);
}

// ------------------------------------------------------------------ proration and credit rules (runtime/mechanics/)

function mechNote(c: Ctx, node: TraceNode): void {
  const rp = c.rp;
  if (!rp || c.env.untraced) return;
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
  traced: (c) => !c.env.untraced,
  teamMembers: (c) => (c.rep ? c.env.reportsOf?.get(c.rep.key) ?? [] : []),
  memberLet: (c, rep, name) => {
    // a let read only from the rep (a member's quota) already computed for the member: no period of theirs is made
    const known = knownRepLet(c.env, rep, name);
    if (known !== undefined) return known.v;
    const rp = c.env.repPeriodFor!(rep);
    return letValue({ env: c.env, rp, rep: rp.rep, period: rp.period, row: null, event: null }, name);
  },
  teamCredit: (c) => creditSum(c, true, undefined),
  rollupMembers: (c, h) => hierarchyReps(c, h).map((x) => x.rep),
  rollupCredit: (c, h) => sum(hierarchyCredits(c, h).map((x) => x.amount)),
  teamQuotaLet: (c) => (c.env.plan.letIndex.has('team quota') ? asDec(letValue(c, 'team quota'), c) : undefined),
  divisionByZero: (c) => {
    throw new EvalFailure('div0', c.rep?.loc);
  },
  // a team's quota is its members' per-rep quotas: the same sum while the members array (the same
  // object from period to period when no assignment moves a rep) and the `quota` let are the same
  knownTeamQuota: (c) => {
    const at = teamQuotaKey(c);
    if (!at) return undefined;
    const kept = c.env.teamQuotas?.get(at.members);
    return kept && kept.quota === at.quota ? kept.value : undefined;
  },
  keepTeamQuota: (c, value) => {
    const at = teamQuotaKey(c);
    if (at) (c.env.teamQuotas ??= new WeakMap()).set(at.members, { quota: at.quota, value });
  },
};

/** The members array and per-rep `quota` let a team's quota can be kept under (untraced, shortcuts on), if any. */
function teamQuotaKey(c: Ctx): { members: readonly string[]; quota: CompiledLet } | undefined {
  if (!c.env.untraced || !shortcuts() || !c.rep) return undefined;
  const members = c.env.reportsOf?.get(c.rep.key);
  if (!members || members.length === 0) return undefined;
  const idx = c.env.plan.letIndex.get('quota');
  const quota = idx === undefined ? undefined : c.env.plan.lets[idx];
  return quota?.perRep ? { members, quota } : undefined;
}

// the effective rate of a component (runtime/mechanics/effective-rate.ts)
const effectiveRateHelpers: EffectiveRateHelpers = {
  note: mechNote,
  empty: (c) => emptyFailure(c),
  div0: (c, at) => new EvalFailure('div0', c.rep?.loc, {}, at),
  unavailable: (c, name) => new Error(`\`effective_rate(${name})\` is read for another rep (${c.rep?.key ?? ''}): a rep's effective rates are read only in the rep's own period`),
};

// aggregates over related rows, ancestor tests (runtime/mechanics/relations.ts)
const relationHelpers: RelationHelpers<Ctx> = {
  creditRows: (c) => (c.rp ? c.rp.credits.filter((x) => x.rule >= 0).map((x) => x.row) : []),
  tableRows: (c, t) => c.env.tables.get(t),
  rep: (c) => c.rep,
  period: (c) => c.period,
  withRow: (c, row) => ({ ...c, row, lastEmpty: undefined }),
  dec: (v, c) => asDec(v as RV, c),
  bool: (v, c) => asBool(v as RV, c),
  empty: (c) => emptyFailure(c),
  note: mechNote,
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

export const bonusHelpers: BonusHelpers<Ctx> = {
  dec: (v, c) => asDec(v as RV, c),
  bool: (v, c) => asBool(v as RV, c),
  withRow: (c, row) => ({ ...c, row, lastEmpty: undefined }),
  pointAt: (c, row) => {
    c.row = row;
    c.lastEmpty = undefined;
  },
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
export function bonusTrace(rp: RepPeriod): TraceNode[] {
  const out: TraceNode[] = [];
  const cards = cardTrace(rp);
  if (cards.length) out.push({ kind: 'scorecards', text: 'Scorecards', children: cards });
  const curves = curveTrace(rp);
  if (curves.length) out.push({ kind: 'curves', text: 'Payout curves', children: curves });
  return out;
}
