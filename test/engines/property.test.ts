// A property over random plans and data: the default engine and DuckDB pay the same bytes.
// Plans are .comp texts (so the checker and the lowering make the IR, as for a user): a random
// credit rule (filter, amount expression with optional fields, splits with overlays or not, a
// second rule over another table) and random components (rates, marginal and retroactive tiers
// on attainment or amount, gates, caps, per-deal basis); data are random rows, including empty
// optional cells, credit memos, dates outside the plan's periods and split shares that do not
// sum to 100% (the rows SQL hands back to the runtime).
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { DuckDbEngine } from '../../compiler/engines/duckdb.js';
import { compileCredits, SqlCompileError } from '../../compiler/sql/compile.js';
import { DUCKDB } from '../../compiler/sql/dialect.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import { output, printed } from './cases.js';
import { clawsBack, dealFiles } from '../helpers/random-deals.js';

const WHERE = [
  '',
  'where deal.stage = "Won"',
  'where deal.stage = "Won" and deal.amount >= USD 1,000',
  'where deal.close_date >= 2026-02-01 or deal.stage != "Lost"',
  'where not (deal.stage = "Lost") and deal.region = "EU"',
];
// `otherwise` is left to the runtime (COMP9501): one plan in twelve uses it, to hold the refusal
const REFUSED = ['where (deal.discount otherwise 0%) < 20%', 'deal.amount * (100% - deal.discount otherwise 0%)'];
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

interface Gen {
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


const gen: fc.Arbitrary<Gen> = fc.record({
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


function planText(g: Gen): string {
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

function files(g: Gen): Record<string, string> {
  return { 'reps.csv': 'id,region,quota\n' + g.reps.map((r, i) => `R${i},${r.region},${r.quota}`).join('\n'), ...dealFiles(g) };
}

let engine: DuckDbEngine;
const work = mkdtempSync(join(tmpdir(), 'comp-engine-prop-'));
const seen = { plans: 0, refused: 0, failedRuns: 0, loadFails: 0, sums: 0 };

beforeAll(async () => {
  engine = await DuckDbEngine.open();
});
afterAll(() => {
  engine?.close();
  rmSync(work, { recursive: true, force: true });
  console.log(`engine property: ${seen.plans} random plans identical on DuckDB (${seen.failedRuns} of them runs that fail, with the same errors; ${seen.sums} also from sums through the runtime seam), ${seen.refused} refused (COMP9501), ${seen.loadFails} whose data fail to load`);
});

describe('random plans and data: the default engine and DuckDB pay the same bytes', () => {
  it('holds', async () => {
    let k = 0;
    await fc.assert(
      fc.asyncProperty(gen, async (g) => {
        const text = planText(g);
        const a = analyze('plan.comp', text);
        const errs = a.diagnostics.filter((d) => d.severity === 'error');
        expect(errs.map((d) => `${d.code} ${d.message}`), text).toEqual([]);
        const dir = join(work, String(k++));
        rmSync(dir, { recursive: true, force: true });
        (await import('node:fs')).mkdirSync(dir);
        for (const [name, body] of Object.entries(files(g))) writeFileSync(join(dir, name), body + '\n');
        const loaded = loadDataset(a.ir!, [dir]);
        if (loaded.errors.some((e) => e.severity === 'error')) {
          // splits that do not sum to 100% fail at load, before any engine
          expect(loaded.errors.map((e) => e.code)).toContain('COMP6006');
          seen.loadFails++;
          return;
        }
        const compiled = compilePlan(a.ir!);
        const expected = evaluate(compiled, loaded.dataset);
        try {
          compileCredits(a.ir!, DUCKDB);
        } catch (e) {
          if (!(e instanceof SqlCompileError)) throw e;
          seen.refused++;
          return;
        }
        const credits = await engine.credits(a.ir!, loaded.dataset);
        expect(output(evaluate(compiled, loaded.dataset, { credits })), text).toBe(output(expected));
        seen.plans++;
        // through the runtime seam: sums per rep and period, the named deals' lines
        const sums = await engine.sums(a.ir!, loaded.dataset);
        if (sums.ok) {
          const opts = { traces: false, deals: false };
          expect(printed(evaluate(compiled, loaded.dataset, { ...opts, credits: sums.credits, aggregates: sums.aggregates }), a.ir!), text).toBe(printed(evaluate(compiled, loaded.dataset, { ...opts, aggregate: false }), a.ir!));
          seen.sums++;
        }
        if (expected.errors.length) seen.failedRuns++;
      }),
      { numRuns: Number(process.env.COMP_ENGINE_PROPERTY_RUNS ?? 100) },
    );
    expect(seen.plans).toBeGreaterThan(0);
  });
});
