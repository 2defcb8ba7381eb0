// The DuckDB engine: the plan's credit rules run as SQL (compiler/sql/) inside an embedded
// DuckDB over the validated input tables; the runtime takes the credit lines and does the rest
// (per-rep values, rates, gates, settlement), so every figure after crediting has one definition.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Dataset, PlanIR, RowValue, TableIR } from '../../runtime/ir.js';
import type { PrecomputedCredits } from '../../runtime/evaluate.js';
import { DUCKDB } from '../sql/dialect.js';
import { creditQuery } from '../sql/compile.js';
import { cellText, toCredits, type CreditRow } from './rows.js';

export { EngineRefusal } from './rows.js';

export class DuckDbEngine {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
  ) {}

  static async open(): Promise<DuckDbEngine> {
    const instance = await DuckDBInstance.create(':memory:');
    return new DuckDbEngine(instance, await instance.connect());
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }

  /** Credit lines of the plan over `data`. */
  async credits(ir: PlanIR, data: Dataset): Promise<PrecomputedCredits> {
    const rows = await this.query(ir, data, [creditQuery(ir, DUCKDB)]);
    return toCredits(rows[0] as unknown as CreditRow[]);
  }

  /**
   * Runs queries over the plan's tables filled from `data` (created in a schema of their own,
   * dropped after); rows as JS values (decimals and dates as text where the query casts them).
   */
  async query(ir: PlanIR, data: Dataset, queries: string[]): Promise<Record<string, unknown>[][]> {
    const schema = `run_${++runs}`;
    await this.conn.run(`CREATE SCHEMA ${schema}`);
    try {
      await this.conn.run(`SET schema = '${schema}'`);
      for (const t of ir.tables) await this.loadTable(schema, t, data[t.name] ?? []);
      const out: Record<string, unknown>[][] = [];
      for (const q of queries) out.push((await this.conn.runAndReadAll(q)).getRowObjectsJS() as Record<string, unknown>[]);
      return out;
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
    const casts = t.fields.map((f) => `CAST(${id(f.name)} AS ${DUCKDB.columnType(f.type)}) AS ${id(f.name)}`);
    if (!t.key) casts.push('_row');
    await this.conn.run(`CREATE TABLE ${schema}.${id(t.name)} AS SELECT ${casts.join(', ')} FROM ${schema}.${id(stage)}`);
  }
}

let runs = 0;
