// `comp explain --engine duckdb` prints what `comp explain` prints, byte for byte (stdout, stderr,
// exit status), through the command line: every acceptance case, sample and docs example with
// data, for its last statement's rep and period (balances carried through every period) and its
// busiest rep's (the most credit lines).
// An explanation shows every credit line, so the engine hands the runtime all of them (no sums).
// A plan whose crediting the SQL compiler leaves to the runtime is refused with COMP9501. And a
// run whose DuckDB runs out of its memory limit runs again with DuckDB's default.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import { planCases, ROOT } from './cases.js';

const { cases } = planCases();
const built = existsSync(join(ROOT, 'dist', 'compiler', 'cli', 'main.js'));
let identical = 0;
const refused: string[] = [];

interface Ran {
  code: number | null;
  out: string;
  err: string;
}

function comp(args: string[], extra: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...extra };
    if (!extra.COMP_ENGINE_TRACE) delete env.COMP_ENGINE_TRACE;
    const p = spawn(process.execPath, [join(ROOT, 'bin', 'comp.js'), ...args], { cwd: ROOT, env });
    let out = '';
    let err = '';
    p.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    p.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

/** (rep, period) pairs to explain: the last statement, and the busiest rep's. */
function pairs(c: (typeof cases)[number]): [string, string][] {
  const r = evaluate(compilePlan(c.ir), c.data, { traces: false }).result;
  if (!r || r.statements.length === 0) return [];
  const s = r.statements;
  const busiest = [...s].sort((a, b) => Number(b.earned) - Number(a.earned))[0]!;
  const out = new Map<string, [string, string]>();
  for (const x of [s[s.length - 1]!, busiest]) out.set(`${x.rep}\u0000${x.period}`, [x.rep, x.period]);
  return [...out.values()];
}

afterAll(() => {
  // the counts the closing summary cites
  console.log(`explain --engine duckdb: ${identical} explanations identical to the default engine's, ${refused.length} refused (${refused.join('; ')})`);
});

describe.skipIf(!built)('DuckDB out of memory', () => {
  it('runs the engine again with DuckDB\'s default memory limit, never the loader, same bytes', async () => {
    const crm = cases.find((c) => c.name === 'samples/crm')!;
    const args = ['run', crm.planFile, '--data', join(crm.dir, 'data'), '--format', 'csv'];
    const [a, b] = await Promise.all([comp(args), comp([...args, '--engine', 'duckdb'], { COMP_ENGINE_MEMORY: '1MB', COMP_ENGINE_TRACE: '1' })]);
    expect(b.err).toMatch(/engine: out of memory .*again with DuckDB's default memory limit/);
    expect(b.err).toMatch(/engine: inputs read by DuckDB/);
    expect({ code: b.code, out: b.out }).toEqual({ code: a.code, out: a.out });
  });
});

describe.skipIf(!built)('only the lines the explanation needs', () => {
  // the engine returns only the evaluated reps' lines (the rep and its team below it), rows handed
  // back, and every line outside the plan periods (COMP7004 is printed for each, whoever's)
  it('prints the same warnings and figures for a manager, a member and a rep of another team', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'comp-explain-'));
    try {
      cpSync(join(ROOT, 'docs', 'examples', 'team-rollup'), dir, { recursive: true });
      writeFileSync(join(dir, 'plan.comp'), `plan "Outside"\n` + readFileSync(join(dir, 'plan.comp'), 'utf8').replace(/^plan .*$/m, '').replace('from 2026-01 to 2026-01', 'from 2026-01 to 2026-02'));
      writeFileSync(
        join(dir, 'data', 'reps.csv'),
        'id,name,role,manager\nmia,Mia Haddad,Manager,\nada,Ada Osei,AE,mia\nben,Ben Ito,AE,mia\nzoe,Zoe Park,Manager,\ncal,Cal Reyes,AE,zoe\n',
      );
      writeFileSync(
        join(dir, 'data', 'deals.csv'),
        'id,owner,close_date,amount\nD1,ada,2026-01-09,"50,000"\nD2,ben,2026-02-16,"30,000"\nD3,cal,2025-12-30,"7,000"\nD4,cal,2026-01-20,"9,000"\nD5,ada,2026-03-02,"1,000"\nD6,cal,2026-03-01,"2,000"\nD7,zoe,2026-02-03,"4,000"\n',
      );
      const same = async (): Promise<void> => {
        for (const [rep, period] of [
          ['mia', '2026-02'],
          ['ada', '2026-01'],
          ['cal', '2026-01'],
          ['zoe', '2026-02'],
        ]) {
          const args = ['explain', join(dir, 'plan.comp'), '--data', join(dir, 'data'), '--rep', rep!, '--period', period!];
          const [a, b] = await Promise.all([comp(args), comp([...args, '--engine', 'duckdb'])]);
          expect(a.err).toMatch(/COMP7004/);
          expect({ code: b.code, out: b.out, err: b.err }).toEqual({ code: a.code, out: a.out, err: a.err });
        }
      };
      await same();
      // a cell over two lines: the loader reads the inputs, the engine credits the loaded rows
      writeFileSync(join(dir, 'data', 'reps.csv'), readFileSync(join(dir, 'data', 'reps.csv'), 'utf8').replace('Zoe Park', '"Zoe\nPark"'));
      const args = ['explain', join(dir, 'plan.comp'), '--data', join(dir, 'data'), '--rep', 'ada', '--period', '2026-01', '--engine', 'duckdb'];
      expect((await comp(args, { COMP_ENGINE_TRACE: '1' })).err).toMatch(/engine: inputs read by the loader/);
      await same();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!built)('comp explain --engine duckdb prints what comp explain prints', () => {
  it('finds the plans', () => expect(cases.length).toBeGreaterThan(40));
  for (const c of cases) {
    it(c.name, async () => {
      for (const [rep, period] of pairs(c)) {
        const args = ['explain', c.planFile, '--data', join(c.dir, 'data'), '--rep', rep, '--period', period];
        const [a, b] = await Promise.all([comp(args), comp([...args, '--engine', 'duckdb'])]);
        expect(a.code).toBe(0);
        if (b.code === 1 && /COMP9501/.test(b.err)) {
          refused.push(`${c.name} ${rep} ${period}`);
          continue;
        }
        expect({ code: b.code, out: b.out, err: b.err }).toEqual({ code: a.code, out: a.out, err: a.err });
        identical++;
      }
    });
  }
});
