// The one configured Decimal used for all money, rates and quantities.
// 60 significant digits: sums, differences and products of plan and data values (at most 30
// significant digits each) are exact; a division that does not terminate is carried to 60
// significant digits (docs/language.md, "Precision of intermediate values"). Rounding to the
// plan's place happens only on payout lines (see `roundLine`); `exactText` (format.ts) prints
// the `exact` texts of lines with at most 20 decimals.
import { Decimal as DecimalJs } from 'decimal.js';

export const Decimal = DecimalJs.clone({ precision: 60, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;

export function dec(text: string | Decimal): Decimal {
  return new Decimal(text);
}

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
