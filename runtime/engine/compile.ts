// compilePlan: a PlanIR turned once into closures (runtime/engine/expr.ts), with the compiled
// code of the mechanics (bonuses, settlement, versions).
import { Decimal } from '../decimal.js';
import type { Expr, FieldType, PlanIR } from '../ir.js';
import { formatAmount, formatPercent } from '../format.js';
import { compileBonus } from '../mechanics/bonuses.js';
import { compileVersions } from '../mechanics/versions.js';
import { compileSettlement } from '../mechanics/cumulative.js';
import { compileBalances } from '../mechanics/balances.js';
import type { CompiledComponent, CompiledCredit, CompiledDraw, CompiledLet, CompiledPlan, CompiledRate, Ctx, Fn } from './types.js';
import { compileExpr, type CompileEnv } from './expr.js';

export function compilePlan(ir: PlanIR): CompiledPlan {
  const fieldTypes = new Map<string, Map<string, FieldType>>();
  for (const t of ir.tables) fieldTypes.set(t.name, new Map(t.fields.map((f) => [f.name, f.type])));
  const letIndex = new Map<string, number>();
  const lets: CompiledLet[] = [];
  const perPeriod = new Map(ir.tables.map((t) => [t.name, t.periodField !== undefined]));
  const env: CompileEnv = { letIndex, lets, perPeriod };
  const cx = (e: Expr): Fn => compileExpr(e, env);
  ir.lets.forEach((l, i) => letIndex.set(l.name, i));
  for (const l of ir.lets) lets.push({ ir: l, fn: cx(l.expr), ...(readsOnlyRep(l.expr, ir) ? { perRep: true } : {}) });

  const credits: CompiledCredit[] = ir.credits.map((r) => ({
    ir: r,
    where: r.where ? cx(r.where) : undefined,
    amount: cx(r.amount),
    date: cx(r.date),
    to: cx(r.to),
  }));

  const components: CompiledComponent[] = ir.components.map((k) => {
    let rate: CompiledRate;
    if (k.rate.k === 'flat') rate = { k: 'flat', fn: cx(k.rate.expr), text: k.rate.text };
    else {
      const axis = k.rate.axis;
      rate = {
        k: 'tiers',
        name: k.rate.name,
        mode: k.rate.mode,
        axis,
        boundsInLower: k.rate.boundsIn === 'lower',
        bands: k.rate.bands.map((b, i) => {
          const from = new Decimal(b.from);
          const to = b.to === undefined ? null : new Decimal(b.to);
          const show = (d: Decimal): string => (axis === 'attainment' ? formatPercent(d) : formatAmount(d));
          // `bounds in lower band`: (from, to], the first band [from, to]
          const lower = k.rate.k === 'tiers' && k.rate.boundsIn === 'lower';
          const label = lower ? `${i === 0 ? '[' : '('}${show(from)}, ${to ? `${show(to)}]` : '∞)'}` : `[${show(from)}, ${to ? show(to) : '∞'})`;
          return { from, to, rate: cx(b.rate), text: b.text, label };
        }),
      };
    }
    return {
      ir: k,
      appliesTo: k.appliesTo ? cx(k.appliesTo) : undefined,
      ...(k.appliesTo && readsOnlyRep(k.appliesTo, ir) ? { appliesPerRep: true } : {}),
      measureWhere: k.measure.where ? cx(k.measure.where) : undefined,
      quota: k.quota ? cx(k.quota) : undefined,
      attainment: k.attainment ? cx(k.attainment) : undefined,
      rate,
      gates: k.gates.map((g) => ({ cond: cx(g.cond), text: g.text })),
      multipliers: k.multipliers.map((m) => ({ factor: cx(m.factor), when: m.when ? cx(m.when) : undefined, text: m.text })),
      dealCaps: k.caps.filter((x) => x.per === 'deal').map((x) => ({ limit: cx(x.limit), text: x.text })),
      periodCaps: k.caps.filter((x) => x.per === 'period').map((x) => ({ limit: cx(x.limit), text: x.text })),
      attainmentCap: k.attainmentCap ? { limit: cx(k.attainmentCap.limit), text: k.attainmentCap.text } : undefined,
      clawbacks: k.clawbacks.map((cb) => {
        const t = fieldTypes.get(cb.events)?.get(cb.dealField);
        return { ir: cb, prorate: cb.prorate ? cx(cb.prorate) : undefined, takes: cb.takes ? cx(cb.takes.amount) : undefined, dealTable: t && t.t === 'ref' ? t.table : undefined };
      }),
      bonus: k.bonus ? compileBonus<Ctx>(k.bonus, k.appliesTo ? cx(k.appliesTo) : undefined, cx) : undefined,
    };
  });

  const draws: CompiledDraw[] = ir.draws.map((d) => ({
    ir: d,
    amount: cx(d.amount),
    appliesTo: d.appliesTo ? cx(d.appliesTo) : undefined,
    recoverAtMost: d.recoverAtMost ? cx(d.recoverAtMost) : undefined,
    recoverUnit:
      d.recoverAtMostUnit ?? (d.recoverAtMost && d.recoverAtMost.k === 'num' && d.recoverAtMost.unit === 'money' ? 'money' : 'percent'),
  }));

  compileSettlement(ir, cx);
  return {
    ir, fieldTypes, credits, lets, letIndex, components, draws,
    versions: ir.versions?.length ? compileVersions(ir, compilePlan) : undefined,
    payoutCurrency: ir.payoutCurrency ? cx(ir.payoutCurrency.expr) : undefined,
    balances: compileBalances(ir.balances, cx),
  };
}

/**
 * Whether an expression reads only the rep: its fields (and rows they name), constants, per-rep
 * lookups and lets that read only the rep. Such a let has one value per rep in an evaluation
 * (`quota = rep.monthly_quota * 3`): it is computed once per rep, not once per period.
 */
export function readsOnlyRep(e: Expr, ir: PlanIR, seen = new Set<string>()): boolean {
  const sub = (x: Expr): boolean => readsOnlyRep(x, ir, seen);
  switch (e.k) {
    case 'num':
    case 'text':
    case 'bool':
    case 'date':
    case 'period':
    case 'duration':
      return true;
    case 'ctx':
      return e.name === 'rep';
    case 'field':
      return sub(e.of);
    case 'lookup':
      return !ir.tables.find((t) => t.name === e.table)?.periodField;
    case 'bin':
      return sub(e.l) && sub(e.r);
    case 'neg':
    case 'not':
      return sub(e.e);
    case 'if':
      return sub(e.c) && sub(e.t) && sub(e.e);
    case 'otherwise':
      return sub(e.e) && sub(e.fallback);
    case 'call':
      return (e.round !== undefined || e.fn === 'min' || e.fn === 'max' || e.fn === 'abs') && e.args.every(sub);
    case 'let': {
      if (seen.has(e.name)) return false;
      seen.add(e.name);
      const l = ir.lets.find((x) => x.name === e.name);
      return l !== undefined && sub(l.expr);
    }
  }
  return false;
}
