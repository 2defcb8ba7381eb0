// Synthetic data for the workbench: the plan's own tables with made-up credited rows, evaluated
// by the real runtime (compilePlan / evaluate). Nothing here computes a payout: it only writes
// rows and reads statements.
//
// A synthetic deal is a copy of a real credited row (so every `where`, `rate by` and lookup
// sees a deal like the ones the plan is written for) with its amount, date and owner replaced.
// That needs the credit rule's amount, date and owner to be fields of the row (optionally
// through `convert(...)`, whose currency field is set to the plan currency).
import type { CreditRuleIR, Dataset, Expr, PeriodValue, PlanIR, RowValue, RunResult, Statement } from '../../runtime/ir.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import { Decimal } from '../../runtime/decimal.js';

export interface Template {
  rule: CreditRuleIR;
  row: RowValue;
  amountField: string;
  dateField: string;
  toField: string;
  currencyField?: string;
}

function rowField(e: Expr | undefined): string | undefined {
  return e && e.k === 'field' && e.of.k === 'ctx' && e.of.name === 'row' ? e.name : undefined;
}

function templateFor(rule: CreditRuleIR, row: RowValue): Template | undefined {
  let amount = rule.amount;
  let currencyField: string | undefined;
  if (amount.k === 'convert') {
    currencyField = rowField(amount.fromExpr);
    amount = amount.e;
  }
  const amountField = rowField(amount);
  const dateField = rowField(rule.date);
  const toField = rowField(rule.to);
  if (!amountField || !dateField || !toField) return undefined;
  return currencyField ? { rule, row, amountField, dateField, toField, currencyField } : { rule, row, amountField, dateField, toField };
}

/**
 * A real credited row to copy: the first deal credited to `rep` (else to anyone) in the run,
 * in statement order (deterministic).
 */
export function findTemplate(ir: PlanIR, data: Dataset, result: RunResult, rep?: string): Template | undefined {
  const credited = (s: Statement) => (s.deals ?? []).map((d) => d.deal);
  const order = [...result.statements.filter((s) => s.rep === rep), ...result.statements.filter((s) => s.rep !== rep)];
  for (const s of order) {
    for (const key of credited(s)) {
      for (const rule of ir.credits) {
        const row = (data[rule.table] ?? []).find((r) => r.key === key);
        if (row) {
          const t = templateFor(rule, row);
          if (t) return t;
        }
      }
    }
  }
  return undefined;
}

export interface SyntheticCredit {
  rep: string;
  /** ISO date. */
  date: string;
  amount: Decimal;
}

/**
 * The dataset with the synthetic credits added as rows of the template's table. `replace`: the
 * real credited rows (and the clawback events and split rows that refer to them) are left out,
 * so that only the synthetic credits count.
 */
export function withCredits(ir: PlanIR, data: Dataset, t: Template, credits: SyntheticCredit[], replace: boolean): Dataset {
  const out: Dataset = { ...data };
  if (replace) {
    for (const r of ir.credits) {
      out[r.table] = [];
      if (r.split) out[r.split.table] = [];
    }
    for (const c of [...ir.components, ...(ir.versions ?? []).flatMap((v) => v.components)]) for (const cb of c.clawbacks) out[cb.events] = [];
  }
  const keyField = ir.tables.find((x) => x.name === t.rule.table)?.key;
  const rows = credits.map((c, i): RowValue => {
    const key = `synthetic-${i + 1}`;
    const values = { ...t.row.values, [t.amountField]: c.amount, [t.dateField]: { kind: 'date' as const, iso: c.date }, [t.toField]: c.rep };
    if (t.currencyField) values[t.currencyField] = ir.currency;
    if (keyField) values[keyField] = key;
    return { kind: 'row', table: t.rule.table, key, values, loc: { file: 'synthetic', line: i + 1 } };
  });
  out[t.rule.table] = [...(out[t.rule.table] ?? []), ...rows];
  return out;
}

/** The plan narrowed to the periods from `first` to `last` (both included). */
export function narrowed(ir: PlanIR, first: PeriodValue, last: PeriodValue = first): PlanIR {
  return { ...ir, periods: { ...ir.periods, from: first.start, to: last.end } };
}

/** Evaluate; the result, or the first error's message. */
export function run(ir: PlanIR, data: Dataset): { result?: RunResult; problem?: string } {
  try {
    const out = evaluate(compilePlan(ir), data);
    if (out.result && !out.errors.length) return { result: out.result };
    return { problem: out.errors[0]?.message ?? 'the evaluation failed' };
  } catch (e) {
    return { problem: (e as Error).message };
  }
}

/** Sum of a statement's component lines named `name` (rounded amounts). */
export function componentPaid(s: Statement | undefined, name: string): Decimal | undefined {
  if (!s) return undefined;
  const lines = s.lines.filter((l) => l.kind === 'component' && l.name === name);
  if (!lines.length) return undefined;
  return lines.reduce((a, l) => a.plus(new Decimal(l.amount)), new Decimal(0));
}

/** The rep's quota in a statement (`let quota`), when the plan has one and it is positive. */
export function quotaOf(s: Statement | undefined): Decimal | undefined {
  const q = s?.values?.['quota'];
  if (q === undefined || !/^-?\d+(\.\d+)?$/.test(q)) return undefined;
  const d = new Decimal(q);
  return d.gt(0) ? d : undefined;
}
