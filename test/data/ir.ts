// Hand-written PlanIR for loader tests: the loader only reads `tables`, `roster` and `credits`,
// so these tests do not wait on the analyzer.
import type { FieldIR, FieldType, PlanIR, TableIR } from '../../runtime/ir.js';

export const text: FieldType = { t: 'text' };
export const date: FieldType = { t: 'date' };
export const period: FieldType = { t: 'period' };
export const boolean: FieldType = { t: 'boolean' };
export const integer: FieldType = { t: 'integer' };
export const decimal: FieldType = { t: 'decimal' };
export const percent: FieldType = { t: 'percent' };
export const money: FieldType = { t: 'money', currency: 'USD' };
export const ref = (table: string): FieldType => ({ t: 'ref', table });

export function field(name: string, type: FieldType, opts: Partial<Omit<FieldIR, 'name' | 'type'>> = {}): FieldIR {
  return { name, type, optional: false, positive: false, ...opts };
}

export function table(name: string, fields: FieldIR[], opts: Partial<Omit<TableIR, 'name' | 'fields'>> = {}): TableIR {
  return { name, source: `${name}.csv`, roster: false, fields, ...opts };
}

export function plan(tables: TableIR[], opts: Partial<PlanIR> = {}): PlanIR {
  return {
    name: 'Loader test',
    currency: 'USD',
    periods: { frequency: 'month', every: 1 },
    rounding: { mode: 'half away from zero', place: '0.01' },
    tables,
    roster: 'reps',
    credits: [],
    lets: [],
    components: [],
    draws: [],
    ...opts,
  };
}

export const reps = table(
  'reps',
  [
    field('id', text),
    field('manager', ref('reps'), { optional: true }),
    field('role', text),
    field('hire_date', date),
    field('monthly_quota', money, { positive: true }),
    field('active', boolean),
  ],
  { roster: true, key: 'id' },
);

export const products = table('products', [field('product', text), field('price', money)], { key: 'product' });

export const deals = table(
  'deals',
  [
    field('id', text),
    field('owner', ref('reps')),
    field('product', ref('products'), { aliases: { GTXPro: 'GTX Pro' } }),
    field('stage', text),
    field('close_date', date, { optional: true }),
    field('amount', money, { optional: true }),
    field('units', integer, { optional: true }),
    field('discount', percent, { optional: true }),
  ],
  { key: 'id' },
);

export const splits = table('splits', [
  field('deal', ref('deals')),
  field('rep', ref('reps')),
  field('share', percent),
  field('overlay', boolean, { optional: true }),
]);

export const csat = table('csat', [field('rep', ref('reps')), field('month', period), field('score', decimal)], {
  repField: 'rep',
  periodField: 'month',
});

const num = (value: string) => ({ k: 'num' as const, value, unit: 'decimal' as const });

/** The full test plan: a roster, products, deals credited with splits, and CSAT scores. */
export const testPlan: PlanIR = plan([reps, products, deals, splits, csat], {
  teamBy: 'manager',
  credits: [
    {
      table: 'deals',
      amount: { k: 'field', of: { k: 'ctx', name: 'row' }, name: 'amount' },
      date: { k: 'field', of: { k: 'ctx', name: 'row' }, name: 'close_date' },
      to: { k: 'field', of: { k: 'ctx', name: 'row' }, name: 'owner' },
      where: { k: 'bin', op: '=', l: { k: 'field', of: { k: 'ctx', name: 'row' }, name: 'stage' }, r: { k: 'text', value: 'Won' } },
      split: { table: 'splits', dealField: 'deal', repField: 'rep', shareField: 'share', overlayField: 'overlay' },
      text: 'credit deals',
    },
  ],
  lets: [{ name: 'one', type: 'decimal', expr: num('1'), text: 'let one = 1' }],
});
