// Lowering of proration and credit rules (docs/language.md sections 16-17) to IR:
// employment values, `prorate`, `seasonal`, `rate by deal.FIELD { ... }`, `team quota`,
// `team attainment`, and the quota/attainment of components on team credit.
import type * as A from '../syntax/ast.js';
import type * as IR from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import type { Semantics } from '../semantics/model.js';
import { EMPLOYMENT_NAMES } from '../semantics/proration.js';

export interface MechLowering {
  sem: Semantics;
  expr(e: A.Expr): IR.Expr;
  src(n: A.Node): string;
}

export function lowerEmployment(sem: Semantics): IR.EmploymentIR | undefined {
  const e = sem.employment;
  if (!e) return undefined;
  const out: IR.EmploymentIR = { from: e.from };
  if (e.to) out.to = e.to;
  if (e.leave) out.leave = { ...e.leave };
  return out;
}

/** A name resolved as `{ k: 'mechanic' }`: an employment value or `team quota` / `team attainment`. */
export function lowerMechanicName(name: string): IR.Expr {
  const emp = Object.hasOwn(EMPLOYMENT_NAMES, name) ? EMPLOYMENT_NAMES[name] : undefined;
  if (emp) return { k: 'employment', what: emp.what };
  if (name === 'team quota') return { k: 'team', what: 'quota' };
  if (name === 'team attainment') return { k: 'team', what: 'attainment' };
  throw new Error(`internal: ${name} is not a proration or credit-rule name`);
}

/** `prorate(x, by days employed)`, `seasonal(x, by quarter 20%, ...)`. */
export function lowerMechanicCall(l: MechLowering, e: A.Call): IR.Expr {
  const of = l.expr(e.args[0]!);
  const words = e.by?.words.join(' ');
  if (e.callee.text === 'prorate') return { k: 'prorate', of, by: words === 'months employed' ? 'months' : 'days' };
  const weights = e.args.slice(1).map((w) => {
    if (w.kind !== 'PercentLit') throw new Error('internal: seasonal weight');
    return new Decimal(w.text).div(100).toString();
  });
  return { k: 'seasonal', of, by: words === 'month' ? 'month' : 'quarter', weights };
}

/** `rate by deal.product { ... }`: a flat rate looked up per deal. */
export function lowerRateTable(l: MechLowering, t: A.RateTable): IR.RateIR {
  const key = l.src(t.key!);
  const other = t.entries.find((x) => x.otherwise);
  const expr: IR.Expr = {
    k: 'rateBy',
    key: l.expr(t.key!),
    text: key,
    entries: t.entries.filter((x) => !x.otherwise).map((x) => ({ values: x.values.map((v) => v.value), rate: l.expr(x.rate!) })),
  };
  if (other?.rate) expr.otherwise = l.expr(other.rate);
  return { k: 'flat', expr, text: `rate by ${key}` };
}

/** The quota and attainment a component on team credit reads its attainment bands with. */
export function teamQuotaAttainment(sem: Semantics): { quota: IR.Expr; attainment: IR.Expr } {
  return {
    quota: sem.lets.has('team quota') ? { k: 'let', name: 'team quota' } : { k: 'team', what: 'quota' },
    attainment: sem.lets.has('team attainment') ? { k: 'let', name: 'team attainment' } : { k: 'team', what: 'attainment' },
  };
}
