// The one configured Decimal used for all money, rates and quantities.
// Precision is high enough that no intermediate value of a plan is ever rounded by the
// library; rounding happens only where the plan says (see `roundLine`).
import { Decimal as DecimalJs } from 'decimal.js';

export const Decimal = DecimalJs.clone({ precision: 60, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;

export function dec(text: string | Decimal): Decimal {
  return new Decimal(text);
}

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
