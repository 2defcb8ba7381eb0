// A table on stdin (`--data -`) is spooled to a file of the run's own and streamed like a file
// (compiler/cli/data-options.ts spoolStdin, compiler/data/stdin.ts readStdinSpool). Its reports
// must be the bytes stdin gave when it was read whole into one string: each case below was run
// through the build of main before the change (3a0031d) and its exit code, stdout and stderr
// recorded in fixtures/stdin/expected.json. To record them again with another build:
//   STDIN_REFERENCE_BIN=/path/to/old/bin/comp.js npx vitest run test/cli/stdin-spool.test.ts
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync as mkdtemp, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});
/** A new folder, removed after the tests. */
function mkdtempSync(prefix: string): string {
  const d = mkdtemp(prefix);
  made.push(d);
  return d;
}

const EXAMPLE = path.join(ROOT, 'docs', 'examples', 'credit-split');
const EXPECTED = path.join(ROOT, 'test', 'cli', 'fixtures', 'stdin', 'expected.json');
const HEAD = 'id,owner,stage,close_date,amount';
const GOOD = readFileSync(path.join(EXAMPLE, 'data', 'deals.csv'), 'utf8');
const many = (n: number, bad: (i: number) => boolean) =>
  Array.from({ length: n }, (_, i) => `D${i + 10},${['ada', 'ben', 'cy'][i % 3]},Won,2026-03-${String((i % 28) + 1).padStart(2, '0')},${bad(i) ? 'lots' : `${i * 10}.5`}`);
const BAD = [HEAD, 'D1,ada,Won,2026-03-12,"200,000"', 'D2,ben,Won,2026-02-30,"50,000"', 'D3,zed,Lost,2026-03-25,abc', 'D4,ada,Won,2026-03-01', ...many(40, (i) => i % 7 === 3)].join('\n') + '\n';
const json = (rows: Record<string, string>[]) => JSON.stringify(rows, null, 1);
const DEALS_JSON = [
  { id: 'D1', owner: 'ada', stage: 'Won', close_date: '2026-03-12', amount: '200000' },
  { id: 'D2', owner: 'ben', stage: 'Won', close_date: '2026-03-18', amount: '50000' },
];

/** name -> [stdin, extra arguments] */
const CASES: Record<string, [string, string[]]> = {
  good: [GOOD, []],
  'good-json-out': [GOOD, ['--format', 'json']],
  'good-stdin-table': [GOOD, ['--stdin-table', 'deals']],
  'wrong-stdin-table': [GOOD, ['--stdin-table', 'dealz']],
  'bad-cells': [BAD, []],
  'bad-cells-crlf': [BAD.replace(/\n/g, '\r\n'), []],
  'bad-cells-bom': ['\ufeff' + BAD, []],
  'bom-unknown-column': ['\ufeff' + `${HEAD},note\nD1,ada,Won,2026-03-12,5,x\nD2,ben,Won,2026-03-12,y,x\n`, []],
  'bom-missing-column': ['\ufeff' + 'id,owner,stage,amount\nD1,ada,Won,5\nD2,ben,Won,x\n', []],
  'quoted-breaks': [[`${HEAD},note`, 'D1,ada,Won,2026-03-12,5,"two\nlines"', '"D\n2",ben,Won,2026-03-18,6,"a ""quoted"" word"', 'D3,ada,Won,2026-13-01,7,"three\n\nlines"', 'D4,ada,Wön,2026-03-01,x,ü'].join('\n') + '\n', []],
  'quoted-breaks-crlf': [[`${HEAD},note`, 'D1,ada,Won,2026-03-12,5,"two\r\nlines"', 'D3,ada,Won,2026-13-01,7,é', 'D4,ada,Won,2026-03-01,x,ü'].join('\r\n') + '\r\n', []],
  'not-plain-stray-quote': [[HEAD, 'D1,ada,Won,2026-03-12,2"0', 'D2,ben,Won,2026-03-18,abc'].join('\n') + '\n', []],
  'not-plain-mixed-breaks': [[HEAD, 'D1,ada,Won,2026-03-12,20', 'D2,ben,Won,2026-03-18,abc'].join('\r\n') + '\nD3,ada,Won,2026-03-40,1\n', []],
  'no-final-break': [BAD.trimEnd(), []],
  'short-row': [[HEAD, 'D1,ada,Won', 'D2,ben,Won,2026-03-18,abc,extra'].join('\n'), []],
  empty: ['', []],
  'only-breaks': ['\n\n', []],
  'header-only': [HEAD + '\n', []],
  'only-bom': ['\ufeff', []],
  'json-good': [json(DEALS_JSON), []],
  'json-bad': [json([...DEALS_JSON, { id: 'D3', owner: 'zed', stage: 'Won', close_date: '2026-02-30', amount: 'abc' }]), []],
  'json-bom-space': ['\ufeff \n\t' + json(DEALS_JSON), []],
  'json-broken': ['  [{"id": "D1", "owner": ', []],
  'json-object-is-csv': ['{"id": "D1"}\n', []],
  'too-large': [BAD, ['--max-input-size', '100']],
  'too-large-json': [json(DEALS_JSON), ['--max-input-size', '100']],
  'at-the-limit': [GOOD, ['--max-input-size', String(Buffer.byteLength(GOOD))]],
  'one-over-the-limit': [GOOD, ['--max-input-size', String(Buffer.byteLength(GOOD) - 1)]],
};

/** A data folder with the plan's other tables (deals come from stdin). */
function folder(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'comp-stdin-test-'));
  const data = path.join(root, 'data');
  mkdirSync(data);
  for (const f of ['reps.csv', 'splits.csv']) writeFileSync(path.join(data, f), readFileSync(path.join(EXAMPLE, 'data', f)));
  return data;
}

type Ran = { code: number | null; stdout: string; stderr: string };

function run(bin: string, data: string, input: string, extra: string[], env: Record<string, string> = {}): Ran {
  const r = spawnSync(process.execPath, [bin, 'run', path.join(EXAMPLE, 'plan.comp'), '--data', data, '--data', '-', ...extra], {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env } as NodeJS.ProcessEnv,
  });
  // the data folder differs between runs: name it the same
  const same = (s: string) => s.split(data).join('<data>');
  return { code: r.status, stdout: same(r.stdout), stderr: same(r.stderr) };
}

describe('a table on stdin reports as it did when stdin was read whole', () => {
  const reference = process.env.STDIN_REFERENCE_BIN;
  if (reference) {
    it('records the reference outputs', () => {
      const data = folder();
      const out: Record<string, Ran> = {};
      for (const [name, [input, extra]] of Object.entries(CASES)) out[name] = run(reference, data, input, extra);
      mkdirSync(path.dirname(EXPECTED), { recursive: true });
      writeFileSync(EXPECTED, JSON.stringify(out, null, 1) + '\n');
    });
    return;
  }
  const expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as Record<string, Ran>;
  it('has a recorded output for every case', () => {
    expect(Object.keys(expected).sort()).toEqual(Object.keys(CASES).sort());
  });
  for (const [name, [input, extra]] of Object.entries(CASES)) {
    it(name, () => {
      const tmp = mkdtempSync(path.join(tmpdir(), 'comp-stdin-tmp-'));
      expect(run('bin/comp.js', folder(), input, extra, { TMPDIR: tmp })).toEqual(expected[name]);
      // the run's own file is gone when it ends (removed from its folder as soon as it was opened)
      expect(readdirSync(tmp)).toEqual([]);
    });
  }
});

describe("the run's copy of stdin", () => {
  it('is never left in the temporary folder: not while the run waits for stdin, not after it is killed', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'comp-stdin-tmp-'));
    const child = spawn(process.execPath, ['bin/comp.js', 'run', path.join(EXAMPLE, 'plan.comp'), '--data', folder(), '--data', '-'], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: tmp },
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    child.stdin.write(GOOD.slice(0, 60)); // stdin left open: the run is spooling it
    const spooling = await new Promise<boolean>((resolve) => {
      // wait for the run to have made its copy (it does so before reading stdin) and to be blocked reading
      const t0 = Date.now();
      const poll = () => {
        const fds = existsSync(`/proc/${child.pid}/fd`) ? readdirSync(`/proc/${child.pid}/fd`) : [];
        const deleted = fds.some((fd) => {
          try {
            return /comp-stdin-.*\(deleted\)$/.test(readlinkSync(`/proc/${child.pid}/fd/${fd}`));
          } catch {
            return false;
          }
        });
        if (deleted || Date.now() - t0 > 20000) resolve(deleted);
        else setTimeout(poll, 50);
      };
      poll();
    });
    expect(readdirSync(tmp)).toEqual([]);
    const ended = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await ended;
    expect(readdirSync(tmp)).toEqual([]);
    if (process.platform === 'linux') expect(spooling).toBe(true);
  }, 30000);
});
