// A component's amount for one rep and period (docs/language.md sections 6-9): the measure, quota
// and attainment, rate or tiers per basis, per-deal caps, multipliers, gates, period caps, and what
// it paid on each deal (attributions, for clawbacks). Exact: rounding is the settlement's.
import { Decimal } from '../decimal.js';
import { sumAmounts } from '../scaled-sum.js';
import type { RowValue, TraceNode } from '../ir.js';
import { exactText, formatMultiplier, formatPercent as formatPct } from '../format.js';
import { applyMinimum, payBonus } from '../mechanics/bonuses.js';
import { EvalFailure, LazyAttribution, type Attribution, type CompiledBand, type CompiledComponent, type ComponentResult, type Credit, type Ctx, type RepPeriod, type RV } from './types.js';
import { asBool, asDec, sum } from './values.js';
import { bonusHelpers } from './expr.js';
import { hierarchyCredits } from '../mechanics/relations.js';
import { cmp, minus, plus, shortcuts } from '../exact.js';

const ZERO = new Decimal(0);
const ONE = new Decimal(1);

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
  if (b.hi && cmp(v, b.hi) > 0) v = b.hi;
  if (!b.open && cmp(v, b.lo) < 0) v = b.lo;
  return v;
}

const NO_PIECES: Piece[] = [];

/**
 * A tier table's bands in amount space by scale (a rep's quota, one object across periods when it
 * is read only from the rep; 1 on the amount axis): reused while every band's rate is the same
 * object as when they were made (a plan's constant rates are), so they are the bands made anew.
 */
const bandsByScale = new WeakMap<CompiledComponent, WeakMap<Decimal, ResolvedBand[]>>();

function knownBands(k: CompiledComponent, scale: Decimal, ctx: Ctx): ResolvedBand[] | undefined {
  const bands = bandsByScale.get(k)?.get(scale);
  if (!bands || k.rate.k !== 'tiers') return undefined;
  const cbands = k.rate.bands;
  for (let i = 0; i < cbands.length; i++) if (cbands[i]!.rate(ctx) !== bands[i]!.rate) return undefined;
  return bands;
}

function keepBands(k: CompiledComponent, scale: Decimal, bands: ResolvedBand[]): void {
  let m = bandsByScale.get(k);
  if (!m) bandsByScale.set(k, (m = new WeakMap()));
  m.set(scale, bands);
}

/**
 * Marginal payout of the slice [a, b) of the measure, band by band. Without `pieces` (no trace) a
 * band paying 0% is skipped: its amount is zero, and adding a zero leaves the total as it is.
 */
function marginalSlice(bands: ResolvedBand[], a: Decimal, b: Decimal, pieces: boolean): { total: Decimal; pieces: Piece[] } {
  let total = ZERO;
  const out = pieces ? [] : NO_PIECES;
  for (let i = 0; i < bands.length; i++) {
    const band = bands[i]!;
    if (!pieces && band.rate.isZero() && shortcuts()) continue;
    // both ends at or below the band's start (not the open first band), or both at or above its
    // end: both clamp to the same bound, the portion is zero (skipped below), without arithmetic
    if (shortcuts() && ((!band.open && cmp(a, band.lo) <= 0 && cmp(b, band.lo) <= 0) || (band.hi && cmp(a, band.hi) >= 0 && cmp(b, band.hi) >= 0))) continue;
    const portion = minus(clampBand(band, b), clampBand(band, a));
    if (portion.isZero()) continue;
    const amount = portion.times(band.rate);
    total = plus(total, amount);
    if (pieces) out.push({ band, portion, amount });
  }
  return { total, pieces: out };
}

/** `bound x scale` for a band's bound: 0 and 100% (the common bounds) without a multiplication. */
function scaled(bound: Decimal, scale: Decimal): Decimal {
  if (!shortcuts()) return bound.times(scale);
  if (bound.isZero() && !bound.isNegative() && !scale.isNegative()) return ZERO;
  return bound.eq(ONE) ? scale : bound.times(scale);
}

/** The band owning `x` ([from, to)); below the first band: the first band when it starts at 0, else none. */
function bandAt(bands: ResolvedBand[], x: Decimal, lowerOwns = false): ResolvedBand | undefined {
  // a shared bound belongs to the band above it, or with `bounds in lower band` to the band below
  if (lowerOwns) {
    for (let i = 0; i < bands.length; i++) {
      const b = bands[i]!;
      if ((i === 0 ? x.gte(b.lo) : x.gt(b.lo)) && (!b.hi || x.lte(b.hi))) return b;
    }
  } else for (const b of bands) if (cmp(x, b.lo) >= 0 && (!b.hi || cmp(x, b.hi) < 0)) return b;
  const first = bands[0];
  if (first && first.open && x.lt(first.lo)) return first;
  return undefined;
}

/** The sum of the credits' amounts, in their order. */
function sumOf(cs: Credit[]): Decimal {
  return sumAmounts(cs);
}

/**
 * A component's result; what it paid on each deal is made when first read, deal by deal
 * (`attributionAt`: the settlement records only deals a clawback event names) or all at once.
 */
class Paid implements ComponentResult {
  declare blended?: { paid: Decimal; on: Decimal };
  private made: Attribution[] | undefined;
  private all = false;
  constructor(
    public exact: Decimal,
    readonly trace: TraceNode,
    /** The attribution of the i-th deal of `paidOnDeals`. */
    private readonly make: (i: number) => Attribution,
    readonly paidOnDeals: readonly Credit[],
    blended: { paid: Decimal; on: Decimal } | undefined,
  ) {
    if (blended) this.blended = blended;
  }

  attributionAt(i: number): Attribution {
    const made = (this.made ??= new Array<Attribution>(this.paidOnDeals.length));
    return (made[i] ??= this.make(i));
  }

  get attributions(): Attribution[] {
    if (!this.all) {
      for (let i = 0; i < this.paidOnDeals.length; i++) this.attributionAt(i);
      this.made ??= [];
      this.all = true;
    }
    return this.made!;
  }

  set attributions(v: Attribution[]) {
    this.made = v;
    this.all = true;
  }
}

/** The deals a component is paid on: the pool, or those of it its `on credit where` keeps. */
function dealsOf(k: CompiledComponent, ctx: Ctx, pool: Credit[]): Credit[] {
  if (!k.measureWhere) return pool;
  const deals: Credit[] = [];
  const dc: Ctx = { ...ctx, row: null, lastEmpty: undefined };
  for (let i = 0; i < pool.length; i++) {
    const cr = pool[i]!;
    dc.row = cr.row;
    dc.lastEmpty = undefined;
    if (!asBool(k.measureWhere(dc), dc)) continue;
    deals.push(cr);
  }
  return deals;
}

/** The component's measure: the sum of its deals (the rep-period's `credit` / `team credit` when it is the pool). */
function measureOf(k: CompiledComponent, rp: RepPeriod, pool: Credit[], deals: Credit[]): Decimal {
  // a SQL engine's sums (./measures.ts): the lines kept by a `where` are only those clawback events name
  if (k.measureWhere) return rp.partial ? (rp.partial.components.get(k.ir.name)?.measure ?? ZERO) : sumOf(deals);
  // the pool itself (never changed here)
  return pool === rp.credits ? (rp.creditSum ??= sumOf(pool)) : pool === rp.team ? (rp.teamSum ??= sumOf(pool)) : sumOf(pool);
}

/** A tier table's bands in amount space for the rep-period (`scale`: the quota on the attainment axis, else 1). */
function resolveBands(k: CompiledComponent, cbands: CompiledBand[], scale: Decimal, ctx: Ctx, tracing: boolean): ResolvedBand[] {
  // (untraced only: a rate read twice, once to check it, leaves a curve's log twice in a trace)
  const known = shortcuts() && !tracing ? knownBands(k, scale, ctx) : undefined;
  if (known) return known;
  const bands = cbands.map((b, i) => {
    const rate = asDec(b.rate(ctx), ctx);
    return {
      lo: scaled(b.from, scale),
      hi: b.to ? scaled(b.to, scale) : null,
      rate,
      label: b.label,
      open: i === 0 && b.from.isZero(),
    };
  });
  if (shortcuts() && !tracing) keepBands(k, scale, bands);
  return bands;
}

/** Whether every gate of the component is met (each is read, in order; `children`: their trace). */
function gatesMet(k: CompiledComponent, ctx: Ctx, children: TraceNode[] | undefined): boolean {
  let pass = true;
  for (const g of k.gates) {
    const ok = asBool(g.cond(ctx), ctx);
    if (children) children.push({ kind: 'gate', text: `gate ${g.text}: ${ok ? 'met' : 'not met, pays 0.00'}`, value: ok ? 'pass' : 'fail' });
    if (!ok) pass = false;
  }
  return pass;
}

/** The amount after the period caps, in order (`children`: their trace). */
function capped(k: CompiledComponent, ctx: Ctx, amount: Decimal, children: TraceNode[] | undefined, money: (d: Decimal) => string, V: (d: Decimal) => string): Decimal {
  for (const cap of k.periodCaps) {
    const lim = asDec(cap.limit(ctx), ctx);
    if (cmp(amount, lim) > 0) {
      if (children) children.push({ kind: 'cap', text: `${cap.text}: ${money(amount)} -> ${money(lim)}`, value: V(lim) });
      amount = lim;
    } else if (children) children.push({ kind: 'cap', text: `${cap.text}: ${money(amount)} is within ${money(lim)}`, value: V(amount) });
  }
  return amount;
}

/** What a period-total component paid on one of its deals: its share of the measure. */
function periodShare(d: Credit, paid: Decimal, measure: Decimal, zeroMeasure: boolean): Attribution {
  return zeroMeasure ? new LazyAttribution(d, ZERO, null, null, null) : new LazyAttribution(d, paid, d.amount, null, measure);
}

/**
 * Without a trace, a component paid on the period total with a flat rate or marginal tiers and no
 * bonus, attainment cap, multiplier or roll-up: the same steps as evalComponent below (the same
 * helpers, in the same order) without its trace and per-deal machinery. undefined: a zero quota
 * (the plan's stated attainment), which evalComponent handles.
 */
function periodTotalUntraced(k: CompiledComponent, ctx: Ctx): ComponentResult | undefined {
  const rp = ctx.rp!;
  const ir = k.ir;
  const pool = ir.measure.team ? rp.team : rp.credits;
  const deals = dealsOf(k, ctx, pool);
  const measure = measureOf(k, rp, pool, deals);
  const rate = k.rate;
  let subtotal: Decimal;
  if (rate.k === 'tiers') {
    let scale = ONE;
    if (rate.axis === 'attainment') {
      if (!k.quota) return undefined;
      scale = asDec(k.quota(ctx), ctx);
      if (scale.isZero()) return undefined;
    }
    subtotal = marginalTotal(resolveBands(k, rate.bands, scale, ctx, false), measure);
  } else {
    const portion = measure.d && measure.d.length <= 8 ? measure : measure.minus(ZERO);
    const rc: Ctx = { ...ctx, row: null, lastEmpty: undefined };
    subtotal = portion.times(asDec(rate.fn(rc), rc));
  }
  const amount = gatesMet(k, ctx, undefined) ? capped(k, ctx, subtotal, undefined, NO_TEXT, NO_TEXT) : capped(k, ctx, ZERO, undefined, NO_TEXT, NO_TEXT);
  const zeroMeasure = measure.isZero();
  return new Paid(amount, { kind: 'component', text: ir.label, value: '', children: [] }, (i) => periodShare(deals[i]!, amount, measure, zeroMeasure), deals, { paid: subtotal, on: measure });
}

/** The marginal tiers' payout on [0, x), band by band (untraced: 0% bands skipped). */
function marginalTotal(bands: ResolvedBand[], x: Decimal): Decimal {
  return marginalSlice(bands, ZERO, x, false).total;
}

/**
 * `tracing` false: the trace's amounts and rates are left out (`money` then returns '' too); the
 * figures and attributions are the same.
 */
const NO_TEXT = (): string => '';

export function evalComponent(k: CompiledComponent, ctx: Ctx, money: (d: Decimal) => string, tracing = true): ComponentResult {
  if (!tracing && shortcuts() && k.ir.basis === 'period total' && !k.bonus && !k.attainmentCap && k.multipliers.length === 0 && !k.ir.measure.hierarchy && (k.rate.k === 'flat' || k.rate.mode === 'marginal')) {
    const lean = periodTotalUntraced(k, ctx);
    if (lean) return lean;
  }
  const V: (d: Decimal) => string = tracing ? exactText : NO_TEXT;
  const formatPercent: (d: Decimal) => string = tracing ? formatPct : NO_TEXT;
  const rp = ctx.rp!;
  const ir = k.ir;
  const children: TraceNode[] = [];
  const pool = ir.measure.hierarchy ? hierarchyCredits(ctx, ir.measure.hierarchy) : ir.measure.team ? rp.team : rp.credits;
  const deals = dealsOf(k, ctx, pool);
  const measure = measureOf(k, rp, pool, deals);
  if (tracing) children.push({
    kind: 'measure',
    text: `on ${ir.measure.text}: ${money(measure)} from ${deals.length} ${deals.length === 1 ? 'deal' : 'deals'}`,
    value: V(measure),
    // the rep's own credit is listed once, in the statement's credits node
    children: (tracing && (ir.measure.team || k.measureWhere) ? deals : []).map((d) => ({
      kind: 'deal',
      text: `${d.key}${ir.measure.team ? ` (${d.rep})` : ''} from ${d.table}, ${d.date}${d.share === null ? '' : ` x ${d.overlay ? 'overlay ' : 'split '}${formatPercent(d.share)} of ${money(d.dealAmount)}`}: ${money(d.amount)}`,
      value: V(d.amount),
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
      if (tracing) children.push({
        kind: 'attainment',
        text: `quota is 0.00: attainment taken as ${statedAttainment ? formatPercent(statedAttainment) : 'undefined'} (as the plan states)`,
        value: statedAttainment ? V(statedAttainment) : undefined,
      });
    } else {
      if (tracing) children.push({
        kind: 'attainment',
        text: `${ir.measure.team ? 'team ' : ''}attainment ${money(measure)} / ${ir.measure.team ? 'team ' : ''}quota ${money(quota)} = ${formatPercent(measure.div(quota))}`,
        value: V(measure.div(quota)),
      });
    }
  }

  // attainment cap: the measure paid is limited to quota x cap
  let capLimit: Decimal | null = null;
  if (k.attainmentCap) {
    const f = asDec(k.attainmentCap.limit(ctx), ctx);
    capLimit = quota!.times(f);
    const over = measure.gt(capLimit);
    if (tracing) children.push({
      kind: 'cap',
      text: `${k.attainmentCap.text}: credit paid up to ${formatPercent(f)} x ${money(quota!)} = ${money(capLimit)}${over ? `; ${money(measure)} -> ${money(capLimit)}` : ' (not reached)'}`,
      value: V(capLimit),
    });
  }
  // per-deal paid measure (after the attainment cap), in date order
  const paidMeasure: Decimal[] = [];
  if (capLimit && ir.basis !== 'period total') {
    let run = ZERO;
    for (const d of deals) {
      const before = run;
      run = run.plus(d.amount);
      paidMeasure.push(Decimal.min(run, capLimit).minus(Decimal.min(before, capLimit)));
    }
  }
  const measurePaid = capLimit ? Decimal.min(measure, capLimit) : measure;

  // resolve bands for this rep-period
  let bands: ResolvedBand[] = [];
  let constantBand: ResolvedBand | undefined | null = null; // attainment axis with zero quota
  if (k.rate.k === 'tiers') {
    const axis = k.rate.axis;
    const cbands = k.rate.bands;
    const scale = axis === 'attainment' && quota && !quota.isZero() ? quota : ONE;
    bands = resolveBands(k, cbands, scale, ctx, tracing);
    if (axis === 'attainment' && quota && quota.isZero()) {
      const attainmentBands = cbands.map((b, i) => ({ lo: b.from, hi: b.to, rate: bands[i]!.rate, label: b.label, open: i === 0 && b.from.isZero() }));
      constantBand = statedAttainment ? bandAt(attainmentBands, statedAttainment, k.rate.boundsInLower) : undefined;
      if (!statedAttainment) throw new EvalFailure('div0', ctx.rep?.loc);
    }
  }

  const bandNodes = (pieces: Piece[]): TraceNode[] =>
    pieces.map((p) => ({
      kind: 'band',
      text: `band ${p.band.label} @ ${formatPercent(p.band.rate)} on ${money(p.portion)} = ${money(p.amount)}`,
      value: V(p.amount),
    }));
  const tiersLabel = tracing && k.rate.k === 'tiers' ? `${k.rate.name ? `tiers ${k.rate.name}` : 'tiers'} (${k.rate.mode}, on ${k.rate.axis})` : '';

  // one context for the rows read per deal (a rate or cap by deal field), pointed at each in turn
  let rowCtx: Ctx | undefined;
  const dealCtx = (row: RowValue | null): Ctx => {
    if (!rowCtx) return (rowCtx = { ...ctx, row, lastEmpty: undefined });
    rowCtx.row = row;
    rowCtx.lastEmpty = undefined;
    return rowCtx;
  };

  /** Pays the slice [a, b) of the measure (b - a is the slice's amount). Retroactive: the band at `reach`. */
  const pay = (a: Decimal, b: Decimal, row: RowValue | null): { amount: Decimal; nodes: TraceNode[] } => {
    if (k.rate.k === 'tiers' && constantBand === null && k.rate.mode === 'marginal') {
      const { total, pieces } = marginalSlice(bands, a, b, tracing);
      return { amount: total, nodes: bandNodes(pieces) };
    }
    // (b - 0 is b itself when b has fewer digits than the arithmetic's precision)
    const portion = a === ZERO && b.d && b.d.length <= 8 && shortcuts() ? b : b.minus(a);
    if (k.rate.k === 'flat') {
      const rc = dealCtx(row);
      const r = asDec(k.rate.fn(rc), rc);
      const amount = portion.times(r);
      return { amount, nodes: tracing ? [{ kind: 'rate', text: `${money(portion)} @ ${formatPercent(r)} (${k.rate.text}) = ${money(amount)}`, value: V(amount) }] : [] };
    }
    if (constantBand !== null) {
      if (!constantBand) return { amount: ZERO, nodes: [{ kind: 'band', text: `no band owns the stated attainment: ${money(portion)} pays 0.00`, value: '0' }] };
      const amount = portion.times(constantBand.rate);
      return { amount, nodes: bandNodes([{ band: constantBand, portion, amount }]) };
    }
    const band = bandAt(bands, b, k.rate.boundsInLower);
    if (!band) return { amount: ZERO, nodes: [{ kind: 'band', text: `${money(b)} is below the first band: ${money(portion)} pays 0.00`, value: '0' }] };
    const amount = portion.times(band.rate);
    return {
      amount,
      nodes: [{ kind: 'band', text: `band reached ${band.label} @ ${formatPercent(band.rate)} on ${money(portion)} = ${money(amount)}`, value: V(amount) }],
    };
  };

  // rate or tiers per basis, then per-deal caps
  const dealAmounts: Decimal[] = [];
  let subtotal: Decimal;
  const bonusPay = k.bonus ? payBonus(k.bonus, deals, ctx, bonusHelpers, tracing) : undefined;
  if (bonusPay?.dealAmounts && rp.partial) {
    // `pays X per deal` over every line: X (read from no deal, ./seam.ts) times the engine's sum of weights
    const each = asDec(k.bonus!.pays!.amount(ctx) as RV, ctx);
    bonusPay.total = each.times(rp.partial.components.get(ir.name)?.bonusWeight ?? ZERO);
  }
  if (bonusPay) {
    subtotal = bonusPay.total;
    if (bonusPay.dealAmounts) dealAmounts.push(...bonusPay.dealAmounts);
    children.push(bonusPay.node);
  } else if (ir.basis === 'period total') {
    const r = pay(ZERO, measurePaid, null);
    subtotal = r.amount;
    if (tracing) children.push({ kind: 'rate', text: `${tiersLabel || 'rate'} on the period total ${money(measurePaid)}: ${money(r.amount)}`, value: V(r.amount), children: r.nodes });
  } else {
    let run = ZERO;
    subtotal = ZERO;
    const dealNodes: TraceNode[] = [];
    deals.forEach((d, i) => {
      const m = capLimit ? paidMeasure[i]! : d.amount;
      let r: { amount: Decimal; nodes: TraceNode[] };
      if (ir.basis === 'per deal') r = pay(ZERO, m, d.row);
      else {
        r = pay(run, run.plus(m), d.row);
        if (tracing) r.nodes.unshift({ kind: 'slice', text: `running total ${money(run)} -> ${money(run.plus(m))}`, value: V(run.plus(m)) });
        run = run.plus(m);
      }
      let amount = r.amount;
      for (const cap of k.dealCaps) {
        const dc = dealCtx(d.row);
        const lim = asDec(cap.limit(dc), dc);
        if (amount.gt(lim)) {
          if (tracing) r.nodes.push({ kind: 'cap', text: `${cap.text}: ${money(amount)} -> ${money(lim)}`, value: V(lim) });
          amount = lim;
        } else if (tracing) r.nodes.push({ kind: 'cap', text: `${cap.text}: ${money(amount)} is within ${money(lim)}`, value: V(amount) });
      }
      dealAmounts.push(amount);
      subtotal = subtotal.plus(amount);
      if (tracing) dealNodes.push({ kind: 'deal', text: `${d.key}${ir.measure.team ? ` (${d.rep})` : ''} on ${money(m)}: ${money(amount)}`, value: V(amount), children: r.nodes });
    });
    // a flat rate read from no deal (./seam.ts) on every line: the rate times the measure
    if (rp.partial) subtotal = pay(ZERO, measurePaid, null).amount;
    if (tracing) children.push({
      kind: 'rate',
      text: `${tiersLabel || 'rate'} ${ir.basis === 'per deal' ? 'on each deal' : 'on the running total'}: ${money(subtotal)}`,
      value: V(subtotal),
      children: dealNodes,
    });
  }

  // the blended (effective) rate of a tier table: what it paid over what it was paid on
  if (tracing && k.rate.k === 'tiers' && !bonusPay && !measurePaid.isZero()) {
    children.push({ kind: 'blended', text: `blended rate ${money(subtotal)} / ${money(measurePaid)} = ${formatPercent(subtotal.div(measurePaid))}`, value: V(subtotal.div(measurePaid)) });
  }

  // multipliers
  let amount = subtotal;
  let factor = ONE;
  for (const m of k.multipliers) {
    const on = m.when ? asBool(m.when(ctx), ctx) : true;
    if (!on) {
      if (tracing) children.push({ kind: 'multiplier', text: `${m.text}: condition not met, not applied`, value: '1' });
      continue;
    }
    const f = asDec(m.factor(ctx), ctx);
    const next = amount.times(f);
    if (tracing) children.push({ kind: 'multiplier', text: `${m.text}: ${money(amount)} ${tracing ? formatMultiplier(f) : ''} = ${money(next)}`, value: V(f) });
    amount = next;
    factor = factor.times(f);
  }
  // gates
  const gatesPass = gatesMet(k, ctx, tracing ? children : undefined);
  if (!gatesPass) amount = ZERO;
  // period caps
  const beforeCaps = amount;
  amount = capped(k, ctx, amount, tracing ? children : undefined, money, V);

  // per-deal attribution (for clawbacks, JSON deal lines): made when first read (most runs read
  // none: only deals some clawback event names are recorded, and only JSON prints deal lines)
  const paid = amount;
  const periodTotal = ir.basis === 'period total';
  const zeroMeasure = measure.isZero();
  let capRatio: Decimal | null | undefined;
  const attributionAt = (i: number): Attribution => {
    const d = deals[i]!;
    if (periodTotal) return periodShare(d, paid, measure, zeroMeasure);
    if (capRatio === undefined) capRatio = beforeCaps.isZero() || paid.eq(beforeCaps) ? null : paid.div(beforeCaps);
    return gatesPass ? new LazyAttribution(d, dealAmounts[i]!, factor, capRatio, null) : new LazyAttribution(d, ZERO, null, capRatio, null);
  };

  amount = applyMinimum(k.bonus, amount, ctx, bonusHelpers, children);
  // a bonus paid per period, per mentee or from a team pool is not paid on deals
  return new Paid(amount, { kind: 'component', text: ir.label, value: V(amount), children }, attributionAt, bonusPay && !bonusPay.dealAmounts ? [] : deals, bonusPay ? undefined : { paid: subtotal, on: measurePaid });
}
