// The workbench's JSON documents validate against their versioned schemas (schemas/*.v1.json,
// ajv strict): comp diff, comp model, comp statement and comp test, through the CLI, on the
// examples and samples (plans with versions, payout currencies, clawbacks, draws, failing and
// broken scenarios).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ROOT, comp } from '../cli/helpers.js';

const ajv = new Ajv({ allErrors: true, strict: true });
for (const f of readdirSync(path.join(ROOT, 'schemas'))) ajv.addSchema(JSON.parse(readFileSync(path.join(ROOT, 'schemas', f), 'utf8')));

function valid(schema: string, stdout: string): Record<string, unknown> {
  const doc = JSON.parse(stdout) as Record<string, unknown>;
  const v = ajv.getSchema(`comp-lang/schemas/${schema}`)!;
  expect(v, schema).toBeDefined();
  expect(v(doc) ? [] : v.errors, schema).toEqual([]);
  return doc;
}

const EX = 'docs/examples/marginal-tiers';

describe('workbench JSON against schemas/', { timeout: 300_000 }, () => {
  it('comp diff: two plans, and a plan against itself at a git revision', () => {
    const r = comp(['diff', `${EX}/plan.comp`, 'test/workbench/fixtures/diff/marginal-new.comp', '--data', `${EX}/data`, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const d = valid('diff.v1.json', r.stdout);
    expect(d.kind).toBe('comp.diff');
    expect((d.repComponents as unknown[]).length).toBe(2);
    const rev = comp(['diff', 'samples/settlement/plan.comp', '--rev', 'HEAD', '--data', 'samples/settlement/data', '--format', 'json']);
    expect(rev.code, rev.stderr).toBe(0);
    valid('diff.v1.json', rev.stdout);
  });

  it.each([
    ['samples/regional-team', ['--normal', '95,20', '--seed', '7', '--shift', '10']],
    ['samples/settlement', []],
    ['samples/global-team', []],
  ])('comp model on %s', (dir, extra) => {
    const r = comp(['model', `${dir}/plan.comp`, '--data', `${dir}/data`, '--format', 'json', ...(extra as string[])]);
    expect(r.code, r.stderr).toBe(0);
    expect(valid('model.v1.json', r.stdout).kind).toBe('comp.model');
  });

  it.each([
    [EX, 'ada', '2026-Q1'],
    ['samples/settlement', 'ada', '2026-03'],
    ['samples/global-team', undefined, undefined],
    ['samples/bonuses', undefined, undefined],
  ])('comp statement on %s', (dir, repGiven, periodGiven) => {
    let rep = repGiven;
    let period = periodGiven;
    if (!rep) {
      // the first rep and period of the run
      const run = JSON.parse(comp(['run', `${dir}/plan.comp`, '--data', `${dir}/data`, '--format', 'json']).stdout) as { statements: { rep: string; period: string }[] };
      ({ rep, period } = run.statements[run.statements.length - 1]!);
    }
    const r = comp(['statement', `${dir}/plan.comp`, '--data', `${dir}/data`, '--rep', rep!, '--period', period!, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = valid('statement.v1.json', r.stdout);
    expect([doc.kind, doc.rep, doc.period]).toEqual(['comp.statement', rep, period]);
  });

  it('comp statement --format json: ada at 130% in the marginal example, the next 10,000 at 16%', () => {
    const doc = JSON.parse(comp(['statement', `${EX}/plan.comp`, '--data', `${EX}/data`, '--rep', 'ada', '--period', '2026-Q1', '--format', 'json']).stdout);
    expect(doc.earned).toBe('18000.00');
    expect(doc.attainment).toEqual([{ period: '2026-Q1', quota: '150000', attainment: '1.3', paid: '18000.00' }]);
    expect(doc.next).toEqual({ amount: '10000.00', earned: '1600.00', paid: '1600.00', effectiveRate: '0.16' });
  });

  it('comp test: every sample (all pass), a failing expectation, and a broken scenario file', () => {
    const all = comp(['test', 'samples', '--format', 'json']);
    expect(all.code, all.stderr).toBe(0);
    const doc = valid('test.v1.json', all.stdout) as { totals: { scenarios: number; failed: number } };
    expect(doc.totals.scenarios).toBeGreaterThan(10);
    expect(doc.totals.failed).toBe(0);
    const fail = comp(['test', 'test/workbench/fixtures', '--format', 'json']);
    expect(fail.code).toBe(1);
    const f = valid('test.v1.json', fail.stdout) as { totals: { failed: number } };
    expect(f.totals.failed).toBeGreaterThan(0);
  });
});
