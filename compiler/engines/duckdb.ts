// The DuckDB engine: the plan's credit rules run as SQL (compiler/sql/) inside an embedded
// DuckDB over the validated input tables; the runtime takes the credit lines and does the rest
// (per-rep values, rates, gates, settlement), so every figure after crediting has one definition.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { Decimal } from '../../runtime/decimal.js';
import { Codes } from '../diagnostics/codes.js';
import type { Dataset, PlanIR, RowValue, TableIR, Value } from '../../runtime/ir.js';
import type { PrecomputedCredits, PrecomputedLine } from '../../runtime/evaluate.js';
import { DUCKDB, INPUT_SCALE, PRECISION } from '../sql/dialect.js';
import { creditQuery } from '../sql/compile.js';

/** An input value the engine cannot hold exactly (more decimal places than its columns). */
export class EngineRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly file: string,
    readonly line: number,
  ) {
    super(message);
  }
}

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

const MAX_INT_DIGITS = PRECISION - INPUT_SCALE;

function cellText(v: Value, r: RowValue, field: string): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Decimal) {
    if (v.decimalPlaces() > INPUT_SCALE || v.abs().gte(new Decimal(10).pow(MAX_INT_DIGITS)))
      throw new EngineRefusal(
        Codes.EngineDecimalRange.code,
        `\`${field}\` = ${v.toFixed()} in ${r.table} \`${r.key}\` does not fit the engine's exact DECIMAL(${PRECISION}, ${INPUT_SCALE}) columns`,
        r.loc.file,
        r.loc.line,
      );
    return v.toFixed();
  }
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v.kind === 'date') return v.iso;
  if (v.kind === 'period') return v.key;
  return v.key;
}

interface CreditRow {
  rule: number;
  deal_key: string;
  rep: string | null;
  credit_date: string | null;
  deal_amount: string | null;
  share: string | null;
  overlay: boolean;
  amount: string | null;
  split_key: string;
  hand_back: boolean;
}

function toCredits(rows: CreditRow[]): PrecomputedCredits {
  const lines = new Map<number, Map<string, PrecomputedLine[]>>();
  const handBack = new Map<number, Set<string>>();
  for (const r of rows) {
    const rule = Number(r.rule);
    if (r.hand_back) {
      let s = handBack.get(rule);
      if (!s) handBack.set(rule, (s = new Set()));
      s.add(r.deal_key);
      continue;
    }
    let m = lines.get(rule);
    if (!m) lines.set(rule, (m = new Map()));
    let l = m.get(r.deal_key);
    if (!l) m.set(r.deal_key, (l = []));
    l.push({ rep: r.rep!, date: r.credit_date!, dealAmount: r.deal_amount!, share: r.share, overlay: r.overlay, amount: r.amount!, splitKey: r.split_key });
  }
  return { lines, handBack };
}
