// Rep assignments: `assignments from assignments` in the roster (docs/language.md, "Rep
// assignments"). The table holds dated values of roster fields: a `rep` field, `start: date`,
// `end: date optional`, and fields named as roster fields (role, manager, ...).
import type * as A from '../syntax/ast.js';
import { Codes, diag } from '../diagnostics/diagnostic.js';
import { sameType, show } from './types.js';
import { timeMoneyOf, type TimeMoneyHost } from './time-money-info.js';

export function checkAssignments(h: TimeMoneyHost, roster: A.TableDecl, name: A.Name): void {
  const rosterInfo = h.s.roster!;
  const t = h.s.tables.get(name.text);
  if (!t || t.roster) {
    h.err(diag(Codes.UnknownTable, h.file, name.span, { name: name.text }, h.didYouMean(name.text, [...h.s.tables.keys()].filter((k) => k !== rosterInfo.name))));
    return;
  }
  h.ref(name.span, 'table', t.name);
  const fields = [...t.fields.values()];
  const repField = fields.find((f) => f.type.k === 'row' && f.type.table === rosterInfo.name);
  const start = t.fields.get('start');
  const end = t.fields.get('end');
  const missing: string[] = [];
  if (!repField) missing.push('a `rep` field');
  if (!start || start.type.k !== 'date') missing.push('`start: date`');
  if (end && end.type.k !== 'date') missing.push('`end: date optional`');
  if (missing.length) {
    h.err(diag(Codes.AssignmentTableShape, h.file, name.span, { table: t.name, what: missing.join(' and ') }));
    return;
  }
  const assigned: string[] = [];
  for (const f of fields) {
    if (f === repField || f === start || f === end) continue;
    const rf = rosterInfo.fields.get(f.name);
    if (!rf) {
      h.err(diag(Codes.AssignmentTableShape, h.file, f.decl.name?.span ?? f.decl.span, { table: t.name, what: `only roster fields besides rep, start and end (\`${f.name}\` is not a field of \`${rosterInfo.name}\`)` }, h.didYouMean(f.name, rosterInfo.fields.keys())));
      continue;
    }
    if (!sameType(f.type, rf.type)) {
      h.err(diag(Codes.TypeMismatch, h.file, f.decl.type?.span ?? f.decl.span, { expected: `${show(rf.type, rosterInfo.name)} (as \`${rosterInfo.name}.${f.name}\`)`, found: show(f.type, rosterInfo.name) }));
      continue;
    }
    if (rf.decl.key) {
      h.err(diag(Codes.AssignmentTableShape, h.file, f.decl.span, { table: t.name, what: `fields other than the roster's key \`${f.name}\`` }));
      continue;
    }
    assigned.push(f.name);
  }
  timeMoneyOf(h.s).assignments = { table: t.name, repField: repField!.name, startField: 'start', endField: end ? 'end' : undefined, fields: assigned };
  void roster;
}
