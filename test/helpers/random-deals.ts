// The data files of the random plans that the property tests generate (test/engines/property.test.ts,
// test/runtime/aggregate.test.ts): deals, their splits and overlays, cancellations and renewals,
// written as CSV from what fast-check drew. Each test writes its own roster (it draws different
// rep fields) and its own plan text.

/** What a property test drew for the deals side of its data. */
export interface DealsDraw {
  splits: boolean;
  second: boolean;
  components: string[];
  reps: unknown[];
  deals: { owner: number; stage: string; region: string; day: number; cents: number; discount: number | null }[];
  shares: { deal: number; reps: number[]; pattern: readonly number[]; overlay: number | null }[];
  renewals: { owner: number; day: number; cents: number }[];
  cancels: { deal: number; day: number }[];
}

const DAY0 = Date.UTC(2025, 11, 20); // some rows fall before and after the plan's periods
/** Day `day` after 2025-12-20 as an ISO date. */
export const iso = (day: number): string => new Date(DAY0 + day * 86_400_000).toISOString().slice(0, 10);
/** Whole cents as an amount with two places. */
export const money = (cents: number): string => (cents / 100).toFixed(2);
/** Whether a component of the draw claws back (then the cancellations file is written). */
export const clawsBack = (g: { components: string[] }): boolean => g.components.some((c) => c.includes('clawback'));

/** deals.csv, and splits.csv, cancellations.csv and renewals.csv when the draw has them. */
export function dealFiles(g: DealsDraw): Record<string, string> {
  const n = g.reps.length;
  const out: Record<string, string> = {
    'deals.csv':
      'id,owner,stage,region,close_date,amount,discount\n' +
      g.deals.map((d, i) => `D${i},R${d.owner % n},${d.stage},${d.region},${iso(d.day)},${money(d.cents)},${d.discount === null ? '' : `${d.discount}%`}`).join('\n'),
  };
  if (g.splits) {
    const rows: string[] = [];
    const done = new Set<number>();
    for (const s of g.deals.length ? g.shares : []) {
      const deal = s.deal % g.deals.length;
      if (done.has(deal)) continue;
      done.add(deal);
      s.pattern.forEach((p, i) => rows.push(`D${deal},R${s.reps[i]! % n},${p}%,false`));
      if (s.overlay !== null) rows.push(`D${deal},R${s.reps[3]! % n},${s.overlay}%,true`);
    }
    out['splits.csv'] = 'deal,rep,share,overlay\n' + rows.join('\n');
  }
  if (clawsBack(g)) out['cancellations.csv'] = 'deal,date\n' + (g.deals.length ? g.cancels.map((c) => `D${c.deal % g.deals.length},${iso(c.day)}`).join('\n') : '');
  if (g.second) out['renewals.csv'] = 'id,owner,renewed_on,value\n' + g.renewals.map((r, i) => `N${i},R${r.owner % n},${iso(r.day)},${money(r.cents)}`).join('\n');
  return out;
}
