// Code actions: quick fixes from diagnostics' `data` (matched by code, never by message) and
// the missing `rounding` line on the plan's header. A `target rep` is offered by the payout
// previews (hover), not here: a quick fix must fix something at the cursor.
import type { FullAnalysis } from '../analysis.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Span } from '../syntax/span.js';
import type * as A from '../syntax/ast.js';
import type { TextEdit } from './util.js';

export interface CodeAction {
  title: string;
  kind: 'quickfix' | 'refactor';
  edits: TextEdit[];
  /** The diagnostic it fixes, if any. */
  diagnostic?: Diagnostic;
  preferred?: boolean;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function isSpan(x: unknown): x is Span {
  return !!x && typeof (x as Span).start === 'number' && typeof (x as Span).end === 'number';
}

/** Quick fixes for one diagnostic. */
export function fixesFor(a: FullAnalysis, d: Diagnostic): CodeAction[] {
  const data = (d.data ?? {}) as Record<string, unknown>;
  const out: CodeAction[] = [];
  if (typeof data['suggestion'] === 'string') {
    const s = data['suggestion'];
    out.push({ title: `Change to \`${s}\``, kind: 'quickfix', edits: [{ span: d.span, newText: s }], diagnostic: d, preferred: true });
  }
  if (data['fix'] === 'otherwise' && typeof data['insertAt'] === 'number') {
    const text = typeof data['text'] === 'string' ? data['text'] : ' otherwise 0%';
    out.push({ title: `Add \`${text.trim()}\``, kind: 'quickfix', edits: [{ span: { start: data['insertAt'], end: data['insertAt'] }, newText: text }], diagnostic: d, preferred: true });
  }
  if (data['fix'] === 'band-gap' && isSpan(data['replace']) && typeof data['with'] === 'string') {
    out.push({ title: `Start this band at ${data['with']}`, kind: 'quickfix', edits: [{ span: data['replace'], newText: data['with'] }], diagnostic: d, preferred: true });
  }
  return out;
}

function lineEndAfter(text: string, offset: number): number {
  const n = text.indexOf('\n', offset);
  return n < 0 ? text.length : n + 1;
}

/** Every action available for a range: fixes of the diagnostics it touches, plus plan-level ones. */
export function codeActions(a: FullAnalysis, range: Span, diagnostics: Diagnostic[] = a.diagnostics): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) if (overlaps(d.span, range)) out.push(...fixesFor(a, d));
  // The missing rounding line: offered on the plan's header lines only (where it goes).
  const items = a.plan.items;
  const header = items.filter((i) => i.kind === 'PlanHeader' || i.kind === 'CurrencyDecl' || i.kind === 'PeriodsDecl');
  const periods = items.find((i): i is A.PeriodsDecl => i.kind === 'PeriodsDecl');
  if (!items.some((i) => i.kind === 'RoundingDecl') && periods && header.some((h) => overlaps(h.span, range))) {
    const at = lineEndAfter(a.text, periods.span.end);
    out.push({ title: 'Add the rounding line (half away from zero to 0.01 per payout line)', kind: 'quickfix', edits: [{ span: { start: at, end: at }, newText: 'rounding half away from zero to 0.01 per payout line\n' }] });
  }
  return out;
}
