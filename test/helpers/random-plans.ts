// Random plans and data for property tests (fast-check): .comp texts (so the checker and the
// lowering make the IR, as for a user) with a random credit rule (filter, amount expression with
// optional fields, splits with overlays or not, a second rule over another table) and random
// components (rates, marginal and retroactive tiers on attainment or amount, gates, caps, per-deal
// basis, bonuses, clawbacks); data are random rows, including empty optional cells, credit memos,
// dates outside the plan's periods and split shares that do not sum to 100%. Used by the engines'
// property test (default engine against DuckDB) and the streamed output's (test/cli/streamed.test.ts).
import fc from 'fast-check';
import { clawsBack, dealFiles } from './random-deals.js';

const WHERE = [
  '',
  'where deal.stage = "Won"',
  'where deal.stage = "Won" and deal.amount >= USD 1,000',
  'where deal.close_date >= 2026-02-01 or deal.stage != "Lost"',
  'where not (deal.stage = "Lost") and deal.region = "EU"',
];
// `otherwise` is left to the runtime (COMP9501): one plan in twelve uses it, to hold the refusal
export const REFUSED = ['where (deal.discount otherwise 0%) < 20%', 'deal.amount * (100% - deal.discount otherwise 0%)'];
const AMOUNT = ['deal.amount', 'deal.amount * 0.5', 'deal.amount * (100% - deal.discount)', 'if deal.region = "EU" then deal.amount * 110% else deal.amount', 'max(deal.amount - USD 250, USD 0)'];
const COMPONENT = [
  'on credit\n  rate 7.5%',
  'on credit\n  rate marginal {\n    from 0% to 100% pays 5%\n    from 100% pays 9%\n  }',
  'on credit\n  rate retroactive {\n    from 0% to 80% pays 2%\n    from 80% to 120% pays 6%\n    from 120% pays 10%\n  }',
  'on credit\n  rate 10%\n  gate attainment >= 50%',
  'on credit\n  rate 12%\n  cap USD 1,500 per period',
  'on credit where deal.region = "EU"\n  rate 3%',
  'on credit\n  basis per deal\n  rate marginal {\n    from USD 0 to USD 2,000 pays 4%\n    from USD 2,000 pays 8%\n  }',
  // what the runtime seam computes in SQL: per-deal flat rates, per-deal bonuses, clawbacks of named deals
  'on credit where deal.region = "EU"\n  basis per deal\n  rate 2%',
  'pays USD 150 per deal where deal.amount >= USD 1,000',
  'pays USD 75 per deal in full where deal.region = "US"',
  'on credit\n  rate 5%\n  clawback cancellations within 90 days full net against later payouts',
];

export interface Gen {
  where: string;
  amount: string;
  splits: boolean;
  second: boolean;
  periods: string;
  components: string[];
  reps: { quota: number; region: string }[];
  deals: { owner: number; stage: string; region: string; day: number; cents: number; discount: number | null }[];
  shares: { deal: number; reps: number[]; pattern: readonly number[]; overlay: number | null }[];
  renewals: { owner: number; day: number; cents: number }[];
  cancels: { deal: number; day: number }[];
}


export const gen: fc.Arbitrary<Gen> = fc.record({
  where: fc.oneof({ weight: 11, arbitrary: fc.constantFrom(...WHERE) }, { weight: 1, arbitrary: fc.constantFrom(REFUSED[0]!) }),
  amount: fc.oneof({ weight: 11, arbitrary: fc.constantFrom(...AMOUNT) }, { weight: 1, arbitrary: fc.constantFrom(REFUSED[1]!) }),
  splits: fc.boolean(),
  second: fc.boolean(),
  periods: fc.constantFrom('monthly from 2026-01 to 2026-03', 'quarterly from 2026-01 to 2026-06', 'monthly from 2026-01 to 2026-04'),
  components: fc.uniqueArray(fc.constantFrom(...COMPONENT), { minLength: 1, maxLength: 3 }),
  reps: fc.array(fc.record({ quota: fc.integer({ min: 1, max: 40 }).map((q) => q * 1000), region: fc.constantFrom('EU', 'US') }), { minLength: 1, maxLength: 4 }),
  deals: fc.array(
    fc.record({
      owner: fc.nat(),
      stage: fc.constantFrom('Won', 'Won', 'Lost', 'Open'),
      region: fc.constantFrom('EU', 'US'),
      day: fc.integer({ min: 0, max: 200 }),
      cents: fc.integer({ min: -50_000, max: 2_000_000 }),
      discount: fc.option(fc.integer({ min: 0, max: 40 }), { freq: 3 }),
    }),
    { maxLength: 25 },
  ),
  // per split deal: ordinary shares summing to 100% (rarely not: the run then fails at load) and an overlay
  shares: fc.array(
    fc.record({
      deal: fc.nat(),
      reps: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
      pattern: fc.oneof({ weight: 30, arbitrary: fc.constantFrom([100], [60, 40], [50, 50], [25, 25, 50], [33.33, 33.33, 33.34], [12.5, 87.5]) }, { weight: 1, arbitrary: fc.constant([70, 20]) }),
      overlay: fc.option(fc.constantFrom(10, 50, 100)),
    }),
    { maxLength: 6 },
  ),
  renewals: fc.array(fc.record({ owner: fc.nat(), day: fc.integer({ min: 0, max: 200 }), cents: fc.integer({ min: 0, max: 500_000 }) }), { maxLength: 6 }),
  cancels: fc.array(fc.record({ deal: fc.nat(), day: fc.integer({ min: 0, max: 200 }) }), { maxLength: 4 }),
});


export function planText(g: Gen): string {
  return `plan "random"
currency USD
periods ${g.periods}

roster reps from "reps.csv" {
  id: text key
  region: text
  quota: money positive
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  stage: text
  region: text
  close_date: date
  amount: money
  discount: percent optional
}
${g.splits ? '\ntable splits from "splits.csv" {\n  deal: deals\n  rep: rep\n  share: percent\n  overlay: boolean\n}\n' : ''}${g.second ? '\ntable renewals from "renewals.csv" {\n  id: text key\n  owner: rep\n  renewed_on: date\n  value: money\n}\n' : ''}${clawsBack(g) ? '\ntable cancellations from "cancellations.csv" {\n  deal: deals\n  date: date\n}\n' : ''}
credit deals
  ${g.where}
  amount ${g.amount}
  date deal.close_date
  to deal.owner${g.splits ? '\n  split by splits' : ''}
${g.second ? '\ncredit renewals as deal\n  amount deal.value\n  date deal.renewed_on\n  to deal.owner\n' : ''}
let quota = rep.quota
let attainment = credit / quota

${g.components.map((c, i) => `component c${i} "C${i}" {\n  ${g.second && c.includes('deal.region') ? 'on credit\n  rate 3%' : c}\n}`).join('\n\n')}
`;
}

export function files(g: Gen): Record<string, string> {
  return { 'reps.csv': 'id,region,quota\n' + g.reps.map((r, i) => `R${i},${r.region},${r.quota}`).join('\n'), ...dealFiles(g) };
}
