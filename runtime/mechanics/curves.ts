// Payout curves (docs/language.md, "Payout curves"): attainment -> payout percent, exact in
// Decimal.
//
// Boundary rules:
// - at a point's attainment exactly, the curve pays that point's payout (both modes);
// - `steps`: a point owns its attainment and everything up to the next point (not included);
// - `linear`: between two points the payout is interpolated on the straight line between them;
// - below the first point: the `below` payout (with the first point at 0% and no `below`, the
//   first point's payout);
// - above the last point: `capped` keeps the last payout; `slope S` adds S x (x - last point).
import { Decimal } from '../decimal.js';
import type { CurveIR, TraceNode } from '../ir.js';
import { formatPercent } from '../format.js';

export interface CompiledCurve {
  ir: CurveIR;
  xs: Decimal[];
  ys: Decimal[];
  below?: Decimal;
  slope?: Decimal;
}

const compiled = new WeakMap<CurveIR, CompiledCurve>();

export function compileCurve(ir: CurveIR): CompiledCurve {
  const hit = compiled.get(ir);
  if (hit) return hit;
  const out: CompiledCurve = {
    ir,
    xs: ir.points.map((p) => new Decimal(p.x)),
    ys: ir.points.map((p) => new Decimal(p.y)),
    below: ir.below !== undefined ? new Decimal(ir.below) : undefined,
    slope: ir.above.k === 'slope' ? new Decimal(ir.above.slope) : undefined,
  };
  compiled.set(ir, out);
  return out;
}

/** The payout percent at `x`, and how it was found (one line for the trace). */
export function curveAt(c: CompiledCurve, x: Decimal): { y: Decimal; how: string } {
  const { xs, ys } = c;
  const n = xs.length;
  const p = formatPercent;
  const first = xs[0]!;
  const last = xs[n - 1]!;
  if (x.lt(first)) {
    const y = c.below ?? ys[0]!;
    return { y, how: `below the first point ${p(first)}: pays ${p(y)}` };
  }
  if (x.gt(last)) {
    const yl = ys[n - 1]!;
    if (!c.slope) return { y: yl, how: `above the last point ${p(last)}: capped at ${p(yl)}` };
    const y = yl.plus(c.slope.times(x.minus(last)));
    return { y, how: `above the last point ${p(last)}: ${p(yl)} + ${c.slope.toFixed()} x (${p(x)} - ${p(last)}) = ${p(y)}` };
  }
  let i = 0;
  while (i + 1 < n && xs[i + 1]!.lte(x)) i++;
  const xi = xs[i]!;
  const yi = ys[i]!;
  if (x.eq(xi)) return { y: yi, how: `at the point ${p(xi)}: pays ${p(yi)}` };
  if (c.ir.mode === 'steps') return { y: yi, how: `step from ${p(xi)} (up to ${p(xs[i + 1]!)}): pays ${p(yi)}` };
  const xj = xs[i + 1]!;
  const yj = ys[i + 1]!;
  const y = yi.plus(yj.minus(yi).times(x.minus(xi)).div(xj.minus(xi)));
  return {
    y,
    how: `between ${p(xi)} (${p(yi)}) and ${p(xj)} (${p(yj)}): ${p(yi)} + (${p(yj)} - ${p(yi)}) x (${p(x)} - ${p(xi)}) / (${p(xj)} - ${p(xi)}) = ${p(y)}`,
  };
}

/** Curve evaluations per rep-period (keyed by the evaluator's rep-period object), for the trace. */
const logs = new WeakMap<object, TraceNode[]>();

export function logCurve(rp: object | null, c: CompiledCurve, x: Decimal, r: { y: Decimal; how: string }): void {
  if (!rp) return;
  const list = logs.get(rp) ?? [];
  const text = `curve ${c.ir.name}(${formatPercent(x)}) = ${formatPercent(r.y)}: ${r.how}`;
  if (!list.some((n) => n.text === text)) list.push({ kind: 'curve', text, value: r.y.toFixed() });
  logs.set(rp, list);
}

export function curveTrace(rp: object): TraceNode[] {
  return logs.get(rp) ?? [];
}
