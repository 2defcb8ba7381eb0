// Span invariants of an AST: every span inside the text, start <= end, and every child node's
// span inside its parent's.
import type { Span } from '../../compiler/syntax/span.js';

function isSpan(v: unknown): v is Span {
  return !!v && typeof v === 'object' && typeof (v as Span).start === 'number' && typeof (v as Span).end === 'number' && Object.keys(v).length === 2;
}

/** Problems found, as readable strings (empty when all is well). */
export function checkSpans(root: unknown, text: string): string[] {
  const problems: string[] = [];
  const visit = (v: unknown, parent: Span | undefined, path: string): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, parent, `${path}[${i}]`));
      return;
    }
    if (!v || typeof v !== 'object') return;
    if (isSpan(v)) {
      const s = v;
      if (!Number.isInteger(s.start) || !Number.isInteger(s.end)) problems.push(`${path}: not integers ${s.start}..${s.end}`);
      if (s.start < 0 || s.end > text.length || s.start > s.end) problems.push(`${path}: ${s.start}..${s.end} outside 0..${text.length}`);
      if (parent && (s.start < parent.start || s.end > parent.end)) problems.push(`${path}: ${s.start}..${s.end} not inside ${parent.start}..${parent.end}`);
      return;
    }
    const o = v as Record<string, unknown>;
    const own = isSpan(o['span']) ? o['span'] : undefined;
    if ('kind' in o && !own) problems.push(`${path}: ${String(o['kind'])} has no span`);
    if (own) visit(own, parent, `${path}.span`);
    // the plan's comments and items are all inside the plan; children inside their node
    for (const [k, x] of Object.entries(o)) {
      if (k === 'span') continue;
      visit(x, own ?? parent, `${path}.${k}`);
    }
  };
  visit(root, undefined, 'plan');
  return problems;
}
