// The ledger file: an embedded DuckDB database, one file, written only by appending a close in
// one transaction. DuckDB commits through its write-ahead log: a process killed before the
// commit leaves nothing of the close, after it leaves all of it (the next open replays or drops
// the log). This is the only module that talks to the database.
import { existsSync, statSync } from 'node:fs';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { closeHash, linesHash } from './hash.js';
import { LEDGER_FORMAT, LEDGER_VERSION, type Close, type CloseHeader, type LedgerDeal, type LedgerLine, type LedgerStatement } from './types.js';

/** A ledger problem with its registry code (COMP93xx). */
export class LedgerError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS closes (seq INTEGER PRIMARY KEY, period VARCHAR NOT NULL UNIQUE, plan VARCHAR NOT NULL, plan_file VARCHAR NOT NULL,
     plan_hash VARCHAR NOT NULL, plan_text VARCHAR NOT NULL, inputs VARCHAR NOT NULL, closed_by VARCHAR NOT NULL, closed_at VARCHAR NOT NULL,
     line_count INTEGER NOT NULL, total_paid VARCHAR NOT NULL, lines_hash VARCHAR NOT NULL, prev_hash VARCHAR NOT NULL, hash VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS statements (seq INTEGER NOT NULL, n INTEGER NOT NULL, rep VARCHAR NOT NULL, earned VARCHAR NOT NULL, clawed_back VARCHAR NOT NULL,
     paid VARCHAR NOT NULL, owed VARCHAR NOT NULL, draw_balance VARCHAR NOT NULL, PRIMARY KEY (seq, n))`,
  `CREATE TABLE IF NOT EXISTS lines (seq INTEGER NOT NULL, n INTEGER NOT NULL, rep VARCHAR NOT NULL, kind VARCHAR NOT NULL, name VARCHAR NOT NULL,
     label VARCHAR NOT NULL, amount VARCHAR NOT NULL, exact VARCHAR NOT NULL, adjusts_period VARCHAR, adjusts_kind VARCHAR, adjusts_name VARCHAR,
     reason VARCHAR, PRIMARY KEY (seq, n))`,
  `CREATE TABLE IF NOT EXISTS deals (seq INTEGER NOT NULL, n INTEGER NOT NULL, rep VARCHAR NOT NULL, component VARCHAR NOT NULL, deal VARCHAR NOT NULL,
     credit VARCHAR NOT NULL, amount VARCHAR NOT NULL, PRIMARY KEY (seq, n))`,
];

/** Rows per INSERT statement (all inside the close's one transaction). */
const BATCH = 400;

/** COMP_LEDGER_PROGRESS=1: say on stderr where a write is (the crash test kills the process at these points). */
function progress(step: string): void {
  if (process.env.COMP_LEDGER_PROGRESS) process.stderr.write(`ledger: ${step}\n`);
}

type Row = Record<string, unknown>;
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const opt = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));

export class Ledger {
  private constructor(
    readonly file: string,
    private instance: DuckDBInstance | undefined,
    private conn: DuckDBConnection | undefined,
  ) {}

  /**
   * Open a ledger. `create`: make the file when it does not exist (a close); otherwise a missing
   * file is an empty ledger that is never written (a run, show, verify).
   */
  static async open(file: string, opts: { create: boolean }): Promise<Ledger> {
    if (existsSync(file) && statSync(file).isDirectory()) throw new LedgerError('COMP9300', `\`${file}\` is not a ledger: it is a folder`);
    if (!existsSync(file) && !opts.create) return new Ledger(file, undefined, undefined);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(file);
    } catch (e) {
      const m = (e as Error).message;
      if (/lock/i.test(m)) throw new LedgerError('COMP9301', `the ledger \`${file}\` is in use by another process`, 'wait for the other `comp close` to finish');
      throw new LedgerError('COMP9300', `\`${file}\` is not a ledger: ${firstLine(m)}`);
    }
    const conn = await instance.connect();
    const ledger = new Ledger(file, instance, conn);
    await ledger.checkFormat();
    return ledger;
  }

  private async query(sql: string, params: unknown[] = []): Promise<Row[]> {
    if (!this.conn) return [];
    const reader = await this.conn.runAndReadAll(sql, params as never);
    return reader.getRowObjectsJS() as Row[];
  }

  private async hasTables(): Promise<boolean> {
    const rows = await this.query(`SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name IN ('meta', 'closes', 'statements', 'lines', 'deals')`);
    return Number(rows[0]?.n ?? 0) > 0;
  }

  /** A file without our tables is an empty ledger only when it has no tables at all. */
  private async checkFormat(): Promise<void> {
    const any = await this.query(`SELECT count(*)::INTEGER AS n FROM information_schema.tables`);
    if (Number(any[0]?.n ?? 0) === 0) return;
    if (!(await this.hasTables())) throw new LedgerError('COMP9300', `\`${this.file}\` is not a ledger: it is a database with other tables`);
    const meta = new Map((await this.query(`SELECT key, value FROM meta`)).map((r) => [str(r.key), str(r.value)]));
    if (meta.get('format') !== LEDGER_FORMAT) throw new LedgerError('COMP9300', `\`${this.file}\` is not a ledger: its format is \`${meta.get('format') ?? 'none'}\``);
    if (meta.get('version') !== LEDGER_VERSION) throw new LedgerError('COMP9300', `\`${this.file}\` is not a ledger: version ${meta.get('version')} (this comp reads version ${LEDGER_VERSION})`);
  }

  /** Every close, in order, with its lines. */
  async closes(): Promise<Close[]> {
    if (!this.conn || !(await this.hasTables())) return [];
    const heads = await this.query(`SELECT * FROM closes ORDER BY seq`);
    const statements = group(await this.query(`SELECT * FROM statements ORDER BY seq, n`));
    const lines = group(await this.query(`SELECT * FROM lines ORDER BY seq, n`));
    const deals = group(await this.query(`SELECT * FROM deals ORDER BY seq, n`));
    return heads.map((h) => {
      const seq = Number(h.seq);
      const header: CloseHeader = {
        seq,
        period: str(h.period),
        plan: str(h.plan),
        planFile: str(h.plan_file),
        planHash: str(h.plan_hash),
        planText: JSON.parse(str(h.plan_text)) as string[],
        inputs: JSON.parse(str(h.inputs)) as CloseHeader['inputs'],
        closedBy: str(h.closed_by),
        closedAt: str(h.closed_at),
        lineCount: Number(h.line_count),
        totalPaid: str(h.total_paid),
        linesHash: str(h.lines_hash),
        prevHash: str(h.prev_hash),
        hash: str(h.hash),
      };
      return {
        ...header,
        statements: (statements.get(seq) ?? []).map(
          (r): LedgerStatement => ({ rep: str(r.rep), earned: str(r.earned), clawedBack: str(r.clawed_back), paid: str(r.paid), owed: str(r.owed), drawBalance: str(r.draw_balance) }),
        ),
        lines: (lines.get(seq) ?? []).map((r): LedgerLine => {
          const l: LedgerLine = { rep: str(r.rep), kind: str(r.kind), name: str(r.name), label: str(r.label), amount: str(r.amount), exact: str(r.exact) };
          const period = opt(r.adjusts_period);
          if (period !== undefined) l.adjusts = { period, kind: str(r.adjusts_kind), name: str(r.adjusts_name) };
          const reason = opt(r.reason);
          if (reason !== undefined) l.reason = reason;
          return l;
        }),
        deals: (deals.get(seq) ?? []).map((r): LedgerDeal => ({ rep: str(r.rep), component: str(r.component), deal: str(r.deal), credit: str(r.credit), amount: str(r.amount) })),
      };
    });
  }

  /**
   * Append one close in one transaction: its header (chained to the last close's hash), its
   * statements, lines and deals. `check` runs inside the transaction on the closes already
   * there (already closed, out of order) and throws to abort.
   */
  async append(
    close: Omit<Close, 'seq' | 'prevHash' | 'hash' | 'linesHash' | 'lineCount'>,
    check: (existing: CloseHeader[]) => void,
  ): Promise<Close> {
    const conn = this.conn;
    if (!conn) throw new LedgerError('COMP9300', `the ledger \`${this.file}\` is not open for writing`);
    await conn.run('BEGIN TRANSACTION');
    progress('begin');
    try {
      for (const s of SCHEMA) await conn.run(s);
      await conn.run(`INSERT OR IGNORE INTO meta VALUES ('format', ?), ('version', ?)`, [LEDGER_FORMAT, LEDGER_VERSION]);
      const heads = (await this.query(`SELECT seq, period, closed_at, closed_by, hash FROM closes ORDER BY seq`)).map((r) => ({
        seq: Number(r.seq),
        period: str(r.period),
        closedAt: str(r.closed_at),
        closedBy: str(r.closed_by),
        hash: str(r.hash),
      }));
      check(heads as CloseHeader[]);
      const last = heads[heads.length - 1];
      const seq = (last?.seq ?? 0) + 1;
      const header: Omit<CloseHeader, 'hash'> = {
        seq,
        period: close.period,
        plan: close.plan,
        planFile: close.planFile,
        planHash: close.planHash,
        planText: close.planText,
        inputs: close.inputs,
        closedBy: close.closedBy,
        closedAt: close.closedAt,
        lineCount: close.lines.length,
        totalPaid: close.totalPaid,
        linesHash: linesHash(close),
        prevHash: last?.hash ?? '',
      };
      const full: Close = { ...header, hash: closeHash(header), statements: close.statements, lines: close.lines, deals: close.deals };
      await conn.run(`INSERT INTO closes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        seq,
        full.period,
        full.plan,
        full.planFile,
        full.planHash,
        JSON.stringify(full.planText),
        JSON.stringify(full.inputs),
        full.closedBy,
        full.closedAt,
        full.lineCount,
        full.totalPaid,
        full.linesHash,
        full.prevHash,
        full.hash,
      ]);
      await insertRows(conn, 'statements', 8, full.statements.map((s, n) => [seq, n, s.rep, s.earned, s.clawedBack, s.paid, s.owed, s.drawBalance]));
      await insertRows(
        conn,
        'lines',
        12,
        full.lines.map((l, n) => [seq, n, l.rep, l.kind, l.name, l.label, l.amount, l.exact, l.adjusts?.period ?? null, l.adjusts?.kind ?? null, l.adjusts?.name ?? null, l.reason ?? null]),
      );
      await insertRows(conn, 'deals', 7, full.deals.map((d, n) => [seq, n, d.rep, d.component, d.deal, d.credit, d.amount]));
      progress('commit');
      await conn.run('COMMIT');
      progress('committed');
      return full;
    } catch (e) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  /** Close the database (DuckDB folds its log into the one file). */
  dispose(): void {
    this.conn?.closeSync();
    this.instance?.closeSync();
    this.conn = undefined;
    this.instance = undefined;
  }
}

async function insertRows(conn: DuckDBConnection, table: string, width: number, rows: unknown[][]): Promise<void> {
  const one = `(${Array(width).fill('?').join(', ')})`;
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = rows.slice(i, i + BATCH);
    await conn.run(`INSERT INTO ${table} VALUES ${chunk.map(() => one).join(', ')}`, chunk.flat() as never);
    progress(`${table} ${i + chunk.length}/${rows.length}`);
  }
}

function group(rows: Row[]): Map<number, Row[]> {
  const m = new Map<number, Row[]>();
  for (const r of rows) {
    const k = Number(r.seq);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}
