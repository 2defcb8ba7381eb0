// The SQL of the runtime seam (issue 12, runtime/engine/seam.ts): for a plan whose phase 2 can run
// on sums, the engine reads back, per rep and period, the credit and each component's sums, and
// only the lines of the deals a clawback event names. Two queries over the credit lines
// (compile.ts `credits`, computed in each query and never stored: writing 10M lines costs more
// than crediting twice):
//   - `seamSums`: per period and rep, the credit, and per component its measure (`on credit
//     where`), line count and per-deal bonus weight (`pays X per deal [in full] where`); and rows
//     handed back to the runtime or whose filters read an empty value: any of them and the
//     engine reads every line;
//   - `seamLines`: the lines of the deals clawback events name, and those outside the plan periods
//     (the runtime warns of each, COMP7004).
// Expressions compile through the one expression compiler (./expr.ts); the differential tests
// (test/engines/seam.test.ts) hold every sum equal to the runtime's walk over the lines.
import type { ComponentIR, PlanIR } from '../../runtime/ir.js';
import type { SeamComponent } from '../../runtime/engine/seam.js';
import type { Cte } from './cte.js';
import type { Dialect } from './dialect.js';
import { ExprCompiler, Unsupported } from './expr.js';
import { compileCredits, creditLineColumns, periodsCte, planPeriods, withClause } from './compile.js';


/** One component's sums: its query, and whether it carries a bonus weight. */
export interface SeamSumsQuery {
  component: string;
  sql: string;
}

/** The credit lines (`credits`, compile.ts): computed inside each query, never stored. */
function linesCte(ir: PlanIR, d: Dialect, carry?: string): Cte[] {
  return compileCredits(ir, d, {}, carry);
}

/**
 * One pass over the lines, per period and rep (period NULL: lines outside the plan periods, which
 * come back as lines): `credit`, the rep's credit; `handed_back`, rows the runtime evaluates itself
 * (then it takes every line); and per component i (`comps[i]`): `m<i>` and `n<i>`, the sum and
 * count of the lines its `where` keeps, `w<i>`, the bonus weight of those its bonus's `where` keeps
 * too (1 `in full` or unsplit, else the split share), `u<i>`, lines whose filters read an empty
 * value (the runtime reports those: the engine then reads every line). No `for`: the runtime reads
 * a component's sums only for reps it applies to.
 */
export function seamSums(ir: PlanIR, d: Dialect, comps: { k: ComponentIR; s: SeamComponent }[]): string {
  const id = d.ident;
  const periods = periodsCte(ir, d);
  if (!periods) throw new Unsupported('no period range');
  const tables = [...new Set(ir.credits.map((c) => c.table))];
  const t = tables[0];
  const cols = [`${d.decimalText('SUM(CASE WHEN c.hand_back THEN 0 ELSE c.amount END)')} AS credit`, 'SUM(CASE WHEN c.hand_back THEN 1 ELSE 0 END) AS handed_back'];
  let joins = '';
  let ctes: Cte[] = [];
  let carry: string | undefined;
  if (comps.length && t) {
    if (tables.length !== 1) throw new Unsupported('`credit where` over credits of several tables');
    const x = new ExprCompiler(ir, d, { row: { alias: 'deal', table: t }, rep: { alias: 'rep', table: ir.roster }, period: 'p' });
    comps.forEach(({ k, s }, i) => {
      const where = k.measure.where ? x.bool(x.compile(k.measure.where)) : undefined;
      const bw = s.bonus && k.bonus?.pays?.where ? x.bool(x.compile(k.bonus.pays.where)) : undefined;
      const nulls = [...new Set([...(where?.nullable ?? []), ...(bw?.nullable ?? [])])];
      const isNull = `c.hand_back${nulls.map((n) => ` OR ${n} IS NULL`).join('')}`;
      const keep = where ? `(${where.sql})` : 'TRUE';
      const weight = s.bonus ? (s.bonus.inFull ? '1' : 'COALESCE(c.share, 1)') : '0';
      cols.push(
        `${d.decimalText(`SUM(CASE WHEN ${isNull} THEN 0 WHEN ${keep} THEN c.amount ELSE 0 END)`)} AS m${i}`,
        `SUM(CASE WHEN ${isNull} THEN 0 WHEN ${keep} THEN 1 ELSE 0 END) AS n${i}`,
        `${d.decimalText(`SUM(CASE WHEN ${isNull} THEN 0 WHEN ${keep}${bw ? ` AND (${bw.sql})` : ''} THEN ${weight} ELSE 0 END)`)} AS w${i}`,
        `SUM(CASE WHEN NOT c.hand_back AND (${nulls.length ? nulls.map((n) => `${n} IS NULL`).join(' OR ') : 'FALSE'}) THEN 1 ELSE 0 END) AS u${i}`,
      );
    });
    const roster = ir.tables.find((r) => r.name === ir.roster)!;
    // the credited row's fields the filters read: in DuckDB carried on each line as a struct named
    // `deal` (`deal.f` reads its field), not found again by a join over the whole credited table
    const read = [cols.join('\n'), ...x.joins.map((j) => j.on)].join('\n');
    const fields = x.table(t).fields.filter((f) => read.includes(`${id('deal')}.${id(f.name)}`));
    if (d.name === 'duckdb') carry = fields.length ? `struct_pack(${fields.map((f) => `${id(f.name)} := ${id('deal')}.${id(f.name)}`).join(', ')})` : undefined;
    joins =
      // the rep's row only when a filter reads it
      (read.includes(`${id('rep')}.`) ? `\n  LEFT JOIN ${id(ir.roster)} AS rep ON ${x.keyColumn(roster, 'rep')} = c.rep` : '') +
      (d.name === 'duckdb' ? '' : `\n  LEFT JOIN ${id(t)} AS deal ON ${x.keyText(x.table(t), 'deal')} = c.deal_key`) +
      x.joins.map((j) => `\n  LEFT JOIN ${id(j.table)} AS ${id(j.alias)} ON ${j.on}`).join('');
    ctes = [...x.ctes.values()];
  }
  // a line's period: a CASE over the plan's periods (cheaper than a range join) unless a filter
  // reads the period's row (`p.period_start`, ...) or the periods are many
  const list = planPeriods(ir)!;
  const byCase = list.length <= 100 && !/\bp\.period/.test(`${cols.join('\n')}\n${joins}`);
  const period = byCase ? `CASE ${list.map((p) => `WHEN c.credit_date BETWEEN ${d.date(p.start)} AND ${d.date(p.end)} THEN ${d.text(p.key)}`).join(' ')} END` : 'p.period';
  return (
    `${withClause([...linesCte(ir, d, carry), ...(byCase ? [] : [periods]), ...ctes])}\n` +
    `-- per rep and period: the credit and each component's sums (runtime/engine/seam.ts)\n` +
    `SELECT ${period} AS period, c.rep, ${cols.join(',\n  ')}\n` +
    `FROM credits AS c${byCase ? '' : '\n  LEFT JOIN periods AS p ON c.credit_date BETWEEN p.period_start AND p.period_end'}${joins}\n` +
    `GROUP BY ${period}, c.rep`
  );
}

/**
 * The lines of the deals a clawback event names (text keys of the events' reference fields) and,
 * with `outside`, those outside the plan periods (the runtime warns of each, COMP7004, at its row).
 * Without `outside`, each credited table is first narrowed to the named rows (a CTE of its name
 * over `schema`'s table shadows it, or the engine's `narrowed` SELECT of those rows), so only
 * their lines are credited again.
 */
export function seamLines(ir: PlanIR, d: Dialect, opts: { outside: boolean; schema: string; narrowed?: (table: string, keys: string) => string | undefined }): string {
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
  const ctes: Cte[] = [];
  ctes.push({ name: 'named', comment: ['deals a clawback event names'], body: named.length ? [...new Set(named)].join('\n  UNION\n  ') : `SELECT ${d.toText('NULL')} AS deal_key WHERE FALSE` });
  const credited = [...new Set(ir.credits.map((r) => r.table))];
  if (!opts.outside && credited.every((t) => !readsItself(ir, t))) {
    const x = new ExprCompiler(ir, d, {});
    for (const t of credited)
      ctes.push({
        name: t,
        comment: [`the rows of ${t} whose lines are read`],
        body: opts.narrowed?.(t, 'SELECT deal_key AS key FROM named') ?? `SELECT * FROM ${id(opts.schema)}.${id(t)} AS r WHERE ${x.keyText(x.table(t), 'r')} IN (SELECT deal_key FROM named)`,
      });
  }
  ctes.push(...linesCte(ir, d), periodsCte(ir, d)!);
  const outside = opts.outside ? ' OR NOT EXISTS (SELECT 1 FROM periods AS p WHERE credits.credit_date BETWEEN p.period_start AND p.period_end)' : '';
  return `${withClause(ctes)}\nSELECT ${cols.join(', ')}\nFROM credits\nWHERE deal_key IN (SELECT deal_key FROM named)${outside}`;
}

/** Whether a reference chain from table `t` (a credit rule's `deal.a.b`, an ancestor test) can come back to `t`. */
function readsItself(ir: PlanIR, t: string): boolean {
  const seen = new Set<string>();
  const todo = [t];
  while (todo.length) {
    const at = ir.tables.find((x) => x.name === todo.pop());
    if (!at) continue;
    for (const f of at.fields) {
      if (f.type.t !== 'ref') continue;
      const to = (f.type as { table: string }).table;
      if (to === t) return true;
      if (!seen.has(to)) {
        seen.add(to);
        todo.push(to);
      }
    }
  }
  return false;
}
