// DuckDB reads and checks the inputs itself (compiler/engines/inputs.ts). What it accepts must be
// what the default loader accepts, read to the same values, rows, keys and lines; whatever it
// refers to the loader is reported by the loader (the one wording of every data error). Held
// over every plan with data the project ships (CSV, and the same tables as Parquet), the data
// fixtures of test/data, and hostile cells written into a docs example's CSV (fast-check).
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { readParquetFiles } from '../../compiler/engines/parquet.js';
import { DuckDbEngine } from '../../compiler/engines/duckdb.js';
import { compileCredits } from '../../compiler/sql/compile.js';
import { DUCKDB } from '../../compiler/sql/dialect.js';
import { Decimal } from '../../runtime/decimal.js';
import type { Dataset, PlanIR, Value } from '../../runtime/ir.js';
import type { PrecomputedCredits } from '../../runtime/evaluate.js';
import { output, printed, ROOT } from './cases.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';

function valueText(v: Value | undefined): string {
  if (v === null || v === undefined) return '∅';
  if (v instanceof Decimal) return `d:${v.toString()}`;
  if (typeof v === 'string') return `s:${v}`;
  if (typeof v === 'boolean') return `b:${v}`;
  return `${v.kind}:${(v as { iso?: string }).iso ?? (v as { key: string }).key}`;
}

function datasetText(ir: PlanIR, d: Dataset): string {
  return ir.tables
    .map((t) => `${t.name}\n` + (d[t.name] ?? []).map((r) => `${r.key}@${r.loc.file}:${r.loc.line} ${t.fields.map((f) => valueText(r.values[f.name])).join(' | ')}`).join('\n'))
    .join('\n');
}

/** One text per credit line (sorted): a difference shows as the lines that differ. */
function creditsText(c: PrecomputedCredits): string[] {
  const lines = [...c.lines].flatMap(([r, m]) => [...m].flatMap(([k, ls]) => ls.map((l) => `${r} ${k} ${JSON.stringify(l)}`)));
  const back = [...c.handBack].flatMap(([r, s]) => [...s].map((k) => `${r} ${k} handed back`));
  return [...lines, ...back].sort();
}

function differences(a: string[], b: string[]): string[] {
  const sa = new Set(a);
  const sb = new Set(b);
  return [...a.filter((x) => !sb.has(x)).map((x) => `engine only: ${x}`), ...b.filter((x) => !sa.has(x)).map((x) => `loader only: ${x}`)].slice(0, 10);
}

function planDirs(): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number): void => {
    const entries = readdirSync(dir);
    if (entries.includes('plan.comp') && entries.includes('data')) out.push(dir);
    if (depth === 0) return;
    for (const e of entries.sort()) if (e !== 'data' && !e.includes('.')) walk(join(dir, e), depth - 1);
  };
  walk(join(ROOT, 'test', 'acceptance', 'cases'), 2);
  walk(join(ROOT, 'samples'), 1);
  walk(join(ROOT, 'docs', 'examples'), 1);
  walk(join(ROOT, 'test', 'engines', 'cases'), 1);
  return out;
}

let engine: DuckDbEngine;
const tally = { read: 0, referredClean: [] as string[], referredErrors: 0, credits: 0, sums: 0 };

beforeAll(async () => {
  engine = await DuckDbEngine.open();
});
afterAll(() => {
  engine?.close();
  console.log(
    `engine inputs: ${tally.read} input sets read by DuckDB (same rows and values as the loader; ${tally.credits} also run: same credit lines, same output bytes; ${tally.sums} also from sums through the runtime seam, same table and CSV bytes), ` +
      `${tally.referredErrors} with data errors referred to the loader, ${tally.referredClean.length} clean ones referred to the loader: ${tally.referredClean.join('; ')}`,
  );
});

/** The engine's reading of `inputs` against the loader's. */
async function compare(name: string, ir: PlanIR, inputs: string[], parquet = false): Promise<boolean> {
  const files = parquet ? inputs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.parquet')).map((f) => join(d, f))) : [];
  const preread = parquet ? await readParquetFiles(files) : undefined;
  const loaded = loadDataset(ir, inputs, preread ? { preread } : {});
  const errors = loaded.errors.filter((e) => e.severity === 'error');
  const read = await engine.readInputs(ir, inputs, {});
  try {
    if (!read.ok) {
      if (errors.length) tally.referredErrors++;
      else tally.referredClean.push(`${name}: ${read.reason}`);
      return false;
    }
    // the engine never accepts what the loader rejects
    expect(errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.code} ${e.message}`), name).toEqual([]);
    const mine = await engine.inputRows(ir, read.tables, { lines: new Map(), handBack: new Map() }, false);
    expect(datasetText(ir, mine), name).toBe(datasetText(ir, loaded.dataset));
    expect(read.notes.map((n) => `${n.file} ${n.code} ${n.message}`), name).toEqual(loaded.errors.filter((e) => e.severity !== 'error').map((e) => `${e.file} ${e.code} ${e.message}`));
    tally.read++;
    let compiles = true;
    try {
      compileCredits(ir, DUCKDB);
    } catch {
      compiles = false;
    }
    if (compiles) {
      // the whole run as `comp run --engine duckdb` makes it: credit lines and the rows the runtime can reach
      const credits = await engine.inputCredits(ir);
      const reached = await engine.inputRows(ir, read.tables, credits);
      const compiled = compilePlan(ir);
      expect(output(evaluate(compiled, reached, { credits })), name).toBe(output(evaluate(compiled, loaded.dataset)));
      // and as a table or CSV through the runtime seam: sums, the named deals' lines, fewer rows
      const sums = await engine.inputSums(ir, read.tables);
      if (sums.ok) {
        const few = await engine.inputRows(ir, read.tables, sums.credits);
        const opts = { traces: false, deals: false };
        expect(printed(evaluate(compiled, few, { ...opts, credits: sums.credits, aggregates: sums.aggregates }), ir), name).toBe(printed(evaluate(compiled, loaded.dataset, { ...opts, aggregate: false }), ir));
        tally.sums++;
      }
      await engine.closeInputs();
      expect(differences(creditsText(credits), creditsText(await engine.credits(ir, loaded.dataset))), name).toEqual([]);
      tally.credits++;
    }
    return true;
  } finally {
    await engine.closeInputs();
  }
}

const cases = planDirs().flatMap((dir) => {
  const a = analyze(join(dir, 'plan.comp'), readFileSync(join(dir, 'plan.comp'), 'utf8'));
  return a.ir ? [{ name: dir.slice(ROOT.length + 1), dir, ir: a.ir }] : [];
});

describe('DuckDB reads the inputs as the loader does', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s (CSV)', async (_n, c) => {
    await compare(c.name, c.ir, [join(c.dir, 'data')]);
  });

  it('the same tables as Parquet files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'comp-inputs-pq-'));
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    try {
      for (const [i, c] of cases.entries()) {
        const csvs = readdirSync(join(c.dir, 'data')).filter((f) => f.endsWith('.csv'));
        if (!csvs.length) continue;
        const dir = join(root, String(i));
        mkdirSync(dir);
        let ok = true;
        for (const f of csvs) {
          try {
            await conn.run(`COPY (SELECT * FROM read_csv('${join(c.dir, 'data', f)}', all_varchar = true, header = true)) TO '${join(dir, f.replace(/\.csv$/, '.parquet'))}' (FORMAT parquet)`);
          } catch {
            ok = false;
          }
        }
        if (ok) await compare(`${c.name} (Parquet)`, c.ir, [dir], true);
      }
    } finally {
      conn.closeSync();
      inst.closeSync();
    }
  });

  it('typed Parquet columns (DATE, BOOLEAN, integers, DECIMAL) are read as they are, as the loader reads their text', async () => {
    // each plan's tables as Parquet whose columns have the declared type's physical type (values
    // the cast does not take become NULL: the loader and the engine read the same file); amounts
    // in turn as DECIMAL(18, 4), BIGINT (an integer column where money is declared), DECIMAL(38, 12)
    // (more places than the engine keeps: read as text) and DECIMAL(38, 0)
    const root = mkdtempSync(join(tmpdir(), 'comp-inputs-pqt-'));
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    const AMOUNT = ['DECIMAL(18, 4)', 'BIGINT', 'DECIMAL(38, 12)', 'DECIMAL(38, 0)'];
    let read = 0;
    let sets = 0;
    try {
      for (const [i, c] of cases.entries()) {
        const dir = join(root, String(i));
        mkdirSync(dir);
        let ok = true;
        for (const t of c.ir.tables) {
          const csv = join(c.dir, 'data', t.source);
          if (!t.source.endsWith('.csv') || !readdirSync(join(c.dir, 'data')).includes(t.source)) continue;
          const cols = t.fields.map((f) => {
            const q = DUCKDB.ident(f.name);
            const ty = f.type.t === 'date' ? 'DATE' : f.type.t === 'boolean' ? 'BOOLEAN' : f.type.t === 'integer' ? 'BIGINT' : f.type.t === 'money' || f.type.t === 'decimal' || f.type.t === 'percent' ? AMOUNT[i % AMOUNT.length] : undefined;
            return ty ? `TRY_CAST(${q} AS ${ty}) AS ${q}` : q;
          });
          try {
            await conn.run(`COPY (SELECT ${cols.join(', ')} FROM read_csv('${csv}', all_varchar = true, header = true)) TO '${join(dir, t.source.replace(/\.csv$/, '.parquet'))}' (FORMAT parquet)`);
          } catch {
            ok = false;
          }
        }
        if (!ok || !readdirSync(dir).length) continue;
        sets++;
        if (await compare(`${c.name} (typed Parquet)`, c.ir, [dir], true)) read++;
      }
      // values outside the plain spellings: a BC date, 19 digits, 11 places, a year past 9999
      const hostile = join(root, 'hostile');
      const ex = join(ROOT, 'docs', 'examples', 'credit-split');
      const ir = analyze('plan.comp', readFileSync(join(ex, 'plan.comp'), 'utf8')).ir!;
      for (const [k, v] of ["DATE '0001-01-01' - 1", "DATE '10000-01-01'", '1234567890123456789', 'CAST(1.12345678901 AS DECIMAL(38, 11))', '-0.5', 'NULL'].entries()) {
        const dir = join(hostile, String(k));
        mkdirSync(dir, { recursive: true });
        for (const t of ir.tables) {
          const cols = t.fields.map((f) => {
            const q = DUCKDB.ident(f.name);
            const date = f.type.t === 'date';
            const amount = f.type.t === 'money' || f.type.t === 'decimal' || f.type.t === 'percent';
            const mine = (date && v.includes('DATE')) || (amount && !v.includes('DATE')) || v === 'NULL';
            const ty = date ? 'DATE' : amount ? 'DECIMAL(38, 11)' : undefined;
            if (!ty) return q;
            return mine ? `CASE WHEN row_number() OVER () = 1 THEN CAST(${v} AS ${ty}) ELSE TRY_CAST(${q} AS ${ty}) END AS ${q}` : `TRY_CAST(${q} AS ${ty}) AS ${q}`;
          });
          await conn.run(`COPY (SELECT ${cols.join(', ')} FROM read_csv('${join(ex, 'data', t.source)}', all_varchar = true, header = true)) TO '${join(dir, t.source.replace(/\.csv$/, '.parquet'))}' (FORMAT parquet)`);
        }
        await compare(`typed Parquet, hostile ${v}`, ir, [dir], true);
      }
    } finally {
      conn.closeSync();
      inst.closeSync();
    }
    console.log(`typed Parquet: ${read} of ${sets} input sets read by DuckDB`);
    expect(read).toBeGreaterThan(sets / 3);
  });

  it('hostile cells in a docs example (fast-check)', async () => {
    const example = join(ROOT, 'docs', 'examples', 'credit-split');
    const ir = analyze('plan.comp', readFileSync(join(example, 'plan.comp'), 'utf8')).ir!;
    const FILES = ['reps.csv', 'deals.csv', 'splits.csv'];
    const HOSTILE = [
      '', ' ', '"', '=1', '\u0000', '1e999', '-0', '+1', '0x10', 'NaN', '9'.repeat(31), `0.${'0'.repeat(40)}1`, '1,2,3', '1,,000', '1,000', '130%', '-30%', '%', '50%', '0.5',
      '2026-02-30', '2026-13', '9999-12-31', '2026-01-01', ' 2026-01-01', '山田太郎', 'a\r\nb', 'USD 1', 'EUR 1', 'USD1', 'true', 'yes', 'YES', 'no', 'null', ' 12 ', '12.', '.5', '007',
      '\u00a0', '1\u00a0', '12345678901234567890123', '0.00000000001', '1.5e3', '0000-01-01', '0001-01-01', '2016-02-29', '2017-02-29',
      '12345678901.5', '1234567890.123456789', '50.123456789%', '12345678901%', '-0.5', '999999999999999999', '1234567890123456789',
    ];
    const root = mkdtempSync(join(tmpdir(), 'comp-inputs-fuzz-'));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(FILES.length - 1), fc.nat(1000), fc.nat(1000), fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 8 })), fc.nat(5), async (fi, ri, ci, value, how) => {
        const dir = join(root, String(n++));
        mkdirSync(dir);
        for (const f of FILES) writeFileSync(join(dir, f), readFileSync(join(example, 'data', f)));
        const file = FILES[fi]!;
        const lines = readFileSync(join(example, 'data', file), 'utf8').trimEnd().split('\n');
        const rows = lines.map((l) => l.split(','));
        const r = 1 + (ri % (rows.length - 1));
        const c = ci % rows[r]!.length;
        // quoted as CSV wants it, or written as it is (stray quotes, spaces around quotes, extra commas)
        const quoted = `"${value.replace(/"/g, '""')}"`;
        rows[r]![c] = how === 0 ? value : how === 1 ? ` ${quoted}` : how === 2 && !/[\r\n]/.test(value) ? `${quoted} ` : /[",\r\n]/.test(value) ? quoted : value;
        writeFileSync(join(dir, file), rows.map((x) => x.join(',')).join('\n') + '\n');
        await compare(`hostile ${file} row ${r} column ${c} = ${JSON.stringify(rows[r]![c])}`, ir, [dir]);
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it('through the CLI: bad cells are reported with the same bytes and exit status by both engines', async () => {
    const root = mkdtempSync(join(tmpdir(), 'comp-inputs-cli-'));
    const example = join(ROOT, 'docs', 'examples', 'reference-data');
    const sets: { name: string; data: string }[] = [];
    // a CSV cell outside its bounds, a bad date, an unknown reference, an empty required cell
    const edits: [string, (rows: string[][]) => void][] = [
      ['bounds', (r) => (r[1]![4] = '5000')],
      ['date', (r) => (r[2]![2] = '2026-02-30')],
      ['reference', (r) => (r[1]![1] = 'adaa')],
      ['empty', (r) => (r[3]![3] = '')],
    ];
    for (const [name, edit] of edits) {
      const dir = join(root, name);
      mkdirSync(dir);
      for (const f of readdirSync(join(example, 'data'))) writeFileSync(join(dir, f), readFileSync(join(example, 'data', f)));
      const rows = readFileSync(join(dir, 'deals.csv'), 'utf8').trimEnd().split('\n').map((l) => l.split(','));
      edit(rows);
      writeFileSync(join(dir, 'deals.csv'), rows.map((x) => x.join(',')).join('\n') + '\n');
      sets.push({ name, data: dir });
    }
    // the same as Parquet: its cells at line row + 1 of the header, column by position
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    // (two of them as Parquet, to keep the test short: each is two processes)
    for (const { name, data } of sets.slice(1, 3)) {
      const dir = join(root, `${name}-parquet`);
      mkdirSync(dir);
      for (const f of readdirSync(data)) await conn.run(`COPY (SELECT * FROM read_csv('${join(data, f)}', all_varchar = true, header = true)) TO '${join(dir, f.replace(/\.csv$/, '.parquet'))}' (FORMAT parquet)`);
      sets.push({ name: `${name} (Parquet)`, data: dir });
    }
    conn.closeSync();
    inst.closeSync();
    const comp = (data: string, engine: string): string => {
      const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'comp.js'), 'run', join(example, 'plan.comp'), '--data', data, '--engine', engine], { cwd: ROOT, encoding: 'utf8' });
      return `exit ${r.status}\n${r.stdout}\n${r.stderr.split(root).join('<tmp>')}`;
    };
    for (const { name, data } of sets) {
      const expected = comp(data, 'default');
      expect(expected, name).toMatch(/^exit 1\n\n.*error\[COMP6/s);
      expect(comp(data, 'duckdb'), name).toBe(expected);
    }
  });
});

