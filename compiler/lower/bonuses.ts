// Lowering of payout curves, scorecards and bonus clauses to IR (runtime/ir.ts, BonusExpr and
// BonusIR). Runs on clean plans only: every point is a written-out percent.
import { valueType } from '../semantics/types.js';
import type * as A from '../syntax/ast.js';
import type * as IR from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import type { Semantics } from '../semantics/model.js';

export interface BonusLowering {
  sem: Semantics;
  expr(e: A.Expr): IR.Expr;
  src(n: A.Node): string;
}

function percent(e: A.Expr | undefined): string {
  if (!e) throw new Error('internal: curve value missing after a clean check');
  if (e.kind === 'Unary' && e.op === '-' && e.operand?.kind === 'PercentLit') return new Decimal(e.operand.text).div(100).neg().toString();
  if (e.kind === 'PercentLit') return new Decimal(e.text).div(100).toString();
  throw new Error('internal: curve value not a percent after a clean check');
}

const curveMemo = new WeakMap<A.CurveDecl, IR.CurveIR>();

export function curveIR(l: BonusLowering, name: string): IR.CurveIR {
  const info = l.sem.bonus?.curves.get(name);
  if (!info) throw new Error(`internal: curve ${name} missing`);
  const d = info.decl;
  const hit = curveMemo.get(d);
  if (hit) return hit;
  const points = d.points.filter((p) => p.which === 'at').map((p) => ({ x: percent(p.x), y: percent(p.y) }));
  const below = d.points.find((p) => p.which === 'below');
  const above = d.points.find((p) => p.which === 'above');
  const out: IR.CurveIR = {
    name,
    mode: d.mode ?? 'linear',
    points,
    above: above?.slope && above.slope.kind === 'NumberLit' ? { k: 'slope', slope: new Decimal(above.slope.text).toString() } : { k: 'capped' },
    text: l.src(d),
  };
  if (below) out.below = percent(below.y);
  curveMemo.set(d, out);
  return out;
}

export function scorecardIR(l: BonusLowering, name: string): IR.ScorecardIR {
  const info = l.sem.bonus?.scorecards.get(name);
  if (!info) throw new Error(`internal: scorecard ${name} missing`);
  const d = info.decl;
  const out: IR.ScorecardIR = {
    name,
    metrics: d.metrics.map((m) => {
      const x: IR.ScorecardIR['metrics'][number] = {
        name: m.name!.text,
        weight: percent(m.weight),
        actual: l.expr(m.actual!),
        target: l.expr(m.target!),
        direction: m.direction ?? 'higher',
        text: l.src(m),
        unit: valueType(l.sem.types.get(m.target!) ?? { k: 'decimal' }),
      };
      if (m.cap) x.cap = l.expr(m.cap);
      return x;
    }),
    text: `scorecard ${name}`,
  };
  if (d.gate) {
    out.gate = l.expr(d.gate);
    out.gateText = d.gateSpan ? l.src({ span: d.gateSpan }) : 'all metrics at least';
  }
  return out;
}

export function allScorecards(l: BonusLowering): IR.ScorecardIR[] {
  return [...(l.sem.bonus?.scorecards.keys() ?? [])].map((n) => scorecardIR(l, n));
}

/** The IR of a curve call, a scorecard reference or another rep's let; undefined otherwise. */
export function bonusExpr(l: BonusLowering, e: A.Expr): IR.Expr | undefined {
  const r = l.sem.res.get(e);
  if (!r) return undefined;
  if (r.k === 'curve' && e.kind === 'Call') return { k: 'curve', curve: curveIR(l, r.name), arg: l.expr(e.args[0]!) };
  if (r.k === 'scorecard') return { k: 'scorecard', card: scorecardIR(l, r.name) };
  if (r.k === 'repLet' && e.kind === 'FieldAccess') return { k: 'repLet', of: l.expr(e.target), name: r.name };
  return undefined;
}

/** `pays`, `pool` and `minimum` of a component; undefined when it has none. */
export function bonusIR(l: BonusLowering, c: A.ComponentDecl): IR.BonusIR | undefined {
  let out: IR.BonusIR | undefined;
  for (const cl of c.clauses) {
    if (cl.kind === 'PaysClause' && cl.amount) {
      out ??= {};
      out.pays = { amount: l.expr(cl.amount), per: cl.per ?? 'period', text: l.src(cl) };
      if (cl.units) out.pays.units = l.expr(cl.units);
      if (cl.inFull) out.pays.inFull = true;
      if (cl.where) out.pays.where = l.expr(cl.where);
      if (cl.per === 'mentee') out.pays.mentorField = l.sem.bonus?.mentorField ?? 'mentor';
    } else if (cl.kind === 'PoolClause' && cl.amount) {
      out ??= {};
      out.pool = { amount: l.expr(cl.amount), rule: cl.rule ?? 'equally', text: l.src(cl) };
    } else if (cl.kind === 'MinimumClause' && cl.amount) {
      out ??= {};
      out.minimum = { amount: l.expr(cl.amount), text: l.src(cl) };
    }
  }
  return out;
}
