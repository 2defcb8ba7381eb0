// Currencies at run time: the FX rates table, `convert(...)` and payout currencies
// (docs/language.md, "Currencies").
//
// A row (from EUR, to USD, date 2026-01-01, rate 1.08) says one EUR is 1.08 USD from that date.
// The rate for a conversion on a date is the latest row for the pair dated on or before it;
// there is no inverse and no cross rate: a USD->EUR conversion needs USD->EUR rows. No rate on or
// before the date is a run error (COMP7090) located at the row being converted.
import { Decimal } from '../decimal.js';
import type { DataError, Dataset, RowValue, TraceNode } from '../ir.js';
import { formatAmount } from '../format.js';

/** A failure with its own diagnostic code and location (not caught by `otherwise`). */
export class CodedRunError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly loc?: { file: string; line: number },
  ) {
    super(message);
  }
}

interface Rate {
  date: string;
  rate: Decimal;
  loc: { file: string; line: number };
}

export interface FxIndex {
  /** 'EUR>USD' -> rates by date, ascending. */
  pairs: Map<string, Rate[]>;
}

const CODE = /^[A-Z]{3}$/;

/** Index the FX table; bad currency codes and two rates for one pair and date are data errors. */
export function buildFx(table: string | undefined, data: Dataset): { fx?: FxIndex; errors: DataError[] } {
  if (!table) return { errors: [] };
  const errors: DataError[] = [];
  const pairs = new Map<string, Rate[]>();
  const err = (row: RowValue, problem: string) => errors.push({ code: 'COMP6091', message: problem, file: row.loc.file, line: row.loc.line, column: 1 });
  for (const row of data[table] ?? []) {
    const from = row.values.from;
    const to = row.values.to;
    const date = row.values.date;
    const rate = row.values.rate;
    if (typeof from !== 'string' || typeof to !== 'string' || !(rate instanceof Decimal) || typeof date !== 'object' || date === null || !('kind' in date) || date.kind !== 'date') continue; // already reported by the loader
    if (!CODE.test(from) || !CODE.test(to)) {
      err(row, `\`${CODE.test(from) ? to : from}\` is not a currency code (3 capital letters, e.g. EUR)`);
      continue;
    }
    if (from === to) {
      err(row, `a rate from ${from} to itself`);
      continue;
    }
    const k = `${from}>${to}`;
    const list = pairs.get(k) ?? [];
    const dup = list.find((r) => r.date === date.iso);
    if (dup) {
      err(row, `a second ${from} to ${to} rate on ${date.iso} (the first is at line ${dup.loc.line})`);
      continue;
    }
    list.push({ date: date.iso, rate, loc: row.loc });
    pairs.set(k, list);
  }
  for (const list of pairs.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { fx: { pairs }, errors };
}

/** The rate in force on `iso`: the latest on or before it. */
export function rateOn(fx: FxIndex | undefined, from: string, to: string, iso: string, what: string, loc?: { file: string; line: number }): { rate: Decimal; date: string } {
  if (from === to) return { rate: new Decimal(1), date: iso };
  const list = fx?.pairs.get(`${from}>${to}`) ?? [];
  let best: Rate | undefined;
  for (const r of list) {
    if (r.date <= iso) best = r;
    else break;
  }
  if (!best) {
    const first = list[0];
    const msg = `no ${from} to ${to} rate on or before ${iso} (${what})${first ? `; the first ${from} to ${to} rate is dated ${first.date}` : `; the FX table has no ${from} to ${to} rows`}`;
    throw new CodedRunError('COMP7090', msg, loc);
  }
  return { rate: best.rate, date: best.date };
}

// ------------------------------------------------------------------ explanations

/** Conversions made on a row (a deal), shown under the deal in `comp explain`. */
const notes = new WeakMap<RowValue, Map<string, TraceNode>>();

export function noteConversion(row: RowValue | null, amount: Decimal, from: string, to: string, date: string, r: { rate: Decimal; date: string }, result: Decimal): void {
  if (!row) return;
  const text = `converted ${from} ${formatAmount(amount)} to ${to} at ${r.rate.toFixed()} (rate of ${r.date}, in force on ${date}) = ${to} ${formatAmount(result)}`;
  let m = notes.get(row);
  if (!m) notes.set(row, (m = new Map()));
  if (!m.has(text)) m.set(text, { kind: 'fx', text, value: result.toFixed() });
}

export function conversionNodes(row: RowValue): TraceNode[] {
  return [...(notes.get(row)?.values() ?? [])];
}

/**
 * `payout currency`: the statement's `paid` (plan currency, already rounded) times the rate in
 * force on the period's last day, rounded once more in the payout currency.
 */
export function payoutIn(
  fx: FxIndex | undefined,
  planCurrency: string,
  currency: string,
  paid: Decimal,
  periodEnd: string,
  round: (d: Decimal) => Decimal,
  str: (d: Decimal) => string,
  rep: RowValue,
): { payout: { currency: string; rate: string; rateDate: string; paid: string }; node: TraceNode } | undefined {
  if (!CODE.test(currency)) throw new CodedRunError('COMP6091', `rep \`${rep.key}\`: payout currency \`${currency}\` is not a currency code (3 capital letters)`, rep.loc);
  if (currency === planCurrency) return undefined;
  const r = rateOn(fx, planCurrency, currency, periodEnd, `payout of rep \`${rep.key}\``, rep.loc);
  const exact = paid.times(r.rate);
  const rounded = round(exact);
  return {
    payout: { currency, rate: r.rate.toFixed(), rateDate: r.date, paid: str(rounded) },
    node: {
      kind: 'payout currency',
      text: `Paid in ${currency}: ${planCurrency} ${formatAmount(paid)} x ${r.rate.toFixed()} (${planCurrency} to ${currency}, rate of ${r.date}, in force on the period's last day ${periodEnd}) = ${currency} ${formatAmount(exact)}, rounded ${currency} ${str(rounded)}`,
      value: str(rounded),
    },
  };
}
