// Trace nodes shared by the phases: values, credit lists, rounding.
import type { Decimal } from '../decimal.js';
import type { RoundingMode, TraceNode, Value } from '../ir.js';
import { fixed, formatAmount, formatPercent, formatRounded, formatValue, placeDigits } from '../format.js';
import { roundLine } from '../rounding.js';
import { conversionNodes } from '../mechanics/currency.js';
import type { Credit, RV } from './types.js';
import { isDec, sum } from './values.js';

export function valueString(v: RV): string {
  // in full: tools read these values back as exact numbers (the workbench's synthetic deals)
  if (isDec(v)) return v.toFixed();
  if (typeof v === 'string') return v;
  return formatValue(v as Value);
}

export function showTyped(v: RV, type: string, money: (d: Decimal) => string): string {
  if (isDec(v)) {
    if (type === 'money') return money(v);
    if (type === 'percent') return formatPercent(v);
  }
  return formatValue(v as Value);
}

export function creditsTrace(kind: string, title: string, credits: Credit[], money: (d: Decimal) => string, team = false): TraceNode {
  const total = sum(credits.map((c) => c.amount));
  const children: TraceNode[] = credits.map((c) => {
    const who = team ? ` (${c.rep})` : '';
    const shareText = c.share === null ? '' : ` x ${c.overlay ? 'overlay ' : 'split '}${formatPercent(c.share)} of ${money(c.dealAmount)}`;
    return {
      kind: 'deal',
      text: `${c.key}${who} from ${c.table}, ${c.date}${shareText}: ${money(c.amount)}`,
      value: c.amount.toFixed(),
      ...(conversionNodes(c.row).length ? { children: conversionNodes(c.row) } : {}),
    };
  });
  const n = credits.length;
  return { kind, text: `${title}: ${money(total)} from ${n} ${n === 1 ? 'deal' : 'deals'}`, value: total.toFixed(), children };
}

export function roundingNode(
  exact: Decimal,
  rounded: Decimal,
  mode: string,
  place: string,
  money: (d: Decimal) => string,
  moneyR: (d: Decimal) => string,
): TraceNode {
  return { kind: 'rounding', text: `rounded ${mode} to ${place}: ${money(exact)} -> ${moneyR(rounded)}`, value: rounded.toFixed() };
}


/** How payout lines are rounded and amounts shown in one evaluation. */
export interface LineFormat {
  /** false: the costliest trace text (credit lists, values) is skipped; figures are the same. */
  tracing: boolean;
  rounding: { mode: RoundingMode; place: string };
  /** The decimals `str` prints (the rounding place's). */
  dp: number;
  round(x: Decimal): Decimal;
  /** A rounded amount as a plain string with the plan's places. */
  str(x: Decimal): string;
  money(x: Decimal): string;
  moneyR(x: Decimal): string;
}

export function lineFormat(rounding: { mode: RoundingMode; place: string }, tracing: boolean): LineFormat {
  const dp = placeDigits(rounding.place);
  // the last amount's text: a statement's earned, paid and its one component line are often the same value
  let lastX: Decimal | undefined;
  let lastS = '';
  return {
    tracing,
    rounding,
    dp,
    round: (x) => roundLine(x, rounding),
    str: (x) => (x === lastX ? lastS : ((lastX = x), (lastS = fixed(x, dp)))),
    // without traces, amounts in trace text are left out (the text is never shown)
    money: tracing ? (x) => formatAmount(x) : () => '',
    moneyR: tracing ? (x) => formatRounded(x, dp) : () => '',
  };
}
