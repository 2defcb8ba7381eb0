// Rep assignments at run time (docs/language.md, "Rep assignments").
//
// `assignments from assignments` in the roster: each row gives a rep's values of some roster fields
// (role, manager, ...) from `start` to `end` (both inclusive; an empty end is open). In a period,
// `rep.role` and team membership (`team by manager`) are the values of the assignment in force on
// the period's LAST day; a rep with no assignment in force then keeps the roster's values.
// Overlapping assignments of one rep are data errors (COMP6090).
import type { AssignmentsIR, DataError, Dataset, DateValue, PeriodValue, RowValue } from '../ir.js';

interface Assignment {
  start: string;
  end?: string;
  row: RowValue;
}

export interface AssignmentIndex {
  /** The rep's row as assigned in the period (a copy of the roster row with the assigned values). */
  at(base: RowValue, period: PeriodValue): RowValue;
  /** The assignment row in force, for the trace. */
  inForce(rep: string, period: PeriodValue): RowValue | undefined;
}

function iso(v: unknown): string | undefined {
  return typeof v === 'object' && v !== null && (v as DateValue).kind === 'date' ? (v as DateValue).iso : undefined;
}

function keyOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && (v as RowValue).kind === 'row') return (v as RowValue).key;
  return undefined;
}

export function indexAssignments(a: AssignmentsIR | undefined, data: Dataset): { index?: AssignmentIndex; errors: DataError[] } {
  if (!a) return { errors: [] };
  const errors: DataError[] = [];
  const byRep = new Map<string, Assignment[]>();
  for (const row of data[a.table] ?? []) {
    const rep = keyOf(row.values[a.repField]);
    const start = iso(row.values[a.startField]);
    if (rep === undefined || start === undefined) continue; // reported by the loader
    const end = a.endField ? iso(row.values[a.endField]) : undefined;
    if (end !== undefined && end < start) {
      errors.push({ code: 'COMP6090', message: `assignment of rep \`${rep}\` ends on ${end}, before it starts on ${start}`, file: row.loc.file, line: row.loc.line, column: 1 });
      continue;
    }
    const list = byRep.get(rep) ?? [];
    list.push({ start, end, row });
    byRep.set(rep, list);
  }
  for (const [rep, list] of byRep) {
    list.sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : x.row.loc.line - y.row.loc.line));
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!;
      const cur = list[i]!;
      if (prev.end === undefined || prev.end >= cur.start) {
        const span = (x: Assignment) => `${x.start} to ${x.end ?? 'open'} (line ${x.row.loc.line})`;
        errors.push({ code: 'COMP6090', message: `assignments of rep \`${rep}\` overlap: ${span(prev)} and ${span(cur)}`, file: cur.row.loc.file, line: cur.row.loc.line, column: 1 });
      }
    }
  }
  const inForce = (rep: string, period: PeriodValue): RowValue | undefined => {
    const day = period.end;
    let found: Assignment | undefined;
    for (const x of byRep.get(rep) ?? []) if (x.start <= day && (x.end === undefined || x.end >= day)) found = x;
    return found?.row;
  };
  const cache = new Map<string, RowValue>();
  return {
    errors,
    index: {
      inForce,
      at(base, period) {
        const row = inForce(base.key, period);
        if (!row) return base;
        const k = `${base.key}\u0000${period.key}`;
        let out = cache.get(k);
        if (!out) {
          const values = { ...base.values };
          for (const f of a.fields) values[f] = row.values[f] ?? null;
          out = { ...base, values };
          cache.set(k, out);
        }
        return out;
      },
    },
  };
}
