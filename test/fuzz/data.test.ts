// Data mutations: a cell of the example's CSV (or the whole file turned to JSON) replaced by
// hostile text. Loading never throws and every problem has a code and a location; clean data
// evaluates without a throw or an internal error.
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import { ROOT } from '../ide/plans.js';
import { PROTO_NAMES } from './harness.js';

const EXAMPLE = join(ROOT, 'docs', 'examples', 'credit-split');
const FILES = ['reps.csv', 'deals.csv', 'splits.csv'];
const HOSTILE = [
  ...PROTO_NAMES, '', ' ', '"', '""', '=HYPERLINK("http://x")', '\u001b[2J', '\u0000', '1e999', '-0', '+1', '0x10', 'NaN', 'Infinity',
  '9'.repeat(31), '1'.repeat(5000), `0.${'0'.repeat(40)}1`, '1,2,3', '1,,000', '130%', '-30%', '%', '2026-02-30', '2026-13', '9999-12-31',
  '山田太郎', '\ud800', 'a\r\nb', '[[[[', '{"a":1}', 'USD 1', 'EUR 1', 'true', 'yes', 'null',
];

describe('data mutations', () => {
  const a = analyze('plan.comp', readFileSync(join(EXAMPLE, 'plan.comp'), 'utf8'));
  const ir = a.ir!;
  const compiled = compilePlan(ir);
  const root = mkdtempSync(join(tmpdir(), 'comp-datafuzz-'));
  let n = 0;
  it('never throws; every problem is located; clean data evaluates', () => {
    fc.assert(
      fc.property(fc.nat(FILES.length - 1), fc.nat(1000), fc.nat(1000), fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 12 })), fc.boolean(), (fi, ri, ci, value, asJson) => {
        const dir = join(root, String(n++));
        mkdirSync(dir);
        for (const f of FILES) writeFileSync(join(dir, f), readFileSync(join(EXAMPLE, 'data', f)));
        const file = FILES[fi]!;
        const lines = readFileSync(join(EXAMPLE, 'data', file), 'utf8').trimEnd().split('\n');
        const rows = lines.map((l) => l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.filter((x) => x !== '').map((x) => x.replace(/,$/, '').replace(/^"(.*)"$/, '$1').replace(/""/g, '"')));
        const r = 1 + (ri % (rows.length - 1));
        const c = ci % rows[r]!.length;
        rows[r]![c] = value;
        if (asJson) {
          const head = rows[0]!;
          writeFileSync(join(dir, file.replace('.csv', '.json')), JSON.stringify(rows.slice(1).map((row) => Object.fromEntries(head.map((h, i) => [h, row[i] ?? ''])))));
          // the plan names the .csv: the folder holds only the JSON spelling
          unlinkSync(join(dir, file));
        } else {
          writeFileSync(join(dir, file), rows.map((row) => row.map((x) => (/[",\r\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x)).join(',')).join('\n') + '\n');
        }
        const loaded = loadDataset(ir, [dir]);
        for (const e of loaded.errors) {
          expect(e.code).toMatch(/^COMP\d{4}$/);
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.column).toBeGreaterThanOrEqual(1);
        }
        if (!loaded.errors.some((e) => e.severity === 'error')) {
          const out = evaluate(compiled, loaded.dataset);
          expect(out.errors.filter((e) => e.code === 'COMP7000')).toEqual([]);
        }
      }),
      { seed: 9352, numRuns: 600 },
    );
  });
});
