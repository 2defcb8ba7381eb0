// Filters evaluated once per distinct input (issue 7): which parts of the evaluation a filter
// reads, from the IR (`filterReads`, `rowFields`), and a filter remembered by the cells of the row
// it reads (`memoFilter`). The filter is still the compiled closure: it is evaluated on the first
// row with given cells, and its result reused for the later rows with the same cells (a coded
// column holds one value object per distinct text). Used by phase 1 (./credit.ts: a credit
// rule's `where`; ./aggregate.ts: the components' filters).
import type { Expr, RowValue, Value } from '../ir.js';
import { cell, ColumnRow, type ColumnTable } from '../rows.js';
import type { Ctx, Fn } from './types.js';
import { asBool } from './values.js';

/**
 * What a filter reads, from the IR: 'row' only the credited row (and constants, tables by key),
 * 'rep' also the rep's roster row, period and per-rep tables; undefined: anything else (a let, the
 * credit, another rep, proration...), which this path does not evaluate.
 */
export function filterReads(e: Expr): 'row' | 'rep' | undefined {
  switch (e.k) {
    case 'num':
    case 'text':
    case 'bool':
    case 'date':
    case 'period':
    case 'duration':
      return 'row';
    case 'ctx':
      return e.name === 'row' || e.name === 'event' ? 'row' : 'rep';
    case 'field':
      return filterReads(e.of);
    case 'lookup':
      return 'rep';
    case 'neg':
    case 'not':
      return filterReads(e.e);
    case 'bin':
      return both(filterReads(e.l), filterReads(e.r));
    case 'if':
      return both(both(filterReads(e.c), filterReads(e.t)), filterReads(e.e));
    case 'otherwise':
      return both(filterReads(e.e), filterReads(e.fallback));
    case 'call': {
      if (e.fn === 'months_since') return e.args.reduce<'row' | 'rep' | undefined>((a, x) => both(a, filterReads(x)), 'rep');
      return e.args.reduce<'row' | 'rep' | undefined>((a, x) => both(a, filterReads(x)), 'row');
    }
    default:
      return undefined;
  }
}

function both(a: 'row' | 'rep' | undefined, b: 'row' | 'rep' | undefined): 'row' | 'rep' | undefined {
  if (!a || !b) return undefined;
  return a === 'rep' || b === 'rep' ? 'rep' : 'row';
}

/**
 * The fields of the row a row-only filter reads, when it reads the row only through them
 * (`deal.x`, `deal.x.y`): its result is then a function of those cells. Undefined otherwise.
 */
export function rowFields(e: Expr): string[] | undefined {
  const out = new Set<string>();
  let other = false;
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) {
      for (const v of x) walk(v);
      return;
    }
    if (!x || typeof x !== 'object') return;
    const o = x as { k?: string; name?: string; of?: { k?: string; name?: string } };
    if (o.k === 'field' && o.of?.k === 'ctx' && o.of.name === 'row') {
      out.add(o.name!);
      return;
    }
    if (o.k === 'ctx' && o.name === 'row') other = true;
    for (const v of Object.values(o)) walk(v);
  };
  walk(e);
  return other ? undefined : [...out];
}

/** At most this many distinct cell tuples are remembered per filter (then it is evaluated per row). */
const MEMO_LIMIT = 4096;

/**
 * A row-only filter remembered by the one or two cells it reads (`rowFields`): a coded column
 * holds one value object per distinct text, so rows share their cells' values. Undefined when it
 * reads more fields. Never remembers a failure (it is thrown each time).
 */
export function memoFilter(fn: Fn, fields: string[] | undefined, ctx: Ctx): ((row: RowValue) => boolean) | undefined {
  if (!fields || fields.length === 0 || fields.length > 2) return undefined;
  const [f1, f2] = fields as [string, string | undefined];
  // per table (a field may be a reference in one credited table and text in another)
  const byTable = new Map<string, Map<Value | undefined, boolean | Map<Value | undefined, boolean>>>();
  let table = '';
  let one = new Map<Value | undefined, boolean | Map<Value | undefined, boolean>>();
  let size = 0;
  const test = (row: RowValue): boolean => {
    ctx.rep = null;
    ctx.period = null;
    ctx.row = row;
    ctx.lastEmpty = undefined;
    return asBool(fn(ctx), ctx);
  };
  // a row of a column table whose fields are coded columns (values not replaced): the result by
  // the cells' codes, in a typed array (0: not yet, 1: false, 2: true) for the last such table
  let cT: ColumnTable | undefined;
  let cNo: ColumnTable | undefined;
  let c1: Uint16Array = new Uint16Array(0);
  let c2: Uint16Array | null = null;
  let n2 = 1;
  let res = new Uint8Array(0);
  return (row) => {
    if (row instanceof ColumnRow && !row.hasValues()) {
      const t = row.t;
      if (t !== cT && t !== cNo) {
        const col1 = t.cols[f1];
        const col2 = f2 === undefined ? undefined : t.cols[f2];
        const n = col1?.codes ? col1.values.length * (col2 ? (col2.codes ? col2.values.length : 0) : f2 === undefined ? 1 : 0) : 0;
        if (n > 0 && n <= 1 << 20) {
          cT = t;
          c1 = col1!.codes!;
          c2 = col2 ? col2.codes : null;
          n2 = col2 ? col2.values.length : 1;
          res = new Uint8Array(n);
        } else cNo = t;
      }
      if (t === cT) {
        const k = c2 === null ? c1[row.i]! : c1[row.i]! * n2 + c2[row.i]!;
        const r = res[k]!;
        if (r !== 0) return r === 2;
        const b = test(row);
        res[k] = b ? 2 : 1;
        return b;
      }
    }
    if (size > MEMO_LIMIT) return test(row);
    if (row.table !== table) {
      table = row.table;
      let m = byTable.get(table);
      if (!m) byTable.set(table, (m = new Map()));
      one = m;
    }
    const a = cell(row, f1);
    if (f2 === undefined) {
      let r = one.get(a) as boolean | undefined;
      if (r === undefined) {
        one.set(a, (r = test(row)));
        size++;
      }
      return r;
    }
    let m = one.get(a) as Map<Value | undefined, boolean> | undefined;
    if (m === undefined) one.set(a, (m = new Map()));
    const b = cell(row, f2);
    let r = m.get(b);
    if (r === undefined) {
      m.set(b, (r = test(row)));
      size++;
    }
    return r;
  };
}

