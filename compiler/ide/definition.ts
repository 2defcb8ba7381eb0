// Go to definition: the declaration of the name at an offset.
import type { FullAnalysis } from '../analysis.js';
import type { Span } from '../syntax/span.js';
import { clamp, symbolAt } from './util.js';

export interface Location {
  /** The name at the declaration. */
  span: Span;
  /** The whole declaration. */
  full?: Span;
}

export function definition(a: FullAnalysis, offset: number): Location | undefined {
  const hit = symbolAt(a, clamp(offset, a.text));
  if (!hit || !hit.symbol.nameSpan) return undefined;
  return { span: hit.symbol.nameSpan, full: hit.symbol.span };
}
