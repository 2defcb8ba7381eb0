// Opening balances and the rule for a negative period total (docs/language.md section 21).
//
// `opening owed EXPR` / `opening draw balance EXPR`: evaluated for each rep in the plan's first
// period (the rep's context of that period), they are the balance owed and the recoverable draw
// balance carried in from before the plan; they settle like balances the plan made itself.
//
// `negative balance carried forward` (the default): a net below zero pays 0.00 and the rest is
// owed, recovered from later payouts. `negative balance due`: the statement pays the negative
// amount (the rep owes it now: payroll deducts or invoices it), nothing is carried. `negative
// balance written off`: pays 0.00, nothing is carried; the amount is the statement's `writtenOff`.
import type { Decimal } from '../decimal.js';
import type { BalancesIR, Expr, TraceNode } from '../ir.js';
import type { Ctx, Fn } from '../engine/types.js';

export interface BalancesCode {
  ir: BalancesIR;
  owed?: Fn;
  draw?: Fn;
}

export function compileBalances(ir: BalancesIR | undefined, cx: (e: Expr) => Fn): BalancesCode | undefined {
  if (!ir) return undefined;
  return { ir, owed: ir.openingOwed ? cx(ir.openingOwed.expr) : undefined, draw: ir.openingDraw ? cx(ir.openingDraw.expr) : undefined };
}

export interface BalanceHooks {
  asDec(v: ReturnType<Fn>, c: Ctx): Decimal;
  moneyR(x: Decimal): string;
  str(x: Decimal): string;
}

/** The balances carried in, evaluated in the rep's first period; trace nodes say where they come from. */
export function openingBalances(code: BalancesCode, ctx: Ctx, h: BalanceHooks, out: TraceNode[]): { owed?: Decimal; draw?: Decimal } {
  const r: { owed?: Decimal; draw?: Decimal } = {};
  if (code.owed) {
    r.owed = h.asDec(code.owed(ctx), ctx);
    out.push({ kind: 'opening', text: `opening owed ${code.ir.openingOwed!.text} = ${h.moneyR(r.owed)} (carried in from before the plan)`, value: h.str(r.owed) });
  }
  if (code.draw) {
    r.draw = h.asDec(code.draw(ctx), ctx);
    out.push({ kind: 'opening', text: `opening draw balance ${code.ir.openingDraw!.text} = ${h.moneyR(r.draw)} (carried in from before the plan)`, value: h.str(r.draw) });
  }
  return r;
}

export type NegativeRule = NonNullable<BalancesIR['negative']>;

/** What a net amount pays and carries under the plan's rule. */
export function settleNet(net: Decimal, rule: NegativeRule, zero: Decimal): { paid: Decimal; owed: Decimal; writtenOff: Decimal } {
  if (!net.isNegative()) return { paid: net, owed: zero, writtenOff: zero };
  if (rule === 'due') return { paid: net, owed: zero, writtenOff: zero };
  if (rule === 'written off') return { paid: zero, owed: zero, writtenOff: net.neg() };
  return { paid: zero, owed: net.neg(), writtenOff: zero };
}

/** The trace line of a net below zero. */
export function negativeText(rule: NegativeRule, net: Decimal, moneyR: (x: Decimal) => string): string {
  if (rule === 'due') return `below zero: ${moneyR(net.neg())} is due from the rep now (negative balance due); nothing is carried`;
  if (rule === 'written off') return `below zero: pay 0.00, ${moneyR(net.neg())} written off (negative balance written off); nothing is carried`;
  return `below zero: pay 0.00, carry ${moneyR(net.neg())} owed`;
}
