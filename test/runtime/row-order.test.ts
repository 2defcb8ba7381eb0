// The evaluator over tables held as columns (runtime/rows.ts) pays what it pays over plain rows,
// and neither depends on the order of the rows in the files: the CRM sample and the bench plan,
// every table shuffled by fast-check, the whole result (statements, lines, deal lines, traces)
// compared as JSON.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import type { Dataset, RowValue } from '../../runtime/ir.js';
import { ColumnRow } from '../../runtime/rows.js';

const ROOT = join(import.meta.dirname, '..', '..');

function load(plan: string, data: string) {
  const a = analyze(plan, readFileSync(join(ROOT, plan), 'utf8'));
  if (!a.ir) throw new Error(`${plan} has errors`);
  const { dataset, errors } = loadDataset(a.ir, [join(ROOT, data)]);
  expect(errors.filter((e) => e.severity === 'error')).toEqual([]);
  return { plan: compilePlan(a.ir), dataset };
}

const json = (plan: ReturnType<typeof compilePlan>, data: Dataset): string => JSON.stringify(evaluate(plan, data));

/** Plain rows (what the API, the workbench and the SQL engines may hand the evaluator). */
function plain(data: Dataset): Dataset {
  const out: Dataset = Object.create(null) as Dataset;
  for (const [t, rows] of Object.entries(data)) out[t] = rows.map((r): RowValue => ({ kind: 'row', table: r.table, key: r.key, values: { ...r.values }, loc: { ...r.loc } }));
  return out;
}

describe.each([
  ['samples/crm/plan.comp', 'samples/crm/data'],
  ['docs/examples/clawback-full/plan.comp', 'docs/examples/clawback-full/data'],
])('%s', (plan, data) => {
  it('pays the same over columns as over plain rows, whatever the order of the rows', () => {
    const { plan: p, dataset } = load(plan, data);
    const big = Object.values(dataset).flat();
    expect(big.some((r) => r instanceof ColumnRow)).toBe(true);
    const expected = json(p, dataset);
    expect(json(p, plain(dataset))).toBe(expected);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (seed) => {
        let s = seed;
        const rand = (): number => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
        const shuffled: Dataset = Object.create(null) as Dataset;
        for (const [t, rows] of Object.entries(dataset)) {
          const copy = [...rows];
          for (let i = copy.length - 1; i > 0; i--) {
            const j = Math.floor(rand() * (i + 1));
            [copy[i], copy[j]] = [copy[j]!, copy[i]!];
          }
          shuffled[t] = copy;
        }
        expect(json(p, shuffled)).toBe(expected);
      }),
      { numRuns: 4 },
    );
  }, 120_000);
});
