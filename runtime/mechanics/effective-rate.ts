// The blended (effective) rate of a component as a value (docs/language.md section 6):
// `effective_rate(commission)` = what the component's rate or tiers paid in the rep's period over
// the credit it paid on (after an attainment cap; before multipliers, gates and period caps). With
// `basis year to date` both are to date. The component is evaluated when first read, once per rep
// and period (runtime/engine/earn.ts provides it); a period with no credit paid on has no rate (a
// division by zero: `otherwise` says what then), and a component that does not apply to the rep
// (`for ...`) has none either (an empty value).
import type { Decimal } from '../decimal.js';
import type { PlanAt, TraceNode } from '../ir.js';
import { formatAmount, formatPercent } from '../format.js';
import type { ComponentResult, Ctx, RepPeriod } from '../engine/types.js';

/** What a component gives in the rep's period: undefined when it does not apply to the rep. */
export type ComponentLookup = (name: string) => ComponentResult | undefined;

const lookups = new WeakMap<RepPeriod, ComponentLookup>();

/** The evaluator's components of a rep's period, for `effective_rate(...)` read in it. */
export function provideComponents(rp: RepPeriod, look: ComponentLookup): void {
  lookups.set(rp, look);
}

/** A rep period made for a measure to date reads the components of the real one. */
export function shareComponents(from: RepPeriod, to: RepPeriod): void {
  const l = lookups.get(from);
  if (l) lookups.set(to, l);
}

export interface EffectiveRateHelpers {
  note(c: Ctx, node: TraceNode): void;
  empty(c: Ctx): Error;
  div0(c: Ctx, at?: PlanAt): Error;
  unavailable(c: Ctx, component: string): Error;
}

export function compileEffectiveRate(e: { component: string; at?: PlanAt }, h: EffectiveRateHelpers): (c: Ctx) => Decimal {
  const name = e.component;
  return (c) => {
    const look = c.rp ? lookups.get(c.rp) : undefined;
    if (!look) throw h.unavailable(c, name);
    const res = look(name);
    if (!res) throw h.empty(c);
    const b = res.blended;
    if (!b || b.on.isZero()) throw h.div0(c, e.at);
    const rate = b.paid.div(b.on);
    h.note(c, { kind: 'effective-rate', text: `effective_rate(${name}) = ${formatAmount(b.paid)} / ${formatAmount(b.on)} = ${formatPercent(rate)}`, value: rate.toFixed() });
    return rate;
  };
}

const reads = new WeakMap<object, boolean>();

/** Whether a plan (or version) reads any effective rate: only then are its components provided. */
export function readsEffectiveRates(ir: object): boolean {
  let r = reads.get(ir);
  if (r === undefined) {
    const walk = (x: unknown): boolean => {
      if (!x || typeof x !== 'object') return false;
      if (Array.isArray(x)) return x.some(walk);
      if ((x as { k?: unknown }).k === 'effectiveRate') return true;
      return Object.values(x).some(walk);
    };
    reads.set(ir, (r = walk(ir)));
  }
  return r;
}
