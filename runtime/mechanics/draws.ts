// Draws and guarantees (docs/language.md sections 8 and 13), applied to what a period pays after
// clawbacks and owed balances:
// - `guarantee AMOUNT per period`: tops the period up to AMOUNT; nothing is owed.
// - `draw recoverable AMOUNT per period`: tops up to AMOUNT and adds the top-up to the rep's draw
//   balance; a later period paying more than AMOUNT recovers the balance from the excess, at most
//   `recover at most P% per period` of the excess or `recover at most AMOUNT per period`.
// - `for first N months after DATE` (new-hire protection): applies to the periods that overlap
//   months 1..N, the month of DATE being month 1.
// - `forgiven on DATE`: the draw balance left after the period containing DATE is written off
//   (a `forgiveness` trace node; `Statement.drawForgiven`); the draw ends there (no advance and no
//   recovery in later periods).
import { Decimal } from '../decimal.js';
import * as cal from '../calendar.js';
import { exactText, formatPercent } from '../format.js';
import type { DrawIR, Expr, PayoutLine, PeriodValue, TraceNode } from '../ir.js';
import type { CompiledDraw, Ctx, Fn, RV } from '../engine/types.js';

export interface DrawCode {
  after?: Fn;
  forgivenOn?: Fn;
}

export function compileDraw(d: DrawIR, cx: (e: Expr) => Fn): DrawCode {
  return { after: d.firstMonths ? cx(d.firstMonths.after) : undefined, forgivenOn: d.forgivenOn ? cx(d.forgivenOn) : undefined };
}

export interface DrawHooks {
  asDec(v: RV, c: Ctx): Decimal;
  asBool(v: RV, c: Ctx): boolean;
  isoOf(v: RV, c: Ctx): string;
  round(x: Decimal): Decimal;
  str(x: Decimal): string;
  money(x: Decimal): string;
  moneyR(x: Decimal): string;
  code(d: DrawIR): DrawCode | undefined;
}

/** Months 1..N after `date` (the month of `date` is month 1): first and last day. */
export function protectionWindow(date: string, months: number): { start: string; end: string } {
  const { y, m } = cal.parseIso(date);
  const start = cal.isoOf(y, m, 1);
  const last = cal.addMonths(start, months - 1);
  const lp = cal.parseIso(last);
  return { start, end: cal.isoOf(lp.y, lp.m, cal.daysInMonth(lp.y, lp.m)) };
}

export interface DrawsInput {
  draws: CompiledDraw[];
  ctx: Ctx;
  period: PeriodValue;
  paid: Decimal;
  drawBalance: Decimal;
  lines: PayoutLine[];
  trace: TraceNode[];
  fail(err: unknown, what: string): void;
}

export function applyDraws(h: DrawHooks, input: DrawsInput): { paid: Decimal; drawBalance: Decimal; forgiven: Decimal } {
  const { ctx, period, lines, trace: settleChildren } = input;
  let { paid, drawBalance } = input;
  let forgiven = new Decimal(0);
  const { round, str, money, moneyR } = h;
  for (const d of input.draws) {
    try {
      ctx.lastEmpty = undefined;
      const code = h.code(d.ir);
      if (d.appliesTo && !h.asBool(d.appliesTo(ctx), ctx)) continue;
      if (d.ir.firstMonths && code?.after) {
        const from = h.isoOf(code.after(ctx), ctx);
        const w = protectionWindow(from, d.ir.firstMonths.months);
        const inside = period.start <= w.end && period.end >= w.start;
        const month = cal.monthsSince(from, period.start);
        settleChildren.push({
          kind: 'newHire',
          text: inside
            ? `${d.ir.firstMonths.text}: ${period.key} is in the protected months (${w.start} to ${w.end}${month >= 1 ? `, month ${month} of ${d.ir.firstMonths.months}` : ''})`
            : `${d.ir.firstMonths.text}: ${period.key} is outside the protected months (${w.start} to ${w.end}); not applied`,
          value: inside ? 'in' : 'out',
        });
        if (!inside) continue;
      }
      let forgiveOn: string | undefined;
      if (code?.forgivenOn) {
        forgiveOn = h.isoOf(code.forgivenOn(ctx), ctx);
        if (period.start > forgiveOn) {
          settleChildren.push({ kind: 'draw', text: `${d.ir.text}: ended (forgiven on ${forgiveOn})`, value: '0' });
          continue;
        }
      }
      const amount = round(h.asDec(d.amount(ctx), ctx));
      if (d.ir.recoverable) {
        if (paid.lt(amount)) {
          const advance = amount.minus(paid);
          lines.push({ kind: 'draw', name: 'draw', label: 'Recoverable draw advance', amount: str(advance), exact: exactText(advance) });
          settleChildren.push({
            kind: 'draw',
            text: `${d.ir.text}: ${moneyR(paid)} is below the draw ${moneyR(amount)}; advance ${moneyR(advance)}, draw balance ${moneyR(drawBalance)} -> ${moneyR(drawBalance.plus(advance))}`,
            value: str(advance),
          });
          drawBalance = drawBalance.plus(advance);
          paid = amount;
        } else if (drawBalance.gt(0)) {
          const excess = paid.minus(amount);
          let limit: Decimal | null = null;
          let limitText = '';
          if (d.recoverAtMost) {
            const r = h.asDec(d.recoverAtMost(ctx), ctx);
            limit = d.recoverUnit === 'percent' ? excess.times(r) : r;
            limitText = d.recoverUnit === 'percent' ? `, at most ${formatPercent(r)} of it = ${money(limit)}` : `, at most ${money(limit)}`;
          }
          let recover = Decimal.min(drawBalance, excess);
          if (limit && limit.lt(recover)) recover = limit;
          recover = round(recover);
          if (recover.gt(drawBalance)) recover = drawBalance;
          if (!recover.isZero()) {
            lines.push({ kind: 'recovery', name: 'draw', label: 'Draw recovery', amount: str(recover.neg()), exact: exactText(recover.neg()) });
          }
          settleChildren.push({
            kind: 'draw',
            text: `${d.ir.text}: ${moneyR(excess)} above the draw ${moneyR(amount)}${limitText}; recovered ${moneyR(recover)}, draw balance ${moneyR(drawBalance)} -> ${moneyR(drawBalance.minus(recover))}`,
            value: str(recover.neg()),
          });
          drawBalance = drawBalance.minus(recover);
          paid = paid.minus(recover);
        } else {
          settleChildren.push({ kind: 'draw', text: `${d.ir.text}: ${moneyR(paid)} meets the draw ${moneyR(amount)}; nothing to recover`, value: '0' });
        }
        if (forgiveOn && period.start <= forgiveOn && forgiveOn <= period.end) {
          settleChildren.push({
            kind: 'forgiveness',
            text: drawBalance.gt(0)
              ? `draw forgiven on ${forgiveOn}: the balance of ${moneyR(drawBalance)} is written off (not owed); draw balance -> 0.00`
              : `draw forgiven on ${forgiveOn}: no balance left to write off`,
            value: str(drawBalance),
          });
          if (drawBalance.gt(0)) {
            forgiven = forgiven.plus(drawBalance);
            drawBalance = new Decimal(0);
          }
        }
      } else if (paid.lt(amount)) {
        const top = amount.minus(paid);
        lines.push({ kind: 'guarantee', name: 'guarantee', label: 'Guarantee top-up', amount: str(top), exact: exactText(top) });
        settleChildren.push({ kind: 'guarantee', text: `${d.ir.text}: ${moneyR(paid)} is below the guarantee ${moneyR(amount)}; top-up ${moneyR(top)} (not owed)`, value: str(top) });
        paid = amount;
      } else {
        settleChildren.push({ kind: 'guarantee', text: `${d.ir.text}: ${moneyR(paid)} meets the guarantee ${moneyR(amount)}`, value: '0' });
      }
    } catch (err) {
      input.fail(err, `\`${d.ir.text}\``);
    }
  }
  return { paid, drawBalance, forgiven };
}
