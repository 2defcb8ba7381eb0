// Which reps an answer about one rep needs evaluated (`comp explain`: one rep, one period; the
// editor's previews of one rep). Crediting always runs over the whole data (splits and overlays
// make a rep's credit depend on other rows); this only chooses whose components are evaluated and
// whose statements are built.
//
// Conservative: any plan that reads another rep's results other than through the `team by`
// hierarchy (`team credit by ... at level`, pools, `per mentee`, `mentee.x` / other-rep lets,
// `within`, assignments that move reps between teams) evaluates everyone.
//
// The decision is a walk over the IR's types (runtime/ir.ts), exhaustive by construction: every
// expression kind is a `case` of a switch that ends in `never`, and every field of the plan, its
// components, draws, clawbacks, bonuses and versions has an entry in a table typed by the
// interface's keys. A new expression kind or a new field fails typechecking here until someone
// decides whether it reads other reps; nothing new is treated as safe by default.
import type { BandIR, BonusIR, ClawbackIR, ComponentIR, CreditRuleIR, Dataset, DrawIR, Expr, LetIR, PlanIR, RateIR, ScorecardIR, VersionIR } from '../ir.js';
import type { RV } from './types.js';
import { keyOf } from './values.js';

/** Why a part of the plan may read reps outside the asked rep's team tree; undefined: it does not. */
type Why = string | undefined;

/** One decision per field of T, optional ones included: adding a field to T fails typechecking here. */
type Walk<T> = { [K in keyof T]-?: (v: Exclude<T[K], undefined>) => Why };

const safe = (): Why => undefined;

function fields<T extends object>(value: T, walk: Walk<T>): Why {
  for (const k of Object.keys(walk) as (keyof T)[]) {
    const v = value[k];
    if (v === undefined) continue;
    const why = walk[k](v as Exclude<T[keyof T], undefined>);
    if (why) return why;
  }
  return undefined;
}

function each<T>(xs: readonly T[], f: (x: T) => Why): Why {
  for (const x of xs) {
    const why = f(x);
    if (why) return why;
  }
  return undefined;
}

const exprs = (...es: (Expr | undefined)[]): Why => each(es, (e) => (e ? expr(e) : undefined));
const withExpr = (x: { expr: Expr }): Why => expr(x.expr);

/** Whether an expression reads another rep's results (other than through `team by`). */
export function expr(e: Expr): Why {
  switch (e.k) {
    case 'num':
    case 'text':
    case 'bool':
    case 'date':
    case 'period':
    case 'duration':
    case 'ctx':
    case 'let':
    case 'lookup':
    case 'employment':
    case 'effectiveRate':
      return undefined;
    case 'field':
      return expr(e.of);
    case 'bin':
      return exprs(e.l, e.r);
    case 'neg':
    case 'not':
      return expr(e.e);
    case 'if':
      return exprs(e.c, e.t, e.e);
    case 'otherwise':
      return exprs(e.e, e.fallback);
    case 'call':
      return each(e.args, expr);
    case 'credit':
      // team credit along `team by` is the members' credit: the members are evaluated (below)
      return e.hierarchy ? 'team credit by a field at a level' : exprs(e.where);
    case 'team':
      return e.hierarchy ? 'team quota or attainment by a field at a level' : undefined;
    case 'convert':
      return exprs(e.e, e.on, e.fromExpr);
    case 'prorate':
    case 'seasonal':
      return expr(e.of);
    case 'rateBy':
      return exprs(e.key, e.otherwise) ?? each(e.entries, (x) => expr(x.rate));
    case 'curve':
      return expr(e.arg);
    case 'scorecard':
      return scorecard(e.card);
    case 'repLet':
      return "another rep's let";
    case 'agg':
      return exprs(e.value, e.where);
    case 'within':
      return '`within`';
    default: {
      const unknown: never = e;
      return `an expression of an unknown kind (${(unknown as { k: string }).k})`;
    }
  }
}

function scorecard(card: ScorecardIR): Why {
  return fields(card, {
    name: safe,
    metrics: (ms) => each(ms, (m) => fields(m, { name: safe, weight: safe, actual: expr, target: expr, direction: safe, cap: expr, text: safe, unit: safe })),
    gate: expr,
    gateText: safe,
    text: safe,
  });
}

const credit = (c: CreditRuleIR): Why => fields(c, { table: safe, at: safe, where: expr, amount: expr, date: expr, to: expr, split: safe, text: safe });

const letIR = (l: LetIR): Why => fields(l, { name: safe, type: safe, expr, text: safe, at: safe });

const band = (b: BandIR): Why => fields(b, { from: safe, to: safe, rate: expr, text: safe });

function rate(r: RateIR): Why {
  switch (r.k) {
    case 'flat':
      return expr(r.expr);
    case 'tiers':
      return each(r.bands, band);
    default: {
      const unknown: never = r;
      return `a rate of an unknown kind (${(unknown as { k: string }).k})`;
    }
  }
}

const clawback = (c: ClawbackIR): Why =>
  fields(c, {
    events: safe,
    dealField: safe,
    dateField: safe,
    within: safe,
    mode: safe,
    takes: (t) => fields(t, { amount: expr, ofCredit: safe, text: safe }),
    prorate: expr,
    unusedTerm: safe,
    schedule: (s) => each(s, (x) => fields(x, { within: safe, share: expr, text: safe })),
    text: safe,
  });

const bonus = (b: BonusIR): Why =>
  fields(b, {
    pays: (p) =>
      fields(p, {
        per: (per) => (per === 'mentee' ? '`per mentee`' : undefined),
        amount: expr,
        units: expr,
        inFull: safe,
        where: expr,
        mentorField: safe,
        text: safe,
      }),
    pool: () => 'a pool shared between reps',
    minimum: (m) => fields(m, { amount: expr, text: safe }),
  });

const component = (c: ComponentIR): Why =>
  fields(c, {
    name: safe,
    label: safe,
    at: safe,
    appliesTo: expr,
    // `on team credit` along `team by`: the members are evaluated (below)
    measure: (m) => fields(m, { team: safe, where: expr, text: safe, hierarchy: () => 'team credit by a field at a level' }),
    basis: safe,
    rate,
    quota: expr,
    attainment: expr,
    gates: (gs) => each(gs, (g) => fields(g, { cond: expr, text: safe })),
    multipliers: (ms) => each(ms, (m) => fields(m, { factor: expr, when: expr, text: safe })),
    caps: (cs) => each(cs, (x) => fields(x, { per: safe, limit: expr, text: safe })),
    attainmentCap: (x) => fields(x, { limit: expr, text: safe }),
    clawbacks: (cs) => each(cs, clawback),
    cumulative: (x) => fields(x, { scope: safe, negative: safe, text: safe, opening: withExpr }),
    advance: (x) => fields(x, { share: expr, settle: safe, text: safe }),
    holdback: (x) => fields(x, { share: expr, until: expr, untilDate: safe, text: safe }),
    cancelledDeals: safe,
    bonus,
  });

const draw = (d: DrawIR): Why =>
  fields(d, {
    recoverable: safe,
    amount: expr,
    appliesTo: expr,
    recoverAtMost: expr,
    recoverAtMostUnit: safe,
    firstMonths: (f) => fields(f, { months: safe, after: expr, text: safe }),
    forgivenOn: expr,
    text: safe,
  });

const version = (v: VersionIR): Why =>
  fields(v, {
    name: safe,
    effective: safe,
    until: safe,
    lets: (ls) => each(ls, letIR),
    components: (cs) => each(cs, component),
    draws: (ds) => each(ds, draw),
  });

/** Why evaluating one rep (and its team tree along `team by`) might not give its full-run figures; undefined when it does. */
export function readsOtherReps(ir: PlanIR): Why {
  return fields(ir, {
    name: safe,
    currency: safe,
    periods: safe,
    rounding: safe,
    tables: safe,
    roster: safe,
    teamBy: safe,
    credits: (cs) => each(cs, credit),
    lets: (ls) => each(ls, letIR),
    components: (cs) => each(cs, component),
    draws: (ds) => each(ds, draw),
    versions: (vs) => each(vs, version),
    fx: safe,
    payoutCurrency: withExpr,
    // assignments may move a rep from one manager to another between periods
    assignments: () => (ir.teamBy ? 'assignments with a team' : undefined),
    scorecards: (cs) => each(cs, scorecard),
    employment: safe,
    balances: (b) => fields(b, { negative: safe, openingOwed: withExpr, openingDraw: withExpr }),
    show: safe,
  });
}

/**
 * The reps to evaluate to answer for `rep`, or undefined for everyone: the rep and, when the
 * plan has a `team by` field, every rep below it (at all levels) in the roster.
 */
export function repsToEvaluate(ir: PlanIR, data: Dataset, rep: string): Set<string> | undefined {
  if (readsOtherReps(ir)) return undefined;
  const only = new Set([rep]);
  if (!ir.teamBy) return only;
  const reportsOf = new Map<string, string[]>();
  for (const row of data[ir.roster] ?? []) {
    const mk = keyOf(row.values[ir.teamBy] as RV);
    if (mk === undefined) continue;
    const list = reportsOf.get(mk) ?? [];
    list.push(row.key);
    reportsOf.set(mk, list);
  }
  const todo = [rep];
  while (todo.length > 0) {
    for (const m of reportsOf.get(todo.pop()!) ?? []) {
      if (only.has(m)) continue;
      only.add(m);
      todo.push(m);
    }
  }
  return only;
}
