// `BENCH=duckdb npm run bench`: the SQL engine on the scaled CRM workload (scripts/bench/scale.mjs,
// scripts/bench/plan.comp) read from Parquet, at about 1M pipeline rows (BENCH_ENGINE_COPIES,
// default 12,120: about 106k and 1M; 1200 copies is about 10M). Measured in the same run, each in its own process
// (CPU user + system, wall, peak RSS from /usr/bin/time):
//   - comp run --engine duckdb   (crediting in DuckDB, the rest in the runtime)
//   - the same from typed Parquet (DATE, DECIMAL(18, 2), BIGINT columns: a warehouse export)
//   - comp run                   (the default engine), same Parquet files
//   - comp's own SQL             (`comp sql --dialect duckdb`: credits and every measure) in DuckDB
//   - hand-written SQL           (scripts/bench/hand-credit.sql: the crediting, per rep and quarter)
// The hand-written credits must equal comp's SQL measures to the cent, and both comp runs must
// print the same bytes, or the bench fails.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { analyze } from '../../compiler/analysis.js';
import { compilePlanSql } from '../../compiler/sql/compile.js';
import { DUCKDB } from '../../compiler/sql/dialect.js';
import { Decimal } from '../../runtime/decimal.js';
import { ROOT } from '../lsp/client.js';
import { measure, type Measured } from './scale.js';

const f2 = (x: number): string => x.toFixed(2);

async function toParquet(csvDir: string, out: string): Promise<void> {
  if (existsSync(join(out, 'done'))) return;
  mkdirSync(out, { recursive: true });
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  for (const t of ['accounts', 'cancellations', 'csat_quarterly', 'products', 'reps', 'sales_pipeline', 'splits'])
    await c.run(`COPY (SELECT * FROM read_csv('${join(csvDir, `${t}.csv`)}', all_varchar = true, header = true)) TO '${join(out, `${t}.parquet`)}' (FORMAT parquet)`);
  c.closeSync();
  inst.closeSync();
  writeFileSync(join(out, 'done'), '');
}

/**
 * The same workload as a warehouse usually exports it: dates as DATE, amounts as DECIMAL(18, 2),
 * integers as BIGINT (the other columns stay text). `comp run --engine duckdb` takes such columns
 * as they are (compiler/engines/inputs.ts `directColumn`), with no spelling test.
 */
async function typedParquet(from: string, out: string): Promise<void> {
  if (existsSync(join(out, 'done'))) return;
  mkdirSync(out, { recursive: true });
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  const tables: Record<string, string> = {
    reps: '* REPLACE (CAST(hire_date AS DATE) AS hire_date, CAST(monthly_quota AS DECIMAL(18, 2)) AS monthly_quota)',
    sales_pipeline: "* REPLACE (CAST(NULLIF(engage_date, '') AS DATE) AS engage_date, CAST(NULLIF(close_date, '') AS DATE) AS close_date, CAST(NULLIF(close_value, '') AS DECIMAL(18, 2)) AS close_value)",
    accounts: "* REPLACE (CAST(NULLIF(year_established, '') AS BIGINT) AS year_established, CAST(NULLIF(employees, '') AS BIGINT) AS employees)",
    cancellations: '* REPLACE (CAST(date AS DATE) AS date)',
  };
  for (const t of ['accounts', 'cancellations', 'csat_quarterly', 'products', 'reps', 'sales_pipeline', 'splits'])
    await c.run(`COPY (SELECT ${tables[t] ?? '*'} FROM read_parquet('${join(from, `${t}.parquet`)}')) TO '${join(out, `${t}.parquet`)}' (FORMAT parquet)`);
  c.closeSync();
  inst.closeSync();
  writeFileSync(join(out, 'done'), '');
}

/** K replicas of a Parquet workload: replica i > 0 renames every rep `X` to `X ~i` and deal `D` to `D~i`. */
async function replicate(from: string, out: string, k: number): Promise<void> {
  if (existsSync(join(out, 'done'))) return;
  mkdirSync(out, { recursive: true });
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  const rep = (col: string): string => `CASE WHEN i = 0 OR ${col} IS NULL THEN ${col} ELSE ${col} || ' ~' || i END AS ${col}`;
  const deal = (col: string): string => `CASE WHEN i = 0 THEN ${col} ELSE ${col} || '~' || i END AS ${col}`;
  const tables: Record<string, string> = {
    reps: `${rep('id')}, ${rep('manager')}, role, office, hire_date, monthly_quota`,
    sales_pipeline: `${deal('opportunity_id')}, ${rep('sales_agent')}, product, account, deal_stage, engage_date, close_date, close_value`,
    splits: `${deal('deal')}, ${rep('rep')}, share, overlay`,
    csat_quarterly: `${rep('rep')}, quarter, score`,
    cancellations: `${deal('deal')}, date, reason`,
  };
  for (const [t, cols] of Object.entries(tables))
    await c.run(`COPY (SELECT ${cols} FROM read_parquet('${join(from, `${t}.parquet`)}'), range(${k}) AS r(i)) TO '${join(out, `${t}.parquet`)}' (FORMAT parquet)`);
  for (const t of ['accounts', 'products']) await c.run(`COPY (SELECT * FROM read_parquet('${join(from, `${t}.parquet`)}')) TO '${join(out, `${t}.parquet`)}' (FORMAT parquet)`);
  c.closeSync();
  inst.closeSync();
  writeFileSync(join(out, 'done'), '');
}

/** Views named and typed as the plan declares, over the Parquet files (for comp's own SQL). */
function planViews(dir: string): string {
  const plan = readFileSync(join(ROOT, 'scripts', 'bench', 'plan.comp'), 'utf8');
  const a = analyze('plan.comp', plan);
  if (!a.ir) throw new Error('scripts/bench/plan.comp has errors');
  const stmts = a.ir.tables.map((t) => {
    const cols = t.fields.map((f) => {
      let v = DUCKDB.ident(f.name);
      // text to a 128-bit decimal is slow in DuckDB: through DECIMAL(18, 8), as comp's engine reads them
      const dec = (x: string): string => `CAST(CAST(${x} AS DECIMAL(18, 8)) AS DECIMAL(38, 10))`;
      if (f.type.t === 'percent') v = `CASE WHEN ${v} LIKE '%\\%' ESCAPE '\\' THEN ${dec(`replace(${v}, '%', '')`)} * 0.01 ELSE ${dec(v)} END`;
      else if (f.type.t === 'money' || f.type.t === 'decimal') v = dec(`NULLIF(${v}, '')`);
      else if (f.type.t === 'integer') v = `CAST(NULLIF(${v}, '') AS BIGINT)`;
      if (f.type.t === 'boolean') v = `(${v} IN ('yes', 'true'))`;
      return `CAST(${v} AS ${DUCKDB.columnType(f.type)}) AS ${DUCKDB.ident(f.name)}`;
    });
    if (!t.key) cols.push(`CAST(row_number() OVER () AS VARCHAR) AS _row`);
    return `CREATE VIEW ${DUCKDB.ident(t.name)} AS SELECT ${cols.join(', ')} FROM read_parquet('${join(dir, t.source.replace(/\.csv$/, '.parquet'))}')`;
  });
  return stmts.join(';\n') + ';\n';
}

function keyed(file: string, cols: [number, number, number]): Map<string, string> {
  const m = new Map<string, string>();
  for (const l of readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
    const f = l.split(',');
    m.set(`${f[cols[0]]} | ${f[cols[1]]}`, new Decimal(f[cols[2]]!).toFixed());
  }
  return m;
}

/** A CSV's data lines, sorted. */
function sortedLines(text: string): string[] {
  return text.trim().split('\n').slice(1).sort();
}

/**
 * The 120-copy run's payout lines as `k` replicas pay them (`replicate`: replica i > 0 renames
 * rep `X` to `X ~i` and deal `D` to `D~i`; every replica pays what the original pays), sorted; undefined
 * when that run was not made.
 */
function replicated(file: string, k: number): string[] | undefined {
  if (!existsSync(file)) return undefined;
  const out: string[] = [];
  for (const l of sortedLines(readFileSync(file, 'utf8'))) {
    // rep,period,kind,name,label,amount,exact (no field of this workload is quoted); a clawback's
    // label names its deal, renamed `D~i` in replica i
    const f = l.split(',');
    for (let i = 0; i < k; i++) {
      if (i === 0) out.push(l);
      else out.push([`${f[0]} ~${i}`, f[1], f[2], f[3], f[2] === 'clawback' ? `${f[4]}~${i}` : f[4], ...f.slice(5)].join(','));
    }
  }
  return out.sort();
}

export async function engineBench(copiesList = (process.env.BENCH_ENGINE_COPIES ?? '12,120').split(',').map(Number)): Promise<void> {
  const plan = readFileSync(join(ROOT, 'scripts', 'bench', 'plan.comp'), 'utf8');
  const a = analyze('plan.comp', plan);
  console.log('| copies | pipeline rows | program | CPU s | wall s | peak RSS MB | CPU vs hand SQL | wall vs hand SQL | same |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const copies of copiesList) {
    const dir = join(ROOT, 'dist', 'bench', `crm-x${copies}-parquet`);
    if (copies > 120 && copies % 120 === 0) {
      // beyond ~1M rows scale.mjs cannot hold the file in one string: replicate the 120-copy
      // Parquet in DuckDB instead, renaming reps and deals per replica as scale.mjs does
      const base = join(ROOT, 'dist', 'bench', 'crm-x120');
      if (!existsSync(join(base, 'sales_pipeline.csv'))) spawnSync(process.execPath, ['scripts/bench/scale.mjs', '--copies', '120', '--out', base], { cwd: ROOT, stdio: 'inherit' });
      await toParquet(base, `${base}-parquet`);
      await replicate(`${base}-parquet`, dir, copies / 120);
    } else {
      const csv = join(ROOT, 'dist', 'bench', `crm-x${copies}`);
      if (!existsSync(join(csv, 'sales_pipeline.csv'))) spawnSync(process.execPath, ['scripts/bench/scale.mjs', '--copies', String(copies), '--out', csv], { cwd: ROOT, stdio: 'inherit' });
      await toParquet(csv, dir);
    }
    const rows = copies * 8800;
    const hand = join(dir, 'hand.sql');
    writeFileSync(hand, readFileSync(join(ROOT, 'scripts', 'bench', 'hand-credit.sql'), 'utf8').split('{DIR}').join(dir));
    const views = join(dir, 'views.sql');
    writeFileSync(views, planViews(dir));
    const gen = join(dir, 'comp.sql');
    writeFileSync(gen, compilePlanSql(a.ir!, DUCKDB).text);
    const runner = join(ROOT, 'scripts', 'bench', 'duckdb-sql.mjs');
    const h = measure([process.execPath, runner, hand], join(dir, 'out-hand.csv'));
    const g = measure([process.execPath, runner, gen, views], join(dir, 'out-sql.csv'));
    const run = (engine: string[]): Measured | string => {
      try {
        return measure([process.execPath, '--max-old-space-size=8192', 'bin/comp.js', 'run', 'scripts/bench/plan.comp', '--data', dir, '--format', 'csv', '--quiet', ...engine], join(dir, `out-comp${engine.length ? '-duckdb' : ''}.csv`));
      } catch (e) {
        const m = String((e as Error).message);
        return /heap out of memory/.test(m) ? 'failed: JavaScript heap out of memory (node default, about 4 GB)' : `failed: ${m.split('\n')[0]}`;
      }
    };
    // The default engine holds the rows and credit lines in JavaScript (about 1.9 GB peak per 1M
    // rows): opt in above 2M rows. The engine path keeps them in DuckDB (the runtime seam) and
    // always runs; above 2M rows its output is checked against the 120-copy default run replicated.
    const skipDefault = rows > 2_000_000 && process.env.BENCH_ENGINE_COMP_LARGE !== '1';
    const cd = run(['--engine', 'duckdb']);
    // the same data with typed columns (DATE, DECIMAL, BIGINT), as a warehouse exports it
    const typedDir = `${dir}-typed`;
    await typedParquet(dir, typedDir);
    let ct: Measured | string;
    try {
      ct = measure([process.execPath, '--max-old-space-size=8192', 'bin/comp.js', 'run', 'scripts/bench/plan.comp', '--data', typedDir, '--format', 'csv', '--quiet', '--engine', 'duckdb'], join(typedDir, 'out-comp-duckdb.csv'));
    } catch (e) {
      ct = `failed: ${String((e as Error).message).split('\n')[0]}`;
    }
    if (typeof ct === 'object' && typeof cd === 'object' && readFileSync(ct.out, 'utf8') !== readFileSync(cd.out, 'utf8')) throw new Error(`comp run --engine duckdb prints other bytes from typed Parquet at ${copies} copies`);
    const cr = skipDefault ? undefined : run([]);
    // hand-written credits = comp's measures of the components on plain credit (AE: commission, SE: overlay)
    const handCredit = keyed(h.out, [0, 1, 2]);
    let checked = 0;
    const bad: string[] = [];
    for (const l of readFileSync(g.out, 'utf8').trim().split('\n').slice(1)) {
      const [component, rep, period, measure] = l.split(',');
      if (component !== 'commission' && component !== 'overlay') continue;
      checked++;
      const k = `${rep} | ${period}`;
      if (handCredit.get(k) !== new Decimal(measure!).toFixed()) bad.push(`${k}: hand ${handCredit.get(k)} comp ${measure}`);
    }
    if (bad.length || checked === 0) throw new Error(`hand-written SQL and comp's SQL disagree (${checked} checked): ${bad.slice(0, 5).join('; ')}`);
    const sameRun = typeof cd === 'object' && typeof cr === 'object' ? readFileSync(cd.out, 'utf8') === readFileSync(cr.out, 'utf8') : undefined;
    if (sameRun === false) throw new Error(`comp run --engine duckdb and the default engine print different bytes at ${copies} copies`);
    const replicaOf = !cr && typeof cd === 'object' && copies % 120 === 0 ? replicated(join(ROOT, 'dist', 'bench', 'crm-x120-parquet', 'out-comp.csv'), copies / 120) : undefined;
    const sameReplicas = replicaOf && typeof cd === 'object' ? sortedLines(readFileSync(cd.out, 'utf8')).join('\n') === replicaOf.join('\n') : undefined;
    if (sameReplicas === false) throw new Error(`comp run --engine duckdb at ${copies} copies is not the 120-copy default run replicated`);
    const row = (name: string, m: Measured, same: string): void =>
      console.log(`| ${copies} | ${rows.toLocaleString('en-US')} | ${name} | ${f2(m.cpu)} | ${f2(m.wall)} | ${m.rssMb.toFixed(0)} | ${f2(m.cpu / h.cpu)}x | ${f2(m.wall / h.wall)}x | ${same} |`);
    row('hand-written DuckDB SQL (crediting per rep and quarter)', h, '');
    row("comp's SQL in DuckDB (comp sql: credits + every measure)", g, `yes (${checked} rep-quarters)`);
    const failed = (name: string, why: string): void => console.log(`| ${copies} | ${rows.toLocaleString('en-US')} | ${name} | ${why} | | | | | |`);
    const same = sameRun ? 'yes (same bytes as default)' : sameReplicas ? `yes (the 120-copy default run x${copies / 120}, line for line)` : '';
    if (typeof cd === 'object') row('comp run --engine duckdb (whole plan)', cd, same);
    else failed('comp run --engine duckdb (whole plan)', cd);
    if (typeof ct === 'object') row('comp run --engine duckdb, typed Parquet (DATE, DECIMAL(18, 2), BIGINT columns)', ct, same ? `${same}; same bytes as from text columns` : 'same bytes as from text columns');
    else failed('comp run --engine duckdb, typed Parquet', ct);
    if (!cr) failed('comp run, default engine (whole plan)', 'not run above 2M rows: about 1.9 GB per 1M rows in JavaScript (BENCH_ENGINE_COMP_LARGE=1 runs it)');
    else if (typeof cr === 'object') row('comp run, default engine (whole plan)', cr, '');
    else failed('comp run, default engine (whole plan)', cr);
  }
}

if (process.argv[1]?.endsWith('engines.js')) await engineBench();
