// Find references: every use of the name at an offset (and its declaration, when asked).
import type { FullAnalysis, SymbolInfo } from '../analysis.js';
import type { Span } from '../syntax/span.js';
import { clamp, sameSymbol, symbolAt } from './util.js';

export function referencesOf(a: FullAnalysis, symbol: SymbolInfo, includeDeclaration: boolean): Span[] {
  const out: Span[] = [];
  if (includeDeclaration && symbol.nameSpan) out.push(symbol.nameSpan);
  for (const r of a.references) if (sameSymbol(r.symbol, symbol)) out.push(r.span);
  const seen = new Set<number>();
  return out.filter((s) => !seen.has(s.start) && seen.add(s.start)).sort((x, y) => x.start - y.start);
}

export function references(a: FullAnalysis, offset: number, includeDeclaration = true): Span[] {
  const hit = symbolAt(a, clamp(offset, a.text));
  if (!hit) return [];
  return referencesOf(a, hit.symbol, includeDeclaration);
}
