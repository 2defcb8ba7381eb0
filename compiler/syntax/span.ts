/** A range of source text in UTF-16 code units, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

/** The smallest span covering both. */
export function cover(a: Span, b: Span | undefined): Span {
  if (!b) return a;
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

export function contains(s: Span, offset: number): boolean {
  return offset >= s.start && offset <= s.end;
}
