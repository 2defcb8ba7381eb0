// `comp test`: scenario files run through the real CLI (bin/comp.js, built by tsc), and the
// JUnit report through the workbench API (the same functions the command calls).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { comp } from '../cli/helpers.js';
import { runScenarioFile } from '../../compiler/workbench/scenario-run.js';
import { formatJunit } from '../../compiler/workbench/scenario-report.js';

const F = 'test/workbench/fixtures';

describe('comp test', () => {
  it('every sample has scenarios, and they all pass', () => {
    const samples = readdirSync('samples', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `samples/${d.name}/plan.comptest`);
    const r = comp(['test', 'samples']);
    for (const s of samples) expect(r.stdout).toContain(s);
    expect(r.stdout).not.toMatch(/FAIL|ERROR/);
    expect(r.stdout).toMatch(/\d+ scenarios \(\d+ expectations\): (\d+) passed, 0 failed\n$/);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('prints a diff with the trace for a failed expectation, diagnostics for bad scenario files, and exits 1', () => {
    const r = comp(['test', `${F}/marginal.comptest`, `${F}/bad-syntax.comptest`, `${F}/bad-names.comptest`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ok    the worked example (line 5, 3 expectations)');
    expect(r.stdout).toContain('FAIL  a figure written wrong on purpose');
    expect(r.stdout).toContain('line 17: expect ada 2026-Q1 paid = USD 99.00\n          expected  USD 99.00\n          actual    USD 12,000.00\n          trace:\n            Paid 12,000.00');
    // scenario-file errors: code, location, caret, hint
    expect(r.stdout).toContain('error[COMP8450]: an expectation needs `=` and the expected value');
    expect(r.stdout).toContain('bad-syntax.comptest:5:3');
    expect(r.stdout).toContain('error[COMP8452]: the plan has no component or `let` named `comission`');
    expect(r.stdout).toContain('hint: did you mean `commission`?');
    // a bad cell of an inline row is shown where it was written, with the loader's own code
    expect(r.stdout).toContain('error[COMP6004]');
    expect(r.stdout).toContain('bad-names.comptest:11:12');
    expect(r.stdout).toMatch(/11 │ {5}D1,ada,2026-02-30,150000\n\s+│ {12}\^{10}/);
    // a rejection pinned with `expect error` passes
    expect(r.stdout).toContain('ok    a rejection pinned by its code');
    expect(r.stdout).toMatch(/5 scenarios \(8 expectations\): 2 passed, 1 failed, 3 with errors\n$/);
  });

  it('--format junit: one testcase per scenario, the failure with its diff and trace', () => {
    const out = runScenarioFile(`${F}/marginal.comptest`);
    expect(out.scenarios.map((s) => s.status)).toEqual(['pass', 'fail']);
    expect(out.scenarios[1]!.failures[0]!.diagnostic.code).toBe('COMP8454');
    const xml = formatJunit([out], () => '');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="comp test" tests="2" failures="1" errors="0">/);
    expect(xml).toContain('<testcase name="the worked example" classname="test/workbench/fixtures/marginal.comptest">\n    </testcase>');
    expect(xml).toContain('<failure message="1 expectation not met">line 17: expect ada 2026-Q1 paid = USD 99.00\n  expected  USD 99.00\n  actual    USD 12,000.00\n    Paid 12,000.00');
  });
});
