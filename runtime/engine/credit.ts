// Phase 1, per deal: crediting. Every row of a credit rule's table that passes `where` is dated
// and credited to its rep, whole (`to`) or by its splits and overlays (`creditRows`: each line is
// handed to a sink). `creditDeals` keeps every line as a `Credit`, sorted by date, table, key,
// rule, rep, overlay and split key (the order every later phase keeps); ./aggregate.ts sums them
// per rep and period instead.
import { Decimal } from '../decimal.js';
import type { DataError, Dataset, RowValue } from '../ir.js';
import { RowCursor, cell, columnsOf, fileOf, lineOf } from '../rows.js';
import { formatPercent } from '../format.js';
import { CodedRunError } from '../mechanics/currency.js';
import { EvalFailure, type CompiledPlan, type Credit, type EvaluateOptions, type Ctx, type Env, type RV } from './types.js';
import { asBool, asDec, byStr, isoOfValue, keyOf, sortRows, sum } from './values.js';
import { dataError, msg } from './errors.js';
import { filterReads, memoFilter, rowFields } from './memo.js';
import { KeyFilter } from './key-filter.js';
import { cellReader } from './columns.js';

const ONE = new Decimal(1);

/** A credit before the plan periods are known (`period` is '' until the driver sets it). */
export type DatedCredit = Credit;

const NONE: RowValue[] = [];

/** A credit, always built with the same shape (its period set once the plan periods are known). */
export function credit(rep: string, rule: number, table: string, row: RowValue, date: string, dealAmount: Decimal, share: Decimal | null, overlay: boolean, amount: Decimal, splitKey: string): Credit {
  return { rule, table, key: row.key, row, date, dealAmount, rep, share, overlay, amount, splitKey, period: '', named: false };
}

/** Takes one credit line (the arguments of `credit`, in its order). */
export type CreditSink = (rep: string, rule: number, table: string, row: RowValue, date: string, dealAmount: Decimal, share: Decimal | null, overlay: boolean, amount: Decimal, splitKey: string) => void;

/** Every credit line, sorted (credit order). */
export function creditDeals(plan: CompiledPlan, env: Env, data: Dataset, errors: DataError[], opts: EvaluateOptions = {}): DatedCredit[] {
  const raw: DatedCredit[] = [];
  creditRows(plan, env, data, errors, opts, (rep, rule, table, row, date, dealAmount, share, overlay, amount, splitKey) => {
    raw.push(credit(rep, rule, table, row, date, dealAmount, share, overlay, amount, splitKey));
  });
  return sortCredits(raw);
}

/**
 * The credit lines of every credited row, rule by rule and row by row, each given to `emit`;
 * failures into `errors`. `byIndex`: a table still held as columns only (../rows.ts `columnsOf`)
 * is walked by row number with one `RowCursor` (no row object made): `emit` then gets the cursor,
 * and must `pinRow` any row it keeps.
 */
export function creditRows(plan: CompiledPlan, env: Env, data: Dataset, errors: DataError[], opts: EvaluateOptions, emit: CreditSink, byIndex = false): void {
  plan.credits.forEach((rule, ri) => {
    // the rows in their own order: the credits' sort below ends on the rows' order (key, file, line)
    const cols = byIndex ? columnsOf(data, rule.ir.table) : undefined;
    const src = cols ? NONE : data[rule.ir.table] ?? NONE;
    const len = cols ? cols.n : src.length;
    const cur = cols ? new RowCursor('', cols.table, 0) : undefined;
    if (cur) cur.hashes = cols!.hashes;
    const keyAt = cols?.key;
    // by row number, a plain field's cells straight from its column (./columns.ts; undefined: ask the closure)
    const types = plan.fieldTypes.get(rule.ir.table);
    const refRows = (t: string) => env.tables.get(t);
    const amountAt = cols && !opts.credits ? cellReader(rule.ir.amount, cols.table, types, refRows) : undefined;
    const dateAt = cols && !opts.credits ? cellReader(rule.ir.date, cols.table, types, refRows) : undefined;
    const toAt = cols && !opts.credits ? cellReader(rule.ir.to, cols.table, types, refRows) : undefined;
    const split = rule.ir.split;
    const splitIdx = new Map<string, RowValue[]>();
    if (split) {
      for (const s of sortRows(data[split.table] ?? [])) {
        const dk = keyOf(cell(s, split.dealField) as RV);
        if (dk === undefined) continue;
        const list = splitIdx.get(dk) ?? [];
        list.push(s);
        splitIdx.set(dk, list);
      }
    }
    // (most rows have no split: told by a bit filter without hashing their key text, ./key-filter.ts)
    const splitMay = split ? new KeyFilter(splitIdx.keys(), splitIdx.size) : undefined;
    const pre = opts.credits;
    const c: Ctx = { env, rp: null, rep: null, period: null, row: null, event: null };
    const progress = opts.progress;
    // a filter reading one or two of the row's fields: once per distinct cell (./memo.ts)
    const whereOnce = rule.where && rule.ir.where && filterReads(rule.ir.where) === 'row' ? memoFilter(rule.where, rowFields(rule.ir.where), c) : undefined;
    let n = 0;
    // pushes one split row's credit (made once per rule, not per row: no closure per row)
    const pushSplit = (row: RowValue, iso: string, amount: Decimal, s: RowValue, overlay: boolean): void => {
      const rk = keyOf(cell(s, split!.repField) as RV);
      const share = asDec(cell(s, split!.shareField) as RV, c);
      if (rk === undefined) return;
      emit(rk, ri, rule.ir.table, row, iso, amount, share, overlay, amount.times(share), s.key);
    };
    for (let i = 0; i < len; i++) {
      const row = cur ? cur.at(i, keyAt!(i)) : src[i]!;
      if (progress && (++n & 0xffff) === 0) progress(`crediting ${rule.ir.table}: ${n.toLocaleString('en-US')} of ${len.toLocaleString('en-US')} rows`);
      if (pre && !pre.handBack.get(ri)?.has(row.key)) {
        for (const l of pre.lines.get(ri)?.get(row.key) ?? []) {
          const dealAmount = new Decimal(l.dealAmount);
          emit(l.rep, ri, rule.ir.table, row, l.date, dealAmount, l.share === null ? null : new Decimal(l.share), l.overlay, new Decimal(l.amount), l.splitKey);
        }
        continue;
      }
      // one context per rule, pointed at each row in turn (nothing keeps it past the row)
      c.row = row;
      c.lastEmpty = undefined;
      let stage = 'where';
      try {
        if (rule.where && !(whereOnce ? whereOnce(row) : asBool(rule.where(c), c))) continue;
        stage = 'amount';
        const amountV = (amountAt && amountAt(i)) ?? rule.amount(c);
        if (amountV === null) {
          errors.push(dataError('COMP7003', msg('COMP7003', { what: `amount (${rule.ir.table} \`${row.key}\`)` }), row.loc));
          continue;
        }
        const amount = asDec(amountV, c);
        stage = 'date';
        const dateV = (dateAt && dateAt(i)) ?? rule.date(c);
        if (dateV === null) {
          errors.push(dataError('COMP7003', msg('COMP7003', { what: `date (${rule.ir.table} \`${row.key}\`)` }), row.loc));
          continue;
        }
        const iso = isoOfValue(dateV, c);
        const table = rule.ir.table;
        const splits = split && splitMay!.mayHaveRow(row) ? splitIdx.get(row.key) ?? NONE : NONE;
        const ordinary = splits.length === 0 ? NONE : splits.filter((s) => !(split?.overlayField && cell(s, split.overlayField) === true));
        const overlays = splits.length === 0 ? NONE : splits.filter((s) => split?.overlayField && cell(s, split.overlayField) === true);
        if (ordinary.length > 0 && split) {
          const total = sum(ordinary.map((s) => asDec(cell(s, split.shareField) as RV, c)));
          if (!total.eq(ONE)) {
            const first = [...ordinary].sort((a, b) => a.loc.line - b.loc.line)[0]!;
            errors.push(dataError('COMP6006', msg('COMP6006', { deal: row.key, sum: formatPercent(total) }), first.loc));
            continue;
          }
        }
        if (ordinary.length === 0) {
          stage = 'to';
          const toV = (toAt && toAt(i)) ?? rule.to(c);
          const rk = keyOf(toV);
          if (rk === undefined) {
            errors.push(dataError('COMP7003', msg('COMP7003', { what: `rep to credit (${rule.ir.table} \`${row.key}\`)` }), row.loc, rule.ir.at));
            continue;
          }
          emit(rk, ri, table, row, iso, amount, null, false, amount, '');
        } else for (let j = 0; j < ordinary.length; j++) pushSplit(row, iso, amount, ordinary[j]!, false);
        for (let j = 0; j < overlays.length; j++) pushSplit(row, iso, amount, overlays[j]!, true);
      } catch (err) {
        if (err instanceof CodedRunError) {
          errors.push(dataError(err.code, err.message, err.loc ?? row.loc));
          continue;
        }
        if (err instanceof EvalFailure) {
          errors.push(dataError('COMP7003', msg('COMP7003', { what: `${stage} (${rule.ir.table} \`${row.key}\`)` }), err.loc ?? row.loc, err.at ?? rule.ir.at));
          continue;
        }
        const m = err instanceof Error ? err.message : String(err);
        errors.push(dataError('COMP7000', `the ${stage} of \`${rule.ir.text}\` could not be evaluated for ${rule.ir.table} \`${row.key}\`: ${m}`, row.loc));
      }
    }
  });
}

/** Credits in credit order: by date through buckets (few distinct dates, many credits each), then within a date. */
export function sortCredits(raw: readonly DatedCredit[]): DatedCredit[] {
  const byDate = new Map<string, DatedCredit[]>();
  for (const cr of raw) {
    const list = byDate.get(cr.date);
    if (list) list.push(cr);
    else byDate.set(cr.date, [cr]);
  }
  const out: DatedCredit[] = [];
  for (const d of [...byDate.keys()].sort(byStr)) for (const cr of byDate.get(d)!.sort(sameDate)) out.push(cr);
  return out;
}

/** The order of two credits of the same date. */
function sameDate(a: DatedCredit, b: DatedCredit): number {
  return (
      byStr(a.table, b.table) ||
      byStr(a.key, b.key) ||
      a.rule - b.rule ||
      byStr(a.rep, b.rep) ||
      Number(a.overlay) - Number(b.overlay) ||
      byStr(a.splitKey, b.splitKey) ||
      (a.row === b.row ? 0 : byStr(fileOf(a.row), fileOf(b.row)) || lineOf(a.row) - lineOf(b.row))
  );
}
