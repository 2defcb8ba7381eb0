// Balances and shown values (docs/language.md section 21): `opening owed EXPR`, `opening draw
// balance EXPR`, `opening credit EXPR` (a component clause), `negative balance carried forward |
// due | written off`, and `show NAME, ...` (lets shown as columns of `comp run`). The checker calls
// these through its time-and-money host; what they find is lowered by compiler/lower/balances.ts.
import type * as A from '../syntax/ast.js';
import { Codes, diag } from '../diagnostics/diagnostic.js';
import type { Semantics } from './model.js';
import { isUnknown, show, type Type } from './types.js';
import type { TimeMoneyHost } from './time-money.js';

export interface BalancesInfo {
  negative?: 'carried forward' | 'due' | 'written off';
  openingOwed?: A.Expr;
  openingDraw?: A.Expr;
  /** Lets shown as columns, in the order written. */
  show: string[];
}

export function balancesOf(s: Semantics): BalancesInfo {
  return (s.balances ??= { show: [] });
}

/** An amount in the plan currency, or an error on it. */
function checkMoney(h: TimeMoneyHost, e: A.Expr, where: string): void {
  const t: Type = h.expr(e, h.repCtx(where));
  if (isUnknown(t)) return;
  if (t.k !== 'money') h.err(diag(Codes.TypeMismatch, h.file, e.span, { expected: `money in ${h.s.currency}`, found: show(t, h.s.roster?.name) }));
  else if (t.currency !== h.s.currency) h.err(diag(Codes.CurrencyMismatch, h.file, e.span, { left: `balances in ${h.s.currency}`, right: show(t) }));
}

export function checkBalanceItem(h: TimeMoneyHost, item: A.BalanceItem): void {
  const b = balancesOf(h.s);
  switch (item.kind) {
    case 'OpeningDecl': {
      if (!item.what || !h.once(`opening ${item.what}`, item)) return;
      if (item.value) checkMoney(h, item.value, `in \`opening ${item.what}\``);
      if (item.what === 'owed') b.openingOwed = item.value;
      else {
        b.openingDraw = item.value;
        const draws = h.plan.items.filter((i): i is A.DrawDecl => i.kind === 'DrawDecl');
        if (!draws.some((d) => d.recoverable)) {
          h.err(diag(Codes.OpeningDrawWithoutDraw, h.file, item.whatSpan ?? item.span, {}, { hint: 'declare the draw it is recovered by: `draw recoverable USD 2,000 per period`' }));
        }
      }
      return;
    }
    case 'NegativeBalanceDecl':
      if (item.rule && h.once('negative balance', item)) b.negative = item.rule;
      return;
    case 'ShowDecl': {
      if (!h.once('show', item)) return;
      for (const n of item.names) {
        if (!h.s.lets.has(n.text)) {
          // with a close let's name: the quick fix `Change to ...` (compiler/ide/code-actions.ts)
          h.err(diag(Codes.ShowNotALet, h.file, n.span, { name: n.text }, h.didYouMean(n.text, h.s.lets.keys(), 'the name of a `let`')));
          continue;
        }
        h.ref(n.span, 'let', n.text);
        if (b.show.includes(n.text)) h.err(diag(Codes.DuplicateClause, h.file, n.span, { clause: n.text }));
        else b.show.push(n.text);
      }
      return;
    }
  }
}

/** `opening credit EXPR` in a component: money, once, and only with a measure to date. */
export function checkOpeningCredit(h: TimeMoneyHost, c: A.ComponentDecl, cl: A.OpeningCreditClause): void {
  const first = c.clauses.find((x) => x.kind === 'OpeningCreditClause');
  if (first !== cl) {
    h.err(diag(Codes.DuplicateClause, h.file, cl.span, { clause: 'opening credit' }));
    return;
  }
  if (cl.value) checkMoney(h, cl.value, 'in `opening credit`');
  const basis = c.clauses.find((x): x is A.BasisClause => x.kind === 'BasisClause');
  if (!basis?.cumulative) {
    h.err(diag(Codes.OpeningCreditNotCumulative, h.file, cl.span, {}, { hint: 'add `basis year to date` (or `quarter to date`): the opening credit counts in the first year (quarter) to date' }));
  }
}
