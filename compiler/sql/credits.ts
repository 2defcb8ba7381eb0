// Credit rules -> SQL: one CTE group per rule (candidate rows, split rows, credit lines), the
// union `credits` of all rules. A line is either a credit (rep, amount) the runtime takes as
// computed, or a row handed back (`hand_back`): one whose values are empty, whose splits do not
// sum to 100%, or whose rep is missing. The runtime evaluates those rows itself, so its errors
// (COMP7003, COMP6006) and their wording stay in one place.
import type { CreditRuleIR, PlanIR } from '../../runtime/ir.js';
import type { Dialect } from './dialect.js';
import { ExprCompiler, Unsupported, type SqlValue } from './expr.js';
import type { Cte } from './cte.js';

export type { Cte } from './cte.js';

/** Columns of `credits`, in order. */
export const CREDIT_COLUMNS = ['rule', 'deal_key', 'rep', 'credit_date', 'deal_amount', 'share', 'overlay', 'amount', 'split_key', 'hand_back'] as const;

export interface Located {
  line?: number;
}

export class SqlCompileError extends Error {
  constructor(
    readonly construct: string,
    readonly where: string,
    readonly line: number | undefined,
  ) {
    super(`${construct} in ${where}`);
  }
}

function anyNull(vals: SqlValue[]): string {
  const cols = [...new Set(vals.flatMap((v) => v.nullable))];
  return cols.length ? cols.map((c) => `${c} IS NULL`).join(' OR ') : 'FALSE';
}

/**
 * CTEs for credit rule `ri`; the last one is named `credit_<ri>_<table>` and has CREDIT_COLUMNS,
 * and with `carry` (an expression over the credited row, alias `deal`) a last column `deal`
 * holding it on every line (the runtime seam reads the row's fields from it instead of joining
 * the credited table again: compiler/sql/seam.ts).
 */
export function creditCtes(ir: PlanIR, d: Dialect, rule: CreditRuleIR, ri: number, line: number | undefined, carry?: string): { ctes: Cte[]; last: string } {
  const id = d.ident;
  const base = `${rule.table}_${ri}`;
  const x = new ExprCompiler(ir, d, { row: { alias: 'deal', table: rule.table } });
  const where = `credit ${rule.table} (rule ${ri + 1}${line ? `, plan line ${line}` : ''})`;
  let w: SqlValue | undefined;
  let amount: SqlValue;
  let date: SqlValue;
  let to: SqlValue;
  try {
    w = rule.where ? x.bool(x.compile(rule.where)) : undefined;
    amount = x.num(x.compile(rule.amount), 'the credited amount');
    date = x.compile(rule.date);
    if (date.kind !== 'date') throw new Unsupported(`a credit date that is a ${date.kind}`);
    to = x.compile(rule.to);
    if (to.kind !== 'row' && to.kind !== 'text') throw new Unsupported(`a rep to credit that is a ${to.kind}`);
  } catch (e) {
    if (e instanceof Unsupported) throw new SqlCompileError(e.construct, where, line);
    throw e;
  }
  const src = x.table(rule.table);
  const joins = x.joins.map((j) => `\n  LEFT JOIN ${id(j.table)} AS ${id(j.alias)} ON ${j.on}`).join('');
  const whereNull = w ? anyNull([w]) : 'FALSE';
  const valuesNull = anyNull([amount, date, to]);
  const valuesEmpty = valuesNull === 'FALSE' ? 'FALSE' : w ? `(${w.sql} AND (${valuesNull}))` : `(${valuesNull})`;
  const emptyExpr = whereNull === 'FALSE' ? valuesEmpty : valuesEmpty === 'FALSE' ? `(${whereNull})` : `(${whereNull}) OR ${valuesEmpty}`;
  const ctes: Cte[] = [...x.ctes.values()];
  const cand = `${base}_rows`;
  ctes.push({
    name: cand,
    comment: [`${rule.text.split('\n')[0]}${line ? `  (plan line ${line})` : ''}`, 'rows the rule credits; `empty` marks rows with an empty value the rule reads'],
    body:
      `SELECT ${x.keyText(src, 'deal')} AS deal_key,\n` +
      `    ${amount.sql} AS deal_amount,\n` +
      `    ${date.sql} AS credit_date,\n` +
      `    ${to.sql} AS to_rep,\n` +
      `    ${emptyExpr} AS empty${carry ? `,\n    ${carry} AS deal` : ''}\n` +
      `  FROM ${id(rule.table)} AS deal${joins}` +
      (w ? `\n  WHERE ${whereNull === 'FALSE' ? w.sql : `(${whereNull}) OR ${w.sql}`}` : ''),
  });
  const out = `credit_${base}`;
  const cols = (rep: string, share: string, overlay: string, amt: string, splitKey: string, hand: string): string =>
    `SELECT ${ri} AS rule, c.deal_key, ${rep} AS rep, c.credit_date, c.deal_amount, ${share} AS share, ${overlay} AS overlay, ${amt} AS amount, ${splitKey} AS split_key, ${hand} AS hand_back${carry ? ', c.deal' : ''}`;
  const nullDec = `CAST(NULL AS ${d.decimalType(10)})`;
  const nullText = `CAST(NULL AS ${d.textType})`;
  if (!rule.split) {
    ctes.push({
      name: out,
      comment: ['credited whole to `to`; rows with an empty value go back to the runtime'],
      body:
        `${cols('c.to_rep', nullDec, 'FALSE', 'c.deal_amount', "''", 'c.empty')}\n  FROM ${id(cand)} AS c`,
    });
    return { ctes, last: out };
  }
  const s = rule.split;
  const st = x.table(s.table);
  const sp = `${base}_split`;
  ctes.push({
    name: sp,
    comment: [`split by ${s.table}: one row per rep and deal; overlay rows are on top of the 100%`],
    body:
      `SELECT s.${id(s.dealField)} AS deal_key, s.${id(s.repField)} AS rep, s.${id(s.shareField)} AS share,\n` +
      `    ${s.overlayField ? `COALESCE(s.${id(s.overlayField)}, FALSE)` : 'FALSE'} AS overlay, ${x.keyText(st, 's')} AS split_key\n` +
      `  FROM ${id(s.table)} AS s`,
  });
  const chk = `${base}_split_check`;
  ctes.push({
    name: chk,
    comment: ['per deal: the ordinary shares (they must sum to exactly 100%) and empty split cells'],
    body:
      `SELECT deal_key,\n` +
      `    SUM(CASE WHEN NOT overlay THEN 1 ELSE 0 END) AS ordinary,\n` +
      `    SUM(CASE WHEN NOT overlay THEN share END) AS total,\n` +
      `    SUM(CASE WHEN share IS NULL OR rep IS NULL THEN 1 ELSE 0 END) AS empties\n` +
      `  FROM ${id(sp)}\n  GROUP BY deal_key`,
  });
  const lines = `${base}_checked`;
  ctes.push({
    name: lines,
    comment: ['a deal goes back to the runtime when a value is empty or its ordinary splits do not sum to 100%'],
    body:
      `SELECT c.*, COALESCE(k.ordinary, 0) AS ordinary,\n` +
      `    c.empty OR COALESCE(k.empties, 0) > 0 OR (COALESCE(k.ordinary, 0) > 0 AND k.total <> ${d.decimal('1')}) AS hand_back\n` +
      `  FROM ${id(cand)} AS c\n  LEFT JOIN ${id(chk)} AS k ON k.deal_key = c.deal_key`,
  });
  ctes.push({
    name: out,
    comment: ['whole credit to `to` when a deal has no ordinary split rows; split rows at their share; overlays on top'],
    body:
      `${cols(nullText, nullDec, 'FALSE', nullDec, "''", 'TRUE')}\n  FROM ${id(lines)} AS c WHERE c.hand_back\n` +
      `  UNION ALL\n` +
      `  ${cols('c.to_rep', nullDec, 'FALSE', 'c.deal_amount', "''", 'FALSE')}\n  FROM ${id(lines)} AS c WHERE NOT c.hand_back AND c.ordinary = 0\n` +
      `  UNION ALL\n` +
      `  ${cols('s.rep', 's.share', 's.overlay', 'c.deal_amount * s.share', 's.split_key', 'FALSE')}\n` +
      `  FROM ${id(lines)} AS c JOIN ${id(sp)} AS s ON s.deal_key = c.deal_key\n  WHERE NOT c.hand_back AND (s.overlay OR c.ordinary > 0)`,
  });
  return { ctes, last: out };
}
