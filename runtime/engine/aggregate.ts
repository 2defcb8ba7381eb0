// Phase 1 as sums (issue 7): for a run that shows no credit line (no traces, no deal lines: `comp
// run` as a table or CSV) of a plan whose phase 2 can be paid from sums (./seam.ts), the credit
// lines are summed as they are made, per rep and plan period, instead of being kept, sorted and
// grouped: the rep's credit and, per component, what a SQL engine would give (./measures.ts
// `PartialCredit`): the measure of its `where` and its line count, the weight of a `pays X per
// deal` bonus. Each line comes from the one crediting loop (./credit.ts `creditRows`) and each
// filter is the component's own compiled closure, evaluated on the line's row with the line's rep
// and period as ./component.ts does. Only the lines of deals a clawback event names, and those
// outside the plan periods (COMP7004), become `Credit`s (sorted among themselves in credit order).
//
// Exact and order-free: every sum is an exact scaled integer (../scaled-sum.ts `ExactSums`);
// when an addend or a sum cannot be held, or anything fails (a data error, a filter that throws),
// the caller runs the full path over every line instead (undefined here). Never a different figure:
// test/runtime/aggregate.test.ts holds both paths equal on random plans and data.
import type { DataError, Dataset, PeriodValue, RowValue } from '../ir.js';
import * as cal from '../calendar.js';
import { ExactSums } from '../scaled-sum.js';
import { ColumnRow, pinRow } from '../rows.js';
import type { CompiledPlan, Credit, Ctx, Env, EvaluateOptions, Fn } from './types.js';
import { asBool } from './values.js';
import { credit, creditRows, sortCredits } from './credit.js';
import { seamPlan } from './seam.js';
import { filterReads, memoFilter, rowFields } from './memo.js';
import { KeyFilter } from './key-filter.js';
import type { ComponentAggregate, CreditedPeriods, PartialCredit, RepPeriodCredit } from './measures.js';

/** One component's sums to make: its filters (compiled closures) and what they read. */
interface SumsOf {
  name: string;
  /** `on credit where ...` (absent: every line, the measure is the credit). */
  where?: Fn;
  whereRow: boolean;
  /** The row fields a row-only `where` reads, when only through them (`rowFields`). */
  whereFields?: string[];
  /** A `pays X per deal` bonus: its `where` (absent: every deal of the measure), and `in full`. */
  bonus?: { where?: Fn; whereRow: boolean; whereFields?: string[]; inFull: boolean };
}

/** The components whose sums phase 2 reads, or undefined when this path does not apply to the plan. */
export function aggregatePlan(plan: CompiledPlan): SumsOf[] | undefined {
  const seam = seamPlan(plan.ir);
  if (!seam.ok) return undefined;
  const out: SumsOf[] = [];
  for (const s of seam.components) {
    if (!s.measure && !s.bonus) continue;
    const k = plan.components.find((x) => x.ir.name === s.name);
    if (!k) return undefined;
    const w = k.ir.measure.where ? filterReads(k.ir.measure.where) : 'row';
    const bw = s.bonus && k.ir.bonus?.pays?.where ? filterReads(k.ir.bonus.pays.where) : 'row';
    if (!w || !bw) return undefined;
    const one: SumsOf = { name: s.name, where: k.measureWhere, whereRow: w === 'row' };
    if (w === 'row' && k.ir.measure.where) one.whereFields = rowFields(k.ir.measure.where);
    if (s.bonus) {
      one.bonus = { where: k.bonus?.pays?.where as Fn | undefined, whereRow: bw === 'row', inFull: s.bonus.inFull };
      if (bw === 'row' && k.ir.bonus?.pays?.where) one.bonus.whereFields = rowFields(k.ir.bonus.pays.where);
    }
    out.push(one);
  }
  return out;
}

/** A rep's sums in a period: slots of `ExactSums` (credit, then per component measure and weight) and line counts. */
interface Acc {
  base: number;
  counts: number[];
  lines: Credit[];
}

export interface Aggregated {
  /** period key -> rep -> credit, sums (`partial`) and the named deals' lines. */
  creditsBy: CreditedPeriods;
  /** Lines outside the plan periods, in credit order (the driver warns of each, COMP7004). */
  outside: Credit[];
}

/**
 * Phase 1 as sums over `periods` (the plan's, known before crediting). `wanted`: the deal keys
 * clawback events name. Undefined: the caller runs the full path (nothing it needs is left here;
 * `errors` is as it was).
 */
export function aggregateCredits(
  plan: CompiledPlan,
  comps: SumsOf[],
  env: Env,
  data: Dataset,
  errors: DataError[],
  opts: EvaluateOptions,
  spec: cal.PeriodSpec,
  periods: readonly PeriodValue[],
  wanted: ReadonlySet<string>,
): Aggregated | undefined {
  const C = comps.length;
  const sums = new ExactSums();
  const keyIdx = new Map<string, number>();
  for (let i = 0; i < periods.length; i++) keyIdx.set(periods[i]!.key, i);
  const periodOfDate = new Map<string, number>();
  const byPeriod: Map<string, Acc>[] = periods.map(() => new Map());
  const named: Credit[] = [];
  const outside: Credit[] = [];
  const roster = env.roster;
  const wantedMay = new KeyFilter(wanted, wanted.size);
  const ctx: Ctx = { env, rp: null, rep: null, period: null, row: null, event: null };
  // per line: whether each component's filter keeps it (row-only filters: once per row)
  const keep: boolean[] = new Array<boolean>(C).fill(false);
  const pays: boolean[] = new Array<boolean>(C).fill(false);
  // row-only filters' results: the row's number (`rowN`) when kept, minus it when not, else not yet tested on this row
  const rowWhere: number[] = new Array<number>(C).fill(0);
  const rowBonus: number[] = new Array<number>(C).fill(0);
  let rowN = 0;
  let failed = false;
  let lastDate = '';
  let pi = -1;
  let lastRow: RowValue | null = null;
  let lastI = -1;
  let isNamed = false;

  const test = (fn: Fn, row: RowValue, rep: string): boolean => {
    ctx.rep = roster.get(rep) ?? null;
    ctx.period = periods[pi]!;
    ctx.row = row;
    ctx.lastEmpty = undefined;
    return asBool(fn(ctx), ctx);
  };
  const testRow = (fn: Fn, row: RowValue): boolean => {
    ctx.rep = null;
    ctx.period = null;
    ctx.row = row;
    ctx.lastEmpty = undefined;
    return asBool(fn(ctx), ctx);
  };
  // row-only filters by the cells they read, once per distinct cell (or pair of cells)
  const whereMemo = comps.map((s) => (s.where && s.whereRow ? memoFilter(s.where, s.whereFields, ctx) : undefined));
  const bonusMemo = comps.map((s) => (s.bonus?.where && s.bonus.whereRow ? memoFilter(s.bonus.where, s.bonus.whereFields, ctx) : undefined));

  const before = errors.length;
  creditRows(plan, env, data, errors, opts, (rep, rule, table, row, date, dealAmount, share, overlay, amount, splitKey) => {
    if (failed) return;
    // (called inside the crediting loop's error handling: a failure here must not become a data error)
    try {
      if (date !== lastDate) {
        lastDate = date;
        let i = periodOfDate.get(date);
        if (i === undefined) periodOfDate.set(date, (i = keyIdx.get(cal.periodOf(spec, date).key) ?? -1));
        pi = i;
      }
      // (a new row: another object, or the crediting loop's cursor moved on)
      const ri = row instanceof ColumnRow ? row.i : -1;
      if (row !== lastRow || ri !== lastI) {
        lastRow = row;
        lastI = ri;
        isNamed = wanted.size > 0 && wantedMay.mayHaveRow(row) && wanted.has(row.key);
        rowN++;
      }
      if (pi < 0) {
        outside.push(credit(rep, rule, table, pinRow(row), date, dealAmount, share, overlay, amount, splitKey));
        return;
      }
      const m = byPeriod[pi]!;
      let acc = m.get(rep);
      if (!acc) {
        acc = { base: sums.slot(), counts: new Array<number>(C).fill(0), lines: [] };
        for (let c = 0; c < C; c++) {
          sums.slot();
          sums.slot();
        }
        m.set(rep, acc);
      }
      if (isNamed) {
        const cr = credit(rep, rule, table, pinRow(row), date, dealAmount, share, overlay, amount, splitKey);
        cr.period = periods[pi]!.key;
        cr.named = true;
        named.push(cr);
      }
      // the filters first (a closure may itself sum: the addend is read after them)
      for (let c = 0; c < C; c++) {
        const s = comps[c]!;
        let k = true;
        if (s.where) {
          if (s.whereRow) {
            let r = rowWhere[c]!;
            if (r !== rowN && r !== -rowN) rowWhere[c] = r = (whereMemo[c]?.(row) ?? testRow(s.where, row)) ? rowN : -rowN;
            k = r === rowN;
          } else k = test(s.where, row, rep);
        }
        keep[c] = k;
        let p = false;
        if (k && s.bonus) {
          p = true;
          const bw = s.bonus.where;
          if (bw) {
            if (s.bonus.whereRow) {
              let r = rowBonus[c]!;
              if (r !== rowN && r !== -rowN) rowBonus[c] = r = (bonusMemo[c]?.(row) ?? testRow(bw, row)) ? rowN : -rowN;
              p = r === rowN;
            } else p = test(bw, row, rep);
          }
        }
        pays[c] = p;
      }
      const base = acc.base;
      if (!sums.read(amount) || !sums.addRead(base)) {
        failed = true;
        return;
      }
      for (let c = 0; c < C; c++) {
        if (!keep[c]) continue;
        acc.counts[c]!++;
        if (comps[c]!.where && !sums.addRead(base + 1 + 2 * c)) {
          failed = true;
          return;
        }
      }
      for (let c = 0; c < C; c++) {
        if (!pays[c]) continue;
        const slot = base + 2 + 2 * c;
        const ok = share === null || comps[c]!.bonus!.inFull ? sums.addOne(slot) : sums.read(share) && sums.addRead(slot);
        if (!ok) {
          failed = true;
          return;
        }
      }
    } catch {
      failed = true;
    }
  }, true);
  if (failed || errors.length > before) {
    errors.length = before;
    return undefined;
  }

  const creditsBy: CreditedPeriods = new Map();
  for (let i = 0; i < periods.length; i++) {
    const m = byPeriod[i]!;
    if (m.size === 0) continue;
    const out = new Map<string, RepPeriodCredit>();
    for (const [rep, acc] of m) {
      const credit = sums.value(acc.base);
      const partial: PartialCredit = { components: new Map() };
      for (let c = 0; c < C; c++) {
        const s = comps[c]!;
        const a: ComponentAggregate = { measure: s.where ? sums.value(acc.base + 1 + 2 * c) : credit, lines: acc.counts[c]! };
        if (s.bonus) a.bonusWeight = sums.value(acc.base + 2 + 2 * c);
        partial.components.set(s.name, a);
      }
      out.set(rep, { lines: acc.lines, credit, partial });
    }
    creditsBy.set(periods[i]!.key, out);
  }
  // the named deals' lines, in credit order, to their reps' periods
  for (const cr of sortCredits(named)) creditsBy.get(cr.period)!.get(cr.rep)!.lines.push(cr);
  return { creditsBy, outside: sortCredits(outside) };
}
