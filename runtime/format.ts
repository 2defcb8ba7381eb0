// Formatting of amounts, percents and values for traces and statements. Shared with the CLI.
// Nothing here rounds a value that is used in a computation: these are display strings only.
import { Decimal } from './decimal.js';
import type { RoundingMode, Value } from './ir.js';

/** '1234567.5' -> '1,234,567.5' (keeps the sign and the fraction as they are). */
export function groupThousands(plain: string): string {
  const dot0 = plain.indexOf('.');
  if ((dot0 < 0 ? plain.length : dot0) - (plain.startsWith('-') ? 1 : 0) <= 3) return plain;
  const neg = plain.startsWith('-');
  const body = neg ? plain.slice(1) : plain;
  const dot = body.indexOf('.');
  const int = dot < 0 ? body : body.slice(0, dot);
  const frac = dot < 0 ? '' : body.slice(dot);
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + grouped + frac;
}

/** Plain decimal text without exponent; never '-0'. */
export function plainDecimal(d: Decimal): string {
  if (d.isZero()) return '0';
  return d.toFixed();
}

/** '0', '0.0', '0.00', ... by number of decimals. */
const ZEROS: string[] = [];

/** Fixed number of decimals (already rounded values), never '-0.00'. */
export function fixed(d: Decimal, dp: number): string {
  // zero (or -0): what the general path below gives, without decimal.js's text
  const w = d.d;
  if (w && w[0] === 0 && dp >= 0 && dp < 64) return (ZEROS[dp] ??= dp > 0 ? `0.${'0'.repeat(dp)}` : '0');
  let s: string;
  if (d.decimalPlaces() <= dp) {
    // exact: pad the plain text instead of rounding (faster, same result)
    s = d.toFixed();
    if (dp > 0) {
      const dot = s.indexOf('.');
      const have = dot < 0 ? 0 : s.length - dot - 1;
      s = (dot < 0 ? s + '.' : s) + '0'.repeat(dp - have);
    }
  } else s = d.toFixed(dp);
  return s.charCodeAt(0) === 45 && /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** Decimal places of the `exact` texts of payout and deal lines and trace values (docs/language.md, "Precision"); let values are given in full. */
export const EXACT_PLACES = 20;

/**
 * The `exact` text of a payout or deal line: the amount before the line's rounding, plain, with
 * at most EXACT_PLACES decimals. Sums, differences and products of plan and data values end well
 * before that; a division that does not terminate (a clawback's share of a period total, a third)
 * is cut there, half even, so every line prints the same way rather than as many digits as the
 * 60 significant digits of the arithmetic happen to leave after the point.
 */
export function exactText(d: Decimal): string {
  const w = d.d;
  if (w && w[0] === 0) return '0';
  const s = d.decimalPlaces() <= EXACT_PLACES ? d.toFixed() : d.toDecimalPlaces(EXACT_PLACES, Decimal.ROUND_HALF_EVEN).toFixed();
  return s.charCodeAt(0) === 45 && /^-0(\.0*)?$/.test(s) ? '0' : s;
}

/**
 * An amount for a trace: exact, with thousands separators and at least `minDp` decimals
 * ('5,000.00', '2.2725'). Values with more than `maxDp` decimals (divisions) are shown to
 * `maxDp` decimals followed by '…' so that a reader sees they are not exact at that length.
 */
export function formatAmount(d: Decimal, minDp = 2, maxDp = 8): string {
  const dp = Math.max(minDp, d.decimalPlaces());
  if (dp > maxDp) return groupThousands(fixed(d.toDecimalPlaces(maxDp, Decimal.ROUND_DOWN), maxDp)) + '…';
  return groupThousands(fixed(d, dp));
}

/** A rounded amount with exactly `dp` decimals and thousands separators. */
export function formatRounded(d: Decimal, dp: number): string {
  return groupThousands(fixed(d, dp));
}

/** A fraction as a percent: 0.08 -> '8%', 1.3 -> '130%', 0.125 -> '12.5%'. */
export function formatPercent(d: Decimal, maxDp = 6): string {
  const p = d.times(100);
  if (p.decimalPlaces() > maxDp) return groupThousands(fixed(p.toDecimalPlaces(maxDp, Decimal.ROUND_DOWN), maxDp)) + '…%';
  return groupThousands(plainDecimal(p)) + '%';
}

/** A plain number with thousands separators, exact ('4.6', '1,200'). */
export function formatNumber(d: Decimal, maxDp = 8): string {
  if (d.decimalPlaces() > maxDp) return groupThousands(fixed(d.toDecimalPlaces(maxDp, Decimal.ROUND_DOWN), maxDp)) + '…';
  return groupThousands(plainDecimal(d));
}

/** A multiplier as plans write it: 1.2 -> 'x1.2'. */
export function formatMultiplier(d: Decimal): string {
  return 'x' + formatNumber(d);
}

/** Any runtime value, for traces. Decimals are shown as plain numbers. */
export function formatValue(v: Value | { kind: 'duration'; amount: number; unit: string } | undefined): string {
  if (v === null || v === undefined) return '(empty)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Decimal.isDecimal(v)) return formatNumber(new Decimal((v as Decimal).toString()));
  const o = v as { kind: string };
  switch (o.kind) {
    case 'date':
      return (v as { iso: string }).iso;
    case 'period':
      return (v as { key: string }).key;
    case 'row':
      return (v as { key: string }).key;
    case 'duration': {
      const d = v as { amount: number; unit: string };
      return `${d.amount} ${d.unit}`;
    }
  }
  return String(v);
}

/** Number of decimals of a rounding place: '0.01' -> 2, '1' -> 0, '0.05' -> 2. */
export function placeDigits(place: string): number {
  return Math.max(0, new Decimal(place).decimalPlaces());
}

export function describeRounding(mode: RoundingMode, place: string): string {
  return `${mode} to ${place}`;
}
