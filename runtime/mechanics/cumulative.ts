// Cumulative periods and true-ups, advances, holdbacks, the cancelled-deal attainment choice
// (docs/language.md section 14), and the hooks of draws and clawback schedules into the evaluator.
//
// `basis year to date` (or `quarter to date`): in each period the component is evaluated on the
// measure to date — the credits of every period of the year (quarter) up to and including this one
// — with `quota` replaced by the sum of the periods' quotas to date, so that `attainment` and every
// let built on `credit` and `quota` are to date. The period's line is the true-up:
//     round(owed to date) - paid to date by this component in the year (quarter)
// A true-up below zero pays 0.00 (nothing is taken back) unless the plan states
// `true-up can be negative`; then it is a negative line netted like a clawback.
//
// `cancelled deals leave attainment`: from the period containing a cancellation (an event row of
// one of the component's clawback tables naming the deal), the deal's credit leaves the measure to
// date, and what this component paid on it (its attribution, rounded) leaves the amount paid to
// date: the clawback clause alone decides how much of that payment is taken back, and the other
// deals are recomputed as if the cancelled deal had never been credited (with retroactive tiers,
// they may fall back to a lower rate). `stay in attainment` (and the default): the deal stays in
// the measure; only the clawback takes money back.
//
// `hold back P% until COND|DATE`: each period P% of the component's line (when positive) is held;
// in the first period where COND holds (or whose end is on or after DATE) nothing is held and the
// whole held balance is paid. `advance P% settle at quarter|year end`: outside the last period of
// the quarter (year), P% of the line (after any holdback) is paid and the rest is held; the last
// period pays its line and everything held by the advance. Held amounts still held when the plan
// ends stay in `Statement.held`.
import { Decimal } from '../decimal.js';
import * as cal from '../calendar.js';
import { formatPercent } from '../format.js';
import type { ComponentIR, ClawbackIR, Dataset, DateValue, DrawIR, Expr, HierarchyIR, PlanIR, RowValue, TraceNode } from '../ir.js';
import type { Attribution, CompiledClawback, CompiledComponent, CompiledPlan, ComponentResult, Credit, Ctx, Fn, RepPeriod, RV } from '../engine/types.js';
import { clawbackShare, compileClawback, type ClawbackCode } from './clawbacks.js';
import { applyDraws, compileDraw, type DrawCode, type DrawsInput } from './draws.js';
import { shareComponents } from './effective-rate.js';
import { hierarchyCredits, setHierarchyCredits } from './relations.js';

const ZERO = new Decimal(0);
/** The rule index of the synthetic credit of `opening credit` (never a credit rule's). */
const OPENING_RULE = -1;

interface ComponentCode {
  /** `opening credit EXPR` (docs/language.md section 21). */
  opening?: Fn;
  advance?: Fn;
  hold?: Fn;
  until?: Fn;
}

/** Compiled expressions by IR node (plan versions compile their own components and draws). */
const code = {
  components: new WeakMap<ComponentIR, ComponentCode>(),
  clawbacks: new WeakMap<ClawbackIR, ClawbackCode>(),
  draws: new WeakMap<DrawIR, DrawCode>(),
};

/** Called by compilePlan: compiles the expressions of these mechanics once. */
export function compileSettlement(ir: PlanIR, cx: (e: Expr) => Fn): void {
  for (const k of ir.components) {
    code.components.set(k, {
      opening: k.cumulative?.opening ? cx(k.cumulative.opening.expr) : undefined,
      advance: k.advance ? cx(k.advance.share) : undefined,
      hold: k.holdback ? cx(k.holdback.share) : undefined,
      until: k.holdback ? cx(k.holdback.until) : undefined,
    });
    for (const cb of k.clawbacks) code.clawbacks.set(cb, compileClawback(cb, cx));
  }
  for (const d of ir.draws) code.draws.set(d, compileDraw(d, cx));
}

export interface SettlementHooks {
  asDec(v: RV, c: Ctx): Decimal;
  asBool(v: RV, c: Ctx): boolean;
  isoOf(v: RV, c: Ctx): string;
  letValue(c: Ctx, name: string): RV;
  round(x: Decimal): Decimal;
  str(x: Decimal): string;
  money(x: Decimal): string;
  moneyR(x: Decimal): string;
}

interface ScopeState {
  key: string;
  paid: Decimal;
  removed: Set<string>;
}

function creditId(c: Credit): string {
  return `${c.table}\u0000${c.key}\u0000${c.splitKey}\u0000${c.rep}`;
}

function dateOf(v: unknown): string | undefined {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  if (v && typeof v === 'object' && (v as DateValue).kind === 'date') return (v as DateValue).iso;
  return undefined;
}

function keyOfValue(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && (v as RowValue).kind === 'row') return (v as RowValue).key;
  return undefined;
}

/** One evaluation's state of these mechanics. */
export class Settlement {
  private readonly history = new Map<string, RepPeriod[]>();
  private readonly scopes = new Map<string, ScopeState>();
  private readonly refs = new Map<string, Attribution>();
  private readonly held = new Map<string, { advance: Decimal; hold: Decimal }>();
  private readonly forgivenNow = new Map<string, Decimal>();
  /** `opening credit` per component and rep, evaluated once. */
  private readonly openings = new Map<string, Decimal>();
  /** Per component (with `leave`): `table\u0000deal` -> date of the first cancellation. */
  private readonly cancelled = new WeakMap<CompiledComponent, Map<string, string>>();
  private readonly deferring: boolean;
  /** Some component has a cumulative basis: each rep's periods are kept for the measures to date. */
  private readonly toDate: boolean;
  /** Roll-ups paid on a measure to date (`team credit at level 2` with `basis year to date`). */
  private readonly rollupsToDate: HierarchyIR[] = [];

  constructor(
    plan: CompiledPlan,
    private readonly spec: cal.PeriodSpec,
    private readonly data: Dataset,
    private readonly h: SettlementHooks,
  ) {
    const all = [plan, ...((plan as { versions?: { plan: CompiledPlan }[] }).versions ?? []).map((v) => v.plan)];
    this.deferring = all.some((p) => p.ir.components.some((k) => k.advance || k.holdback));
    this.toDate = all.some((p) => p.ir.components.some((k) => k.cumulative));
    for (const p of all) for (const k of p.ir.components) if (k.cumulative && k.measure.hierarchy) this.rollupsToDate.push(k.measure.hierarchy);
  }

  private cancellations(k: CompiledComponent): Map<string, string> | undefined {
    if (k.ir.cancelledDeals !== 'leave') return undefined;
    let m = this.cancelled.get(k);
    if (m) return m;
    m = new Map<string, string>();
    for (const cb of k.clawbacks) {
      for (const row of this.data[cb.ir.events] ?? []) {
        const deal = keyOfValue(row.values[cb.ir.dealField]);
        const d = dateOf(row.values[cb.ir.dateField]);
        if (deal === undefined || !d) continue;
        const id = `${cb.dealTable ?? ''}\u0000${deal}`;
        const prev = m.get(id);
        if (!prev || d < prev) m.set(id, d);
      }
    }
    this.cancelled.set(k, m);
    return m;
  }

  /**
   * Records a rep's period (in date order) for the measures to date. With `env` (the period's), the
   * roll-ups paid to date are taken now, from the hierarchy in force in this period: a later
   * period's measure to date adds them up, each period with its own hierarchy.
   */
  enterPeriod(rp: RepPeriod, env?: Ctx['env']): void {
    if (env) for (const hi of this.rollupsToDate) hierarchyCredits({ env, rp, rep: rp.rep, period: rp.period, row: null, event: null }, hi);
    if (this.toDate) {
      const list = this.history.get(rp.rep.key);
      if (list) list.push(rp);
      else this.history.set(rp.rep.key, [rp]);
    }
    if (this.forgivenNow.size) this.forgivenNow.delete(rp.rep.key);
  }

  /** Evaluates a component with its cumulative basis, holdback and advance; `base` is the evaluator's. */
  component(k: CompiledComponent, ki: number, ctx: Ctx, base: (c: Ctx) => ComponentResult): ComponentResult {
    const ir = k.ir;
    if (!ir.cumulative && !ir.advance && !ir.holdback) return base(ctx);
    let res: ComponentResult;
    let line: Decimal;
    if (ir.cumulative) {
      res = this.cumulative(k, ki, ctx, base);
      line = res.exact;
    } else {
      res = base(ctx);
      line = this.h.round(res.exact);
    }
    line = this.defer(k, ctx, line, res.trace.children ?? (res.trace.children = []));
    res.exact = line;
    return res;
  }

  private isCancelled(k: CompiledComponent, c: Credit, until: string): string | undefined {
    const m = this.cancellations(k);
    if (!m) return undefined;
    const d = m.get(`${c.table}\u0000${c.key}`) ?? m.get(`\u0000${c.key}`);
    return d && d <= until ? d : undefined;
  }

  private cumulative(k: CompiledComponent, ki: number, ctx: Ctx, base: (c: Ctx) => ComponentResult): ComponentResult {
    const h = this.h;
    const rp = ctx.rp!;
    const cum = k.ir.cumulative!;
    const scope = cal.scopeOf(this.spec, cum.scope, rp.period.start);
    const inScope = (this.history.get(rp.rep.key) ?? []).filter((p) => p.period.start >= scope.start && p.period.start <= rp.period.start);
    if (!inScope.includes(rp)) inScope.push(rp);
    const ck = k.ir.name;
    const stKey = `${ck}\u0000${rp.rep.key}\u0000${scope.key}`;
    let st = this.scopes.get(stKey);
    if (!st) this.scopes.set(stKey, (st = { key: scope.key, paid: ZERO, removed: new Set() }));

    const nodes: TraceNode[] = [];
    const keep = (c: Credit): boolean => {
      const d = this.isCancelled(k, c, rp.period.end);
      if (!d) return true;
      const id = creditId(c);
      if (!st!.removed.has(id)) {
        st!.removed.add(id);
        const a = this.refs.get(`${ck}\u0000${id}`);
        const paidOn = a ? h.round(a.amount) : ZERO;
        st!.paid = st!.paid.minus(paidOn);
        nodes.push({
          kind: 'cancelled',
          text: `${c.key} cancelled on ${d} leaves attainment (cancelled deals leave attainment): its credit ${h.money(c.amount)} leaves the measure to date, and the ${h.moneyR(paidOn)} paid on it leaves the amount paid to date`,
          value: paidOn.toFixed(),
        });
      }
      return false;
    };
    const credits = inScope.flatMap((p) => p.credits).filter(keep);
    const opening = this.openingCredit(k, ctx, scope.key);
    if (opening) {
      credits.unshift(opening.credit);
      nodes.push(opening.node);
    }
    const team = inScope.flatMap((p) => p.team).filter(keep);
    const synth: RepPeriod = { rep: rp.rep, period: rp.period, credits, team, lets: new Map() };
    // a roll-up below level 1 to date: each period's roll-up, from the hierarchy then in force
    const hi = k.ir.measure.hierarchy;
    if (hi) setHierarchyCredits(synth, hi, inScope.flatMap((p) => hierarchyCredits({ ...ctx, rp: p, rep: p.rep, period: p.period, lastEmpty: undefined }, hi, true)).filter(keep));
    shareComponents(rp, synth);
    let quotaText = '';
    if (ctx.env.plan.letIndex.has('quota')) {
      let q = ZERO;
      for (const p of inScope) {
        const pc: Ctx = { ...ctx, rp: p, period: p.period, row: null, event: null, lastEmpty: undefined };
        q = q.plus(h.asDec(h.letValue(pc, 'quota'), pc));
      }
      synth.lets.set('quota', q);
      quotaText = `; quota to date ${h.money(q)}`;
    }
    const first = inScope[0]!.period.key;
    const creditToDate = credits.reduce((t, c) => t.plus(c.amount), ZERO);
    nodes.unshift({
      kind: 'cumulative',
      text: `${cum.scope === 'year' ? 'year' : 'quarter'} to date (${scope.key}: ${first === rp.period.key ? rp.period.key : `${first} to ${rp.period.key}`}): credit to date ${h.money(creditToDate)}${quotaText}`,
      value: creditToDate.toFixed(),
    });
    const res = base({ ...ctx, rp: synth, lastEmpty: undefined });
    const owed = h.round(res.exact);
    let trueUp = owed.minus(st.paid);
    const tnodes: TraceNode[] = [];
    const text = `true-up: owed to date ${h.money(res.exact)} (rounded ${h.moneyR(owed)}) - paid to date ${h.moneyR(st.paid)} = ${h.moneyR(trueUp)}`;
    if (trueUp.isNegative() && !cum.negative) {
      tnodes.push({ kind: 'trueup', text: `${text}; below zero: pays 0.00 (a negative true-up is taken back only when the plan says \`true-up can be negative\`)`, value: '0' });
      trueUp = ZERO;
    } else tnodes.push({ kind: 'trueup', text, value: trueUp.toFixed() });
    st.paid = st.paid.plus(trueUp);

    // attributions: one object per credited deal, updated in place while it is not clawed back
    const fresh: Attribution[] = [];
    for (const a of res.attributions) {
      if (a.credit.rule === OPENING_RULE) continue;
      const key = `${ck}\u0000${creditId(a.credit)}`;
      const prev = this.refs.get(key);
      if (prev) {
        if (!prev.clawed) prev.amount = a.amount;
      } else {
        this.refs.set(key, a);
        fresh.push(a);
      }
    }
    const children = res.trace.children ?? [];
    res.trace.children = [...nodes, ...children, ...tnodes];
    return { exact: trueUp, trace: res.trace, attributions: fresh, ...(res.blended ? { blended: res.blended } : {}) };
  }

  /**
   * `opening credit EXPR`: evaluated once per rep in its first period, a credit dated the day
   * before that period, in the measure to date of the first year (quarter) only.
   */
  private openingCredit(k: CompiledComponent, ctx: Ctx, scopeKey: string): { credit: Credit; node: TraceNode } | undefined {
    const fn = code.components.get(k.ir)?.opening;
    if (!fn) return undefined;
    const rp = ctx.rp!;
    const first = (this.history.get(rp.rep.key) ?? [rp])[0]!;
    if (cal.scopeOf(this.spec, k.ir.cumulative!.scope, first.period.start).key !== scopeKey) return undefined;
    const id = `${k.ir.name}\u0000${rp.rep.key}`;
    let amount = this.openings.get(id);
    if (!amount) {
      const fc: Ctx = { ...ctx, rp: first, period: first.period, row: null, event: null, lastEmpty: undefined };
      amount = this.h.asDec(fn(fc), fc);
      this.openings.set(id, amount);
    }
    const credit: Credit = {
      rep: rp.rep.key, rule: OPENING_RULE, table: '', key: 'opening credit', row: rp.rep, date: cal.addDays(first.period.start, -1), period: first.period.key,
      dealAmount: amount, share: null, overlay: false, amount, splitKey: '',
    };
    return { credit, node: { kind: 'opening', text: `${k.ir.cumulative!.opening!.text} = ${this.h.money(amount)}: credit before ${first.period.key}, counted in the measure to date of ${scopeKey}`, value: amount.toFixed() } };
  }

  private defer(k: CompiledComponent, ctx: Ctx, line: Decimal, out: TraceNode[]): Decimal {
    const ir = k.ir;
    if (!ir.advance && !ir.holdback) return line;
    const h = this.h;
    const rp = ctx.rp!;
    const cc = code.components.get(ir);
    const key = `${ir.name}\u0000${rp.rep.key}`;
    let st = this.held.get(key);
    if (!st) this.held.set(key, (st = { advance: ZERO, hold: ZERO }));
    let amount = line;
    if (ir.holdback && cc?.hold && cc.until) {
      const share = h.asDec(cc.hold(ctx), ctx);
      let met: boolean;
      let what: string;
      if (ir.holdback.untilDate) {
        const d = h.isoOf(cc.until(ctx), ctx);
        met = rp.period.end >= d;
        what = met ? `${d} is reached in ${rp.period.key}` : `${d} is not reached`;
      } else {
        met = h.asBool(cc.until(ctx), ctx);
        what = met ? 'the condition holds' : 'the condition does not hold';
      }
      if (met) {
        const release = st.hold;
        st.hold = ZERO;
        amount = amount.plus(release);
        out.push({ kind: 'holdback', text: `${ir.holdback.text}: ${what}; nothing held, ${h.moneyR(release)} held before is released`, value: release.toFixed() });
      } else if (amount.gt(0)) {
        const held = h.round(amount.times(share));
        st.hold = st.hold.plus(held);
        amount = amount.minus(held);
        out.push({ kind: 'holdback', text: `${ir.holdback.text}: ${what}; ${formatPercent(share)} of ${h.moneyR(line)} = ${h.moneyR(held)} held (held ${h.moneyR(st.hold)})`, value: held.neg().toFixed() });
      } else out.push({ kind: 'holdback', text: `${ir.holdback.text}: ${what}; nothing to hold (held ${h.moneyR(st.hold)})`, value: '0' });
    }
    if (ir.advance && cc?.advance) {
      const scope = cal.scopeOf(this.spec, ir.advance.settle, rp.period.start);
      if (rp.period.end >= scope.end) {
        const release = st.advance;
        st.advance = ZERO;
        out.push({ kind: 'advance', text: `${ir.advance.text}: ${rp.period.key} ends ${scope.key}; pays ${h.moneyR(amount)} and settles ${h.moneyR(release)} held by the advance`, value: release.toFixed() });
        amount = amount.plus(release);
      } else {
        const share = h.asDec(cc.advance(ctx), ctx);
        const now = amount.gt(0) ? h.round(amount.times(share)) : amount;
        const rest = amount.minus(now);
        st.advance = st.advance.plus(rest);
        out.push({ kind: 'advance', text: `${ir.advance.text}: pays ${formatPercent(share)} of ${h.moneyR(amount)} = ${h.moneyR(now)} now; ${h.moneyR(rest)} settles at the end of ${scope.key} (held ${h.moneyR(st.advance)})`, value: now.toFixed() });
        amount = now;
      }
    }
    return amount;
  }

  /** The share of a clawback (window, schedule, proration); null when the event is outside the windows. */
  clawbackShare(cb: CompiledClawback, creditDate: string, eventDate: string): ReturnType<typeof clawbackShare> {
    return clawbackShare(cb.ir, code.clawbacks.get(cb.ir), cb.prorate, creditDate, eventDate, this.h);
  }

  /** Draws and guarantees on the period's net pay. */
  draws(input: DrawsInput): { paid: Decimal; drawBalance: Decimal } {
    const out = applyDraws({ ...this.h, code: (d) => code.draws.get(d) }, input);
    const rep = input.ctx.rep?.key;
    if (rep && out.forgiven.gt(0)) this.forgivenNow.set(rep, out.forgiven);
    return out;
  }

  /** Optional statement fields: what is still held, the draw balance written off this period. */
  statementExtras(rep: string): { held?: string; drawForgiven?: string } {
    const out: { held?: string; drawForgiven?: string } = {};
    if (this.deferring) {
      let t = ZERO;
      for (const [key, st] of this.held) if (key.endsWith(`\u0000${rep}`)) t = t.plus(st.advance).plus(st.hold);
      out.held = this.h.str(t);
    }
    const f = this.forgivenNow.get(rep);
    if (f) out.drawForgiven = this.h.str(f);
    return out;
  }
}
