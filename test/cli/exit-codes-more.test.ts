// Exit status of the workbench commands and `comp sql` (0 success, 1 errors in the inputs or a
// failed expectation, 2 usage; never 70), and a reader that closes the pipe early
// (`comp ... | head`): the command ends quietly, no EPIPE stack trace.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FX, ROOT, comp } from './helpers.js';

const EX = 'docs/examples/marginal-tiers';
const BAD = `${FX}/plans/nested/bad.comp`;

describe('exit codes: workbench commands and sql', { timeout: 300_000 }, () => {
  it.each([
    ['test', ['test', 'samples/settlement/plan.comptest'], 0],
    ['test', ['test', 'test/workbench/fixtures/marginal.comptest'], 1],
    ['test', ['test', 'no/such.comptest'], 2],
    ['diff', ['diff', `${EX}/plan.comp`, 'test/workbench/fixtures/diff/marginal-new.comp', '--data', `${EX}/data`], 0],
    ['diff', ['diff', BAD, `${EX}/plan.comp`, '--data', `${EX}/data`], 1],
    ['diff', ['diff', `${EX}/plan.comp`, '--data', `${EX}/data`], 2],
    ['model', ['model', `${EX}/plan.comp`, '--data', `${EX}/data`], 0],
    ['model', ['model', BAD, '--data', `${EX}/data`], 1],
    ['doc', ['doc', `${EX}/plan.comp`], 0],
    ['doc', ['doc', BAD], 1],
    ['statement', ['statement', `${EX}/plan.comp`, '--data', `${EX}/data`, '--period', '2026-Q1', '--rep', 'ada', '--format', 'json'], 0],
    ['statement', ['statement', `${EX}/plan.comp`, '--data', `${EX}/data`, '--period', '2026-Q1', '--rep', 'zed'], 2],
    ['sql', ['sql', `${EX}/plan.comp`], 0],
    ['sql', ['sql', BAD], 1],
  ])('%s %j', (_name, args, code) => {
    const r = comp(args as string[]);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).not.toContain('internal error');
  });

  it('a closed pipe ends the command quietly (comp run --format json | head -1: 5 MB into a closed pipe)', () => {
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `node bin/comp.js run samples/crm/plan.comp --data samples/crm/data --format json | head -1`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout).toBe('{\n');
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect([0, 141]).toContain(r.status);
  });
});
