// The CRM sample reproduces its committed output byte for byte.
// After an intended change: UPDATE_GOLDEN=1 npx vitest run test/cli/crm-sample.test.ts
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, comp } from './helpers.js';

const PLAN = 'samples/crm/plan.comp';
const DATA = 'samples/crm/data';
const update = process.env.UPDATE_GOLDEN === '1';

describe('samples/crm', { timeout: 60_000 }, () => {
  it('checks clean', () => {
    const r = comp(['check', PLAN]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it.each([
    ['csv', 'payouts.csv'],
    ['table', 'payouts.txt'],
  ])('run --format %s reproduces expected/%s', (format, file) => {
    const r = comp(['run', PLAN, '--data', DATA, '--format', format]);
    // the export's sales_teams.csv is read by no table (the roster holds the teams): a note, COMP6354
    expect(r.stderr).toBe(`${DATA}/sales_teams.csv:1:1: info[COMP6354]: \`${DATA}/sales_teams.csv\` is not read: no table of the plan is in a file of that name\n`);
    expect(r.code).toBe(0);
    const expectedPath = path.join(ROOT, 'samples', 'crm', 'expected', file);
    if (update) writeFileSync(expectedPath, r.stdout);
    const expected = readFileSync(expectedPath, 'utf8');
    // Compare without printing the whole output on failure: first differing line, then equality.
    if (r.stdout !== expected) {
      const a = r.stdout.split('\n');
      const b = expected.split('\n');
      const i = a.findIndex((l, k) => l !== b[k]);
      expect({ line: i + 1, got: a[i] }).toEqual({ line: i + 1, got: b[i] });
    }
    expect(r.stdout === expected).toBe(true);
  });

  it("gives the same bytes with every file's rows in reverse order", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'comp-crm-'));
    try {
      for (const f of readdirSync(path.join(ROOT, DATA))) {
        const [head, ...rows] = readFileSync(path.join(ROOT, DATA, f), 'utf8').trimEnd().split('\n');
        writeFileSync(path.join(dir, f), [head, ...rows.reverse()].join('\n') + '\n');
      }
      // JSON carries every trace: the strictest comparison of the two runs.
      const original = comp(['run', PLAN, '--data', DATA, '--format', 'json']);
      const reversed = comp(['run', PLAN, '--data', dir, '--format', 'json']);
      expect(original.code).toBe(0);
      expect(reversed.code).toBe(0);
      expect(original.stdout.length).toBeGreaterThan(1000);
      // Notes name the data folder they read: the copy's folder stands in for the original's.
      expect(reversed.stdout.split(dir).join(DATA) === original.stdout).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the generator reproduces the committed inputs', async () => {
    const { spawnSync } = await import('node:child_process');
    const files = ['reps.csv', 'splits.csv', 'csat.csv', 'cancellations.csv'].map((f) => path.join(ROOT, DATA, f));
    const before = files.map((f) => readFileSync(f, 'utf8'));
    const r = spawnSync(process.execPath, ['samples/crm/make-inputs.mjs'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(files.map((f) => readFileSync(f, 'utf8'))).toEqual(before);
  });

  it('the deals file is the export, unmodified', () => {
    const deals = readFileSync(path.join(ROOT, DATA, 'sales_pipeline.csv'), 'utf8');
    expect(deals.split('\n')[0]).toBe('opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value');
    expect(deals.trimEnd().split('\n')).toHaveLength(8801);
    expect(deals).toContain(',GTXPro,');
  });
});
