// A real PostgreSQL server for the tests: Debian's binaries (scripts/engines/setup.sh), a cluster
// initialised in a temporary folder, owned by an unprivileged user when the tests run as root
// (the server refuses root), listening only on a Unix socket in that folder. `psql` runs scripts
// against it; `credits` loads a plan's tables and runs the postgres dialect's credit query.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellText, toCredits, type CreditRow } from '../../compiler/engines/rows.js';
import { POSTGRES } from '../../compiler/sql/dialect.js';
import type { PrecomputedCredits } from '../../runtime/evaluate.js';
import type { Dataset, PlanIR } from '../../runtime/ir.js';

export interface PgServer {
  /** Runs a psql script (ON_ERROR_STOP); its unaligned, tuples-only output. Throws on error. */
  psql(script: string): string;
  stop(): void;
}

export function startPostgres(bin: string, psqlBin: string): PgServer {
  const dir = mkdtempSync(join(tmpdir(), 'comp-pg-'));
  const data = join(dir, 'data');
  const root = process.getuid?.() === 0;
  const as = (cmd: string, args: string[]): string[] => (root ? ['runuser', '-u', 'postgres', '--', cmd, ...args] : [cmd, ...args]);
  if (root) {
    const u = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (u.status !== 0) throw new Error('running as root, and there is no `postgres` user to own the cluster');
    chownSync(dir, Number(u.stdout.trim()), Number(g.stdout.trim()));
    chmodSync(dir, 0o755);
  }
  const run = (cmd: string, args: string[]): void => {
    const [c, ...a] = as(cmd, args);
    const r = spawnSync(c!, a, { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  run(join(bin, 'initdb'), ['-D', data, '-U', 'comp', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', `-c listen_addresses='' -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`, 'start']);
  return {
    psql(script) {
      const r = spawnSync(psqlBin, ['-h', dir, '-U', 'comp', '-d', 'postgres', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1'], {
        input: script,
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        timeout: 120_000,
      });
      if (r.status !== 0) throw new Error(`psql failed (${r.status}): ${r.stderr}`);
      return r.stdout;
    },
    stop() {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function csvCell(s: string | null): string {
  return s === null ? '' : `"${s.split('"').join('""')}"`;
}

let schemas = 0;

/** A psql script: the plan's tables in a schema of their own (text staged, cast to the declared types), each query's rows as one JSON array on a line, the schema dropped. */
export function postgresScript(ir: PlanIR, data: Dataset, queries: string[]): string {
  const id = POSTGRES.ident;
  const schema = `run_${++schemas}`;
  const out = [`CREATE SCHEMA ${schema};`, `SET search_path = ${schema};`];
  for (const t of ir.tables) {
    const cols = t.fields.map((f) => f.name);
    if (!t.key) cols.push('_row');
    const stage = `${t.name}__text`;
    out.push(`CREATE TABLE ${id(stage)} (${cols.map((c) => `${id(c)} TEXT`).join(', ')});`);
    out.push(`COPY ${id(stage)} FROM STDIN WITH (FORMAT csv);`);
    for (const r of data[t.name] ?? []) {
      const cells = t.fields.map((f) => csvCell(cellText(r.values[f.name] ?? null, r, f.name)));
      if (!t.key) cells.push(csvCell(r.key));
      out.push(cells.join(','));
    }
    out.push('\\.');
    const casts = t.fields.map((f) => `CAST(${id(f.name)} AS ${POSTGRES.columnType(f.type)}) AS ${id(f.name)}`);
    if (!t.key) casts.push('_row');
    out.push(`CREATE TABLE ${id(t.name)} AS SELECT ${casts.join(', ')} FROM ${id(stage)};`);
  }
  for (const q of queries) out.push(`SELECT coalesce(jsonb_agg(q), '[]'::jsonb) FROM (\n${q.replace(/;\s*$/, '')}\n) AS q;`);
  out.push(`SET search_path = public;`, `DROP SCHEMA ${schema} CASCADE;`);
  return out.join('\n') + '\n';
}

/** Rows of each query over the plan's tables filled from `data` (one load, one psql session). */
export function postgresRows(pg: PgServer, ir: PlanIR, data: Dataset, queries: string[]): Record<string, unknown>[][] {
  const lines = pg.psql(postgresScript(ir, data, queries)).split('\n').filter((l) => l.startsWith('['));
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>[]);
}

export function creditsOf(rows: Record<string, unknown>[]): PrecomputedCredits {
  return toCredits(rows as unknown as CreditRow[]);
}
