// IR expressions -> SQL text, for the per-row work (credit rules, measure filters, `for` clauses
// on the roster). The meaning of every construct is the runtime's (runtime/evaluate.ts); a
// construct whose SQL could differ from it (division, text ordering, durations, lets...) is not
// compiled: it raises `Unsupported`, which the caller reports as COMP9501 with the plan line.
//
// Empty values: SQL NULL does not fail the way the runtime's empty value does, so every
// optional column an expression reads is listed in `nullable`; the caller hands a row whose
// listed columns are NULL back to the runtime, which evaluates (and reports) it itself.
import type { Expr, FieldType, PlanIR, TableIR } from '../../runtime/ir.js';
import { INPUT_SCALE, type Dialect } from './dialect.js';
import { Unsupported, type Cte } from './cte.js';
import { withinCte } from './trees.js';

function scaleOf(value: string): number {
  const i = value.indexOf('.');
  return i < 0 ? 0 : value.length - i - 1;
}

export { Unsupported } from './cte.js';

export type SqlKind = 'decimal' | 'text' | 'boolean' | 'date' | 'row';

export interface SqlValue {
  sql: string;
  kind: SqlKind;
  /** For kind 'row' (and for reference columns): the table whose row this is (or whose key it holds). */
  table?: string;
  /** For kind 'row': the alias the row is read from. */
  alias?: string;
  /** SQL of every optional column read: the row goes back to the runtime when one is NULL. */
  nullable: string[];
  /**
   * For kind 'decimal': the scale of the SQL type. Engines type LEAST/GREATEST/CASE over
   * decimals of different scales differently (DuckDB takes the first argument's scale and
   * truncates), so such arguments are cast to the widest scale first (see `sameScale`).
   */
  scale?: number;
}

export interface Join {
  alias: string;
  table: string;
  on: string;
}

/** The rows an expression may read: `deal` (a credited row) and `rep` (a roster row). */
export interface Scope {
  row?: { alias: string; table: string };
  rep?: { alias: string; table: string };
  /** The alias of the `periods` row (period, period_start, period_end) a per-rep value is read in. */
  period?: string;
}

/** Compiles expressions of one query; joins needed for reference chains are collected here. */
export class ExprCompiler {
  readonly joins: Join[] = [];
  /** CTEs the expressions read (ancestor tables of `within`), by name. */
  readonly ctes = new Map<string, Cte>();
  private aggs = 0;
  private readonly tables: Map<string, TableIR>;

  constructor(
    readonly ir: PlanIR,
    readonly d: Dialect,
    readonly scope: Scope,
  ) {
    this.tables = new Map(ir.tables.map((t) => [t.name, t]));
  }

  table(name: string): TableIR {
    const t = this.tables.get(name);
    if (!t) throw new Error(`unknown table ${name}`);
    return t;
  }

  /** The SQL naming a row's key: the declared key, or `_row` (1-based position) for tables without one. */
  keyColumn(t: TableIR, alias: string): string {
    return `${this.d.ident(alias)}.${this.d.ident(t.key ?? '_row')}`;
  }

  /** The key as text, as the runtime keys rows. */
  keyText(t: TableIR, alias: string): string {
    const f = t.key ? t.fields.find((x) => x.name === t.key) : undefined;
    const col = this.keyColumn(t, alias);
    return f && f.type.t !== 'text' && f.type.t !== 'ref' ? this.d.toText(col) : col;
  }

  compile(e: Expr): SqlValue {
    const d = this.d;
    switch (e.k) {
      case 'num':
        return { sql: d.decimal(e.value), kind: 'decimal', nullable: [], scale: scaleOf(e.value) };
      case 'text':
        return { sql: d.text(e.value), kind: 'text', nullable: [] };
      case 'bool':
        return { sql: e.value ? 'TRUE' : 'FALSE', kind: 'boolean', nullable: [] };
      case 'date':
        return { sql: d.date(e.value), kind: 'date', nullable: [] };
      case 'ctx': {
        const s = e.name === 'row' ? this.scope.row : e.name === 'rep' ? this.scope.rep : undefined;
        if (!s) throw new Unsupported(e.name === 'row' ? '`deal` here' : `\`${e.name}\` in a per-row rule`);
        return { sql: this.keyColumn(this.table(s.table), s.alias), kind: 'row', table: s.table, alias: s.alias, nullable: [] };
      }
      case 'field':
        return this.field(e.of, e.name);
      case 'bin':
        return this.bin(e.op, this.compile(e.l), this.compile(e.r));
      case 'neg': {
        const x = this.num(this.compile(e.e), 'negation');
        return { sql: `(- ${x.sql})`, kind: 'decimal', nullable: x.nullable, scale: x.scale };
      }
      case 'not': {
        const x = this.bool(this.compile(e.e));
        return { sql: `(NOT ${x.sql})`, kind: 'boolean', nullable: x.nullable };
      }
      case 'if': {
        const c = this.bool(this.compile(e.c));
        let t = this.scalar(this.compile(e.t));
        let f = this.scalar(this.compile(e.e));
        if (t.kind !== f.kind) throw new Unsupported('`if` with branches of different kinds');
        let scale: number | undefined;
        if (t.kind === 'decimal') [[t, f], scale] = this.sameScale([t, f]);
        return { sql: `CASE WHEN ${c.sql} THEN ${t.sql} ELSE ${f.sql} END`, kind: t.kind, table: t.table, nullable: [...c.nullable, ...t.nullable, ...f.nullable], scale };
      }
      case 'call': {
        if (e.fn !== 'min' && e.fn !== 'max' && e.fn !== 'abs') throw new Unsupported(`\`${e.fn}()\``);
        const args = e.args.map((a) => this.num(this.compile(a), `\`${e.fn}()\``));
        const nullable = args.flatMap((a) => a.nullable);
        if (e.fn === 'abs') return { sql: `ABS(${args[0]!.sql})`, kind: 'decimal', nullable, scale: args[0]!.scale };
        const [same, scale] = this.sameScale(args);
        return { sql: `${e.fn === 'min' ? 'LEAST' : 'GREATEST'}(${same.map((a) => a.sql).join(', ')})`, kind: 'decimal', nullable, scale };
      }
      case 'agg':
        return this.aggregate(e);
      case 'within': {
        const of = this.compile(e.e);
        const anc = this.scalar(this.compile(e.ancestor));
        if ((of.kind !== 'row' && of.kind !== 'text') || (anc.kind !== 'text' && anc.kind !== 'row')) throw new Unsupported('`within` on a value that is not a row');
        const cte = withinCte(this.ir, this.d, this.table(e.table), e.parentField);
        this.ctes.set(cte.name, cte);
        return {
          sql: `EXISTS (SELECT 1 FROM ${this.d.ident(cte.name)} AS w WHERE w.key = ${of.sql} AND w.ancestor = ${anc.sql})`,
          kind: 'boolean',
          nullable: [...of.nullable, ...anc.nullable],
        };
      }
      default:
        throw new Unsupported(CONSTRUCTS[e.k] ?? `\`${e.k}\``);
    }
  }

  /**
   * `sum/count/min/max(x where c)` over the rep's credited rows of the period or a table's rows
   * of the rep and period (runtime/mechanics/relations.ts): a subquery. An empty value among the
   * rows read, or min/max of no rows, is the runtime's empty value: NULL, listed in `nullable`.
   */
  private aggregate(e: Extract<Expr, { k: 'agg' }>): SqlValue {
    const { rep, period } = this.scope;
    if (!rep || !period) throw new Unsupported(`\`${e.text}\` in a per-row rule (an aggregate is per rep and period)`);
    const d = this.d;
    // Spark SQL takes correlated scalar subqueries only with equality predicates: not the period's range
    if (d.name === 'spark') throw new Unsupported(`\`${e.text}\` (an aggregate per rep and period is a correlated subquery Spark SQL does not run)`);
    const id = d.ident;
    const a = `agg_${++this.aggs}`;
    const repKey = this.keyColumn(this.table(rep.table), rep.alias);
    let table: string;
    let from: string;
    let conds: string[];
    const src = e.source;
    if (src.k === 'credits') {
      const tables = [...new Set(this.ir.credits.map((c) => c.table))];
      if (tables.length !== 1) throw new Unsupported(`\`${e.text}\` over credits of several tables`);
      table = tables[0]!;
      from = `credits AS ${id(`${a}_c`)} JOIN ${id(table)} AS ${id(a)} ON ${this.keyText(this.table(table), a)} = ${id(`${a}_c`)}.deal_key`;
      conds = [`${id(`${a}_c`)}.rep = ${repKey}`, `${id(`${a}_c`)}.credit_date BETWEEN ${period}.period_start AND ${period}.period_end`, `NOT ${id(`${a}_c`)}.hand_back`];
    } else {
      table = src.table;
      from = `${id(table)} AS ${id(a)}`;
      const when = src.periodField ? `${id(a)}.${id(src.periodField)} = ${period}.period` : `${id(a)}.${id(src.dateField!)} BETWEEN ${period}.period_start AND ${period}.period_end`;
      conds = [`${id(a)}.${id(src.repField)} = ${repKey}`, when];
    }
    const sub = new ExprCompiler(this.ir, d, { row: { alias: a, table }, rep, period });
    const where = e.where ? sub.bool(sub.compile(e.where)) : undefined;
    const value = e.value ? sub.compile(e.value) : undefined;
    if (value && value.kind !== 'decimal' && !(value.kind === 'date' && (e.fn === 'min' || e.fn === 'max'))) throw new Unsupported(`\`${e.text}\` of a ${value.kind}`);
    for (const [k, v] of sub.ctes) this.ctes.set(k, v);
    from += sub.joins.map((j) => ` LEFT JOIN ${id(j.table)} AS ${id(j.alias)} ON ${j.on}`).join('');
    const isNull = (cols: string[]): string | undefined => (cols.length ? cols.map((c) => `${c} IS NULL`).join(' OR ') : undefined);
    const whereNull = isNull(where?.nullable ?? []);
    const valueNull = isNull(value?.nullable ?? []);
    const empty = [whereNull, valueNull ? (where ? `(${where.sql} AND (${valueNull}))` : valueNull) : undefined].filter((x): x is string => !!x);
    const base = `FROM ${from} WHERE ${conds.join(' AND ')}`;
    const filtered = where ? `${base} AND ${where.sql}` : base;
    let agg: string;
    let scale: number | undefined;
    let kind: SqlKind = 'decimal';
    if (e.fn === 'count') {
      agg = `CAST(COUNT(*) AS ${d.decimalType(0)})`;
      scale = 0;
    } else if (e.fn === 'sum') {
      agg = `COALESCE(SUM(${value!.sql}), 0)`;
      scale = value!.scale;
    } else {
      agg = `${e.fn.toUpperCase()}(${value!.sql})`;
      kind = value!.kind;
      scale = value!.scale;
    }
    let sql = `(SELECT ${agg} ${filtered})`;
    if (empty.length) sql = `CASE WHEN EXISTS (SELECT 1 ${base} AND (${empty.join(' OR ')})) THEN NULL ELSE ${sql} END`;
    const nullable = empty.length || e.fn === 'min' || e.fn === 'max' ? [`(${sql})`] : [];
    return { sql: `(${sql})`, kind, nullable, ...(kind === 'decimal' ? { scale } : {}) };
  }

  private field(ofE: Expr, name: string): SqlValue {
    const of = this.compile(ofE);
    if (of.kind !== 'row' || !of.table) throw new Unsupported(`a field of a ${of.kind} (\`.${name}\`)`);
    let alias = of.alias;
    const nullable = [...of.nullable];
    if (!alias) {
      // a reference column: join the referenced table once per path
      alias = `${of.sql.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '')}`;
      if (!this.joins.some((j) => j.alias === alias)) {
        const t = this.table(of.table);
        this.joins.push({ alias, table: of.table, on: `${this.keyColumn(t, alias)} = ${of.sql}` });
      }
    }
    const t = this.table(of.table);
    const f = t.fields.find((x) => x.name === name);
    if (!f) throw new Unsupported(`field \`${name}\` of \`${of.table}\``);
    const sql = `${this.d.ident(alias)}.${this.d.ident(name)}`;
    if (f.optional) nullable.push(sql);
    const k = kindOf(f.type);
    return { sql, ...k, nullable, ...(k.kind === 'decimal' ? { scale: f.type.t === 'integer' ? 0 : INPUT_SCALE } : {}) };
  }

  private bin(op: string, l: SqlValue, r: SqlValue): SqlValue {
    const nullable = [...l.nullable, ...r.nullable];
    switch (op) {
      case '+':
      case '-':
      case '*': {
        const a = this.num(l, `\`${op}\``);
        const b = this.num(r, `\`${op}\``);
        const scale = a.scale === undefined || b.scale === undefined ? undefined : op === '*' ? a.scale + b.scale : Math.max(a.scale, b.scale);
        return { sql: `(${a.sql} ${op} ${b.sql})`, kind: 'decimal', nullable, scale };
      }
      case '/':
        throw new Unsupported('division (`/`): no SQL engine here divides decimals exactly');
      case 'and':
      case 'or':
        return { sql: `(${this.bool(l).sql} ${op.toUpperCase()} ${this.bool(r).sql})`, kind: 'boolean', nullable };
      default: {
        const a = this.scalar(l);
        const b = this.scalar(r);
        const ordered = op !== '=' && op !== '!=';
        if (a.kind !== b.kind) throw new Unsupported(`comparing a ${a.kind} with a ${b.kind}`);
        if (ordered && (a.kind === 'text' || a.kind === 'boolean')) throw new Unsupported(`\`${op}\` on ${a.kind}`);
        return { sql: `(${a.sql} ${op === '!=' ? '<>' : op} ${b.sql})`, kind: 'boolean', nullable };
      }
    }
  }

  /**
   * Decimals brought to one scale (the widest) before LEAST/GREATEST/CASE: each engine types
   * those differently and DuckDB truncates to the first argument's scale. A value of unknown
   * scale is cast to the widest the engine holds exactly after a product of two inputs.
   */
  sameScale(vs: SqlValue[]): [SqlValue[], number] {
    const scale = Math.max(...vs.map((v) => v.scale ?? 2 * INPUT_SCALE));
    return [vs.map((v) => (v.scale === scale ? v : { ...v, sql: `CAST(${v.sql} AS ${this.d.decimalType(scale)})`, scale })), scale];
  }

  /** A row compared or returned stands for its key. */
  private scalar(v: SqlValue): SqlValue {
    return v.kind === 'row' ? { ...v, kind: 'text' } : v;
  }

  num(v: SqlValue, what: string): SqlValue {
    if (v.kind !== 'decimal') throw new Unsupported(`${what} on a ${v.kind}`);
    return v;
  }

  bool(v: SqlValue): SqlValue {
    if (v.kind !== 'boolean') throw new Unsupported(`a ${v.kind} as a condition`);
    return v;
  }
}

function kindOf(t: FieldType): { kind: SqlKind; table?: string } {
  switch (t.t) {
    case 'ref':
      return { kind: 'row', table: t.table };
    case 'date':
      return { kind: 'date' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'text':
    case 'period':
      return { kind: 'text' };
    default:
      return { kind: 'decimal' };
  }
}

/** How a construct left to the runtime is named in COMP9501. */
const CONSTRUCTS: Record<string, string> = {
  period: 'a period literal',
  duration: 'a duration (`30 days`)',
  let: 'a `let` value',
  lookup: 'a per-rep table read',
  otherwise: '`otherwise`',
  credit: '`credit`',
  convert: '`convert(...)`',
  employment: 'employment values',
  prorate: '`prorate`',
  seasonal: '`seasonal`',
  rateBy: '`rate by`',
  team: '`team quota` / `team attainment`',
  curve: 'a payout curve',
  scorecard: 'a scorecard',
  repLet: "another rep's value",
  agg: 'an aggregate (`sum`, `count`, `min`, `max`)',
};
