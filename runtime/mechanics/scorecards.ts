// KPI / MBO scorecards (docs/language.md, "Scorecards"), per rep and period, exact in Decimal.
//
// - a metric's score is actual / target when higher is better, target / actual when lower is
//   better (an actual of 0 then scores the metric's cap: the checker requires one);
// - the score paid is min(score, cap);
// - the gate `all metrics at least X of target` holds when every metric's score before its cap
//   is >= X (exactly X meets it); when it fails the card is 0%;
// - the card is the sum of weight x capped score.
import { Decimal } from '../decimal.js';
import type { ScorecardIR, TraceNode } from '../ir.js';
import { formatAmount, formatPercent } from '../format.js';

export interface ScorecardHelpers<C> {
  dec(v: unknown, c: C): Decimal;
  /** A division by zero the plan's `otherwise` can catch. */
  div0(c: C): Error;
  /** The evaluator's rep-period object of a context (cache key). */
  rp(c: C): object | null;
}

type Fn<C> = (c: C) => unknown;

export interface CompiledScorecard<C> {
  ir: ScorecardIR;
  metrics: { name: string; weight: Decimal; actual: Fn<C>; target: Fn<C>; cap?: Fn<C>; direction: 'higher' | 'lower'; text: string; unit?: ScorecardIR['metrics'][number]['unit'] }[];
  gate?: Fn<C>;
}

export interface CardResult {
  value: Decimal;
  node: TraceNode;
}

export function compileScorecard<C>(ir: ScorecardIR, cx: (e: ScorecardIR['metrics'][number]['actual']) => Fn<C>): CompiledScorecard<C> {
  return {
    ir,
    metrics: ir.metrics.map((m) => ({
      name: m.name,
      weight: new Decimal(m.weight),
      actual: cx(m.actual),
      target: cx(m.target),
      cap: m.cap ? cx(m.cap) : undefined,
      direction: m.direction,
      text: m.text,
      unit: m.unit,
    })),
    gate: ir.gate ? cx(ir.gate) : undefined,
  };
}

const cache = new WeakMap<object, Map<string, CardResult>>();

/** A metric's actual or target as the plan writes it: `25%`, `12`, `USD 1,200.00`. */
function show(v: Decimal, unit: ScorecardIR['metrics'][number]['unit']): string {
  if (unit === 'percent') return formatPercent(v);
  if (unit === 'money') return formatAmount(v);
  return v.toFixed();
}

/** The card's value for the rep and period of `c` (computed once per rep-period). */
export function scoreCard<C>(card: CompiledScorecard<C>, c: C, h: ScorecardHelpers<C>): CardResult {
  const rp = h.rp(c);
  const hit = rp ? cache.get(rp)?.get(card.ir.name) : undefined;
  if (hit) return hit;
  const children: TraceNode[] = [];
  let total = new Decimal(0);
  let gateOk = true;
  const least = card.gate ? h.dec(card.gate(c), c) : undefined;
  for (const m of card.metrics) {
    const actual = h.dec(m.actual(c), c);
    const target = h.dec(m.target(c), c);
    const cap = m.cap ? h.dec(m.cap(c), c) : undefined;
    let score: Decimal;
    let how: string;
    if (m.direction === 'higher') {
      if (target.isZero()) throw h.div0(c);
      score = actual.div(target);
      how = `${show(actual, m.unit)} / target ${show(target, m.unit)} = ${formatPercent(score)}`;
    } else if (actual.isZero()) {
      score = cap!;
      how = `actual 0 (lower is better): scores the cap ${formatPercent(cap!)}`;
    } else {
      score = target.div(actual);
      how = `target ${show(target, m.unit)} / ${show(actual, m.unit)} (lower is better) = ${formatPercent(score)}`;
    }
    const paid = cap && score.gt(cap) ? cap : score;
    const contribution = m.weight.times(paid);
    total = total.plus(contribution);
    const gateText = least !== undefined && score.lt(least) ? `; below ${formatPercent(least)} of target: the gate fails` : '';
    if (least !== undefined && score.lt(least)) gateOk = false;
    children.push({
      kind: 'metric',
      text: `metric ${m.name}: ${how}${cap ? (score.gt(cap) ? `, capped at ${formatPercent(cap)}` : ` (cap ${formatPercent(cap)})`) : ''}; weight ${formatPercent(m.weight)} x ${formatPercent(paid)} = ${formatPercent(contribution)}${gateText}`,
      value: contribution.toFixed(),
    });
  }
  if (least !== undefined) {
    children.push({
      kind: 'gate',
      text: `${card.ir.gateText ?? 'all metrics at least'}: ${gateOk ? 'met' : `not met, the card is 0%`}`,
      value: gateOk ? 'pass' : 'fail',
    });
  }
  const value = gateOk ? total : new Decimal(0);
  const res: CardResult = {
    value,
    node: { kind: 'scorecard', text: `scorecard ${card.ir.name} = ${formatPercent(value)}`, value: value.toFixed(), children },
  };
  if (rp) {
    const m = cache.get(rp) ?? new Map<string, CardResult>();
    m.set(card.ir.name, res);
    cache.set(rp, m);
  }
  return res;
}

/** The cards computed for a rep-period, for the trace. */
export function cardTrace(rp: object): TraceNode[] {
  return [...(cache.get(rp)?.values() ?? [])].map((r) => r.node);
}
