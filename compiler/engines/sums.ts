// The runtime seam's sums as the Node side holds them (issue 12: the engine holds the data, not
// JavaScript): the sums query's result read chunk by chunk (no object per result row at once) into
// compact columns per period (rep keys, and each decimal as exact units and places in packed
// number arrays, its text when it has more than 15 digits); a period's map of Decimals is made when
// the runtime asks for it (runtime/engine/measures.ts CreditAggregates), at its turn, and dropped
// after it. At 10M pipeline rows (196,800 rep-quarters) the maps made at once held 181 MB.
import type { DuckDBConnection } from '@duckdb/node-api';
import { Decimal } from '../../runtime/decimal.js';
import type { ComponentAggregate, CreditAggregates, PartialCredit } from '../../runtime/engine/measures.js';
import { decimalOfUnits } from '../../runtime/rows.js';

/** What the sums query gives per component: its name, and whether it pays a bonus (a weight). */
export interface SumsComponent {
  name: string;
  bonus: boolean;
}

/** One period's rows: rep keys, and per row its cells (see EngineSums.add). */
interface PeriodSums {
  reps: string[];
  /** per row, per decimal cell: units (NaN: the text is in `texts`), then its places */
  nums: number[];
  /** per row, per component: how many lines pass its filter */
  counts: number[];
  texts: Map<number, string>;
}

const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;

export class EngineSums implements CreditAggregates {
  private readonly byPeriod = new Map<string, PeriodSums>();
  /** rep keys, one string each (the same rep in every period) */
  private readonly repKeys = new Map<string, string>();
  /** decimal cells per row: the credit, then per component its measure and its bonus weight */
  private readonly width: number;

  constructor(private readonly comps: readonly SumsComponent[]) {
    this.width = 1 + 2 * comps.length;
  }

  /** The periods with sums, in the order the query gave them. */
  periods(): string[] {
    return [...this.byPeriod.keys()];
  }

  /** One rep's sums in a period: `decimals` credit, then per component measure and weight (text); `counts` per component. */
  add(period: string, rep: string, decimals: readonly string[], counts: readonly number[]): void {
    let p = this.byPeriod.get(period);
    if (!p) this.byPeriod.set(period, (p = { reps: [], nums: [], counts: [], texts: new Map() }));
    let key = this.repKeys.get(rep);
    if (key === undefined) this.repKeys.set(rep, (key = rep));
    p.reps.push(key);
    for (const text of decimals) {
      const m = PLAIN.exec(text);
      const digits = m ? m[2]!.length + (m[3]?.length ?? 0) : 99;
      const units = m && digits <= 15 ? Number(m[1]! + m[2]! + (m[3] ?? '')) : NaN;
      // (a negative zero keeps its text: decimal.js keeps the sign)
      if (!Number.isNaN(units) && !Object.is(units, -0)) p.nums.push(units, m![3]?.length ?? 0);
      else {
        p.texts.set(p.nums.length, text);
        p.nums.push(NaN, 0);
      }
    }
    for (const c of counts) p.counts.push(c);
  }

  period(key: string): ReadonlyMap<string, { credit: Decimal; partial: PartialCredit }> | undefined {
    const p = this.byPeriod.get(key);
    if (!p) return undefined;
    const out = new Map<string, { credit: Decimal; partial: PartialCredit }>();
    const dec = (at: number): Decimal => {
      const u = p.nums[at]!;
      if (Number.isNaN(u)) return new Decimal(p.texts.get(at)!);
      return decimalOfUnits(u, p.nums[at + 1]!);
    };
    const n = this.comps.length;
    for (let r = 0; r < p.reps.length; r++) {
      const base = 2 * this.width * r;
      const partial: PartialCredit = { components: new Map() };
      for (let i = 0; i < n; i++) {
        const sums: ComponentAggregate = { measure: dec(base + 2 + 4 * i), lines: p.counts[n * r + i]! };
        if (this.comps[i]!.bonus) sums.bonusWeight = dec(base + 4 + 4 * i);
        partial.components.set(this.comps[i]!.name, sums);
      }
      out.set(p.reps[r]!, { credit: dec(base), partial });
    }
    return out;
  }
}

/** Each row of `sql` to `row`, read a chunk at a time (a chunk's values are garbage once it is read). */
export async function eachRow(conn: DuckDBConnection, sql: string, row: (r: readonly unknown[]) => void): Promise<void> {
  const result = await conn.stream(sql);
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) for (const r of chunk.getRows()) row(r);
}
