// Currencies: `fx rates from "fx.csv"`, `convert(amount, to USD, on date)` and
// `payout currency rep.payout_currency` (docs/language.md, "Currencies"). Mixing currencies
// without a conversion stays COMP3004 in the checker's arithmetic.
import type * as A from '../syntax/ast.js';
import { Codes, diag } from '../diagnostics/diagnostic.js';
import { CURRENCIES, T, isUnknown, show, type Type } from './types.js';
import { timeMoneyOf, type TimeMoneyHost } from './time-money-info.js';

export function checkFx(h: TimeMoneyHost, d: A.FxDecl): void {
  if (!h.once('fx rates', d)) return;
  timeMoneyOf(h.s).fx = { source: d.source?.value ?? 'fx.csv' };
}

function hasFx(h: TimeMoneyHost): boolean {
  return h.plan.items.some((i) => i.kind === 'FxDecl');
}

const fxHint = { hint: 'declare the rates: `fx rates from "fx.csv"` (columns from, to, date, rate)' };

export function checkPayoutCurrency(h: TimeMoneyHost, d: A.PayoutCurrencyDecl): void {
  if (!h.once('payout currency', d) || !d.value) return;
  const t = h.expr(d.value, h.repCtx('in `payout currency`'));
  if (!isUnknown(t) && t.k !== 'text') {
    h.err(diag(Codes.TypeMismatch, h.file, d.value.span, { expected: 'a currency code as text, e.g. `rep.payout_currency`', found: show(t, h.s.roster?.name) }));
    return;
  }
  if (!hasFx(h)) h.err(diag(Codes.ConversionWithoutRates, h.file, d.span, { what: '`payout currency`' }, fxHint));
  timeMoneyOf(h.s).payoutCurrency = d.value;
}

/** `convert(amount, [from CUR_TEXT,] to USD, on date)`: money in USD. */
export function checkConvert(h: TimeMoneyHost, e: A.ConvertExpr, ctx: unknown): Type {
  const amount = e.amount ? h.expr(e.amount, ctx) : T.unknown;
  if (e.from) {
    const f = h.expr(e.from, ctx);
    if (!isUnknown(f) && f.k !== 'text') h.err(diag(Codes.TypeMismatch, h.file, e.from.span, { expected: 'a currency code as text, e.g. `deal.currency`', found: show(f, h.s.roster?.name) }));
    if (e.amount && !isUnknown(amount) && amount.k !== 'decimal' && amount.k !== 'integer') {
      h.err(diag(Codes.TypeMismatch, h.file, e.amount.span, { expected: 'a number (its currency is given by `from`)', found: show(amount, h.s.roster?.name) }, amount.k === 'money' ? { hint: `the amount is already in ${amount.currency}: leave out \`from ...\`` } : {}));
    }
  } else if (e.amount && !isUnknown(amount) && amount.k !== 'money') {
    h.err(diag(Codes.TypeMismatch, h.file, e.amount.span, { expected: 'money in some currency', found: show(amount, h.s.roster?.name) }, amount.k === 'decimal' || amount.k === 'integer' ? { hint: 'say its currency: `convert(deal.amount, from deal.currency, to USD, on deal.close_date)`' } : {}));
  }
  if (e.date) {
    const d = h.expr(e.date, ctx);
    if (!isUnknown(d) && d.k !== 'date') h.err(diag(Codes.TypeMismatch, h.file, e.date.span, { expected: 'a date (the rate in force on it is used)', found: show(d, h.s.roster?.name) }));
  }
  if (!e.currency) return T.unknown;
  const to = e.currency.text;
  if (!CURRENCIES.has(to)) h.err(diag(Codes.UnknownCurrency, h.file, e.currency.span, { code: to }));
  if (!hasFx(h)) h.err(diag(Codes.ConversionWithoutRates, h.file, e.span, { what: '`convert`' }, fxHint));
  else if (!e.from && amount.k === 'money' && amount.currency === to) h.err(diag(Codes.ConvertSameCurrency, h.file, e.span, { currency: to }, { hint: 'leave out the conversion' }));
  return T.money(to);
}
