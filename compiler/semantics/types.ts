// Types with units, as the checker sees them.

export type Type =
  | { k: 'money'; currency: string }
  | { k: 'percent' }
  | { k: 'decimal' }
  | { k: 'integer' }
  | { k: 'date' }
  | { k: 'period' }
  | { k: 'duration'; unit: 'days' | 'months' }
  | { k: 'text' }
  | { k: 'boolean' }
  /** A row of a table (the roster's rows are reps). */
  | { k: 'row'; table: string }
  /** A table name used as a value: only `table.field` lookups per rep are allowed. */
  | { k: 'table'; table: string }
  | { k: 'tiers'; axis: 'attainment' | 'amount' | 'unknown'; mode: 'marginal' | 'retroactive' }
  /** After an error: accepted everywhere, so one mistake gives one diagnostic. */
  | { k: 'unknown' };

export const T = {
  percent: { k: 'percent' } as Type,
  decimal: { k: 'decimal' } as Type,
  integer: { k: 'integer' } as Type,
  date: { k: 'date' } as Type,
  period: { k: 'period' } as Type,
  text: { k: 'text' } as Type,
  boolean: { k: 'boolean' } as Type,
  unknown: { k: 'unknown' } as Type,
  money: (currency: string): Type => ({ k: 'money', currency }),
  row: (table: string): Type => ({ k: 'row', table }),
};

export function isUnknown(t: Type): boolean {
  return t.k === 'unknown';
}

/** integer, decimal and percent: plain quantities that scale money. */
export function isScalar(t: Type): boolean {
  return t.k === 'integer' || t.k === 'decimal' || t.k === 'percent';
}

export function isNumeric(t: Type): boolean {
  return isScalar(t) || t.k === 'money';
}

/** The result of mixing scalars: percent wins over decimal over integer. */
export function joinScalar(a: Type, b: Type): Type {
  if (a.k === 'percent' || b.k === 'percent') return T.percent;
  if (a.k === 'decimal' || b.k === 'decimal') return T.decimal;
  return T.integer;
}

export function sameType(a: Type, b: Type): boolean {
  if (a.k === 'unknown' || b.k === 'unknown') return true;
  if (isScalar(a) && isScalar(b)) return true;
  if (a.k !== b.k) return false;
  if (a.k === 'money' && b.k === 'money') return a.currency === b.currency;
  if (a.k === 'row' && b.k === 'row') return a.table === b.table;
  if (a.k === 'duration' && b.k === 'duration') return a.unit === b.unit;
  return true;
}

/** How a type is named to analysts in messages and hovers. */
export function show(t: Type, rosterName?: string): string {
  switch (t.k) {
    case 'money':
      return `money (${t.currency})`;
    case 'row':
      return t.table === rosterName ? 'a rep' : `a row of \`${t.table}\``;
    case 'table':
      return `the table \`${t.table}\``;
    case 'tiers':
      return `tiers (${t.mode}${t.axis === 'unknown' ? '' : ` on ${t.axis}`})`;
    case 'duration':
      return `a duration in ${t.unit}`;
    case 'unknown':
      return 'an unknown value';
    case 'boolean':
      return 'true/false';
    default:
      return t.k;
  }
}

/** For the IR: the display unit of a value. */
export function valueType(t: Type): import('../../runtime/ir.js').ValueType {
  switch (t.k) {
    case 'money':
    case 'percent':
    case 'decimal':
    case 'integer':
    case 'date':
    case 'period':
    case 'text':
    case 'boolean':
    case 'duration':
      return t.k;
    case 'row':
      return 'row';
    default:
      return 'decimal';
  }
}

/** ISO 4217 codes likely in plans; an unknown code is only a warning. */
export const CURRENCIES = new Set(
  'USD EUR GBP JPY CHF CAD AUD NZD SEK NOK DKK PLN CZK HUF INR CNY HKD SGD KRW BRL MXN ZAR AED SAR ILS TRY RUB THB MYR IDR PHP TWD ARS CLP COP PEN'.split(' '),
);
