// The DuckDB engine: the plan's credit rules run as SQL (compiler/sql/) inside an embedded
// DuckDB over the validated input tables; the runtime takes the credit lines and does the rest
// (per-rep values, rates, gates, settlement), so every figure after crediting has one definition.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBInstance, DuckDBConnection } from '@duckdb/node-api';
import type { Dataset, PlanIR, RowValue, TableIR } from '../../runtime/ir.js';
import type { PrecomputedCredits } from '../../runtime/evaluate.js';
import { DUCKDB } from '../sql/dialect.js';
import { compileCredits, creditLineColumns, creditQuery, periodsCte, withClause } from '../sql/compile.js';
import { cellText, readCreditLines, rowsOf } from './rows.js';
import { decimalOf, readInputs, type EngineTable, type InputsOutcome } from './inputs.js';
import { creditingOnly, reachableRows } from './prune.js';
import { seamCredits, type SeamOutcome } from './seam.js';
import type { SourceOptions } from '../data/sandbox.js';

export { EngineRefusal } from './rows.js';
export type { EngineTable, InputsOutcome } from './inputs.js';

export class DuckDbEngine {
  private inputs: string | undefined;

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
    private readonly spill: string,
  ) {}

  /** `memoryLimit`: DuckDB's `memory_limit` (e.g. `400MB`; beyond it, it spills to the run's folder). */
  static async open(memoryLimit?: string): Promise<DuckDbEngine> {
    // loaded here, not at start-up: only the SQL engine needs DuckDB's native module
    const { DuckDBInstance: Instance } = await import('@duckdb/node-api');
    const instance = await Instance.create(':memory:');
    const conn = await instance.connect();
    // should a query outgrow memory, DuckDB spills into a folder of this run's own (its default
    // is `.tmp` in the working directory), removed on close
    const spill = mkdtempSync(join(tmpdir(), 'comp-duckdb-'));
    await conn.run(`SET temp_directory = ${DUCKDB.text(spill)}`);
    if (memoryLimit) await conn.run(`SET memory_limit = ${DUCKDB.text(memoryLimit)}`);
    return new DuckDbEngine(instance, conn, spill);
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
    rmSync(this.spill, { recursive: true, force: true });
  }

  /** Credit lines of the plan over `data`, read chunk by chunk (no object per result row); `reps`: as `inputCredits`. */
  async credits(ir: PlanIR, data: Dataset, reps?: Set<string>): Promise<PrecomputedCredits> {
    return this.withTables(ir, data, () => this.inputCredits(ir, reps));
  }

  /**
   * The plan's tables read by DuckDB from their files among `inputs` and checked in SQL
   * (./inputs.ts), as views in a schema of this engine's own, kept until `close`. `ok: false`:
   * something to report, or to read as only the loader reads it: the caller runs the loader.
   */
  async readInputs(ir: PlanIR, inputs: string[], opts: SourceOptions): Promise<InputsOutcome> {
    const schema = `inputs_${++runs}`;
    await this.conn.run(`CREATE SCHEMA ${schema}`);
    await this.conn.run(`SET schema = '${schema}'`);
    this.inputs = schema;
    const out = await readInputs(this.conn, ir, inputs, opts);
    if (!out.ok) await this.closeInputs();
    return out;
  }

  /** Drops the tables of `readInputs`. */
  async closeInputs(): Promise<void> {
    if (!this.inputs) return;
    await this.conn.run(`SET schema = 'main'`);
    await this.conn.run(`DROP SCHEMA ${this.inputs} CASCADE`);
    this.inputs = undefined;
  }

  /** The runtime seam over `data` (./seam.ts): sums per rep and period, the named deals' lines; or why not. */
  async sums(ir: PlanIR, data: Dataset): Promise<SeamOutcome> {
    return this.withTables(ir, data, () => seamCredits(this.conn, ir));
  }

  /** The runtime seam over the tables of `readInputs`. */
  async inputSums(ir: PlanIR, tables?: Map<string, EngineTable>): Promise<SeamOutcome> {
    return seamCredits(this.conn, ir, tables && ((t, keys) => tables.get(t)?.narrowed?.(keys)));
  }

  /**
   * Credit lines over the tables of `readInputs`. With `reps` (`comp explain`: the reps
   * runtime/engine/reps.ts says the answer evaluates), only what the runtime can print for them:
   * their lines, the rows handed back (credited by the runtime, as ever), and every line outside
   * the plan periods (the runtime warns of each, COMP7004, whoever its rep). A plan without a
   * period range takes its periods from every line's date: all lines, as without `reps`.
   */
  async inputCredits(ir: PlanIR, reps?: Set<string>): Promise<PrecomputedCredits> {
    const periods = reps && periodsCte(ir, DUCKDB);
    if (!reps || !periods) return this.readCredits(ir);
    const schema = String((await this.conn.runAndReadAll('SELECT current_schema()')).getRows()[0]![0]);
    await this.conn.run(`CREATE OR REPLACE TABLE explain__reps (rep VARCHAR)`);
    const app = await this.conn.createAppender('explain__reps', schema);
    for (const r of reps) {
      app.appendVarchar(r);
      app.endRow();
    }
    app.closeSync();
    const sql =
      `${withClause([...compileCredits(ir, DUCKDB), periods])}\nSELECT ${creditLineColumns(DUCKDB).join(', ')}\nFROM credits\n` +
      `WHERE hand_back OR CAST(rep AS VARCHAR) IN (SELECT rep FROM explain__reps)` +
      ` OR credit_date IS NULL OR NOT EXISTS (SELECT 1 FROM periods AS p WHERE credits.credit_date BETWEEN p.period_start AND p.period_end)`;
    return readCreditLines(this.conn, sql);
  }

  /**
   * The rows of the tables of `readInputs` as the runtime takes them. A credited table the plan
   * reads only through its credit rules and references (./prune.ts) keeps only the rows the
   * runtime can reach: those credited or handed back, and those another row references.
   */
  async inputRows(ir: PlanIR, tables: Map<string, EngineTable>, credits: PrecomputedCredits, prune = true, have?: Dataset): Promise<Dataset> {
    const data: Dataset = Object.create(null) as Dataset;
    const u = process.cpuUsage();
    const keep = prune ? await reachableRows(this.conn, ir, credits, creditingOnly(ir, credits)) : new Map<string, Set<string>>();
    const c = process.cpuUsage(u);
    if (process.env.COMP_ENGINE_TRACE) process.stderr.write(`engine: rows reachable ${Math.round((c.user + c.system) / 1000)} ms cpu\n`);
    for (const t of ir.tables) {
      const t0 = Date.now();
      const u = process.cpuUsage();
      data[t.name] = have?.[t.name] ?? (await rowsOf(this.conn, ir, tables.get(t.name)!, keep.get(t.name)));
      const c = process.cpuUsage(u);
      if (process.env.COMP_ENGINE_TRACE) process.stderr.write(`engine: ${t.name} ${data[t.name]!.length} rows ${Date.now() - t0} ms wall ${Math.round((c.user + c.system) / 1000)} ms cpu\n`);
    }
    return data;
  }

  /** The rows of one table of `readInputs`, whole (the roster, read before the credit lines). */
  async inputTable(ir: PlanIR, tables: Map<string, EngineTable>, name: string): Promise<Dataset> {
    const data: Dataset = Object.create(null) as Dataset;
    data[name] = await rowsOf(this.conn, ir, tables.get(name)!);
    return data;
  }

  private async readCredits(ir: PlanIR): Promise<PrecomputedCredits> {
    return readCreditLines(this.conn, creditQuery(ir, DUCKDB));
  }

  /**
   * Runs queries over the plan's tables filled from `data` (created in a schema of their own,
   * dropped after); rows as JS values (decimals and dates as text where the query casts them).
   */
  async query(ir: PlanIR, data: Dataset, queries: string[]): Promise<Record<string, unknown>[][]> {
    return this.withTables(ir, data, async () => {
      const out: Record<string, unknown>[][] = [];
      for (const q of queries) out.push((await this.conn.runAndReadAll(q)).getRowObjectsJS() as Record<string, unknown>[]);
      return out;
    });
  }

  private async withTables<T>(ir: PlanIR, data: Dataset, f: () => Promise<T>): Promise<T> {
    const schema = `run_${++runs}`;
    await this.conn.run(`CREATE SCHEMA ${schema}`);
    try {
      await this.conn.run(`SET schema = '${schema}'`);
      for (const t of ir.tables) await this.loadTable(schema, t, data[t.name] ?? []);
      return await f();
    } finally {
      await this.conn.run(`SET schema = 'main'`);
      await this.conn.run(`DROP SCHEMA ${schema} CASCADE`);
    }
  }

  private async loadTable(schema: string, t: TableIR, rows: RowValue[]): Promise<void> {
    const id = DUCKDB.ident;
    const cols = t.fields.map((f) => f.name);
    if (!t.key) cols.push('_row');
    const stage = `${t.name}__text`;
    await this.conn.run(`CREATE TABLE ${schema}.${id(stage)} (${cols.map((c) => `${id(c)} VARCHAR`).join(', ')})`);
    const app = await this.conn.createAppender(stage, schema);
    for (const r of rows) {
      for (const f of t.fields) {
        const s = cellText(r.values[f.name] ?? null, r, f.name);
        if (s === null) app.appendNull();
        else app.appendVarchar(s);
      }
      if (!t.key) app.appendVarchar(r.key);
      app.endRow();
    }
    app.closeSync();
    // decimals through DECIMAL(18, 8) when they fit (./inputs.ts decimalOf: text to a 128-bit decimal is slow)
    const dec = (f: TableIR['fields'][number]): boolean => f.type.t === 'decimal' || f.type.t === 'money' || f.type.t === 'percent';
    const casts = t.fields.map((f) => `${dec(f) ? decimalOf(id(f.name)) : `CAST(${id(f.name)} AS ${DUCKDB.columnType(f.type)})`} AS ${id(f.name)}`);
    if (!t.key) casts.push('_row');
    await this.conn.run(`CREATE TABLE ${schema}.${id(t.name)} AS SELECT ${casts.join(', ')} FROM ${schema}.${id(stage)}`);
    await this.conn.run(`DROP TABLE ${schema}.${id(stage)}`);
  }
}

let runs = 0;
