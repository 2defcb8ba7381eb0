// Bonuses: components that pay an amount (`pays ...`: a bonus, a SPIFF per deal or per unit, a
// mentor bonus per mentee), team pools (`pool ... per team split ...`), minimum commission
// (`minimum ... per period`), and another rep's values (`mentee.attainment`).
import type * as A from '../syntax/ast.js';
import { Codes, diag } from '../diagnostics/diagnostic.js';
import { creditRow } from './rows.js';
import { T, isScalar, isUnknown, show, type Type } from './types.js';
import type { BonusCtx, BonusHost } from './bonus-host.js';

function expectMoney(h: BonusHost, e: A.Expr, t: Type, what: string): void {
  if (isUnknown(t)) return;
  if (t.k !== 'money') h.err(diag(Codes.TypeMismatch, h.file, e.span, { expected: what, found: show(t, h.s.roster?.name) }));
  else if (t.currency !== h.s.currency) h.err(diag(Codes.CurrencyMismatch, h.file, e.span, { left: `payouts in ${h.s.currency}`, right: show(t) }));
}

/** How a component pays, for the lowering and the other checks. */
export function paysPerDeal(c: A.ComponentDecl): boolean {
  return c.clauses.some((cl) => cl.kind === 'PaysClause' && (cl.per === 'deal' || cl.per === 'unit'));
}

/** True when the component pays by `pays` or `pool` (it needs no `rate`). */
export function paysAnAmount(c: A.ComponentDecl): boolean {
  return c.clauses.some((cl) => cl.kind === 'PaysClause' || cl.kind === 'PoolClause');
}

/** Checks the `pays`, `pool` and `minimum` clauses of a component, and how they combine with the others. */
export function checkBonusClauses(h: BonusHost, c: A.ComponentDecl): void {
  const name = c.name?.text ?? 'component';
  const pays = c.clauses.filter((cl): cl is A.PaysClause => cl.kind === 'PaysClause');
  const pools = c.clauses.filter((cl): cl is A.PoolClause => cl.kind === 'PoolClause');
  const mins = c.clauses.filter((cl): cl is A.MinimumClause => cl.kind === 'MinimumClause');
  const rate = c.clauses.find((cl) => cl.kind === 'RateClause');
  for (const extra of [...pays.slice(1), ...pools.slice(1), ...mins.slice(1)]) {
    h.err(diag(Codes.DuplicateClause, h.file, extra.span, { clause: h.src(extra.span).split(/\s/)[0] ?? extra.kind }));
  }
  const ways: [string, A.Clause][] = [];
  if (rate) ways.push(['`rate`', rate]);
  if (pays[0]) ways.push(['`pays`', pays[0]]);
  if (pools[0]) ways.push(['`pool`', pools[0]]);
  if (ways.length > 1) {
    h.err(
      diag(Codes.TwoWaysToPay, h.file, ways[1]![1].span, { name, a: ways[0]![0], b: ways[1]![0] }, {
        hint: 'split it into two components, one for each way of paying',
        related: [{ file: h.file, span: ways[0]![1].span, message: `${ways[0]![0]} given here` }],
      }),
    );
  }
  const p = pays[0];
  const pool = pools[0];
  if (p) checkPays(h, p);
  if (pool) {
    if (pool.amount) expectMoney(h, pool.amount, h.expr(pool.amount, { rep: true, where: 'in a pool' }), 'money (the pool of the team)');
    if (!h.s.teamBy && h.s.roster) h.err(diag(Codes.TeamWithoutManager, h.file, pool.span, {}, { hint: 'add `team by manager` to the roster, with `manager: rep optional`' }));
  }
  for (const m of mins.slice(0, 1)) if (m.amount) expectMoney(h, m.amount, h.expr(m.amount, { rep: true, where: 'in a component' }), 'money (the minimum per period)');

  // clauses that do not apply to a component paying an amount
  if (p || pool) {
    const what = p ? (p.per === 'deal' || p.per === 'unit' ? `pays an amount per ${p.per}` : p.per === 'mentee' ? 'pays per mentee' : 'pays an amount per period') : 'shares a team pool';
    for (const cl of c.clauses) {
      let clause: string | undefined;
      if (cl.kind === 'BasisClause') clause = 'basis';
      else if (cl.kind === 'CapClause' && cl.per === 'attainment') clause = 'cap attainment at';
      else if (cl.kind === 'CapClause' && cl.per === 'deal') clause = 'cap ... per deal';
      else if (cl.kind === 'ClawbackClause' && !(p && (p.per === 'deal' || p.per === 'unit'))) clause = 'clawback';
      if (clause) h.err(diag(Codes.ClauseNotForBonus, h.file, cl.span, { clause, what }, { hint: clause === 'clawback' ? 'only what is paid per deal can be clawed back per deal' : 'remove it' }));
    }
  }
}

function checkPays(h: BonusHost, p: A.PaysClause): void {
  let ctx: BonusCtx = { rep: true, where: 'in `pays`' };
  if (p.per === 'deal' || p.per === 'unit') {
    const row = creditRow(h.plan, h.s.tables);
    if (!row) h.err(diag(Codes.NoCreditRule, h.file, p.span, {}));
    else ctx = { ...ctx, row };
  } else if (p.per === 'mentee') {
    const roster = h.s.roster;
    const f = roster?.fields.get('mentor');
    if (roster && !(f && f.type.k === 'row' && f.type.table === roster.name)) {
      h.err(diag(Codes.MenteeWithoutMentor, h.file, p.span, {}, { hint: 'declare `mentor: rep optional` in the roster' }));
    } else if (roster) {
      h.b.mentorField = 'mentor';
      ctx = { ...ctx, row: { name: 'mentee', tables: [roster.name] } };
    }
  }
  if (p.amount) {
    const t = h.expr(p.amount, ctx);
    expectMoney(h, p.amount, t, p.per === 'unit' ? 'money per unit' : 'money');
  }
  if (p.units) {
    const t = h.expr(p.units, ctx);
    if (!isUnknown(t) && !(isScalar(t) && t.k !== 'percent')) h.err(diag(Codes.TypeMismatch, h.file, p.units.span, { expected: 'a number of units', found: show(t, h.s.roster?.name) }));
  }
  if (p.where) h.condition(p.where, ctx);
}

/**
 * `mentee.attainment`, `rep.manager.attainment`: a let of another rep, in the same period. Only
 * lets (computed before any component), so evaluation order is the lets' dependency order and a
 * let that reads itself through another rep is a cycle (COMP2009).
 */
export function otherRepLet(h: BonusHost, e: A.FieldAccess, table: string, field: string, ctx: BonusCtx): Type | undefined {
  if (!h.s.roster || table !== h.s.roster.name || !h.s.lets.has(field)) return undefined;
  if (!ctx.rep) {
    h.err(diag(Codes.NotAvailableHere, h.file, e.span, { name: `${h.src(e.span)}`, where: ctx.where }, { hint: "another rep's values exist per period, in a rep's context" }));
    return T.unknown;
  }
  h.addRef(e.field!.span, h.symbolOf('let', field));
  h.s.res.set(e, { k: 'repLet', name: field });
  return h.letType(field);
}
