// The `comp` command line, spawned as users run it. Exit status: 0 ok, 1 errors, 2 usage.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ANSI, FX, comp } from './helpers.js';

const PLAN = `${FX}/split/plan.comp`;
const DATA = `${FX}/split/data`;
const BAD_DATA = `${FX}/baddata`;
const PLANS = `${FX}/plans`;
const GOOD = `${PLANS}/good.comp`;
const BAD = `${PLANS}/nested/bad.comp`;
const WARN = `${PLANS}/warn.comp`;

const tmp = mkdtempSync(path.join(tmpdir(), 'comp-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('help', { timeout: 60_000 }, () => {
  it('comp --help lists the commands with examples', () => {
    const r = comp(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['check', 'run', 'explain']) expect(r.stdout).toContain(`  ${c} `);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('$ comp run samples/crm/plan.comp --data samples/crm/data');
  });
  it.each(['check', 'run', 'explain'])('comp %s --help has examples', (c) => {
    const r = comp([c, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: comp ${c}`);
    expect(r.stdout).toMatch(new RegExp(`Examples:\\n  \\$ comp ${c} `));
    expect(r.stdout).toContain('Exit status:');
  });
  it('comp --version', () => {
    const r = comp(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('usage errors exit 2', { timeout: 60_000 }, () => {
  it.each([
    ['no command', [], /Usage: comp/],
    ['unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['unknown option', ['check', '--bogus', GOOD], /unknown option '--bogus'/],
    ['bad --format', ['check', GOOD, '--format', 'xml'], /argument 'xml' is invalid/],
    ['no such path', ['check', 'no/such/dir'], /no such file or folder: no\/such\/dir/],
    ['no .comp files', ['check', `${FX}/split/data`], /no \.comp files found/],
    ['check without paths', ['check'], /missing required argument 'paths'/],
    ['run without --data', ['run', PLAN], /required option '--data <paths\.\.\.>' not specified/],
    ['run: no such plan', ['run', 'nope.comp', '--data', DATA], /no such file: nope\.comp/],
    ['run: no such data folder', ['run', PLAN, '--data', 'no/data'], /no such data file or folder: no\/data/],
    ['run: --period with --from', ['run', PLAN, '--data', DATA, '--period', '2026-03', '--from', '2026-03'], /either --period or --from\/--to/],
    ['run: bad --format', ['run', PLAN, '--data', DATA, '--format', 'xlsx'], /argument 'xlsx' is invalid/],
    ['explain without --rep', ['explain', PLAN, '--data', DATA, '--period', '2026-03'], /required option '--rep <rep>'/],
  ])('%s', (_name, args, message) => {
    const r = comp(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stdout).toBe('');
  });
});

describe('comp check', { timeout: 60_000 }, () => {
  it('exits 0 on a clean plan', () => {
    const r = comp(['check', GOOD]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('checked 1 file: no problems\n');
  });

  it('exits 0 with warnings only', () => {
    const r = comp(['check', WARN]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('warning[COMP3010]');
    expect(r.stdout).toContain('checked 1 file: 0 errors, 1 warning');
  });

  it('exits 1 on errors, with a rendered snippet and no colour off a terminal', () => {
    const r = comp(['check', BAD]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error[COMP2001]: `acelerator` is not defined');
    expect(r.stdout).toContain(`┌─ ${BAD}:39:8`);
    expect(r.stdout).toContain('39 │   rate acelerator');
    expect(r.stdout).toContain('^^^^^^^^^^');
    expect(r.stdout).not.toMatch(ANSI);
  });

  it('colours only when asked (FORCE_COLOR) and never with NO_COLOR', () => {
    expect(comp(['check', BAD], { FORCE_COLOR: '1' }).stdout).toMatch(ANSI);
    expect(comp(['check', BAD], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).not.toMatch(ANSI);
  });

  it('searches folders for *.comp files, in a stable order', () => {
    const r = comp(['check', PLANS]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('checked 3 files: 1 error, 1 warning');
    expect(r.stdout.indexOf('nested/bad.comp')).toBeLessThan(r.stdout.indexOf('warn.comp'));
  });

  it('expands glob patterns', () => {
    const r = comp(['check', `${PLANS}/*.comp`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('checked 2 files');
  });

  it('--format json', () => {
    const r = comp(['check', PLANS, '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { diagnostics: Record<string, unknown>[] };
    expect(Object.keys(out)).toEqual(['kind', 'schemaVersion', 'files', 'diagnostics']);
    expect(out.diagnostics[0]).toEqual({
      code: 'COMP2001',
      severity: 'error',
      message: '`acelerator` is not defined',
      file: BAD,
      line: 39,
      column: 8,
      endLine: 39,
      endColumn: 18,
      hint: null,
    });
    expect(out.diagnostics[1]).toMatchObject({ code: 'COMP3010', severity: 'warning', file: WARN, line: 22, column: 27 });
    expect(typeof out.diagnostics[1]!.hint).toBe('string');
  });

  it('--format json on a clean plan', () => {
    const r = comp(['check', GOOD, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'comp.check', schemaVersion: 1, files: 1, diagnostics: [] });
  });

  it('--format github: workflow annotations', () => {
    const r = comp(['check', PLANS, '--format', 'github']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`::error file=${BAD},line=39,col=8,title=COMP2001::\`acelerator\` is not defined`);
    expect(lines[1]).toMatch(new RegExp(`^::warning file=${WARN.replace(/\./g, '\\.')},line=22,col=27,title=COMP3010::`));
    // `%` is escaped in annotation messages.
    expect(lines[1]).toContain('0%25');
    expect(lines).toHaveLength(2);
  });
});

describe('comp run', { timeout: 60_000 }, () => {
  it('prints a table of payouts per rep and period, then a summary', () => {
    const r = comp(['run', PLAN, '--data', DATA]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('CLI test plan (USD)');
    expect(lines[2]).toMatch(/^Rep +Period +Commission +Overlay commission +Clawbacks +Draw +Paid +Owed$/);
    expect(r.stdout).toMatch(/\nada +2026-03 +14,000\.00 +14,000\.00\n/);
    expect(r.stdout).toMatch(/\ncy +2026-03 +2,500\.00 +2,500\.00\n/);
    expect(r.stdout).toContain('Summary\n');
    expect(r.stdout).toMatch(/Reps: +3\n/);
    expect(r.stdout).toMatch(/Periods: +2 \(2026-03 to 2026-04\)\n/);
    expect(r.stdout).toMatch(/Total paid: +USD 27,500\.00\n/);
    expect(r.stdout).toMatch(/Total clawed back: +USD 0\.00\n/);
    expect(r.stdout).toMatch(/Balances owed: +none\n/);
    // Columns are aligned: every row of the table has the header's width or less.
    const header = lines[2]!;
    for (const l of lines.slice(3, 9)) expect(l.length).toBeLessThanOrEqual(header.length);
  });

  it('--format csv: one row per payout line', () => {
    const r = comp(['run', PLAN, '--data', DATA, '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = r.stdout.trimEnd().split('\n');
    expect(rows[0]).toBe('rep,period,kind,name,label,amount,exact');
    expect(rows).toContain('ada,2026-03,component,commission,Commission,14000.00,14000');
    expect(rows).toContain('cy,2026-03,component,overlay,Overlay commission,2500.00,2500');
  });

  it('--format json: the RunResult', () => {
    const r = comp(['run', PLAN, '--data', DATA, '--format', 'json']);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res).toMatchObject({ plan: 'CLI test plan', currency: 'USD', summary: { reps: 3, periods: 2, totalPaid: '27500.00' } });
    expect(res.statements).toHaveLength(6);
    expect(res.statements[0]).toMatchObject({ rep: 'ada', period: '2026-03', paid: '14000.00' });
  });

  it('--period and --from/--to select periods', () => {
    const one = JSON.parse(comp(['run', PLAN, '--data', DATA, '--format', 'json', '--period', '2026-04']).stdout);
    expect(one.periods.map((p: { key: string }) => p.key)).toEqual(['2026-04']);
    const range = JSON.parse(comp(['run', PLAN, '--data', DATA, '--format', 'json', '--from', '2026-03', '--to', '2026-03']).stdout);
    expect(range.periods.map((p: { key: string }) => p.key)).toEqual(['2026-03']);
  });

  it('--out writes the file and nothing to stdout', () => {
    const out = path.join(tmp, 'payouts.csv');
    const r = comp(['run', PLAN, '--data', DATA, '--format', 'csv', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`wrote ${out}`);
    expect(readFileSync(out, 'utf8')).toBe(comp(['run', PLAN, '--data', DATA, '--format', 'csv']).stdout);
  });

  it('is byte-identical from one run to the next, whatever the order of the data files given', () => {
    const a = comp(['run', PLAN, '--data', DATA, '--format', 'json']);
    const b = comp(['run', PLAN, '--data', `${DATA}/splits.csv`, `${DATA}/deals.csv`, `${DATA}/reps.csv`, '--format', 'json']);
    expect(b.stdout).toBe(a.stdout);
  });

  it('exits 1 on data errors, each printed as file:line:col: error[CODE]: message with its hint', () => {
    const r = comp(['run', PLAN, '--data', BAD_DATA]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${BAD_DATA}/deals.csv:3:4: error[COMP6005]: \`bne\` is not a rep in \`reps\`\n  hint: did you mean \`ben\`?\n`);
    expect(r.stderr).toContain(`${BAD_DATA}/deals.csv:3:12: error[COMP6004]: \`2026-02-30\` is not a date (YYYY-MM-DD)\n`);
    expect(r.stderr).toContain(`${BAD_DATA}/deals.csv:4:24: error[COMP6010]: \`EUR 90000\` is not an amount in USD\n`);
    expect(r.stderr).toContain(`${BAD_DATA}/splits.csv:2:1: error[COMP6006]: the splits of deal \`D1\` sum to 90%, not 100%\n`);
    expect(r.stderr).toContain('4 data errors; nothing was run');
  });

  it('exits 1 on plan errors, printing them', () => {
    const r = comp(['run', BAD, '--data', DATA]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error[COMP2001]');
  });

  it('notes a data file that no table reads', () => {
    const r = comp(['run', PLAN, '--data', DATA, `${PLANS}/good.comp`, '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`${PLANS}/good.comp:1:1: info[COMP6354]: \`${PLANS}/good.comp\` is not read: no table of the plan is in a file of that name\n`);
  });

  it('reports a missing input file', () => {
    const r = comp(['run', PLAN, '--data', `${DATA}/reps.csv`, `${DATA}/deals.csv`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/: error\[COMP6001\]: no file for table `splits`/);
  });
});

describe('comp explain', { timeout: 60_000 }, () => {
  it("prints a rep's statement and its trace tree, indented", () => {
    const r = comp(['explain', PLAN, '--data', DATA, '--rep', 'ben', '--period', '2026-03']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('CLI test plan: statement for ben, 2026-03 (USD)');
    expect(r.stdout).toMatch(/\n {2}Commission +11,000\.00\n/);
    expect(r.stdout).toMatch(/\n {2}Paid +11,000\.00\n/);
    const at = lines.indexOf('Explanation');
    expect(at).toBeGreaterThan(0);
    const tree = lines.slice(at + 1).filter((l) => l.length > 0);
    expect(tree.length).toBeGreaterThan(3);
    for (const l of tree) expect(l).toMatch(/^( {2})+\S/);
    expect(tree.some((l) => /^ {4}\S/.test(l))).toBe(true);
    expect(r.stdout).toContain('D1');
    expect(r.stdout).toContain('D2');
  });

  it('unknown rep: exit 2 with a did-you-mean', () => {
    const r = comp(['explain', PLAN, '--data', DATA, '--rep', 'bne', '--period', '2026-03']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: unknown rep `bne`\nhint: did you mean `ben`?\n');
  });

  it('unknown period: exit 2 with a did-you-mean', () => {
    const r = comp(['explain', PLAN, '--data', DATA, '--rep', 'ben', '--period', '2026-3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: unknown period `2026-3`\nhint: did you mean `2026-03`?\n');
  });
});

describe('evaluation errors', { timeout: 60_000 }, () => {
  it('prints an error that recurs in every period once, naming the other periods, and counts each', () => {
    const r = comp(['run', `${FX}/zero-quota/plan.comp`, '--data', `${FX}/zero-quota/data`]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines.filter((l) => l.includes('error[COMP7001]'))).toEqual([
      `${FX}/zero-quota/data/reps.csv:2:1: error[COMP7001]: component \`commission\` divides by zero for rep \`a\` in 2026-01`,
    ]);
    expect(r.stderr).toContain('(the same in 3 more periods: 2026-02, 2026-03, 2026-04)');
    // the plan's place of the division (`credit / quota` on line 23), under the data row
    expect(r.stderr).toContain(`  --> ${FX}/zero-quota/plan.comp:23:18: in the plan`);
    expect(r.stderr).toContain('hint: this division has no fallback for zero (COMP3010)');
    expect(r.stderr).toContain('4 errors while evaluating the plan');
  });
});
