// The SQL of the runtime seam (issue 12, runtime/engine/seam.ts): for a plan whose phase 2 can run
// on sums, the engine materialises the credit lines once (compile.ts `creditQuery`'s lines) and
// reads back, per rep and period, the credit and each component's sums, and only the lines of
// the deals a clawback event names. Three queries over the materialised lines:
//   - `seamChecks`: rows handed back to the runtime (and, in `seamSums`, rows whose filters read an
//     empty value): any of them and the engine reads every line;
//   - `seamSums`: per period and rep, the credit, and per component its measure (`on credit
//     where`), line count and per-deal bonus weight (`pays X per deal [in full] where`);
//   - `seamLines`: the lines of the deals clawback events name, and those outside the plan periods
//     (the runtime warns of each, COMP7004).
// Expressions compile through the one expression compiler (./expr.ts); the differential tests
// (test/engines/seam.test.ts) hold every sum equal to the runtime's walk over the lines.
import type { ComponentIR, PlanIR } from '../../runtime/ir.js';
import type { SeamComponent } from '../../runtime/engine/seam.js';
import type { Cte } from './cte.js';
import type { Dialect } from './dialect.js';
import { ExprCompiler, Unsupported } from './expr.js';
import { creditLineColumns, periodsCte, withClause } from './compile.js';

/** The table the credit lines are materialised in (named so no plan table can be it). */
export const LINES_TABLE = 'comp__credit_lines';

/** One component's sums: its query, and whether it carries a bonus weight. */
export interface SeamSumsQuery {
  component: string;
  sql: string;
}

function linesCte(d: Dialect): Cte {
  return { name: 'credits', comment: ['the credit lines, computed once'], body: `SELECT * FROM ${d.ident(LINES_TABLE)}` };
}

/** Rows handed back to the runtime (it evaluates and reports them itself: then it takes every line). */
export function seamChecks(d: Dialect): string {
  return `${withClause([linesCte(d)])}\nSELECT SUM(CASE WHEN c.hand_back THEN 1 ELSE 0 END) AS handed_back\nFROM credits AS c`;
}

/** Per period and rep: the rep's credit over all its lines. */
export function seamCredit(ir: PlanIR, d: Dialect): string {
  const periods = periodsCte(ir, d)!;
  return (
    `${withClause([linesCte(d), periods])}\n` +
    `SELECT p.period, c.rep, ${d.decimalText('SUM(c.amount)')} AS credit\n` +
    `FROM credits AS c JOIN periods AS p ON c.credit_date BETWEEN p.period_start AND p.period_end\n` +
    `WHERE NOT c.hand_back\nGROUP BY p.period, c.rep`
  );
}

/**
 * Per period and rep, a component's sums over the rep's own lines: `measure` and `lines` of the
 * lines its `where` keeps, `bonus_weight` of those the bonus's `where` keeps too (1 `in full` or
 * unsplit, else the split share), `unchecked`: lines whose filters read an empty value (the
 * runtime reports those: the engine then reads every line). No `for`: the runtime reads a
 * component's sums only for reps it applies to.
 */
export function seamSums(ir: PlanIR, d: Dialect, k: ComponentIR, s: SeamComponent): string {
  const id = d.ident;
  const tables = [...new Set(ir.credits.map((c) => c.table))];
  if (tables.length !== 1) throw new Unsupported('`credit where` over credits of several tables');
  const t = tables[0]!;
  const x = new ExprCompiler(ir, d, { row: { alias: 'deal', table: t }, rep: { alias: 'rep', table: ir.roster }, period: 'p' });
  const where = k.measure.where ? x.bool(x.compile(k.measure.where)) : undefined;
  const bw = s.bonus && k.bonus?.pays?.where ? x.bool(x.compile(k.bonus.pays.where)) : undefined;
  const roster = ir.tables.find((r) => r.name === ir.roster)!;
  const nulls = [...new Set([...(where?.nullable ?? []), ...(bw?.nullable ?? [])])];
  const isNull = nulls.length ? nulls.map((n) => `${n} IS NULL`).join(' OR ') : 'FALSE';
  const keep = where ? `(${where.sql})` : 'TRUE';
  const weight = s.bonus ? (s.bonus.inFull ? '1' : 'COALESCE(c.share, 1)') : '0';
  const cols = [
    `${d.decimalText(`SUM(CASE WHEN ${isNull} THEN 0 WHEN ${keep} THEN c.amount ELSE 0 END)`)} AS measure`,
    `SUM(CASE WHEN ${isNull} THEN 0 WHEN ${keep} THEN 1 ELSE 0 END) AS lines`,
    `${d.decimalText(`SUM(CASE WHEN ${isNull} THEN 0 WHEN ${keep}${bw ? ` AND (${bw.sql})` : ''} THEN ${weight} ELSE 0 END)`)} AS bonus_weight`,
    `SUM(CASE WHEN ${isNull} THEN 1 ELSE 0 END) AS unchecked`,
  ];
  const joins =
    `\n  JOIN ${id(ir.roster)} AS rep ON ${x.keyColumn(roster, 'rep')} = c.rep` +
    `\n  JOIN ${id(t)} AS deal ON ${x.keyText(x.table(t), 'deal')} = c.deal_key` +
    x.joins.map((j) => `\n  LEFT JOIN ${id(j.table)} AS ${id(j.alias)} ON ${j.on}`).join('');
  return (
    `${withClause([linesCte(d), periodsCte(ir, d)!, ...x.ctes.values()])}\n` +
    `-- component ${k.name}: its sums per rep and period (runtime/engine/seam.ts)\n` +
    `SELECT p.period, c.rep, ${cols.join(', ')}\n` +
    `FROM credits AS c\n  JOIN periods AS p ON c.credit_date BETWEEN p.period_start AND p.period_end${joins}\n` +
    `WHERE NOT c.hand_back\nGROUP BY p.period, c.rep`
  );
}

/** The lines of the deals a clawback event names (text keys of the events' reference fields). */
export function seamLines(ir: PlanIR, d: Dialect): string {
  const id = d.ident;
  const named: string[] = [];
  for (const k of ir.components)
    for (const cb of k.clawbacks) {
      const ev = ir.tables.find((t) => t.name === cb.events)!;
      const f = ev.fields.find((x) => x.name === cb.dealField)!;
      const target = f.type.t === 'ref' ? ir.tables.find((t) => t.name === (f.type as { table: string }).table) : undefined;
      const kf = target?.key ? target.fields.find((x) => x.name === target.key) : undefined;
      const col = `e.${id(cb.dealField)}`;
      const text = kf && kf.type.t !== 'text' && kf.type.t !== 'ref' ? d.toText(col) : col;
      named.push(`SELECT ${text} AS deal_key FROM ${id(cb.events)} AS e WHERE ${col} IS NOT NULL`);
    }
  const cols = creditLineColumns(d);
  const ctes: Cte[] = [linesCte(d), periodsCte(ir, d)!];
  if (named.length) ctes.push({ name: 'named', comment: ['deals a clawback event names'], body: [...new Set(named)].join('\n  UNION\n  ') });
  // and the lines outside the plan periods: the runtime warns of each (COMP7004) at its row
  const outside = 'NOT EXISTS (SELECT 1 FROM periods AS p WHERE credits.credit_date BETWEEN p.period_start AND p.period_end)';
  return `${withClause(ctes)}\nSELECT ${cols.join(', ')}\nFROM credits\nWHERE ${named.length ? `deal_key IN (SELECT deal_key FROM named) OR ` : ''}${outside}`;
}
