// Shared helpers of the IDE features: walking the AST, finding what is at an offset.
// Plain offsets (UTF-16, end exclusive); no LSP types.
import type { FullAnalysis, Reference, SymbolInfo } from '../analysis.js';
import type * as A from '../syntax/ast.js';
import type { Span } from '../syntax/span.js';
import type { TokenInfo } from '../syntax/parse.js';

/** A text edit in offsets. */
export interface TextEdit {
  span: Span;
  newText: string;
}

export function within(s: Span | undefined, offset: number): boolean {
  return !!s && offset >= s.start && offset <= s.end;
}

/** Child nodes of any AST node (objects with a span), in source order. */
export function children(node: object): A.Node[] {
  const out: A.Node[] = [];
  for (const [k, v] of Object.entries(node)) {
    if (k === 'span' || k === 'opSpan' || k === 'modeSpan' || k === 'comments') continue;
    if (Array.isArray(v)) {
      for (const x of v) if (x && typeof x === 'object' && 'span' in x) out.push(x as A.Node);
    } else if (v && typeof v === 'object' && 'span' in v) out.push(v as A.Node);
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** The chain of nodes containing `offset`, outermost first (the plan itself excluded). */
export function nodePath(plan: A.Plan, offset: number): A.Node[] {
  const path: A.Node[] = [];
  let cur: A.Node = plan;
  for (;;) {
    const next: A.Node | undefined = children(cur).find((c) => within(c.span, offset));
    if (!next) return path;
    path.push(next);
    cur = next;
  }
}

export function kindOf(n: A.Node | undefined): string | undefined {
  return n && 'kind' in n ? (n as { kind: string }).kind : undefined;
}

/** The reference whose span contains offset (the innermost). */
export function referenceAt(a: FullAnalysis, offset: number): Reference | undefined {
  let best: Reference | undefined;
  for (const r of a.references) {
    if (within(r.span, offset) && (!best || r.span.end - r.span.start < best.span.end - best.span.start)) best = r;
  }
  return best;
}

/** The declaration whose name contains offset. */
export function declarationAt(a: FullAnalysis, offset: number): SymbolInfo | undefined {
  return a.symbols.find((s) => s.kind !== 'plan' && within(s.nameSpan, offset));
}

/** What the name at offset stands for, with the span of the name as written there. */
export function symbolAt(a: FullAnalysis, offset: number): { symbol: SymbolInfo; span: Span } | undefined {
  const r = referenceAt(a, offset);
  if (r) return { symbol: r.symbol, span: r.span };
  const d = declarationAt(a, offset);
  if (d && d.nameSpan) return { symbol: d, span: d.nameSpan };
  return undefined;
}

export function sameSymbol(x: SymbolInfo, y: SymbolInfo): boolean {
  if (x === y) return true;
  return x.name === y.name && x.kind === y.kind && x.container === y.container && x.nameSpan?.start === y.nameSpan?.start;
}

/** Index of the token containing or just before offset (-1 when none). */
export function tokenIndexAt(tokens: TokenInfo[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.span.start < offset) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

export function clamp(offset: number, text: string): number {
  if (!Number.isFinite(offset)) return 0;
  return Math.max(0, Math.min(Math.floor(offset), text.length));
}
