// Phase 3, per rep across periods: settlement. Consumes what a rep earned in a period (`Earned`,
// runtime/engine/earn.ts) in period order: records what each component paid on each deal, takes
// clawbacks back (runtime/engine/clawback.ts), nets the result against the balance owed from
// before (carry-forward), applies draws and guarantees (runtime/mechanics/draws.ts) and the payout
// currency, and writes the statement.
import { Decimal } from '../decimal.js';
import type { PeriodValue, PlanAt, RowValue, Statement, TraceNode } from '../ir.js';
import type { Settlement } from '../mechanics/cumulative.js';
import { payoutIn } from '../mechanics/currency.js';
import { openingBalances, negativeText, settleNet } from '../mechanics/balances.js';
import { exactText } from '../format.js';
import { minus, shortcuts } from '../exact.js';
import { asDec, emptyFailure } from './values.js';
import { applyClawbacks, type EventIndex, type PaidOn } from './clawback.js';
import type { Earned, PeriodFrame } from './earn.js';
import type { LineFormat } from './trace.js';

const ZERO = new Decimal(0);

/** A rep's balances carried from period to period. */
export interface Settled {
  owed: Decimal;
  drawBalance: Decimal;
  /** The opening balances (`opening owed`, `opening draw balance`) have been read. */
  opened?: boolean;
}

/** The state a settlement carries across periods for every rep. */
export interface SettleState {
  settle: Settlement;
  events: EventIndex;
  paidOn: PaidOn;
  /** rep key -> balances. */
  balances: Map<string, Settled>;
  /** The last statement's `paid` and `clawedBack`, as the values of their texts (for the run's totals). */
  lastPaid?: Decimal;
  lastClawed?: Decimal;
}

/** Settles one rep's period; returns its statement. Must be called in period order for each rep. */
export function settleRepPeriod(
  f: PeriodFrame,
  e: Earned,
  s: SettleState,
  fmt: LineFormat,
  fail: (err: unknown, what: string, rep: RowValue, period: PeriodValue, at?: PlanAt) => void,
): Statement {
  const { plan, P, inForce, period, env } = f;
  const ir = plan.ir;
  const { repKey, rep, ctx, lines, earned, trace } = e;
  const { settle } = s;
  const { str, moneyR, round } = fmt;
  const failHere = (err: unknown, what: string, at?: PlanAt): void => fail(err, what, rep, period, at);
  for (const { ki, res } of e.paidOn) s.paidOn.recordPaid(ki, repKey, res);

  const clawedBack = applyClawbacks({ plan: P, events: s.events, paidOn: s.paidOn, settle, repKey, period, ctx, lines, trace, fmt, fail: failHere });

  // settlement: balances carried in (runtime/mechanics/balances.ts) the first time, then the net
  const st = s.balances.get(repKey)!;
  const settleChildren: TraceNode[] = [];
  if (!st.opened) {
    st.opened = true;
    if (plan.balances) {
      try {
        const o = openingBalances(plan.balances, ctx, { asDec, moneyR, str }, settleChildren);
        if (o.owed) st.owed = st.owed.plus(o.owed);
        if (o.draw) st.drawBalance = st.drawBalance.plus(o.draw);
      } catch (err) {
        failHere(err, 'an opening balance');
      }
    }
  }
  const rule = plan.ir.balances?.negative ?? 'carried forward';
  const owedBefore = st.owed;
  const earnedNet = minus(earned, clawedBack);
  const net = minus(earnedNet, owedBefore);
  const settled = settleNet(net, rule, ZERO);
  let paid = settled.paid;
  const owedAfter = settled.owed;
  const balanceMove = paid === earnedNet && shortcuts() ? ZERO : paid.minus(earnedNet);
  if (!balanceMove.isZero()) {
    lines.push({
      kind: 'balance',
      name: 'balance',
      label: balanceMove.isNegative() ? 'Owed balance recovered' : settled.writtenOff.isZero() ? 'Carried forward as owed' : 'Written off',
      amount: str(balanceMove),
      exact: exactText(balanceMove),
    });
  }
  // the settlement's trace only when asked (a table or CSV never shows it)
  const tracing = fmt.tracing;
  if (tracing) {
    settleChildren.push(
      { kind: 'earned', text: `earned ${moneyR(earned)}`, value: str(earned) },
      { kind: 'clawedBack', text: `clawed back ${moneyR(clawedBack)}`, value: str(clawedBack) },
      { kind: 'balance', text: `owed from before ${moneyR(owedBefore)}`, value: str(owedBefore) },
      { kind: 'net', text: `net ${moneyR(earned)} - ${moneyR(clawedBack)} - ${moneyR(owedBefore)} = ${moneyR(net)}`, value: str(net) },
    );
    if (net.isNegative()) settleChildren.push({ kind: 'balance', text: negativeText(rule, net, moneyR), value: str(rule === 'carried forward' ? owedAfter : net.neg()) });
  }

  // draws and guarantees (runtime/mechanics/draws.ts), on what is paid before an amount due
  const due = paid.isNegative() ? paid : ZERO;
  let drawBalance = st.drawBalance;
  if (P.draws.length) {
    const drawn = settle.draws({ draws: P.draws, ctx, period, paid: paid.minus(due), drawBalance, lines, trace: settleChildren, fail: failHere });
    paid = drawn.paid.plus(due);
    drawBalance = drawn.drawBalance;
  }
  if (tracing) {
    settleChildren.push({ kind: 'paid', text: `paid ${moneyR(paid)}`, value: str(paid) });
    if (!owedAfter.isZero()) settleChildren.push({ kind: 'owed', text: `owed after this period ${moneyR(owedAfter)}`, value: str(owedAfter) });
    if (!drawBalance.isZero()) settleChildren.push({ kind: 'drawBalance', text: `draw balance after this period ${moneyR(drawBalance)}`, value: str(drawBalance) });
  }
  if (tracing) trace.push({ kind: 'settlement', text: `Paid ${moneyR(paid)}`, value: str(paid), children: settleChildren });
  st.owed = owedAfter;
  st.drawBalance = drawBalance;

  // payout currency: `paid` converted at the rate in force on the period's last day, then rounded
  let payout: Statement['payout'];
  if (plan.payoutCurrency) {
    try {
      const cur = plan.payoutCurrency(ctx);
      if (typeof cur !== 'string') throw emptyFailure(ctx);
      const conv = payoutIn(env.fx, ir.currency, cur, paid, period.end, round, str, rep);
      if (conv) {
        payout = conv.payout;
        trace.push(conv.node);
      }
    } catch (err) {
      failHere(err, `\`payout currency ${ir.payoutCurrency!.text}\``);
    }
  }

  // the values of the texts `paid` and `clawedBack` (a value with more decimals than they print is read back from its text)
  s.lastPaid = paid.decimalPlaces() <= fmt.dp ? paid : new Decimal(str(paid));
  s.lastClawed = clawedBack.decimalPlaces() <= fmt.dp ? clawedBack : new Decimal(str(clawedBack));
  const extras = settle.statementExtras(repKey);
  // the common statement (no version, payout currency, held amounts, write-offs) as one literal
  if (!inForce && !payout && extras.held === undefined && extras.drawForgiven === undefined && settled.writtenOff.isZero()) {
    return {
      rep: repKey,
      period: period.key,
      lines,
      earned: str(earned),
      clawedBack: str(clawedBack),
      paid: str(paid),
      owed: str(owedAfter),
      drawBalance: str(drawBalance),
      deals: e.dealLines,
      values: e.values,
      trace,
    };
  }
  return {
    rep: repKey,
    period: period.key,
    ...(inForce ? { version: inForce.ir.name } : {}),
    ...(payout ? { payout } : {}),
    lines,
    earned: str(earned),
    clawedBack: str(clawedBack),
    paid: str(paid),
    owed: str(owedAfter),
    drawBalance: str(drawBalance),
    ...extras,
    ...(settled.writtenOff.isZero() ? {} : { writtenOff: str(settled.writtenOff) }),
    deals: e.dealLines,
    values: e.values,
    trace,
  };
}
