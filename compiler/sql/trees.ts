// Self-referencing tables in SQL, as recursive CTEs: the ancestors of each row (`a within b`,
// runtime/mechanics/relations.ts) and the reps below each rep along a roster field (`team credit
// at level N | at all levels | by FIELD`, the runtime's hierarchyReps). Spark SQL has no
// recursive queries: there both stay with the runtime (COMP9501, or a measure left to comp).
import type { HierarchyIR, PlanIR, TableIR } from '../../runtime/ir.js';
import { Unsupported, type Cte } from './cte.js';
import type { Dialect } from './dialect.js';

function textKey(t: TableIR, what: string): string {
  const k = t.key ? t.fields.find((f) => f.name === t.key) : undefined;
  if (!k || (k.type.t !== 'text' && k.type.t !== 'ref')) throw new Unsupported(`${what} over \`${t.name}\`, whose key is not text`);
  return k.name;
}

/** `<table>_within(key, ancestor)`: every row with itself and each row above it along `parentField`. */
export function withinCte(ir: PlanIR, d: Dialect, t: TableIR, parentField: string): Cte {
  if (!d.recursive) throw new Unsupported(`\`within\` (an ancestor test needs a recursive query, which ${d.title} does not have)`);
  const id = d.ident;
  const key = id(textKey(t, '`within`'));
  const up = id(parentField);
  const name = `${t.name}_within`;
  return {
    name,
    recursive: true,
    comment: [`\`within\` on ${t.name}: each row, with itself and every row above it along \`${parentField}\` (parent loops are data errors)`],
    body:
      `SELECT t.${key} AS key, t.${key} AS ancestor FROM ${id(t.name)} AS t\n` +
      `  UNION ALL\n` +
      `  SELECT w.key, p.${up} FROM ${id(name)} AS w JOIN ${id(t.name)} AS p ON p.${key} = w.ancestor WHERE p.${up} IS NOT NULL`,
  };
}

/** The reps below each rep along `h.by` (level 1 = direct reports), named `below_<by>`. */
export function belowCtes(ir: PlanIR, d: Dialect, h: HierarchyIR): Cte[] {
  if (!d.recursive) throw new Unsupported(`\`team credit ${h.level === 'all' ? 'at all levels' : `at level ${h.level}`}\` (a roll-up below level 1 needs a recursive query, which ${d.title} does not have)`);
  const id = d.ident;
  const roster = ir.tables.find((t) => t.name === ir.roster)!;
  const key = id(textKey(roster, 'a roll-up'));
  const by = id(h.by);
  const walk = `below_${h.by}_walk`;
  // a chain through two roster fields may loop (only one self-reference is checked on load):
  // the walk stops after as many levels as the roster has reps, and keeps each rep's nearest level
  return [
    {
      name: walk,
      recursive: true,
      comment: [`reps below each rep along \`${h.by}\`, level by level (a rep managing itself is not below itself)`],
      body:
        `SELECT r.${by} AS rep, r.${key} AS member, 1 AS level FROM ${id(roster.name)} AS r WHERE r.${by} IS NOT NULL AND r.${by} <> r.${key}\n` +
        `  UNION ALL\n` +
        `  SELECT w.rep, r.${key}, w.level + 1 FROM ${id(walk)} AS w JOIN ${id(roster.name)} AS r ON r.${by} = w.member\n` +
        `  WHERE r.${by} <> r.${key} AND w.level < (SELECT COUNT(*) FROM ${id(roster.name)})`,
    },
    {
      name: `below_${h.by}`,
      comment: [`each rep below another along \`${h.by}\`, at its nearest level`],
      body: `SELECT rep, member, MIN(level) AS level FROM ${id(walk)} WHERE member <> rep GROUP BY rep, member`,
    },
  ];
}
