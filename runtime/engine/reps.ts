// Which reps an answer about one rep needs evaluated (`comp explain`: one rep, one period).
// Crediting always runs over the whole data (splits and overlays make a rep's credit depend on
// other rows); this only chooses whose components are evaluated and whose statements are built.
// Conservative: any plan that reads another rep's results other than through the `team by`
// hierarchy (`team credit by ... at level`, pools, `per mentee`, `mentee.x` / other-rep lets, `within`, assignments that move
// reps between teams) evaluates everyone.
import type { Dataset, PlanIR } from '../ir.js';
import type { RV } from './types.js';
import { keyOf } from './values.js';

/** IR shapes under which a rep's figures may read reps outside its own team tree. */
const EVERYONE = ['"k":"repLet"', '"pool":', '"per":"mentee"', '"k":"within"', '"rank', '"hierarchy":'];

/**
 * The reps to evaluate to answer for `rep`, or undefined for everyone: the rep and, when the
 * plan has a `team by` field, every rep below it (at all levels) in the roster.
 */
export function repsToEvaluate(ir: PlanIR, data: Dataset, rep: string): Set<string> | undefined {
  const text = JSON.stringify({ credits: ir.credits, lets: ir.lets, components: ir.components, draws: ir.draws, versions: ir.versions });
  if (EVERYONE.some((s) => text.includes(s))) return undefined;
  const only = new Set([rep]);
  if (!ir.teamBy) return only;
  if (ir.assignments) return undefined;
  const reportsOf = new Map<string, string[]>();
  for (const row of data[ir.roster] ?? []) {
    const mk = keyOf(row.values[ir.teamBy] as RV);
    if (mk === undefined) continue;
    const list = reportsOf.get(mk) ?? [];
    list.push(row.key);
    reportsOf.set(mk, list);
  }
  const todo = [rep];
  while (todo.length > 0) {
    for (const m of reportsOf.get(todo.pop()!) ?? []) {
      if (only.has(m)) continue;
      only.add(m);
      todo.push(m);
    }
  }
  return only;
}
