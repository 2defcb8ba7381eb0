// The split rows of a plan's credited deals checked on load: each share within 0%..100% and
// each deal's ordinary (not overlay) shares summing to 100%. The shares are summed as exact
// scaled integers of the share column when it holds them (`runtime/rows.ts` unitsAt: no Decimal
// per split row), else as Decimals: the same sums either way (test/data/scaled.test.ts).
import { Decimal } from '../../runtime/decimal.js';
import type { PlanIR, Value } from '../../runtime/ir.js';
import { decimalOfUnits, unitsAt, type Column } from '../../runtime/rows.js';
import { Codes, type DiagnosticDef } from '../diagnostics/codes.js';
import { cellAt, type Position, type RawGrid } from './raw.js';

/** What the check reads of a loaded table (compiler/data/load.ts LoadedTable). */
export interface SplitTable {
  file: string;
  grid: RawGrid;
  /** The grid column of each field read. */
  colOf: Map<string, number>;
  cols?: Record<string, Column>;
}

type Report = (def: DiagnosticDef, file: string, at: Position, args: Record<string, string | number>, hint?: string) => void;

function percentText(d: Decimal): string {
  return `${d.times(100).toString()}%`;
}

// (Decimals are immutable: one of each serves every comparison and sum)
const ZERO = new Decimal(0);
const ONE = new Decimal(1);
const MAX_UNITS = Number.MAX_SAFE_INTEGER;

/**
 * Each deal's split rows: every share from 0% to 100%, and the shares of its rows that are not
 * overlays summing to 100% (COMP6006). `count`: a table's rows; `read`: a field's value by row number.
 */
export function checkSplits<T extends SplitTable>(ir: PlanIR, loaded: Map<string, T>, count: (t: T) => number, read: (t: T, field: string) => (idx: number) => Value | undefined, report: Report): void {
  const done = new Set<string>();
  for (const rule of ir.credits) {
    const s = rule.split;
    if (!s) continue;
    const id = `${s.table}\u0000${s.dealField}`;
    if (done.has(id)) continue;
    done.add(id);
    const lt = loaded.get(s.table);
    if (!lt) continue;
    // per deal: its first row, its shares' sum (as units of the share column while they are held: no Decimal per row; else a Decimal)
    const byDeal = new Map<string, { first: number; sum: Decimal; units: number; ordinary: boolean }>();
    const dealOf = read(lt, s.dealField);
    const shareOf = read(lt, s.shareField);
    const overlayOf = s.overlayField ? read(lt, s.overlayField) : undefined;
    const shareCol = lt.cols?.[s.shareField];
    const scale = shareCol?.units ? shareCol.scale! : -1;
    const unitsOf = scale >= 0 && scale <= 15 ? shareCol : undefined; // (10^scale exact and safe)
    const one = unitsOf ? 10 ** scale : NaN; // (NaN: no sum of units is ever it)
    for (let idx = 0, n = count(lt); idx < n; idx++) {
      const deal = dealOf(idx);
      if (typeof deal !== 'string') continue;
      let g = byDeal.get(deal);
      if (!g) {
        g = { first: idx, sum: ZERO, units: 0, ordinary: false };
        byDeal.set(deal, g);
      }
      const u = unitsOf ? unitsAt(unitsOf, idx) : NaN;
      if (u === u) {
        if (u < 0 || u > one) report(Codes.SplitShareOutOfRange, lt.file, cellAt(lt.grid, lt.colOf.get(s.shareField) ?? -1, idx), { found: percentText(decimalOfUnits(u, scale)) }, 'a share is the part of the deal credited to this rep: from 0% to 100%');
        if (overlayOf?.(idx) === true) continue;
        g.ordinary = true;
        const sum = g.units + u;
        if (sum <= MAX_UNITS && sum >= -MAX_UNITS) g.units = sum;
        else {
          g.sum = g.sum.plus(decimalOfUnits(g.units, scale)).plus(decimalOfUnits(u, scale));
          g.units = 0;
        }
        continue;
      }
      const share = shareOf(idx);
      if (share instanceof Decimal && (share.lt(ZERO) || share.gt(ONE))) {
        report(Codes.SplitShareOutOfRange, lt.file, cellAt(lt.grid, lt.colOf.get(s.shareField) ?? -1, idx), { found: percentText(share) }, 'a share is the part of the deal credited to this rep: from 0% to 100%');
      }
      if (overlayOf?.(idx) === true) continue;
      g.ordinary = true;
      if (share instanceof Decimal) g.sum = g.sum === ZERO ? share : g.sum.plus(share);
    }
    for (const [deal, g] of byDeal) {
      // A deal whose split rows are all overlays is credited in full to `to` (language.md, section 9).
      if (!g.ordinary || (g.sum === ZERO && g.units === one)) continue;
      const sum = g.units === 0 ? g.sum : g.sum === ZERO ? decimalOfUnits(g.units, scale) : g.sum.plus(decimalOfUnits(g.units, scale));
      if (sum.eq(ONE)) continue;
      const loc = cellAt(lt.grid, lt.colOf.get(s.dealField) ?? -1, g.first);
      report(Codes.SplitSum, lt.file, loc, { deal, sum: percentText(sum) }, s.overlayField ? `overlay rows (\`${s.overlayField}\` = true) are not counted` : undefined);
    }
  }
}
