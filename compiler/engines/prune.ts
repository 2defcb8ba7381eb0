// Which rows of a credited table the runtime can reach when the engine has credited them: the
// rows it credited or handed back, and the rows another row references (a cancellation's deal,
// a split's deal). Only for a table the plan reads through nothing else (no aggregate, `within`,
// per-rep read, event or assignment table names it), with a text key or no key: every other
// table is passed whole. What the runtime prints is the same; it holds fewer rows.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { PlanIR } from '../../runtime/ir.js';
import type { PrecomputedCredits } from '../../runtime/evaluate.js';
import { DUCKDB } from '../sql/dialect.js';

/** Tables named anywhere in the IR other than as a credit rule's table or a reference field's type. */
function namedElsewhere(ir: PlanIR): Set<string> {
  const out = new Set<string>();
  const walk = (x: unknown, key: string): void => {
    if (typeof x === 'string') out.add(x);
    else if (Array.isArray(x)) x.forEach((v) => walk(v, key));
    else if (x && typeof x === 'object') {
      for (const [k, v] of Object.entries(x as Record<string, unknown>)) {
        if (k === 'tables' && key === '') continue; // the declarations themselves (reference types read below)
        if (k === 'credits' && key === '') {
          for (const r of v as Record<string, unknown>[])
            for (const [rk, rv] of Object.entries(r)) {
              if (rk === 'split' && rv && typeof rv === 'object') {
                // the split table's name (its fields are read only while crediting)
                for (const [sk, sv] of Object.entries(rv as Record<string, unknown>)) if (sk !== 'table') walk(sv, sk);
              } else if (rk !== 'table') walk(rv, rk);
            }
          continue;
        }
        walk(v, k);
      }
    }
  };
  walk(ir, '');
  for (const t of ir.tables) {
    // self-references (parent chains) and the roster keep a table whole (a table read per rep is
    // named by the expressions that read it: `lookup`, aggregates)
    if (t.fields.some((f) => f.type.t === 'ref' && f.type.table === t.name) || t.roster) out.add(t.name);
  }
  return out;
}

/**
 * Split tables read only while crediting: when the engine credited every row (no row handed back),
 * the runtime never reads them, and they need none of their rows (the runtime seam's case).
 */
export function creditingOnly(ir: PlanIR, credits: PrecomputedCredits): Set<string> {
  const out = new Set<string>();
  if ([...credits.handBack.values()].some((s) => s.size > 0)) return out;
  const elsewhere = namedElsewhere(ir);
  for (const r of ir.credits) if (r.split && !elsewhere.has(r.split.table)) out.add(r.split.table);
  return out;
}

export async function reachableRows(conn: DuckDBConnection, ir: PlanIR, credits: PrecomputedCredits, skip = new Set<string>()): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  const elsewhere = namedElsewhere(ir);
  for (const t of skip) out.set(t, new Set());
  const id = DUCKDB.ident;
  for (const name of new Set(ir.credits.map((r) => r.table))) {
    const t = ir.tables.find((x) => x.name === name)!;
    const key = t.key ? t.fields.find((f) => f.name === t.key) : undefined;
    if (elsewhere.has(name) || (key && key.type.t !== 'text')) continue;
    const keep = new Set<string>();
    ir.credits.forEach((r, ri) => {
      if (r.table !== name) return;
      for (const k of credits.lines.get(ri)?.keys() ?? []) keep.add(k);
      for (const k of credits.handBack.get(ri) ?? []) keep.add(k);
    });
    for (const other of ir.tables)
      for (const f of other.fields) {
        if (skip.has(other.name)) continue;
        if (f.type.t !== 'ref' || f.type.table !== name) continue;
        const rows = (await conn.runAndReadAll(`SELECT DISTINCT ${id(f.name)} FROM ${id(other.name)} WHERE ${id(f.name)} IS NOT NULL`)).getRows();
        for (const r of rows) keep.add(String(r[0]));
      }
    out.set(name, keep);
  }
  return out;
}
