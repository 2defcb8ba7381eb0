// Closed periods: `comp close`, `comp run --ledger`, `comp ledger show|verify|export`, through the
// CLI as users run it, and a crash test that kills `comp close` in the middle of its write.
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { FX, ROOT, comp } from '../cli/helpers.js';
import { Ledger } from '../../compiler/ledger/store.js';
import { verifyHashes } from '../../compiler/ledger/verify.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'comp-ledger-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of the split fixture (March and April 2026) in its own folder. */
function fixture(name: string): { plan: string; data: string; ledger: string } {
  const dir = path.join(tmp, name);
  cpSync(path.join(ROOT, FX, 'split'), dir, { recursive: true });
  return { plan: path.join(dir, 'plan.comp'), data: path.join(dir, 'data'), ledger: path.join(dir, 'pay.ledger') };
}

interface Line {
  kind: string;
  name: string;
  amount: string;
  adjusts?: { period: string };
  reason?: string;
}
interface St {
  rep: string;
  period: string;
  paid: string;
  lines: Line[];
  closed?: unknown;
}

function runJson(f: { plan: string; data: string; ledger: string }): St[] {
  const r = comp(['run', f.plan, '--data', f.data, '--ledger', f.ledger, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { statements: St[] }).statements;
}

async function sql(file: string, text: string): Promise<void> {
  const db = await DuckDBInstance.create(file);
  const c = await db.connect();
  await c.run(text);
  c.closeSync();
  db.closeSync();
}

describe('comp close and comp run --ledger', { timeout: 240_000 }, () => {
  const f = fixture('flow');

  it('closes March; a run with the ledger pays March as recorded', () => {
    const r = comp(['close', f.plan, '--data', f.data, '--period', '2026-03', '--ledger', f.ledger, '--by', 'alice']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^closed 2026-03 in .*: close 1, 3 statements, 3 lines, total paid 27500\.00 USD\n {2}by alice at /);
    const march = runJson(f).filter((s) => s.period === '2026-03');
    expect(march.map((s) => [s.rep, s.paid, !!s.closed])).toEqual([
      ['ada', '14000.00', true],
      ['ben', '11000.00', true],
      ['cy', '2500.00', true],
    ]);
  });

  it('a late deal and a corrected amount become adjustment lines in April, each explained', () => {
    const deals = path.join(f.data, 'deals.csv');
    writeFileSync(deals, readFileSync(deals, 'utf8').replace('D2,ben,Won,2026-03-18,"50,000"', 'D2,ben,Won,2026-03-18,"55,000"'));
    appendFileSync(deals, 'D4,ben,Won,2026-03-28,"10,000"\n');
    const sts = runJson(f);
    // March never changes
    expect(sts.find((s) => s.rep === 'ben' && s.period === '2026-03')!.paid).toBe('11000.00');
    const benApril = sts.find((s) => s.rep === 'ben' && s.period === '2026-04')!;
    const adj = benApril.lines.filter((l) => l.kind === 'adjustment');
    expect(adj).toHaveLength(1);
    expect(adj[0]).toMatchObject({ name: 'commission', amount: '1500.00', adjusts: { period: '2026-03', kind: 'component', name: 'commission' } });
    expect(adj[0]!.reason).toContain('closed at 11000.00, now computes 12500.00');
    expect(adj[0]!.reason).toContain('deal `D2`: credit 50000 at close, now 55000');
    expect(adj[0]!.reason).toContain('deal `D4` was not in the data at close');
    expect(adj[0]!.reason).toContain('deals.csv');
    expect(benApril.paid).toBe('1500.00');
    // the table shows them in a column of their own
    const table = comp(['run', f.plan, '--data', f.data, '--ledger', f.ledger]);
    expect(table.stdout).toMatch(/Adjustments/);
  });

  it('closing April records the adjustment; it is not paid twice', () => {
    const r = comp(['close', f.plan, '--data', f.data, '--period', '2026-04', '--ledger', f.ledger, '--by', 'bob']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('(1 adjustments to earlier closes)');
    const sts = runJson(f);
    expect(sts.flatMap((s) => s.lines.filter((l) => l.kind === 'adjustment'))).toHaveLength(1);
    expect(sts.every((s) => s.closed)).toBe(true);
  });

  it('a retroactive plan change is explained as a rule change', () => {
    const g = fixture('plan-change');
    expect(comp(['close', g.plan, '--data', g.data, '--period', '2026-03', '--ledger', g.ledger]).code).toBe(0);
    writeFileSync(g.plan, readFileSync(g.plan, 'utf8').replace('rate 10%', 'rate 12%'));
    const ada = runJson(g).find((s) => s.rep === 'ada' && s.period === '2026-04')!;
    const adj = ada.lines.find((l) => l.kind === 'adjustment')!;
    expect(adj.amount).toBe('2800.00');
    expect(adj.reason).toContain('deal `D1`: same credit 140000, pays 16800 instead of 14000 (the rule changed)');
    expect(adj.reason).toContain('the plan changed since the close');
  });

  it('a closed period cannot be closed again, nor a period out of order (exit 1, with codes)', () => {
    const again = comp(['close', f.plan, '--data', f.data, '--period', '2026-03', '--ledger', f.ledger]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('error[COMP9302]: 2026-03 is already closed');
    const g = fixture('order');
    expect(comp(['close', g.plan, '--data', g.data, '--period', '2026-04', '--ledger', g.ledger]).code).toBe(0);
    const back = comp(['close', g.plan, '--data', g.data, '--period', '2026-03', '--ledger', g.ledger, '--format', 'json']);
    expect(back.code).toBe(1);
    expect(JSON.parse(back.stdout).problems[0].code).toBe('COMP9303');
    const unknown = comp(['close', g.plan, '--data', g.data, '--period', '2031-01', '--ledger', g.ledger]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown period `2031-01`');
  });
});

describe('comp ledger show, verify, export', { timeout: 240_000 }, () => {
  const f = fixture('verify');
  it('verify passes on an untouched ledger, and recomputes the lines from the data', () => {
    expect(comp(['close', f.plan, '--data', f.data, '--period', '2026-03', '--ledger', f.ledger, '--by', 'carol']).code).toBe(0);
    const r = comp(['ledger', 'verify', f.ledger, '--data', f.data]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('close 1 (2026-03): recomputed from the recorded plan and the data: the same 3 lines');
    const show = comp(['ledger', 'show', f.ledger, '--period', '2026-03']);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/close 1: 2026-03 {2}closed .* by carol {2}3 statements, 3 lines, paid 27500\.00/);
    expect(show.stdout).toMatch(/deals: .*deals\.csv sha256 [0-9a-f]{64}/);
    const csv = comp(['ledger', 'export', f.ledger, '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe('seq,period,closed_at,closed_by,rep,kind,name,label,amount,exact,adjusts_period,reason');
    expect(csv.stdout.trim().split('\n')).toHaveLength(4);
  });

  it('verify fails on a line changed in the database (exit 1, COMP9304)', async () => {
    const copy = path.join(tmp, 'tampered.ledger');
    cpSync(f.ledger, copy);
    await sql(copy, `UPDATE lines SET amount = '15000.00' WHERE seq = 1 AND rep = 'ada'`);
    const r = comp(['ledger', 'verify', copy]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error[COMP9304]: close 1 (2026-03): its statements, lines or deals differ from what was recorded');
  });

  it('verify fails on an edited header, and on a removed close', async () => {
    const copy = path.join(tmp, 'header.ledger');
    cpSync(f.ledger, copy);
    await sql(copy, `UPDATE closes SET closed_by = 'mallory'`);
    const r = comp(['ledger', 'verify', copy, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).problems.map((p: { code: string }) => p.code)).toContain('COMP9304');
    const g = fixture('removed');
    for (const p of ['2026-03', '2026-04']) expect(comp(['close', g.plan, '--data', g.data, '--period', p, '--ledger', g.ledger]).code).toBe(0);
    await sql(g.ledger, `DELETE FROM closes WHERE seq = 1`);
    const v = comp(['ledger', 'verify', g.ledger]);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('a close is missing');
  });

  it('a file that is not a ledger is an error with a code; a missing one a usage error', () => {
    const r = comp(['ledger', 'show', f.plan]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[COMP9300]');
    expect(comp(['ledger', 'show', path.join(tmp, 'nope.ledger')]).code).toBe(2);
  });
});

// A close of many reps, killed at each point of its write: the ledger is as before or as after.
describe('crash: killing comp close mid-write', { timeout: 240_000 }, () => {
  const f = fixture('crash');
  const reps = ['id,name,role', ...Array.from({ length: 300 }, (_, i) => `r${i},Rep ${i},AE`)].join('\n') + '\n';
  const deals = ['id,owner,stage,close_date,amount', ...Array.from({ length: 600 }, (_, i) => `X${i},r${i % 300},Won,2026-0${3 + (i % 2)}-1${i % 10},${1000 + i}`)].join('\n') + '\n';
  writeFileSync(path.join(f.data, 'reps.csv'), reps);
  writeFileSync(path.join(f.data, 'deals.csv'), deals);
  writeFileSync(path.join(f.data, 'splits.csv'), 'deal,rep,share,overlay\n');

  /** Start `comp close` for April and kill it when its stderr shows `at` (or when it ends). */
  function closeKilledAt(ledger: string, at: string): Promise<{ killed: boolean }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['bin/comp.js', 'close', f.plan, '--data', f.data, '--period', '2026-04', '--ledger', ledger], {
        cwd: ROOT,
        env: { ...process.env, COMP_LEDGER_PROGRESS: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let killed = false;
      let err = '';
      child.stderr.on('data', (b: Buffer) => {
        err += b.toString();
        if (!killed && err.includes(`ledger: ${at}\n`)) {
          killed = true;
          child.kill('SIGKILL');
        }
      });
      child.on('exit', () => resolve({ killed }));
    });
  }

  it('leaves the ledger verified, with March only or March and all of April', async () => {
    const base = path.join(tmp, 'crash-base.ledger');
    expect(comp(['close', f.plan, '--data', f.data, '--period', '2026-03', '--ledger', base]).code).toBe(0);
    const full = path.join(tmp, 'crash-full.ledger');
    cpSync(base, full);
    expect(comp(['close', f.plan, '--data', f.data, '--period', '2026-04', '--ledger', full]).code).toBe(0);
    const fl = await Ledger.open(full, { create: false });
    const after = await fl.closes();
    fl.dispose();
    expect(after[1]!.lineCount).toBe(300);
    // every point the write reports: before the transaction's first insert, inside it, at commit, after it
    const points = ['begin', 'statements 300/300', 'lines 300/300', 'commit', 'committed'];
    const seen = new Set<string>();
    for (const at of points) {
      const ledger = path.join(tmp, `crash-${at.replace(/\W/g, '_')}.ledger`);
      cpSync(base, ledger);
      const { killed } = await closeKilledAt(ledger, at);
      expect(killed, `the close reached ${at}`).toBe(true);
      // read back in this process (the ledger API): every hash holds
      const l = await Ledger.open(ledger, { create: false });
      const closes = await l.closes();
      l.dispose();
      expect(verifyHashes(closes), at).toEqual([]);
      expect(closes.length === 1 || closes.length === 2, `${at}: ${closes.length} closes`).toBe(true);
      expect(closes[0]!.linesHash).toBe(after[0]!.linesHash);
      if (closes.length === 2) expect(closes[1]!.linesHash).toBe(after[1]!.linesHash);
      seen.add(closes.length === 1 ? 'before' : 'after');
    }
    // the kills hit both sides of the commit
    expect([...seen].sort()).toEqual(['after', 'before']);
    expect(existsSync(base)).toBe(true);
  });
});
