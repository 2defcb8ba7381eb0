// Field bounds in table declarations (docs/language.md section 24): `share: percent in 0%..100%`,
// `units: integer in 0..1,000`, `close_date: date in 2026-01-01..2026-12-31`. The bounds are values
// written out in the field's type, low <= high, both included; the data loader checks every cell
// against them (COMP6250, compiler/data/bounds.ts).
import type * as A from '../syntax/ast.js';
import { Decimal } from '../../runtime/decimal.js';
import { Codes, diag } from '../diagnostics/diagnostic.js';
import { isUnknown, show, type Type } from './types.js';
import type { TimeMoneyHost } from './time-money.js';

export interface FieldBounds {
  /** Decimal text (percents as fractions: 100% -> '1') or an ISO date. */
  low: string;
  high: string;
  /** As written: `0%..100%`. */
  text: string;
}

const bounds = new WeakMap<A.FieldDecl, FieldBounds>();

export function fieldBounds(f: A.FieldDecl): FieldBounds | undefined {
  return bounds.get(f);
}

/** The value of a bound written out in the field's type, or why not. */
function constant(e: A.Expr, t: Type): { value?: string; found: string } {
  let neg = false;
  let x = e;
  if (x.kind === 'Unary' && x.op === '-' && x.operand) {
    neg = true;
    x = x.operand;
  }
  const sign = (d: Decimal): string => (neg ? d.neg() : d).toFixed();
  switch (x.kind) {
    case 'NumberLit':
      if (t.k === 'integer' && !x.integer) return { found: 'a decimal number' };
      return t.k === 'integer' || t.k === 'decimal' ? { value: sign(new Decimal(x.text)), found: x.text } : { found: 'a plain number' };
    case 'PercentLit':
      return t.k === 'percent' ? { value: sign(new Decimal(x.text.replace(/[,%]/g, '')).div(100)), found: x.text } : { found: 'a percent' };
    case 'MoneyLit':
      return t.k === 'money' && t.currency === x.currency ? { value: sign(new Decimal(x.amount)), found: x.amount } : { found: `money in ${x.currency}` };
    case 'DateLit':
      return t.k === 'date' && !neg ? { value: x.text, found: x.text } : { found: 'a date' };
    default:
      return { found: 'an expression' };
  }
}

export function checkFieldBounds(h: TimeMoneyHost, f: A.FieldDecl, t: Type): void {
  const b = f.bounds;
  if (!b || isUnknown(t)) return;
  const ordered = t.k === 'integer' || t.k === 'decimal' || t.k === 'percent' || t.k === 'money' || t.k === 'date';
  if (!ordered) {
    h.err(diag(Codes.BoundsOnUnorderedField, h.file, b.span, { type: show(t, h.s.roster?.name) }, { hint: 'bounds are for numbers, percents, amounts and dates; a list of allowed texts is a table of its own' }));
    return;
  }
  const low = constant(b.low, t);
  const high = constant(b.high, t);
  let ok = true;
  for (const [c, e] of [
    [low, b.low],
    [high, b.high],
  ] as const) {
    if (c.value === undefined) {
      ok = false;
      if (e.kind !== 'ErrorExpr') h.err(diag(Codes.TypeMismatch, h.file, e.span, { expected: `a bound written out as ${show(t, h.s.roster?.name)}`, found: c.found }));
    }
  }
  if (!ok) return;
  const lo = low.value!;
  const hi = high.value!;
  const inOrder = t.k === 'date' ? lo <= hi : new Decimal(lo).lte(hi);
  if (!inOrder) {
    h.err(diag(Codes.BoundsOutOfOrder, h.file, b.span, { low: h.text.slice(b.low.span.start, b.low.span.end), high: h.text.slice(b.high.span.start, b.high.span.end) }));
    return;
  }
  bounds.set(f, { low: lo, high: hi, text: `${h.text.slice(b.low.span.start, b.low.span.end)}..${h.text.slice(b.high.span.start, b.high.span.end)}` });
}
