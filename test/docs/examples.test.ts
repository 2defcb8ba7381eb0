// The runnable examples of the language reference (docs/examples/<name>/).
//
// Each example folder holds `plan.comp`, `data/*.csv`, `expected.json` (the figures computed by
// hand and written in the comment at the top of the plan) and `expected.txt` (the golden output
// of `comp run --format csv`, created on the first run or with UPDATE_GOLDEN=1; review its diff
// like code). The examples are run through the real CLI (`bin/comp.js`, built by `npm test`'s
// tsc step), exactly as an analyst would run them.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../helpers/golden.js';

const root = resolve(import.meta.dirname, '..', '..');
const examplesDir = join(root, 'docs', 'examples');
const bin = join(root, 'bin', 'comp.js');
const cliMain = join(root, 'dist', 'compiler', 'cli', 'main.js');

/** One hand-computed figure: what `rep` is paid in `period`. */
interface ExpectedPay {
  rep: string;
  period: string;
  paid: string;
  /** How the figure was computed (for people; not checked). */
  note?: string;
}

interface StatementLike {
  rep: string;
  period: string;
  paid: string;
}

const examples = existsSync(examplesDir)
  ? readdirSync(examplesDir)
      .filter((n) => statSync(join(examplesDir, n)).isDirectory())
      .sort()
  : [];

function requireCli(): void {
  if (!existsSync(cliMain)) {
    throw new Error(
      `the comp CLI is not built: ${cliMain} is missing. Run \`npm test\` (its tsc step builds dist/) ` +
        `or \`npx tsc -p tsconfig.json\`; if compiler/cli/main.ts does not exist yet, the CLI has not landed.`,
    );
  }
}

/** Run the CLI without blocking the test worker (a blocking spawn starves vitest's RPC). */
function comp(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : null) : 0;
        done({ status: code, stdout: stdout ?? '', stderr: stderr ?? '' });
      },
    );
  });
}

function describeRun(r: { status: number | null; stdout: string; stderr: string }): string {
  return `exit ${r.status}\n--- stdout\n${r.stdout.slice(0, 4000)}\n--- stderr\n${r.stderr.slice(0, 4000)}`;
}

describe.concurrent('docs/examples', () => {
  it('has one example per construct of the reference', () => {
    expect(examples.length).toBeGreaterThanOrEqual(15);
  });

  it('every example is linked from docs/language.md', () => {
    const reference = readFileSync(join(root, 'docs', 'language.md'), 'utf8');
    const missing = examples.filter((n) => !reference.includes(`(examples/${n}/plan.comp)`));
    expect(missing, 'examples not linked from docs/language.md').toEqual([]);
  });

  for (const name of examples) {
    describe(name, { timeout: 60_000 }, () => {
      const dir = join(examplesDir, name);
      const plan = join(dir, 'plan.comp');
      const data = join(dir, 'data');

      it('has plan.comp, data/ and expected.json with hand-computed figures', () => {
        expect(existsSync(plan), `${plan} is missing`).toBe(true);
        expect(existsSync(data) && statSync(data).isDirectory(), `${data}/ is missing`).toBe(true);
        const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as ExpectedPay[];
        expect(Array.isArray(expected) && expected.length > 0).toBe(true);
        for (const e of expected) {
          expect(typeof e.rep).toBe('string');
          expect(typeof e.period).toBe('string');
          expect(e.paid).toMatch(/^-?\d+(\.\d+)?$/);
        }
        // The figures are also written for people at the top of the plan.
        expect(readFileSync(plan, 'utf8')).toMatch(/^#/);
      });

      it('comp check exits 0', async () => {
        requireCli();
        const r = await comp(['check', plan]);
        expect(r.status, `comp check ${name}/plan.comp\n${describeRun(r)}`).toBe(0);
      });

      it('comp run pays the hand-computed figures', async () => {
        requireCli();
        const r = await comp(['run', plan, '--data', data, '--format', 'json']);
        expect(r.status, `comp run ${name}\n${describeRun(r)}`).toBe(0);
        let result: { statements: StatementLike[] };
        try {
          result = JSON.parse(r.stdout) as { statements: StatementLike[] };
        } catch (e) {
          throw new Error(`comp run --format json did not print JSON (${(e as Error).message})\n${describeRun(r)}`);
        }
        const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as ExpectedPay[];
        for (const e of expected) {
          const s = result.statements.find((x) => x.rep === e.rep && x.period === e.period);
          expect(s, `no statement for ${e.rep} in ${e.period}`).toBeDefined();
          expect(s!.paid, `${name}: ${e.rep} ${e.period}${e.note ? ` (${e.note})` : ''}`).toBe(e.paid);
        }
      });

      it('comp run --format csv matches expected.txt', async () => {
        requireCli();
        const r = await comp(['run', plan, '--data', data, '--format', 'csv']);
        expect(r.status, `comp run ${name} --format csv\n${describeRun(r)}`).toBe(0);
        expectGolden(join(dir, 'expected.txt'), r.stdout);
      });
    });
  }
});
