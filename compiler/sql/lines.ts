// Plan lines of the declarations the SQL names (the IR carries no positions): credit rules in
// order, components and tables by name.
import type { Plan } from '../syntax/ast.js';
import type { PlanLines } from './compile.js';

export function planLines(plan: Plan, text: string): PlanLines {
  const lineAt = (offset: number): number => {
    let n = 1;
    for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
    return n;
  };
  const credits: number[] = [];
  const components = new Map<string, number>();
  const tables = new Map<string, number>();
  for (const it of plan.items) {
    if (it.kind === 'CreditRule') credits.push(lineAt((it.table ?? it).span.start));
    else if (it.kind === 'ComponentDecl' && it.name) components.set(it.name.text, lineAt(it.name.span.start));
    else if (it.kind === 'TableDecl' && it.name) tables.set(it.name.text, lineAt(it.name.span.start));
  }
  return { credit: (i) => credits[i], component: (n) => components.get(n), table: (n) => tables.get(n) };
}
