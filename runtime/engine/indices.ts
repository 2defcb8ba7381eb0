// Phase 0: the indices an evaluation reads: tables by key, per-rep (and per-period) lookups, the
// roster, FX rates and rep assignments (runtime/mechanics/currency.ts, assignments.ts).
import type { DataError, Dataset, PeriodValue, RowValue } from '../ir.js';
import { cell } from '../rows.js';
import { buildFx } from '../mechanics/currency.js';
import { indexAssignments, type AssignmentIndex } from '../mechanics/assignments.js';
import type { CompiledPlan, Env, LookupIndex, RV } from './types.js';
import { byStr, isObj, keyOf, sortRows } from './values.js';

export interface Indexed {
  env: Env;
  assigned?: AssignmentIndex;
  /** Roster keys, sorted. */
  repKeys: string[];
}

/**
 * Indices by name, each built on its first read: a plan reads few tables by key (the roster,
 * products) and fewer per rep (`csat.score`); the large ones (deals) are then never indexed.
 */
class Lazy<V> extends Map<string, V> {
  constructor(
    private readonly pending: string[],
    private readonly make: (name: string) => V,
  ) {
    super();
  }

  private build(name: string): V | undefined {
    const at = this.pending.indexOf(name);
    if (at < 0) return undefined;
    this.pending.splice(at, 1);
    const v = this.make(name);
    super.set(name, v);
    return v;
  }

  override get(name: string): V | undefined {
    return super.get(name) ?? this.build(name);
  }

  override has(name: string): boolean {
    return super.has(name) || this.pending.includes(name);
  }

  private all(): void {
    for (const name of [...this.pending]) this.build(name);
  }

  override keys(): MapIterator<string> {
    this.all();
    return super.keys();
  }

  override values(): MapIterator<V> {
    this.all();
    return super.values();
  }

  override entries(): MapIterator<[string, V]> {
    this.all();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  override forEach(f: (v: V, k: string, m: Map<string, V>) => void, self?: unknown): void {
    this.all();
    super.forEach(f, self);
  }

  override get size(): number {
    return super.size + this.pending.length;
  }
}

export function buildIndices(plan: CompiledPlan, data: Dataset, errors: DataError[]): Indexed {
  const ir = plan.ir;
  const tables = new Lazy(
    ir.tables.map((t) => t.name),
    (name) => {
      const m = new Map<string, RowValue>();
      for (const r of sortRows(data[name] ?? [])) if (!m.has(r.key)) m.set(r.key, r);
      return m;
    },
  );
  const roster = tables.get(ir.roster) ?? new Map<string, RowValue>();
  const perRep = ir.tables.filter((t) => t.repField && !t.roster);
  const lookups = new Lazy<LookupIndex>(
    perRep.map((t) => t.name),
    (name) => {
      const t = perRep.find((x) => x.name === name)!;
      const byRep = new Map<string, RowValue>();
      const byPeriod = new Map<string, Map<string, RowValue>>();
      for (const r of sortRows(data[t.name] ?? [])) {
        const repV = cell(r, t.repField!);
        const rk = keyOf(repV as RV);
        if (rk === undefined) continue;
        let m = byRep;
        if (t.periodField) {
          const pv = cell(r, t.periodField);
          const pk = isObj(pv as RV, 'period') ? (pv as PeriodValue).key : typeof pv === 'string' ? pv : undefined;
          if (pk === undefined) continue;
          const pm = byPeriod.get(pk);
          if (pm) m = pm;
          else byPeriod.set(pk, (m = new Map()));
        }
        // the first row of a rep (and period) in the deterministic row order
        if (!m.has(rk)) m.set(rk, r);
      }
      return t.periodField ? { byPeriod } : { byRep };
    },
  );
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
