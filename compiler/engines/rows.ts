// What every SQL engine shares around the compiled query: input cells as text (decimals checked
// against the engine's exact columns: COMP9502), and the credit lines read back for the runtime.
import { Decimal } from '../../runtime/decimal.js';
import { Codes } from '../diagnostics/codes.js';
import type { RowValue, Value } from '../../runtime/ir.js';
import type { PrecomputedCredits, PrecomputedLine } from '../../runtime/evaluate.js';
import { DUCKDB, INPUT_SCALE, PRECISION } from '../sql/dialect.js';
import { CREDIT_COLUMNS } from '../sql/credits.js';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { PlanIR } from '../../runtime/ir.js';
import { parsePeriod } from '../data/values.js';
import type { EngineTable } from './inputs.js';

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

const MAX_INT_DIGITS = PRECISION - INPUT_SCALE;

/** A value the loader read, as the text an engine column is cast from; undefined when a number does not fit the engine's exact DECIMAL columns. */
export function valueText(v: Value): string | null | undefined {
  if (v === null || v === undefined) return null;
  if (v instanceof Decimal) {
    if (v.decimalPlaces() > INPUT_SCALE || v.abs().gte(new Decimal(10).pow(MAX_INT_DIGITS))) return undefined;
    return v.toFixed();
  }
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v.kind === 'date') return v.iso;
  return v.key;
}

/** `valueText`, refusing a number that does not fit (COMP9502, at the row). */
export function cellText(v: Value, r: RowValue, field: string): string | null {
  const s = valueText(v);
  if (s !== undefined) return s;
  throw new EngineRefusal(
    Codes.EngineDecimalRange.code,
    `\`${field}\` = ${(v as Decimal).toFixed()} in ${r.table} \`${r.key}\` does not fit the engine's exact DECIMAL(${PRECISION}, ${INPUT_SCALE}) columns`,
    r.loc.file,
    r.loc.line,
  );
}

export interface CreditRow {
  rule: number | string;
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

/** Credit lines gathered row by row (an engine may stream its result in chunks). */
export class CreditsBuilder {
  private readonly lines = new Map<number, Map<string, PrecomputedLine[]>>();
  private readonly handBack = new Map<number, Set<string>>();

  add(r: CreditRow): void {
    const rule = Number(r.rule);
    if (r.hand_back) {
      let s = this.handBack.get(rule);
      if (!s) this.handBack.set(rule, (s = new Set()));
      s.add(r.deal_key);
      return;
    }
    let m = this.lines.get(rule);
    if (!m) this.lines.set(rule, (m = new Map()));
    let l = m.get(r.deal_key);
    if (!l) m.set(r.deal_key, (l = []));
    l.push({ rep: r.rep!, date: r.credit_date!, dealAmount: r.deal_amount!, share: r.share, overlay: r.overlay, amount: r.amount!, splitKey: r.split_key });
  }

  result(): PrecomputedCredits {
    return { lines: this.lines, handBack: this.handBack };
  }
}

/**
 * A query's rows, every value as text (or null), brought into JavaScript as JSON texts DuckDB
 * writes: JSON.parse reads them about twice as fast as the node API's value readers turn each
 * cell into a string. Nothing is a JSON number: a decimal never passes through a double. The rows
 * in the order of `order` (a non-negative integer expression over the columns of the relation
 * `sql`, e.g. `_n`), in texts of at most 2,048 rows each, handed to `each` one by one (memory
 * stays small at any size; one text of every row ran DuckDB out of its memory at 10M lines).
 */
export async function textRows(conn: DuckDBConnection, sql: string, order: string, each: (rows: (string | null)[][]) => void): Promise<void> {
  const result = await conn.stream(
    `SELECT CAST(to_json(list(json_array(*COLUMNS(* EXCLUDE (__order))) ORDER BY __order)) AS VARCHAR) ` +
      `FROM (SELECT ${order} AS __order, CAST(COLUMNS(*) AS VARCHAR) FROM ${sql}) GROUP BY __order // 2048 ORDER BY __order // 2048`,
  );
  for (;;) {
    const chunk = await result.fetchChunk();
    const rowCount = chunk ? chunk.rowCount : 0;
    if (rowCount === 0) break;
    const texts = chunk!.getColumns()[0] as string[];
    for (let i = 0; i < rowCount; i++) each(JSON.parse(texts[i]!) as (string | null)[][]);
  }
}

/** Credit lines (the columns of `creditQuery`) read chunk by chunk: no object per result row. */
export async function readCreditLines(conn: DuckDBConnection, sql: string): Promise<PrecomputedCredits> {
  const b = new CreditsBuilder();
  const result = await conn.stream(sql);
  const names = result.columnNames();
  const [rule, deal, rep, date, dealAmount, share, overlay, amount, splitKey, handBack] = CREDIT_COLUMNS.map((n) => names.indexOf(n));
  for (;;) {
    const chunk = await result.fetchChunk();
    // rowCount is a native call: read once a chunk
    const rowCount = chunk ? chunk.rowCount : 0;
    if (rowCount === 0) break;
    const c = chunk!.getColumns() as unknown[][];
    for (let i = 0; i < rowCount; i++)
      b.add({
        rule: c[rule!]![i] as number,
        deal_key: c[deal!]![i] as string,
        rep: c[rep!]![i] as string | null,
        credit_date: c[date!]![i] as string | null,
        deal_amount: c[dealAmount!]![i] as string | null,
        share: c[share!]![i] as string | null,
        overlay: c[overlay!]![i] as boolean,
        amount: c[amount!]![i] as string | null,
        split_key: c[splitKey!]![i] as string,
        hand_back: c[handBack!]![i] as boolean,
      });
  }
  return b.result();
}

export function toCredits(rows: CreditRow[]): PrecomputedCredits {
  const b = new CreditsBuilder();
  for (const r of rows) b.add(r);
  return b.result();
}

/**
 * A table's rows read back from the engine's typed table (./inputs.ts), in file order; with
 * `keep`, only the rows whose key it holds (a text key, or a table without a key).
 */
export async function rowsOf(conn: DuckDBConnection, ir: PlanIR, t: EngineTable, keep?: Set<string>): Promise<RowValue[]> {
  const fields = t.ir.fields;
  const Values = function (this: Record<string, Value>) {} as unknown as new () => Record<string, Value>;
  Values.prototype = Object.create(null) as object;
  const cols = fields.map((f) => `CAST(${DUCKDB.ident(f.name)} AS VARCHAR)`).join(', ');
  let from = DUCKDB.ident(t.ir.name);
  if (keep?.size === 0) return [];
  if (keep) {
    // the keys kept, into the engine: only those rows cross into JavaScript
    const k = `${t.ir.name}__keep`;
    const schema = String((await conn.runAndReadAll('SELECT current_schema()')).getRows()[0]![0]);
    await conn.run(`CREATE OR REPLACE TABLE ${DUCKDB.ident(k)} (key VARCHAR)`);
    const app = await conn.createAppender(k, schema);
    for (const key of keep) {
      app.appendVarchar(key);
      app.endRow();
    }
    app.closeSync();
    // a view (Parquet) finds the rows first and types only those
    from = t.narrowed ? `(${t.narrowed(`SELECT key FROM ${DUCKDB.ident(k)}`)}) AS t` : `${from} AS t SEMI JOIN ${DUCKDB.ident(k)} AS k ON k.key = ${t.ir.key ? `t.${DUCKDB.ident(t.ir.key)}` : 't._row'}`;
  }
  const out: RowValue[] = [];
  const read = fields.map((f): ((s: string) => Value) => {
    switch (f.type.t) {
      case 'integer':
      case 'decimal':
      case 'percent':
      case 'money':
        return (s) => new Decimal(s);
      case 'date':
        return (s) => ({ kind: 'date', iso: s });
      case 'boolean':
        return (s) => s === 'true';
      case 'period':
        return (s) => parsePeriod(s, ir.periods) ?? null;
      default:
        return (s) => s;
    }
  });
  const seens = fields.map(() => new Map<string, Value>());
  const keyAt = t.ir.key ? fields.findIndex((f) => f.name === t.ir.key) : -1;
  await textRows(conn, `(SELECT _n${cols ? `, ${cols}` : ''} FROM ${from}) AS t`, '_n', (rows) => {
    for (const row of rows) {
      const n = Number(row[0]);
      const values = new Values();
      for (let j = 0; j < fields.length; j++) {
        const s = row[j + 1] ?? null;
        if (s === null) {
          values[fields[j]!.name] = null;
          continue;
        }
        // values repeat (dates, amounts, products): one value per distinct text, as the loader keeps them
        const seen = seens[j]!;
        let v = seen.get(s);
        if (v === undefined) {
          v = read[j]!(s);
          if (seen.size < 4096) seen.set(s, v);
        }
        values[fields[j]!.name] = v;
      }
      const kv = keyAt >= 0 ? values[fields[keyAt]!.name] : undefined;
      const key = keyAt < 0 ? String(n + 1) : kv instanceof Decimal ? kv.toString() : typeof kv === 'string' ? kv : typeof kv === 'boolean' ? String(kv) : (kv as { iso?: string; key?: string }).iso ?? (kv as { key: string }).key;
      out.push({ kind: 'row', table: t.ir.name, key, values, loc: { file: t.file, line: n + 2 } });
    }
  });
  return out;
}
