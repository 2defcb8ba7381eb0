// The checked IR -> one SQL query per dialect, for the work that grows with the data:
// crediting (rule filters, amounts, dates, splits, overlays) and, for review, each component's
// measure per rep and period. Rates, tiers, gates, caps and everything settled across periods
// (carry forward, draws, clawback netting, true-ups) stay in the runtime, which takes the
// credit lines this query returns (`comp run --engine duckdb`).
import * as cal from '../../runtime/calendar.js';
import type { ComponentIR, PlanIR } from '../../runtime/ir.js';
import { CREDIT_COLUMNS, creditCtes, SqlCompileError, type Cte } from './credits.js';
import type { Dialect } from './dialect.js';
import { ExprCompiler, Unsupported, type SqlValue } from './expr.js';
import { belowCtes } from './trees.js';

export { SqlCompileError } from './credits.js';

/** Plan lines of declarations, for comments and errors (from the AST; the IR has no positions). */
export interface PlanLines {
  credit?: (index: number) => number | undefined;
  component?: (name: string) => number | undefined;
  table?: (name: string) => number | undefined;
}

export interface CompiledSql {
  ctes: Cte[];
  /** Components whose measure is left to the runtime, with the construct that keeps it there. */
  notCompiled: { component: string; construct: string; line?: number }[];
}

/**
 * Credit CTEs and the `credits` union. Throws SqlCompileError on a construct SQL cannot run.
 * `carry`: a last column `deal` of every line (credits.ts `creditCtes`; rules of one table).
 */
export function compileCredits(ir: PlanIR, d: Dialect, lines: PlanLines = {}, carry?: string): Cte[] {
  const ctes: Cte[] = [];
  const lasts: string[] = [];
  ir.credits.forEach((r, i) => {
    const { ctes: c, last } = creditCtes(ir, d, r, i, lines.credit?.(i), carry);
    ctes.push(...c);
    lasts.push(last);
  });
  const dec = `CAST(NULL AS ${d.decimalType(10)})`;
  const txt = `CAST(NULL AS ${d.textType})`;
  ctes.push({
    name: 'credits',
    comment: [lasts.length ? 'every credit line of every rule: one per rep and credited row (and split row)' : 'the plan credits nothing'],
    body: lasts.length
      ? lasts.map((l) => `SELECT * FROM ${d.ident(l)}`).join('\n  UNION ALL\n  ')
      : `SELECT 0 AS rule, ${txt} AS deal_key, ${txt} AS rep, CAST(NULL AS DATE) AS credit_date, ${dec} AS deal_amount, ${dec} AS share, FALSE AS overlay, ${dec} AS amount, ${txt} AS split_key, FALSE AS hand_back\n  WHERE FALSE`,
  });
  return unique(ctes);
}

/** The query `comp run --engine` runs: credit lines, values as text (read back exactly). */
export function creditQuery(ir: PlanIR, d: Dialect): string {
  const ctes = compileCredits(ir, d);
  return `${withClause(ctes)}\nSELECT ${creditLineColumns(d).join(', ')}\nFROM credits`;
}

/** The columns of a credit line as read back: dates and decimals as exact text. */
export function creditLineColumns(d: Dialect): string[] {
  return CREDIT_COLUMNS.map((c) =>
    c === 'rule' || c === 'overlay' || c === 'hand_back' || c === 'rep' || c === 'split_key' || c === 'deal_key' ? c : `${c === 'credit_date' ? d.toText(c) : d.decimalText(c)} AS ${c}`,
  );
}

/** The CTEs once each (an ancestor table read by several rules is defined once), in order. */
function unique(ctes: Cte[]): Cte[] {
  const seen = new Set<string>();
  return ctes.filter((c) => !seen.has(c.name) && !!seen.add(c.name));
}

export function withClause(all: Cte[]): string {
  const ctes = unique(all);
  return (ctes.some((c) => c.recursive) ? 'WITH RECURSIVE\n' : 'WITH\n') + ctes.map((c) => `${c.comment.map((l) => `-- ${l}\n`).join('')}${c.name} AS (\n  ${c.body}\n)`).join(',\n\n');
}

/** The plan's periods (key, first and last day) from the runtime calendar; undefined without a period range. */
export function planPeriods(ir: PlanIR): { key: string; start: string; end: string }[] | undefined {
  if (!ir.periods.from || !ir.periods.to) return undefined;
  // one PeriodSpec (a calendar table's rows are periods here too)
  const spec: cal.PeriodSpec = cal.specOf(ir.periods);
  return cal.enumeratePeriods(spec, ir.periods.from, ir.periods.to);
}

/** Periods of the plan, from the runtime calendar (the one definition of period boundaries). */
export function periodsCte(ir: PlanIR, d: Dialect): Cte | undefined {
  const ps = planPeriods(ir);
  if (!ps) return undefined;
  const rows = ps.map((p) => `SELECT ${d.text(p.key)} AS period, ${d.date(p.start)} AS period_start, ${d.date(p.end)} AS period_end`);
  return { name: 'periods', comment: [`the plan's periods (${ps.length}), as the runtime calendar defines them`], body: rows.join('\n  UNION ALL ') };
}

function measureCte(ir: PlanIR, d: Dialect, k: ComponentIR, line: number | undefined): Cte[] {
  if (ir.versions?.length) throw new Unsupported('plan versions (components change by period)');
  if (ir.assignments) throw new Unsupported('dated assignments (rep fields change by period)');
  if (k.cumulative) throw new Unsupported(`\`${k.cumulative.text}\` (the measure accumulates across periods)`);
  if (k.cancelledDeals === 'leave') throw new Unsupported('`cancelled deals leave attainment` (cancellations change the measure)');
  const id = d.ident;
  const roster = ir.tables.find((t) => t.name === ir.roster)!;
  const x = new ExprCompiler(ir, d, { rep: { alias: 'rep', table: ir.roster }, period: 'p' });
  const applies = k.appliesTo ? x.bool(x.compile(k.appliesTo)) : undefined;
  let where: SqlValue | undefined;
  let wx: ExprCompiler | undefined;
  let dealJoin = '';
  if (k.measure.where) {
    const tables = [...new Set(ir.credits.map((c) => c.table))];
    if (tables.length !== 1) throw new Unsupported('`credit where` over credits of several tables');
    const t = tables[0]!;
    wx = new ExprCompiler(ir, d, { row: { alias: 'deal', table: t }, rep: { alias: 'rep', table: ir.roster }, period: 'p' });
    where = wx.bool(wx.compile(k.measure.where));
    dealJoin =
      `\n  JOIN ${id(t)} AS deal ON ${wx.keyText(wx.table(t), 'deal')} = c.deal_key` +
      wx.joins.map((j) => `\n  LEFT JOIN ${id(j.table)} AS ${id(j.alias)} ON ${j.on}`).join('');
  }
  const h = k.measure.hierarchy;
  if (k.measure.team && !h && !ir.teamBy) throw new Unsupported('`team credit` without `team by`');
  const repKey = x.keyColumn(roster, 'rep');
  // level 1 is a join (any dialect); deeper levels walk the roster in a recursive CTE
  const below = h && h.level !== 1 ? belowCtes(ir, d, h) : [];
  const member = h && h.level === 1
    ? `\n  JOIN ${id(ir.roster)} AS member ON ${x.keyColumn(roster, 'member')} = c.rep AND member.${id(h.by)} <> ${x.keyColumn(roster, 'member')}\n  JOIN ${id(ir.roster)} AS rep ON ${repKey} = member.${id(h.by)}`
    : h
    ? `\n  JOIN ${id(below[below.length - 1]!.name)} AS h ON h.member = c.rep${h.level === 'all' ? '' : ` AND h.level = ${h.level}`}\n  JOIN ${id(ir.roster)} AS rep ON ${repKey} = h.rep`
    : k.measure.team
      ? `\n  JOIN ${id(ir.roster)} AS member ON ${x.keyColumn(roster, 'member')} = c.rep\n  JOIN ${id(ir.roster)} AS rep ON ${repKey} = member.${id(ir.teamBy!)}`
      : `\n  JOIN ${id(ir.roster)} AS rep ON ${repKey} = c.rep`;
  const x2 = x.joins.map((j) => `\n  LEFT JOIN ${id(j.table)} AS ${id(j.alias)} ON ${j.on}`).join('');
  const nulls = [...new Set([...(applies?.nullable ?? []), ...(where?.nullable ?? [])])];
  const conds = ['NOT c.hand_back', applies?.sql, where?.sql].filter((s): s is string => !!s);
  return [...x.ctes.values(), ...(wx?.ctes.values() ?? []), ...below, {
    name: `${k.name}_measure`,
    comment: [
      `component ${k.name} "${k.label}"${line ? `  (plan line ${line})` : ''}: on ${k.measure.text}, basis ${k.basis}${k.appliesTo ? '; only reps it applies to' : ''}`,
      'the measure per rep and period; rates, gates, caps and settlement are applied by comp on it',
      ...(nulls.length ? ['rows reading an empty value are left out here and counted in `unchecked` (comp reports them)'] : []),
    ],
    body:
      `SELECT ${repKey} AS rep, p.period, SUM(c.amount) AS measure, COUNT(*) AS credit_lines` +
      (nulls.length ? `, SUM(CASE WHEN ${nulls.map((n) => `${n} IS NULL`).join(' OR ')} THEN 1 ELSE 0 END) AS unchecked` : '') +
      `\n  FROM credits AS c\n  JOIN periods AS p ON c.credit_date BETWEEN p.period_start AND p.period_end${member}${x2}${dealJoin}` +
      `\n  WHERE ${conds.join(' AND ')}\n  GROUP BY ${repKey}, p.period`,
  }];
}

/** The readable query of `comp sql`: credits, then each component's measure per rep and period. */
export function compilePlanSql(ir: PlanIR, d: Dialect, lines: PlanLines = {}): CompiledSql & { text: string } {
  const ctes = compileCredits(ir, d, lines);
  const notCompiled: CompiledSql['notCompiled'] = [];
  const periods = periodsCte(ir, d);
  const measures: string[] = [];
  if (periods) {
    ctes.push(periods);
    for (const k of ir.components) {
      const line = lines.component?.(k.name);
      try {
        ctes.push(...measureCte(ir, d, k, line));
        measures.push(k.name);
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
        notCompiled.push({ component: k.name, construct: e.construct, line });
      }
    }
  }
  const head = [
    `-- Plan "${ir.name}" compiled to ${d.title} by comp sql.`,
    `-- Inputs: one table per plan table, named as in the plan, columns as declared:`,
    ...ir.tables.map((t) => {
      const l = lines.table?.(t.name);
      const cols = t.fields.map((f) => `${f.name} ${d.columnType(f.type)}${f.optional ? '' : ' NOT NULL'}`);
      if (!t.key) cols.push(`_row ${d.textType} NOT NULL (1-based row position)`);
      return `--   ${t.name}${l ? ` (plan line ${l})` : ''}: ${cols.join(', ')}`;
    }),
    `-- Decimals are exact (${d.decimalType(10)} inputs; products keep every digit; an overflow is an error).`,
    ...notCompiled.map((n) => `-- component ${n.component}${n.line ? ` (plan line ${n.line})` : ''}: measure left to comp (${n.construct})`),
    ...(periods ? [] : ['-- The plan states no period range: measures per period are left to comp.']),
  ];
  const select = measures.length
    ? measures.map((m) => `SELECT ${d.text(m)} AS component, rep, period, measure, credit_lines FROM ${d.ident(`${m}_measure`)}`).join('\nUNION ALL\n') + '\nORDER BY period, rep, component'
    : 'SELECT * FROM credits\nORDER BY credit_date, deal_key, rule, rep, overlay, split_key';
  return { ctes: unique(ctes), notCompiled, text: `${head.join('\n')}\n${withClause(ctes)}\n${select};\n` };
}
