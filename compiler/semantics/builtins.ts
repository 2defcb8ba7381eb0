// The built-in functions and names of expressions: their arity, signature and the docs the hover shows.
import type { BuiltinFn } from '../../runtime/ir.js';
import { AGGREGATE_DOCS } from './relations.js';
import { EFFECTIVE_RATE } from './effective-rate.js';

export const FUNCTIONS: Record<BuiltinFn, { min: number; max: number; sig: string; doc: string }> = {
  min: { min: 1, max: Infinity, sig: 'min(a, b, ...)', doc: "The smallest of its arguments; `min(deal.FIELD [where COND])`: the smallest over the rep's rows of the period." },
  max: { min: 1, max: Infinity, sig: 'max(a, b, ...)', doc: "The largest of its arguments; `max(deal.FIELD [where COND])`: the largest over the rep's rows of the period." },
  abs: { min: 1, max: 1, sig: 'abs(a)', doc: 'The absolute value.' },
  days_between: { min: 2, max: 2, sig: 'days_between(from, to)', doc: 'Whole days from the first date to the second.' },
  months_between: { min: 2, max: 2, sig: 'months_between(from, to)', doc: "Whole calendar months from the first date's month to the second's." },
  months_since: { min: 1, max: 1, sig: 'months_since(date)', doc: 'Counts months from a date to the current period: 1 in the month of the date.' },
  ramp: { min: 2, max: Infinity, sig: 'ramp(n, v1, v2, ...)', doc: 'The n-th value (v1 for n <= 1), and the last one after that.' },
  round: { min: 2, max: 2, sig: 'round(x, to 0.01, half even)', doc: "Rounds to a multiple of the place, in the mode written (default: the plan's `rounding` mode)." },
};

export const BUILTIN_NAMES: { name: string; type: string; doc: string }[] = [
  { name: 'rep', type: 'a rep (roster row)', doc: 'The rep being paid.' },
  { name: 'period', type: 'period', doc: 'The period being paid: `period.start`, `period.end`.' },
  { name: 'credit', type: 'money', doc: "The rep's credit in the period. `team credit`: the team's (direct reports); `team credit at level 2`, `at all levels`, `by product_lead`: deeper levels and other hierarchies; `credit where COND`: the deals meeting COND." },
];

export function functionInfo(name: string): { sig: string; doc: string } | undefined {
  if (name === 'sum' || name === 'count') return AGGREGATE_DOCS[name];
  if (name === EFFECTIVE_RATE) return { sig: 'effective_rate(COMPONENT)', doc: "The blended (effective) rate of a component in the rep's period: what its rate or tiers paid over the credit it paid on (to date with `basis year to date`), a percent. The component is evaluated first; write `otherwise 0%` for a period without credit." };
  return Object.hasOwn(FUNCTIONS, name) ? (FUNCTIONS as Record<string, { sig: string; doc: string }>)[name] : undefined;
}
