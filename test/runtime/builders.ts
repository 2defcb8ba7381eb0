// Small builders for hand-written IR and datasets in runtime tests.
import { Decimal } from '../../runtime/decimal.js';
import type {
  BandIR,
  ComponentIR,
  CreditRuleIR,
  Dataset,
  DateValue,
  DrawIR,
  Expr,
  FieldIR,
  FieldType,
  LetIR,
  PlanIR,
  RateIR,
  RowValue,
  RunResult,
  Statement,
  TableIR,
  Value,
  ValueType,
} from '../../runtime/ir.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import { periodFromKey } from '../../runtime/calendar.js';

// ---- expressions

export const dec = (v: string | number): Expr => ({ k: 'num', value: String(v), unit: 'decimal' });
export const int = (v: number): Expr => ({ k: 'num', value: String(v), unit: 'integer' });
/** pct('8') is 8% (value 0.08). */
export const pct = (v: string | number): Expr => ({ k: 'num', value: new Decimal(String(v)).div(100).toFixed(), unit: 'percent' });
export const usd = (v: string | number): Expr => ({ k: 'num', value: String(v), unit: 'money' });
export const text = (v: string): Expr => ({ k: 'text', value: v });
export const bool = (v: boolean): Expr => ({ k: 'bool', value: v });
export const dateE = (v: string): Expr => ({ k: 'date', value: v });
export const days = (n: number): Expr => ({ k: 'duration', amount: n, unit: 'days' });
export const repE: Expr = { k: 'ctx', name: 'rep' };
export const periodE: Expr = { k: 'ctx', name: 'period' };
export const rowE: Expr = { k: 'ctx', name: 'row' };
export const eventE: Expr = { k: 'ctx', name: 'event' };
export const field = (of: Expr, name: string): Expr => ({ k: 'field', of, name });
export const repF = (name: string): Expr => field(repE, name);
export const dealF = (name: string): Expr => field(rowE, name);
export const letE = (name: string): Expr => ({ k: 'let', name });
export const lookup = (table: string, f: string): Expr => ({ k: 'lookup', table, field: f });
type Op = '+' | '-' | '*' | '/' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';
export const bin = (op: Op, l: Expr, r: Expr): Expr => ({ k: 'bin', op, l, r });
export const otherwise = (e: Expr, fallback: Expr): Expr => ({ k: 'otherwise', e, fallback });
export const ifE = (c: Expr, t: Expr, e: Expr): Expr => ({ k: 'if', c, t, e });
export const call = (fn: Extract<Expr, { k: 'call' }>['fn'], ...args: Expr[]): Expr => ({ k: 'call', fn, args });
export const credit = (where?: Expr): Expr => (where ? { k: 'credit', team: false, where } : { k: 'credit', team: false });
export const teamCredit = (): Expr => ({ k: 'credit', team: true });

// ---- plan pieces

export const f = (name: string, type: FieldType, mods: Partial<FieldIR> = {}): FieldIR => ({ name, type, optional: false, positive: false, ...mods });
export const T = {
  text: { t: 'text' } as FieldType,
  date: { t: 'date' } as FieldType,
  period: { t: 'period' } as FieldType,
  bool: { t: 'boolean' } as FieldType,
  dec: { t: 'decimal' } as FieldType,
  pct: { t: 'percent' } as FieldType,
  money: { t: 'money', currency: 'USD' } as FieldType,
  ref: (table: string): FieldType => ({ t: 'ref', table }),
};

export const repsTable: TableIR = {
  name: 'reps',
  source: 'reps.csv',
  roster: true,
  key: 'id',
  fields: [
    f('id', T.text),
    f('role', T.text),
    f('manager', T.ref('reps'), { optional: true }),
    f('quota', T.money),
    f('hire_date', T.date),
    f('target', T.money),
    f('annual_quota', T.money),
  ],
};

export const dealsTable: TableIR = {
  name: 'deals',
  source: 'deals.csv',
  roster: false,
  key: 'id',
  fields: [
    f('id', T.text),
    f('owner', T.ref('reps')),
    f('amount', T.money, { optional: true }),
    f('close_date', T.date, { optional: true }),
    f('product', T.text),
    f('stage', T.text),
  ],
};

export const creditDeals: CreditRuleIR = {
  table: 'deals',
  amount: dealF('amount'),
  date: dealF('close_date'),
  to: dealF('owner'),
  text: 'credit deals',
};

export function letIR(name: string, expr: Expr, type: ValueType = 'decimal'): LetIR {
  return { name, type, expr, text: `let ${name}` };
}

export const quotaLet = letIR('quota', repF('quota'), 'money');
export const attainmentLet = letIR('attainment', otherwise(bin('/', credit(), letE('quota')), pct(0)), 'percent');

export function flat(rate: Expr, textS = 'rate'): RateIR {
  return { k: 'flat', expr: rate, text: textS };
}

/** Bands as [from, to | undefined, rate] with from/to as strings (fractions for attainment). */
export function tiers(mode: 'marginal' | 'retroactive', axis: 'attainment' | 'amount', bands: [string, string | undefined, Expr][], name?: string): RateIR {
  const b: BandIR[] = bands.map(([from, to, rate]) => ({ from, to, rate, text: `from ${from}${to ? ` to ${to}` : ''}` }));
  return { k: 'tiers', mode, axis, bands: b, name };
}

export function component(name: string, rate: RateIR, more: Partial<ComponentIR> = {}): ComponentIR {
  const c: ComponentIR = {
    name,
    label: name,
    measure: { team: false, text: 'credit' },
    basis: 'period total',
    rate,
    gates: [],
    multipliers: [],
    caps: [],
    clawbacks: [],
    ...more,
  };
  if (rate.k === 'tiers' && rate.axis === 'attainment' && !c.quota) {
    c.quota = letE('quota');
    c.attainment = letE('attainment');
  }
  return c;
}

export function plan(more: Partial<PlanIR> = {}): PlanIR {
  return {
    name: 'Test plan',
    currency: 'USD',
    periods: { frequency: 'month', every: 1, from: '2026-01-01', to: '2026-12-31' },
    rounding: { mode: 'half away from zero', place: '0.01' },
    tables: [repsTable, dealsTable],
    roster: 'reps',
    teamBy: 'manager',
    credits: [creditDeals],
    lets: [quotaLet, attainmentLet],
    components: [],
    draws: [],
    ...more,
  };
}

export function draw(recoverable: boolean, amount: Expr, more: Partial<DrawIR> = {}): DrawIR {
  return { recoverable, amount, text: recoverable ? 'draw recoverable' : 'guarantee', ...more };
}

// ---- data

export const D = (v: string | number): Decimal => new Decimal(String(v));
export const dt = (iso: string): DateValue => ({ kind: 'date', iso });

let lineCounter = 1;

export function row(table: string, key: string, values: Record<string, Value>, line?: number, file?: string): RowValue {
  return { kind: 'row', table, key, values, loc: { file: file ?? `${table}.csv`, line: line ?? ++lineCounter } };
}

export interface RepSpec {
  id: string;
  role?: string;
  manager?: string | null;
  quota?: string | number;
  hire?: string;
  target?: string | number;
  annual_quota?: string | number;
}

export function reps(...specs: RepSpec[]): RowValue[] {
  return specs.map((s, i) =>
    row(
      'reps',
      s.id,
      {
        id: s.id,
        role: s.role ?? 'AE',
        manager: s.manager ?? null,
        quota: D(s.quota ?? 0),
        hire_date: dt(s.hire ?? '2020-01-01'),
        target: D(s.target ?? 0),
        annual_quota: D(s.annual_quota ?? 0),
      },
      i + 2,
    ),
  );
}

export interface DealSpec {
  id: string;
  owner: string;
  amount: string | number | null;
  date: string | null;
  product?: string;
  stage?: string;
}

export function deals(...specs: DealSpec[]): RowValue[] {
  return specs.map((s, i) =>
    row(
      'deals',
      s.id,
      {
        id: s.id,
        owner: s.owner,
        amount: s.amount === null ? null : D(s.amount),
        close_date: s.date === null ? null : dt(s.date),
        product: s.product ?? 'Core',
        stage: s.stage ?? 'Won',
      },
      i + 2,
    ),
  );
}

/** Deals drawn by a property test as [owner 0-3 (M1, R1, R2, R3), amount, month, day, product], in 2026. */
export function drawnDeals(ds: readonly (readonly [number, string | number, number, number, string])[]): RowValue[] {
  return deals(
    ...ds.map(([o, amount, m, day, product], i) => ({
      id: `D${i}`,
      owner: ['M1', 'R1', 'R2', 'R3'][o]!,
      amount,
      date: `2026-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      product,
    })),
  );
}

// ---- running

export function run(ir: PlanIR, data: Dataset, opts: { from?: string; to?: string } = {}): RunResult {
  const out = evaluate(compilePlan(ir), data, opts);
  if (out.errors.length > 0) throw new Error('unexpected errors: ' + JSON.stringify(out.errors, null, 2));
  return out.result!;
}

export function stmt(r: RunResult, rep: string, period: string): Statement {
  const s = r.statements.find((x) => x.rep === rep && x.period === period);
  if (!s) throw new Error(`no statement for ${rep} ${period}`);
  return s;
}

export function lineOf(r: RunResult, rep: string, period: string, name: string): string {
  const s = stmt(r, rep, period);
  const l = s.lines.find((x) => x.kind === 'component' && x.name === name);
  if (!l) throw new Error(`no line ${name} for ${rep} ${period}`);
  return l.amount;
}

export function periodV(key: string) {
  return periodFromKey(key)!;
}

/** Collects the text of every trace node, depth first. */
export function traceText(s: Statement): string[] {
  const out: string[] = [];
  const walk = (ns: Statement['trace'], depth: number): void => {
    for (const n of ns) {
      out.push('  '.repeat(depth) + n.text);
      if (n.children) walk(n.children, depth + 1);
    }
  };
  walk(s.trace, 0);
  return out;
}
