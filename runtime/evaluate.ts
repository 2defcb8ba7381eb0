// The evaluator's driver (docs/language.md sections 5-9): compiles a PlanIR once into closures
// (runtime/engine/compile.ts), then evaluates it over a Dataset in phases:
//   0. indices           runtime/engine/indices.ts   tables, lookups, roster, FX, assignments
//   1. crediting         runtime/engine/credit.ts    per deal: where, amount, date, rep, splits
//   2. earning           runtime/engine/earn.ts      per rep and period: components (component.ts)
//   3. settlement        runtime/engine/settle.ts    per rep across periods: clawbacks (clawback.ts),
//                                                    balances carried forward, draws, currency
// The shared shapes are in runtime/engine/types.ts; mechanics (runtime/mechanics/) sit below this
// driver and import only those shapes. See ARCHITECTURE.md.
import { Decimal } from './decimal.js';
import { setScaledSums, sumAmounts, sumDecimals } from './scaled-sum.js';
import { setShortcuts } from './rounding.js';
import type { DataError, Dataset, PeriodValue, PlanAt, RowValue, RunResult, Statement } from './ir.js';
import * as cal from './calendar.js';
import { versionAt } from './mechanics/versions.js';
import { Settlement } from './mechanics/cumulative.js';
import type { CompiledPlan, Credit, EvaluateOptions, EvaluateOutput, RepPeriod, RV } from './engine/types.js';
import { asBool, asDec, isoOfValue, keyOf } from './engine/values.js';
import { letValue } from './engine/expr.js';
import { dataError, dedupe, failureToError, msg } from './engine/errors.js';
import { lineFormat } from './engine/trace.js';
import { buildIndices } from './engine/indices.js';
import { creditDeals } from './engine/credit.js';
import { earnRepPeriod, type PeriodFrame } from './engine/earn.js';
import { settleRepPeriod, type Settled, type SettleState } from './engine/settle.js';
import { indexEvents, PaidOn, type EventIndex } from './engine/clawback.js';
import { aggregateCredits, aggregatePlan, type Aggregated } from './engine/aggregate.js';
import type { CreditAggregates, CreditedPeriods, RepPeriodCredit } from './engine/measures.js';
import { seamPlan } from './engine/seam.js';

export { compilePlan } from './engine/compile.js';
export { repsToEvaluate } from './engine/reps.js';
export type {
  Attribution,
  CompiledClawback,
  CompiledComponent,
  CompiledDraw,
  CompiledPlan,
  ComponentResult,
  Credit,
  Ctx,
  DurationValue,
  Env,
  EvaluateOptions,
  EvaluateOutput,
  Fn,
  Phase1Memo,
  PrecomputedCredits,
  PrecomputedLine,
  Loc,
  RepPeriod,
  RV,
  StatementSink,
} from './engine/types.js';

const ZERO = new Decimal(0);

export function evaluate(plan: CompiledPlan, data: Dataset, opts: EvaluateOptions = {}): EvaluateOutput {
  // the sums' fast path (./scaled-sum.ts) for this synchronous evaluation, restored after it
  const was = setScaledSums(opts.scaledSums !== false);
  const wasShort = setShortcuts(opts.shortcuts !== false);
  try {
    return evaluateRun(plan, data, opts);
  } finally {
    setScaledSums(was);
    setShortcuts(wasShort);
  }
}

function evaluateRun(plan: CompiledPlan, data: Dataset, opts: EvaluateOptions): EvaluateOutput {
  const ir = plan.ir;
  const errors: DataError[] = [];
  const warnings: DataError[] = [];
  const fmt = lineFormat(ir.rounding, opts.traces !== false);
  const { round, str, money, moneyR } = fmt;
  const fail = (err: unknown, what: string, rep: RowValue, period: PeriodValue, at?: PlanAt): void => {
    errors.push(failureToError(err, what, rep, period, at));
  };

  // ---- 0. indices
  const { env, assigned, repKeys } = buildIndices(plan, data, errors);
  if (!fmt.tracing) env.untraced = true;
  const roster = env.roster;

  // ---- 1. credits, and the plan periods
  // A run that shows no credit line (no traces, no deal lines) of a plan phase 2 can pay from sums
  // (./engine/seam.ts): summed per rep and period as they are made (./engine/aggregate.ts). Also
  // with a phase-1 memo (the editor's sample re-runs): summing again costs less than phase 2 over
  // every remembered line; the memo serves the runs that take the full path.
  const sumsOf = opts.traces === false && opts.deals === false && opts.aggregate !== false && !opts.credits && !opts.aggregates ? aggregatePlan(plan) : undefined;
  const spec: cal.PeriodSpec = cal.specOf(ir.periods);
  let allPeriods: PeriodValue[] = [];
  let events: EventIndex | undefined;
  let creditsBy: CreditedPeriods;
  let partial = !!opts.aggregates;
  let agg: Aggregated | undefined;
  if (sumsOf) {
    allPeriods = planPeriods(ir, spec, undefined);
    events = indexEvents(plan, data, spec);
    agg = aggregateCredits(plan, sumsOf, env, data, errors, opts, spec, allPeriods, namedDeals(events));
  }
  let paidOn: PaidOn;
  if (agg) {
    for (const r of agg.outside) warnings.push(dataError('COMP7004', msg('COMP7004', { date: r.date }), r.row.loc));
    creditsBy = agg.creditsBy;
    paidOn = new PaidOn(events!);
    partial = true;
  } else {
    // every line (a caller's memo, EvaluateOptions.phase1: the editor's re-runs on the same sample
    // data, gives them again)
    const memo = opts.credits || opts.aggregates ? undefined : opts.phase1;
    let raw: Credit[];
    if (memo?.raw && memo.madeUnder === memo.key) {
      raw = memo.raw;
      errors.push(...memo.errors!);
    } else {
      const before = errors.length;
      raw = creditDeals(plan, env, data, errors, opts);
      if (memo) Object.assign(memo, { raw, errors: errors.slice(before), madeUnder: memo.key });
    }
    allPeriods = planPeriods(ir, spec, raw);
    // what clawback events name (their deals' credits are marked as they go into periods)
    events = indexEvents(plan, data, spec);
    paidOn = new PaidOn(events);
    creditsBy = intoPeriods(raw, spec, allPeriods, paidOn, warnings);
    // a SQL engine's sums (every line's credit; the lines present are only those clawback events
    // name) go in a period at a time, at its turn below
    if (opts.aggregates) {
      const seam = seamPlan(ir);
      if (!seam.ok) throw new Error(`internal: credit sums given for a plan whose phase 2 reads its lines (${seam.why})`);
    }
  }
  // cumulative bases, advances, holdbacks, clawback schedules, draws (runtime/mechanics/cumulative.ts)
  const settle = new Settlement(plan, spec, data, { asDec, asBool, isoOf: isoOfValue, letValue, round, str, money, moneyR });

  // reported range
  const repFrom = opts.from ? cal.periodFromKey(opts.from, ir.periods)?.start : undefined;
  const repTo = opts.to ? cal.periodFromKey(opts.to, ir.periods)?.end : undefined;
  const reported = allPeriods.map((p) => (!repFrom || p.start >= repFrom) && (!repTo || p.start <= repTo));
  let lastIdx = -1;
  reported.forEach((r, i) => {
    if (r) lastIdx = i;
  });
  const marking = paidOn.marks();

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

  // ---- 2 and 3, per period in date order: earn, then settle, rep by rep
  // (a SQL engine's lines were not in `raw`)
  if (opts.aggregates && !agg && marking) for (const byRep of creditsBy.values()) for (const rc of byRep.values()) paidOn.markNamed(rc.lines);
  const state: SettleState = {
    settle,
    events: events!,
    paidOn,
    balances: new Map<string, Settled>(repKeys.map((k) => [k, { owed: ZERO, drawBalance: ZERO }])),
  };
  // the statements (or, with a sink, one period's), and the sums of their `paid` and `clawedBack`
  // (the values of their texts, ./engine/settle.ts), summed a period at a time
  const sink = opts.sink;
  let statements: Statement[] = [];
  let totalPaid = ZERO;
  let totalClawed = ZERO;

  for (let pi = 0; pi <= lastIdx; pi++) {
    const period = allPeriods[pi]!;
    const pCredits: Map<string, RepPeriodCredit> = creditsBy.get(period.key) ?? new Map();
    if (opts.aggregates) mergeAggregates(period.key, pCredits, opts.aggregates);
    // (a period's credits are not read again once it is settled: a large run holds one period's)
    creditsBy.delete(period.key);
    // the plan version in force on the period's first day; assignments in force on its last day
    const inForce = versionAt(plan.versions, period.start);
    const P = inForce?.plan ?? plan;
    env.plan = P;
    const repRow = (k: string): RowValue => (assigned ? assigned.at(roster.get(k)!, period) : roster.get(k)!);
    if (assigned && ir.teamBy) {
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
    env.repRowFor = repRow;
    env.repPeriodFor = (k: string): RepPeriod => {
      let o = otherRps.get(k);
      if (!o) {
        const t: Credit[] = [];
        for (const m of reportsOf.get(k) ?? []) t.push(...(pCredits.get(m)?.lines ?? []));
        const own = pCredits.get(k);
        otherRps.set(k, (o = { rep: repRow(k), period, credits: own?.lines ?? [], team: t, lets: new Map(), creditSum: own?.credit }));
      }
      return o;
    };
    const frame: PeriodFrame = { plan, P, inForce, period, env, assigned, credits: pCredits, reportsOf, repRow, deals: opts.deals !== false, partial, shownOnly: opts.values === 'shown' };
    let n = 0;
    opts.progress?.(`evaluating ${period.key}`);
    const paidValues: Decimal[] = [];
    const clawedValues: Decimal[] = [];
    for (const repKey of repKeys) {
      if (opts.onlyReps && !opts.onlyReps.has(repKey)) continue;
      if (opts.progress && (++n & 0x3ff) === 0) opts.progress(`evaluating ${period.key}: rep ${n.toLocaleString('en-US')} of ${repKeys.length.toLocaleString('en-US')}`);
      const earned = earnRepPeriod(frame, repKey, settle, fmt, fail);
      const statement = settleRepPeriod(frame, earned, state, fmt, fail);
      if (reported[pi]) {
        statements.push(statement);
        paidValues.push(state.lastPaid!);
        clawedValues.push(state.lastClawed!);
        if (sink && statements.length === SINK_BATCH) statements = handOut(sink, statements, errors);
      }
    }
    if (!reported[pi]) continue;
    totalPaid = totalPaid.plus(sumDecimals(paidValues));
    totalClawed = totalClawed.plus(sumDecimals(clawedValues));
    if (sink) statements = handOut(sink, statements, errors);
  }

  const uniq = dedupe(errors);
  const uniqWarnings = dedupe(warnings);
  // a failure on the path through sums: the errors are the full path's (which reads every line)
  if (uniq.length > 0 && agg) {
    sink?.restart();
    return evaluateRun(plan, data, { ...opts, aggregate: false });
  }
  if (uniq.length > 0) return { errors: uniq, warnings: uniqWarnings };

  const periods = allPeriods.filter((_, i) => reported[i]);
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
      balancesOwed: repKeys.filter((k) => !state.balances.get(k)!.owed.isZero()).map((k) => ({ rep: k, amount: str(state.balances.get(k)!.owed) })),
      drawBalances: repKeys.filter((k) => !state.balances.get(k)!.drawBalance.isZero()).map((k) => ({ rep: k, amount: str(state.balances.get(k)!.drawBalance) })),
    },
  };
  return { result, errors: [], warnings: uniqWarnings };
}

/** Statements handed out to a sink at most this many at a time (they die young). */
const SINK_BATCH = 256;

/** Hands out a batch (not after an error: a run with errors hands out no result); a new batch. */
function handOut(sink: NonNullable<EvaluateOptions['sink']>, statements: Statement[], errors: readonly DataError[]): Statement[] {
  if (errors.length === 0 && statements.length > 0) sink.add(statements);
  return [];
}

/** The plan periods: its range, or the credits' dates when it states none (`raw` in credit order). */
function planPeriods(ir: CompiledPlan['ir'], spec: cal.PeriodSpec, raw: readonly Credit[] | undefined): PeriodValue[] {
  let from = ir.periods.from;
  let to = ir.periods.to;
  if ((!from || !to) && raw && raw.length > 0) {
    from ??= raw[0]!.date;
    to ??= raw[raw.length - 1]!.date;
  }
  if (spec.frequency === 'week') spec.anchor = ir.periods.from ?? (from ? cal.mondayOnOrBefore(from) : undefined);
  return from && to ? cal.enumeratePeriods(spec, from, to) : [];
}

/** Every credit line into its plan period and rep (COMP7004 for lines outside them); marks the named deals' lines. */
function intoPeriods(raw: readonly Credit[], spec: cal.PeriodSpec, allPeriods: readonly PeriodValue[], paidOn: PaidOn, warnings: DataError[]): CreditedPeriods {
  const marking = paidOn.marks();
  const periodIndex = new Map(allPeriods.map((p, i) => [p.key, i]));
  const creditsBy: CreditedPeriods = new Map();
  const periodOfDate = new Map<string, PeriodValue>();
  // (the credits come in date order: a date's period and its reps' map are looked up once)
  let lastDate: string | undefined;
  let p: PeriodValue | undefined;
  let inPlan = false;
  let m: Map<string, RepPeriodCredit> | undefined;
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    if (r.date !== lastDate) {
      lastDate = r.date;
      p = periodOfDate.get(r.date);
      if (!p) periodOfDate.set(r.date, (p = cal.periodOf(spec, r.date)));
      inPlan = periodIndex.has(p.key);
      m = creditsBy.get(p.key);
      if (!m && inPlan) creditsBy.set(p.key, (m = new Map()));
    }
    if (!inPlan) {
      warnings.push(dataError('COMP7004', msg('COMP7004', { date: r.date }), r.row.loc));
      continue;
    }
    const cr: Credit = r;
    if (marking) paidOn.mark(cr);
    cr.period = p!.key;
    const rc = m!.get(cr.rep);
    if (rc) rc.lines.push(cr);
    else m!.set(cr.rep, { lines: [cr], credit: ZERO });
  }
  // each rep's credit: the exact sum of its lines' amounts in credit order (./scaled-sum.ts)
  for (const byRep of creditsBy.values()) for (const rc of byRep.values()) rc.credit = sumAmounts(rc.lines);
  return creditsBy;
}

/** The deal keys some clawback event names (only their lines can be taken back). */
function namedDeals(events: EventIndex): Set<string> {
  const out = new Set<string>();
  for (const byPeriod of events.values()) for (const byDeal of byPeriod.values()) for (const deal of byDeal.keys()) out.add(deal);
  return out;
}

/** A SQL engine's sums of one period into its credits (./engine/seam.ts says which plans may). */
function mergeAggregates(pk: string, m: Map<string, RepPeriodCredit>, aggregates: CreditAggregates): void {
  for (const [rep, a] of aggregates.period(pk) ?? []) {
    const rc = m.get(rep);
    if (rc) {
      rc.credit = a.credit;
      rc.partial = a.partial;
    } else m.set(rep, { lines: [], credit: a.credit, partial: a.partial });
  }
  for (const [rep, rc] of m) if (!rc.partial) throw new Error(`internal: credit lines of ${rep} in ${pk} without the engine's sums`);
}
