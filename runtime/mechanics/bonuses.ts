// Bonuses (docs/language.md, "Bonuses"): a component that pays an amount instead of a rate.
//
// - `pays X`: X once per period (when `where` holds);
// - `pays X per deal [where C]`: X for each deal the component is paid on that meets C (the row
//   is `deal`); `pays X per unit of U [where C]`: X x U per such deal; on a split deal the rep is
//   paid its credited share of that amount (x 50% for a 50% split), or all of it with `in full`;
// - `pays X per mentee [where C]`: X for each rep whose `mentor` is this rep and meets C (the row
//   is `mentee`; `mentee.attainment` is the mentee's let, same period);
// - `pool X per team split equally | by credit share`: X is computed for the team's manager (the
//   rep named by the roster's `team by` field) and split among the members the component
//   applies to. The exact shares are brought to the rounding place by the largest-remainder
//   rule: each share is rounded down to the place, and the cents left go one each to the members
//   with the largest remainders (ties: rep key order), so the lines add up to the pool exactly.
//   By credit share with no credit in the team: the pool is not paid.
// - `minimum X per period`: a line below X (after gates and caps) is topped up to X.
// Multipliers, gates and period caps apply to what `pays`/`pool` give, as for a rate.
import { Decimal } from '../decimal.js';
import type { BonusIR, Expr, RowValue, TraceNode } from '../ir.js';
import { formatAmount, formatPercent } from '../format.js';

const ZERO = new Decimal(0);

type Fn<C> = (c: C) => unknown;

export interface BonusHelpers<C> {
  dec(v: unknown, c: C): Decimal;
  bool(v: unknown, c: C): boolean;
  /** The context with `row` set (the deal or the mentee). */
  withRow(c: C, row: RowValue): C;
  /** Points a context made by `withRow` at another row (one context per loop, not one per row). */
  pointAt(c: C, row: RowValue): void;
  rep(c: C): RowValue | null;
  /** The context of another rep in the same period. */
  peer(c: C, repKey: string): C | undefined;
  /** The evaluator's rep-period object (cache key). */
  rp(c: C): object | null;
  /** The rep's credited amounts this period. */
  creditOf(c: C): Decimal;
  roster(c: C): RowValue[];
  teamBy(c: C): string | undefined;
  /** The plan's rounding place, e.g. '0.01'. */
  place(c: C): string;
}

export interface CompiledBonus<C> {
  ir: BonusIR;
  pays?: { amount: Fn<C>; units?: Fn<C>; where?: Fn<C> };
  pool?: { amount: Fn<C> };
  minimum?: { amount: Fn<C> };
  /** The component's `for`, to find the pool's members. */
  appliesTo?: Fn<C>;
}

export function compileBonus<C>(ir: BonusIR, appliesTo: Fn<C> | undefined, cx: (e: Expr) => Fn<C>): CompiledBonus<C> {
  const out: CompiledBonus<C> = { ir, appliesTo };
  if (ir.pays) out.pays = { amount: cx(ir.pays.amount), units: ir.pays.units ? cx(ir.pays.units) : undefined, where: ir.pays.where ? cx(ir.pays.where) : undefined };
  if (ir.pool) out.pool = { amount: cx(ir.pool.amount) };
  if (ir.minimum) out.minimum = { amount: cx(ir.minimum.amount) };
  return out;
}

function keyOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && (v as { kind?: string }).kind === 'row') return (v as RowValue).key;
  return undefined;
}

export interface BonusPay {
  total: Decimal;
  /** Per deal of the component's measure, in its order (per-deal and per-unit pays only). */
  dealAmounts?: Decimal[];
  node: TraceNode;
}

/** What `pays` or `pool` gives the rep of `c` this period; undefined when the component has neither. */
export function payBonus<C>(
  b: CompiledBonus<C>,
  deals: { row: RowValue; key: string; share: Decimal | null; overlay: boolean }[],
  c: C,
  h: BonusHelpers<C>,
  /** false: no per-deal trace text (a table or CSV run); the amounts are the same. */
  tracing = true,
): BonusPay | undefined {
  const money = (d: Decimal): string => formatAmount(d);
  if (b.pays && b.ir.pays) {
    const p = b.pays;
    const per = b.ir.pays.per;
    const text = b.ir.pays.text;
    if (per === 'period') {
      if (p.where && !h.bool(p.where(c), c)) return { total: new Decimal(0), node: { kind: 'pays', text: `${text}: condition not met, pays 0.00`, value: '0' } };
      const a = h.dec(p.amount(c), c);
      return { total: a, node: { kind: 'pays', text: `${text}: ${money(a)}`, value: a.toFixed() } };
    }
    if (per === 'deal' || per === 'unit') {
      const dealAmounts: Decimal[] = [];
      const children: TraceNode[] = [];
      let total = ZERO;
      let n = 0;
      let dc: C | undefined;
      for (const d of deals) {
        if (dc === undefined) dc = h.withRow(c, d.row);
        else h.pointAt(dc, d.row);
        if (p.where && !h.bool(p.where(dc), dc)) {
          dealAmounts.push(ZERO);
          continue;
        }
        const each = h.dec(p.amount(dc), dc);
        const units = per === 'unit' ? h.dec(p.units!(dc), dc) : undefined;
        const whole = units ? each.times(units) : each;
        // a split deal: the rep's credited share of the amount, unless the plan says `in full`
        const a = d.share !== null && !b.ir.pays.inFull ? whole.times(d.share) : whole;
        dealAmounts.push(a);
        total = total.plus(a);
        n++;
        if (!tracing) continue;
        let how = units ? `${units.toFixed()} units x ${money(each)} = ${money(whole)}` : money(each);
        if (d.share !== null) {
          if (b.ir.pays.inFull) how = `${how} in full (${d.overlay ? 'overlay' : 'split'} ${formatPercent(d.share)} not applied)`;
          else how = `${how} x ${d.overlay ? 'overlay' : 'split'} ${formatPercent(d.share)} = ${money(a)}`;
        }
        children.push({ kind: 'deal', text: `${d.key}: ${how}`, value: a.toFixed() });
      }
      return { total, dealAmounts, node: { kind: 'pays', text: `${text}: ${n} ${n === 1 ? 'deal' : 'deals'} qualify, ${money(total)}`, value: total.toFixed(), children } };
    }
    // per mentee
    const me = h.rep(c);
    const field = b.ir.pays.mentorField ?? 'mentor';
    const children: TraceNode[] = [];
    let total = new Decimal(0);
    for (const m of h.roster(c)) {
      if (!me || keyOf(m.values[field]) !== me.key) continue;
      const mc = h.withRow(c, m);
      if (p.where && !h.bool(p.where(mc), mc)) {
        children.push({ kind: 'mentee', text: `mentee ${m.key}: condition not met`, value: '0' });
        continue;
      }
      const a = h.dec(p.amount(mc), mc);
      total = total.plus(a);
      children.push({ kind: 'mentee', text: `mentee ${m.key}: ${money(a)}`, value: a.toFixed() });
    }
    return { total, node: { kind: 'pays', text: `${text}: ${money(total)}`, value: total.toFixed(), children } };
  }
  if (b.pool && b.ir.pool) return payPool(b, c, h);
  return undefined;
}

interface PoolSplit {
  pool: Decimal;
  manager: string;
  shares: Map<string, Decimal>;
  node: TraceNode;
}

const poolCache = new WeakMap<object, Map<CompiledBonus<unknown>, PoolSplit>>();

function payPool<C>(b: CompiledBonus<C>, c: C, h: BonusHelpers<C>): BonusPay {
  const me = h.rep(c)!;
  const teamBy = h.teamBy(c);
  const manager = teamBy ? keyOf(me.values[teamBy]) : undefined;
  const text = b.ir.pool!.text;
  if (!manager) return { total: new Decimal(0), node: { kind: 'pool', text: `${text}: ${me.key} has no team (no \`${teamBy ?? 'team by'}\`), pays 0.00`, value: '0' } };
  const mc = h.peer(c, manager);
  if (!mc) return { total: new Decimal(0), node: { kind: 'pool', text: `${text}: the manager ${manager} is not in the roster, pays 0.00`, value: '0' } };
  const key = h.rp(mc);
  let split = key ? poolCache.get(key)?.get(b as CompiledBonus<unknown>) : undefined;
  if (!split) {
    split = splitPool(b, mc, manager, h);
    if (key) {
      const m = poolCache.get(key) ?? new Map();
      m.set(b as CompiledBonus<unknown>, split);
      poolCache.set(key, m);
    }
  }
  const mine = split.shares.get(me.key) ?? new Decimal(0);
  return {
    total: mine,
    node: { kind: 'pool', text: `${text}: ${me.key}'s share ${formatAmount(mine)} of ${formatAmount(split.pool)} (team of ${manager})`, value: mine.toFixed(), children: [split.node] },
  };
}

function splitPool<C>(b: CompiledBonus<C>, mc: C, manager: string, h: BonusHelpers<C>): PoolSplit {
  const money = (d: Decimal): string => formatAmount(d);
  const pool = h.dec(b.pool!.amount(mc), mc);
  const teamBy = h.teamBy(mc)!;
  const members: { key: string; weight: Decimal }[] = [];
  for (const r of [...h.roster(mc)].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))) {
    if (keyOf(r.values[teamBy]) !== manager) continue;
    const rc = h.peer(mc, r.key);
    if (!rc) continue;
    if (b.appliesTo && !h.bool(b.appliesTo(rc), rc)) continue;
    members.push({ key: r.key, weight: b.ir.pool!.rule === 'equally' ? new Decimal(1) : h.creditOf(rc) });
  }
  const W = members.reduce((s, m) => s.plus(m.weight), new Decimal(0));
  const shares = new Map<string, Decimal>();
  const children: TraceNode[] = [];
  if (members.length === 0 || W.isZero()) {
    for (const m of members) shares.set(m.key, new Decimal(0));
    return {
      pool,
      manager,
      shares,
      node: { kind: 'split', text: `pool ${money(pool)} for the team of ${manager}: ${members.length === 0 ? 'no member' : 'no credit in the team'}, not paid`, value: '0' },
    };
  }
  const place = new Decimal(h.place(mc));
  const exact = members.map((m) => pool.times(m.weight).div(W));
  if (pool.isNegative()) {
    members.forEach((m, i) => shares.set(m.key, exact[i]!));
  } else {
    const units = exact.map((x) => x.div(place).floor());
    const totalUnits = pool.div(place).floor();
    let left = totalUnits.minus(units.reduce((s, u) => s.plus(u), new Decimal(0))).toNumber();
    const order = members
      .map((m, i) => ({ i, rem: exact[i]!.div(place).minus(units[i]!), key: m.key }))
      .sort((x, y) => y.rem.cmp(x.rem) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    const extra = new Set<number>();
    for (const o of order) {
      if (left <= 0) break;
      if (o.rem.isZero()) continue;
      extra.add(o.i);
      left--;
    }
    members.forEach((m, i) => shares.set(m.key, units[i]!.plus(extra.has(i) ? 1 : 0).times(place)));
  }
  members.forEach((m, i) => {
    const w = b.ir.pool!.rule === 'equally' ? `1/${members.length}` : `credit ${money(m.weight)} / ${money(W)}`;
    children.push({ kind: 'share', text: `${m.key}: ${w} of ${money(pool)} = ${money(exact[i]!)} -> ${money(shares.get(m.key)!)}`, value: shares.get(m.key)!.toFixed() });
  });
  return {
    pool,
    manager,
    shares,
    node: {
      kind: 'split',
      text: `pool ${money(pool)} for the team of ${manager}, split ${b.ir.pool!.rule === 'equally' ? 'equally' : 'by credit share'} among ${members.length} (remainder cents to the largest remainders)`,
      value: pool.toFixed(),
      children,
    },
  };
}

/** `minimum X per period`: tops the line up to X. */
export function applyMinimum<C>(b: CompiledBonus<C> | undefined, amount: Decimal, c: C, h: Pick<BonusHelpers<C>, 'dec'>, children: TraceNode[]): Decimal {
  if (!b?.minimum || !b.ir.minimum) return amount;
  const min = h.dec(b.minimum.amount(c), c);
  if (amount.lt(min)) {
    children.push({ kind: 'minimum', text: `${b.ir.minimum.text}: ${formatAmount(amount)} is below the minimum; topped up by ${formatAmount(min.minus(amount))} to ${formatAmount(min)}`, value: min.toFixed() });
    return min;
  }
  children.push({ kind: 'minimum', text: `${b.ir.minimum.text}: ${formatAmount(amount)} meets the minimum ${formatAmount(min)}`, value: amount.toFixed() });
  return amount;
}
