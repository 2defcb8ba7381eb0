// Checking credit rules (docs/language.md section 17): rates by a deal field (`rate by deal.product
// { "GTX Pro" pays 8%  otherwise pays 6% }`), `team quota`, `team attainment`, `let team quota = ...`
// and components on team credit with tiers on (team) attainment.
import type * as A from '../syntax/ast.js';
import { Codes, diag } from '../diagnostics/diagnostic.js';
import { creditRow } from './rows.js';
import type { Ctx } from './model.js';
import type { MechanicsHost } from './proration.js';
import { T, isUnknown, show, type Type } from './types.js';

/** The names of the credited tables (the row called `deal` in a rate table). */
/** `rate by deal.product { ... }` in a component. */
export function checkRateTable(h: MechanicsHost, t: A.RateTable, rc: Ctx): void {
  const row = creditRow(h.plan, h.s.tables);
  if (!row) {
    h.err(diag(Codes.NoCreditRule, h.file, t.span, {}));
    return;
  }
  const ctx: Ctx = { ...rc, where: 'in a rate table', row };
  if (t.key) {
    const kt = h.expr(t.key, ctx);
    if (!isUnknown(kt) && kt.k !== 'text') {
      h.err(diag(Codes.TypeMismatch, h.file, t.key.span, { expected: 'a text field of the deal, e.g. `deal.product`', found: show(kt, h.s.roster?.name) }));
    }
  }
  const seen = new Map<string, A.StringLit>();
  let otherwise: A.RateEntry | undefined;
  for (const e of t.entries) {
    if (e.otherwise) {
      if (otherwise) h.err(diag(Codes.DuplicateClause, h.file, e.span, { clause: 'otherwise' }, { related: [{ file: h.file, span: otherwise.span, message: 'given here first' }] }));
      otherwise = e;
    }
    for (const v of e.values) {
      const prev = seen.get(v.value);
      if (prev) h.err(diag(Codes.DuplicateRateValue, h.file, v.span, { value: v.value }, { related: [{ file: h.file, span: prev.span, message: 'listed here first' }], hint: 'list each value once' }));
      else seen.set(v.value, v);
    }
    if (e.rate) {
      const rt = h.expr(e.rate, ctx);
      if (!isUnknown(rt) && rt.k !== 'percent') {
        h.err(diag(Codes.RateNotPercent, h.file, e.rate.span, { found: show(rt, h.s.roster?.name) }, { hint: rt.k === 'decimal' ? 'write rates as percents: `8%`, not `0.08`' : undefined }));
      }
    }
  }
  if (t.entries.length === 0) h.err(diag(Codes.EmptyTierTable, h.file, t.span, {}, { hint: 'add a line per value: `"GTX Pro" pays 8%`' }));
}

/** After a component's clauses: the basis a rate table needs, the zero rule of team attainment. */
export function checkComponentCreditRules(h: MechanicsHost, c: A.ComponentDecl, basis: A.Basis | undefined): void {
  const rate = c.clauses.find((x): x is A.RateClause => x.kind === 'RateClause');
  const basisClause = c.clauses.find((x): x is A.BasisClause => x.kind === 'BasisClause');
  if (rate?.byTable && (basis ?? 'period total') === 'period total') {
    const key = rate.byTable.key ? h.src(rate.byTable.key.span) : 'a deal field';
    h.err(
      diag(Codes.RateByNeedsPerDeal, h.file, basisClause?.span ?? rate.span, { key }, {
        hint: 'add `basis per deal` (each deal pays its own rate); a period total has no single product',
      }),
    );
  }
  const on = c.clauses.find((x): x is A.OnClause => x.kind === 'OnClause');
  const team = on?.measure?.kind === 'CreditExpr' && on.measure.team;
  if (!team) return;
  const attainmentAxis =
    c.clauses.some((x) => x.kind === 'CapClause' && x.per === 'attainment') ||
    (rate?.table && rate.table.bands.some((b) => b.from?.kind === 'PercentLit')) ||
    (rate?.value?.kind === 'NameRef' && h.s.tiers.get(rate.value.name.text)?.axis === 'attainment');
  if (attainmentAxis && !h.s.lets.has('team attainment')) {
    h.err(
      diag(Codes.AttainmentTiersNeedQuota, h.file, (rate ?? on)!.span, { name: 'team attainment' }, {
        hint: 'a component on team credit reads its bands on team attainment: add `let team attainment = team credit / team quota otherwise 0%` to say what it is when the team quota is zero',
      }),
    );
  }
}

/** `team quota` / `team attainment` when the plan does not declare them with `let`. */
export function teamNameType(h: MechanicsHost, e: A.NameRef, ctx: Ctx): Type | undefined {
  const name = e.name.text;
  if (name !== 'team quota' && name !== 'team attainment') return undefined;
  if (!ctx.rep) {
    h.err(diag(Codes.NotAvailableHere, h.file, e.span, { name, where: ctx.where }));
    return T.unknown;
  }
  h.s.res.set(e, { k: 'mechanic', name });
  if (!h.s.teamBy && !e.team?.by && h.s.roster) h.err(diag(Codes.TeamWithoutManager, h.file, e.span, {}, { hint: 'add `team by manager` to the roster, with `manager: rep optional`' }));
  const quotaType = (): Type => {
    // `let team quota = ...` is the direct team's; a roll-up's team quota sums the members' quotas
    if (h.s.lets.has('team quota') && !e.team) return h.letType('team quota');
    if (!h.s.lets.has('quota')) {
      h.err(diag(Codes.TeamQuotaWithoutQuota, h.file, e.span, {}, { hint: 'declare each rep\'s quota (`let quota = rep.monthly_quota`) or the team\'s (`let team quota = rep.team_quota`)' }));
      return T.unknown;
    }
    return h.letType('quota');
  };
  if (name === 'team quota') return quotaType();
  const qt = quotaType();
  if (!isUnknown(qt) && qt.k !== 'money') {
    h.err(diag(Codes.TypeMismatch, h.file, e.span, { expected: 'a team quota in money', found: show(qt, h.s.roster?.name) }));
  }
  if (!ctx.guarded) {
    h.err(
      diag(Codes.PossibleDivisionByZero, h.file, e.span, { divisor: 'team quota' }, {
        hint: 'team attainment is team credit / team quota: say what it means when the team quota is zero, `team attainment otherwise 0%`, or declare `let team attainment = team credit / team quota otherwise 0%`',
        data: { fix: 'otherwise', insertAt: e.span.end, text: ' otherwise 0%' },
      }),
    );
  }
  return T.percent;
}

/** `let team NAME = ...`: only `team quota` and `team attainment` can be declared. */
export function checkTeamLets(h: MechanicsHost): void {
  for (const l of h.s.lets.values()) {
    if (!l.name.startsWith('team ') || !l.decl.name) continue;
    if (l.name !== 'team quota' && l.name !== 'team attainment') {
      h.err(diag(Codes.NotAvailableHere, h.file, l.decl.name.span, { name: `let ${l.name}`, where: 'as a name' }, { hint: '`team` is reserved: only `let team quota` and `let team attainment` can be declared' }));
    }
  }
}
