// The credited row as components see it (docs/language.md, "Credit"): `deal`, and also the name
// the plan gave it with `credit lines as line` when every credit rule gives the same one.
import type * as A from '../syntax/ast.js';

export interface CreditRow {
  name: string;
  /** The plan's own name for the row (`credit lines as line`), usable beside `deal`. */
  alias?: string;
  tables: string[];
}

/** The credited tables (declared ones) and the row name of the plan's credit rules; undefined without any. */
export function creditRow(plan: A.Plan, declared: { has(name: string): boolean }): CreditRow | undefined {
  const tables = new Set<string>();
  const aliases = new Set<string>();
  for (const item of plan.items) {
    if (item.kind !== 'CreditRule' || !item.table || !declared.has(item.table.text)) continue;
    tables.add(item.table.text);
    aliases.add(item.alias?.text ?? 'deal');
  }
  if (tables.size === 0) return undefined;
  const alias = aliases.size === 1 ? [...aliases][0]! : undefined;
  return { name: 'deal', ...(alias && alias !== 'deal' ? { alias } : {}), tables: [...tables] };
}
