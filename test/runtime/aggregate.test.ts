// Phase 1 as sums (runtime/engine/aggregate.ts) against phase 1 as lines: a run that shows no
// credit line (traces and deal lines off, as `comp run` as a table or CSV) of a plan phase 2 can
// pay from sums is credited into sums per rep and period; `aggregate: false` keeps every line.
// Both must give the same output, byte for byte: every plan the project ships, and random plans
// and data (filters on the deal, the rep, the period and per-rep tables, per-deal bonuses in full
// or by share, splits and overlays, clawbacks, team credit, credits outside the plan periods,
// empty values in filters, amounts too precise for the scaled sums, failing runs).
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { formatCsv, formatJson, formatTable } from '../../compiler/cli/report.js';
import { compilePlan, evaluate, type EvaluateOutput } from '../../runtime/evaluate.js';
import { aggregatePlan } from '../../runtime/engine/aggregate.js';
import { filterReads, memoFilter, rowFields } from '../../runtime/engine/memo.js';
import { buildIndices } from '../../runtime/engine/indices.js';
import { asBool } from '../../runtime/engine/values.js';
import type { Ctx } from '../../runtime/engine/types.js';
import { KeyFilter } from '../../runtime/engine/key-filter.js';
import { columnsOf } from '../../runtime/rows.js';
import type { Dataset, PlanIR } from '../../runtime/ir.js';
import { planCases } from '../engines/cases.js';
import { clawsBack, dealFiles, money } from '../helpers/random-deals.js';

/** Everything a run gives: JSON, table and CSV, errors and warnings. */
function everything(o: EvaluateOutput, ir: PlanIR): string {
  return (o.result ? formatJson(o.result) + formatTable(o.result, ir) + formatCsv(o.result, { ir }) : '') + JSON.stringify({ errors: o.errors, warnings: o.warnings });
}

const tally = { cases: 0, casesSums: 0, random: 0, randomSums: 0, failing: 0, memo: 0, byIndex: 0 };
afterAll(() => {
  console.log(
    `aggregate: ${tally.cases} shipped plans identical (${tally.casesSums} through sums), ${tally.random} random plans identical (${tally.randomSums} through sums, ${tally.failing} failing runs); ${tally.memo} credit filters remembered by their cells answer as their closures; ${tally.byIndex} evaluations walked a credited table by row number`,
  );
});

/**
 * `fresh`: the data loaded again, its column tables' rows not yet made, so that the sums walk
 * them by row number (runtime/rows.ts `columnsOf`, a `RowCursor`); `data` is walked row by row.
 */
function bothWays(ir: PlanIR, data: Dataset, fresh?: () => Dataset): { sums: boolean; failed: boolean } {
  const compiled = compilePlan(ir);
  const opts = { traces: false, deals: false };
  const unmade = (d: Dataset): Dataset => {
    if (compiled.credits.some((r) => columnsOf(d, r.ir.table))) tally.byIndex++;
    return d;
  };
  const sums = evaluate(compiled, unmade(fresh?.() ?? data), opts);
  // with the scaled sums off too (decimal.js throughout phase 2; phase 1's sums are exact integers or the full path)
  const noScaled = evaluate(compiled, unmade(fresh?.() ?? data), { ...opts, scaledSums: false });
  const lines = evaluate(compiled, data, { ...opts, aggregate: false });
  expect(everything(sums, ir)).toBe(everything(lines, ir));
  expect(everything(noScaled, ir)).toBe(everything(lines, ir));
  return { sums: aggregatePlan(compiled) !== undefined, failed: lines.errors.length > 0 };
}

describe('every shipped plan: sums per rep and period pay what every line pays', () => {
  const { cases } = planCases();
  it('finds the plans', () => expect(cases.length).toBeGreaterThan(40));
  for (const c of cases) {
    it(c.name, () => {
      const r = bothWays(c.ir, c.data, () => loadDataset(c.ir, [join(c.dir, 'data')]).dataset);
      tally.cases++;
      if (r.sums) tally.casesSums++;
    });
  }
});

const WHERE = ['', 'where deal.stage = "Won"', 'where (deal.discount otherwise 0%) < 20%', 'where deal.discount < 25%', 'where deal.region = "EU" and deal.stage = "Won" and deal.amount > USD 0', 'where deal.stage = "Won" and deal.amount >= USD 1,000', 'where deal.close_date >= 2026-02-01 or deal.stage != "Lost"'];
const AMOUNT = [
  'deal.amount',
  'deal.amount * 0.5',
  'deal.amount * (100% - deal.discount otherwise 0%)',
  'if deal.region = "EU" then deal.amount * 110% else deal.amount',
  // more places than the scaled sums hold: the full path
  'deal.amount * 0.3333333333333333333',
  'deal.amount * 1.0000001',
];
const COMPONENT = [
  'on credit\n  rate 7.5%',
  'on credit\n  rate marginal {\n    from 0% to 100% pays 5%\n    from 100% pays 9%\n  }',
  'on credit\n  rate retroactive {\n    from 0% to 80% pays 2%\n    from 80% to 120% pays 6%\n    from 120% pays 10%\n  }',
  'on credit\n  rate 10%\n  gate attainment >= 50%',
  'on credit\n  rate 12%\n  cap USD 1,500 per period',
  'on credit where deal.region = "EU"\n  rate 3%',
  'on credit where deal.region = rep.region\n  rate 4%',
  'on credit where deal.amount >= targets.floor\n  rate 1%',
  'on credit where deal.close_date >= period.start and deal.region = "US"\n  rate 2.5%',
  'on credit where deal.discount < 20%\n  rate 1.5%',
  'on credit\n  basis per deal\n  rate marginal {\n    from USD 0 to USD 2,000 pays 4%\n    from USD 2,000 pays 8%\n  }',
  'on credit where deal.region = "EU"\n  basis per deal\n  rate 2%',
  'on credit where deal.stage = "Won"\n  pays USD 10 per deal',
  'pays USD 150 per deal where deal.amount >= USD 1,000',
  'pays USD 75 per deal in full where deal.region = rep.region',
  'on credit where deal.region = "US"\n  pays USD 20 per deal where deal.amount < targets.floor',
  'on credit\n  rate 5%\n  clawback cancellations within 90 days full net against later payouts',
  'for rep.role = "Manager"\n  on team credit\n  rate 1%',
  'for rep.role = "Manager"\n  on team credit\n  pays USD 5 per deal',
  'on credit\n  rate 1%\n  gate credit where deal.region = "EU" > USD 0',
];

interface Gen {
  where: string;
  amount: string;
  splits: boolean;
  second: boolean;
  periods: string;
  components: string[];
  reps: { quota: number; region: string; manager: number | null; floor: number | null }[];
  deals: { owner: number; stage: string; region: string; day: number; cents: number; discount: number | null }[];
  shares: { deal: number; reps: number[]; pattern: readonly number[]; overlay: number | null }[];
  renewals: { owner: number; day: number; cents: number }[];
  cancels: { deal: number; day: number }[];
}

const gen: fc.Arbitrary<Gen> = fc.record({
  where: fc.constantFrom(...WHERE),
  amount: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...AMOUNT.slice(0, 4)) }, { weight: 1, arbitrary: fc.constantFrom(...AMOUNT.slice(4)) }),
  splits: fc.boolean(),
  second: fc.boolean(),
  periods: fc.constantFrom('monthly from 2026-01 to 2026-03', 'quarterly from 2026-01 to 2026-06', 'monthly from 2026-01 to 2026-04', 'monthly'),
  components: fc.uniqueArray(fc.constantFrom(...COMPONENT), { minLength: 1, maxLength: 4 }),
  reps: fc.array(
    fc.record({
      quota: fc.integer({ min: 1, max: 40 }).map((q) => q * 1000),
      region: fc.constantFrom('EU', 'US'),
      manager: fc.option(fc.nat(), { freq: 2 }),
      floor: fc.option(fc.integer({ min: 0, max: 3000 }), { freq: 8 }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  deals: fc.array(
    fc.record({
      owner: fc.nat(),
      stage: fc.constantFrom('Won', 'Won', 'Lost', 'Open'),
      region: fc.constantFrom('EU', 'US'),
      day: fc.integer({ min: 0, max: 200 }),
      cents: fc.integer({ min: -50_000, max: 2_000_000 }),
      discount: fc.option(fc.integer({ min: 0, max: 40 }), { freq: 4 }),
    }),
    { maxLength: 25 },
  ),
  shares: fc.array(
    fc.record({
      deal: fc.nat(),
      reps: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
      pattern: fc.constantFrom([100], [60, 40], [50, 50], [25, 25, 50], [33.33, 33.33, 33.34], [12.5, 87.5]),
      overlay: fc.option(fc.constantFrom(10, 50, 100)),
    }),
    { maxLength: 8 },
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
  role: text
  manager: rep optional
  quota: money positive
  team by manager
}

table targets from "targets.csv" {
  rep: rep
  floor: money
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

${g.components.map((c, i) => `component c${i} "C${i}" {\n  ${g.second && /deal\.(region|stage|discount)|targets/.test(c) ? 'on credit\n  rate 3%' : c}\n}`).join('\n\n')}
`;
}

function files(g: Gen): Record<string, string> {
  const n = g.reps.length;
  return {
    'reps.csv':
      'id,region,role,manager,quota\n' +
      g.reps.map((r, i) => `R${i},${r.region},${r.manager === null ? 'Manager' : 'AE'},${r.manager === null || r.manager % n === i ? '' : `R${r.manager % n}`},${r.quota}`).join('\n'),
    'targets.csv': 'rep,floor\n' + g.reps.flatMap((r, i) => (r.floor === null ? [] : [`R${i},${money(r.floor * 100)}`])).join('\n'),
    ...dealFiles(g),
  };
}

const work = mkdtempSync(join(tmpdir(), 'comp-aggregate-prop-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('random plans and data: sums per rep and period pay what every line pays', () => {
  it('holds', () => {
    let k = 0;
    fc.assert(
      fc.property(gen, (g) => {
        const text = planText(g);
        const a = analyze('plan.comp', text);
        const errs = a.diagnostics.filter((d) => d.severity === 'error');
        expect(errs.map((d) => `${d.code} ${d.message}`), text).toEqual([]);
        const dir = join(work, String(k++));
        mkdirSync(dir, { recursive: true });
        for (const [name, body] of Object.entries(files(g))) writeFileSync(join(dir, name), body + '\n');
        const loaded = loadDataset(a.ir!, [dir]);
        if (loaded.errors.some((e) => e.severity === 'error')) return;
        // a filter remembered by its cells (runtime/engine/memo.ts) answers as the closure does, row by row
        const compiled = compilePlan(a.ir!);
        const { env } = buildIndices(compiled, loaded.dataset, []);
        for (const rule of compiled.credits) {
          if (!rule.where || !rule.ir.where || filterReads(rule.ir.where) !== 'row') continue;
          const mc: Ctx = { env, rp: null, rep: null, period: null, row: null, event: null };
          const once = memoFilter(rule.where, rowFields(rule.ir.where), mc);
          if (!once) continue;
          const dc: Ctx = { env, rp: null, rep: null, period: null, row: null, event: null };
          for (const row of [...(loaded.dataset[rule.ir.table] ?? []), ...(loaded.dataset[rule.ir.table] ?? [])]) {
            dc.row = row;
            let want: boolean | string;
            let got: boolean | string;
            try {
              want = asBool(rule.where(dc), dc);
            } catch (e) {
              want = String(e);
            }
            try {
              got = once(row);
            } catch (e) {
              got = String(e);
            }
            expect(got, text).toBe(want);
          }
          tally.memo++;
        }
        const r = bothWays(a.ir!, loaded.dataset, () => loadDataset(a.ir!, [dir]).dataset);
        tally.random++;
        if (r.sums) tally.randomSums++;
        if (r.failed) tally.failing++;
      }),
      { numRuns: Number(process.env.COMP_AGGREGATE_RUNS ?? 300) },
    );
    expect(tally.randomSums).toBeGreaterThan(50);
    expect(tally.byIndex).toBeGreaterThan(100);
  });
});

describe('the key bit filter (runtime/engine/key-filter.ts)', () => {
  it('never says no to one of its keys, and mostly says no to others', () => {
    let maybes = 0;
    let asked = 0;
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 12 }), { maxLength: 300 }), fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { maxLength: 300 }), (keys, others) => {
        const f = new KeyFilter(keys, keys.length);
        for (const k of keys) expect(f.mayHave(k)).toBe(true);
        const set = new Set(keys);
        for (const o of others) {
          if (set.has(o)) continue;
          asked++;
          if (f.mayHave(o)) maybes++;
        }
      }),
      { numRuns: 300 },
    );
    expect(maybes).toBeLessThan(asked / 4);
  });
});
