// Phase 0: the indices an evaluation reads: tables by key, per-rep (and per-period) lookups, the
// roster, FX rates and rep assignments (runtime/mechanics/currency.ts, assignments.ts).
import type { DataError, Dataset, PeriodValue, RowValue } from '../ir.js';
import { buildFx } from '../mechanics/currency.js';
import { indexAssignments, type AssignmentIndex } from '../mechanics/assignments.js';
import type { CompiledPlan, Env, RV } from './types.js';
import { byStr, isObj, keyOf, sortRows } from './values.js';
import { lookupKey } from './expr.js';

export interface Indexed {
  env: Env;
  assigned?: AssignmentIndex;
  /** Roster keys, sorted. */
  repKeys: string[];
}

export function buildIndices(plan: CompiledPlan, data: Dataset, errors: DataError[]): Indexed {
  const ir = plan.ir;
  const tables = new Map<string, Map<string, RowValue>>();
  for (const t of ir.tables) {
    const m = new Map<string, RowValue>();
    for (const r of sortRows(data[t.name] ?? [])) if (!m.has(r.key)) m.set(r.key, r);
    tables.set(t.name, m);
  }
  const roster = tables.get(ir.roster) ?? new Map<string, RowValue>();
  const lookups = new Map<string, Map<string, RowValue>>();
  for (const t of ir.tables) {
    if (!t.repField || t.roster) continue;
    const m = new Map<string, RowValue>();
    for (const r of sortRows(data[t.name] ?? [])) {
      const repV = r.values[t.repField];
      const rk = keyOf(repV as RV);
      if (rk === undefined) continue;
      let k: string;
      if (t.periodField) {
        const pv = r.values[t.periodField];
        const pk = isObj(pv as RV, 'period') ? (pv as PeriodValue).key : typeof pv === 'string' ? pv : undefined;
        if (pk === undefined) continue;
        k = lookupKey(rk, pk);
      } else k = lookupKey(rk);
      if (!m.has(k)) m.set(k, r);
    }
    lookups.set(t.name, m);
  }
  const env: Env = { plan, tables, lookups, roster };
  // FX rates and rep assignments (runtime/mechanics/currency.ts, assignments.ts)
  const fxBuilt = buildFx(ir.fx?.table, data);
  env.fx = fxBuilt.fx;
  errors.push(...fxBuilt.errors);
  const assigned = indexAssignments(ir.assignments, data);
  errors.push(...assigned.errors);
  const repKeys = [...roster.keys()].sort(byStr);
  return { env, assigned: assigned.index, repKeys };
}
