// Code actions: quick fixes from diagnostics' `data` (matched by code, never by message) and
// plan-level fixes (add the missing `rounding` line, add a `target rep` skeleton).
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

/** A `target rep` skeleton from the roster's fields. */
export function targetSkeleton(a: FullAnalysis): string {
  const roster = a.semantics.roster;
  const cur = a.semantics.currency;
  const parts: string[] = [];
  for (const f of roster?.fields.values() ?? []) {
    if (f.name === roster?.key || f.decl.optional) continue;
    const t = f.type;
    let v: string | undefined;
    if (t.k === 'money') v = `${t.currency ?? cur} 50,000`;
    else if (t.k === 'text') v = f.name === 'role' ? '"AE"' : '""';
    else if (t.k === 'date') v = '2020-01-01';
    else if (t.k === 'percent') v = '100%';
    else if (t.k === 'integer' || t.k === 'decimal') v = '1';
    else if (t.k === 'boolean') v = 'true';
    if (v) parts.push(`  ${f.name}: ${v}`);
  }
  return `\n## The rep payout previews are computed for (editor only).\ntarget rep {\n${parts.join('\n')}\n}\n`;
}

/** Every action available for a range: fixes of the diagnostics it touches, plus plan-level ones. */
export function codeActions(a: FullAnalysis, range: Span, diagnostics: Diagnostic[] = a.diagnostics): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) if (overlaps(d.span, range)) out.push(...fixesFor(a, d));
  const items = a.plan.items;
  const periods = items.find((i): i is A.PeriodsDecl => i.kind === 'PeriodsDecl');
  if (!items.some((i) => i.kind === 'RoundingDecl') && periods) {
    const at = lineEndAfter(a.text, periods.span.end);
    out.push({ title: 'Add the rounding line (half away from zero to 0.01 per payout line)', kind: 'quickfix', edits: [{ span: { start: at, end: at }, newText: 'rounding half away from zero to 0.01 per payout line\n' }] });
  }
  if (!items.some((i) => i.kind === 'TargetDecl') && a.semantics.roster) {
    const roster = items.find((i): i is A.TableDecl => i.kind === 'TableDecl' && i.roster);
    const at = roster ? lineEndAfter(a.text, roster.span.end) : a.text.length;
    const prefix = at === a.text.length && !a.text.endsWith('\n') ? '\n' : '';
    out.push({ title: 'Add a `target rep` for payout previews', kind: 'quickfix', edits: [{ span: { start: at, end: at }, newText: prefix + targetSkeleton(a) }] });
  }
  return out;
}
