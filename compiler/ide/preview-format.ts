// Money, bars and period ranges as previews print them.
import { Decimal } from '../../runtime/decimal.js';
import { groupThousands } from '../../runtime/format.js';

export function money(currency: string, d: Decimal, dp = 2): string {
  const s = d.toFixed(dp);
  return `${currency} ${groupThousands(/^-0(\.0*)?$/.test(s) ? s.slice(1) : s)}`;
}

const BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `width` cells for value/max (Unicode eighth blocks). */
export function bar(value: Decimal, max: Decimal, width = 20): string {
  if (max.lte(0) || value.lte(0)) return '';
  const eighths = value.div(max).times(width * 8).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  return '█'.repeat(Math.floor(eighths / 8)) + BLOCKS[eighths % 8]!;
}

/** The plan year's periods as a range: "2017-03 to 2017-12 (10 periods)". */
export function yearRange(periods: string[]): string {
  if (periods.length <= 1) return periods[0] ?? '';
  return `${periods[0]} to ${periods[periods.length - 1]} (${periods.length} periods)`;
}

