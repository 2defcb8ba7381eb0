import type { Span } from '../syntax/span.js';
import { Codes, format, type DiagnosticDef, type Severity } from './codes.js';

export interface Related {
  file: string;
  span: Span;
  message: string;
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  /** One line. */
  message: string;
  file: string;
  span: Span;
  related?: Related[];
  /** e.g. "did you mean `quota`?" */
  hint?: string;
  /** Data a quick fix needs (e.g. the suggested name). */
  data?: Record<string, unknown>;
}

export interface DiagnosticOptions {
  related?: Related[];
  hint?: string;
  data?: Record<string, unknown>;
  severity?: Severity;
}

/** Build a diagnostic from a registry entry. */
export function diag(
  d: DiagnosticDef,
  file: string,
  span: Span,
  args: Record<string, string | number> = {},
  opts: DiagnosticOptions = {},
): Diagnostic {
  const out: Diagnostic = {
    code: d.code,
    severity: opts.severity ?? d.severity,
    message: format(d.template, args),
    file,
    span,
  };
  if (opts.related && opts.related.length) out.related = opts.related;
  if (opts.hint) out.hint = opts.hint;
  if (opts.data) out.data = opts.data;
  return out;
}

export { Codes };

/** Sort by position, then code: the order diagnostics are shown in. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => a.file.localeCompare(b.file) || a.span.start - b.span.start || a.code.localeCompare(b.code));
}

// ------------------------------------------------------------------ suggestions

/** Damerau-Levenshtein distance (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d[i] = [i];
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest candidate, if close enough to be a likely typo. */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    if (c === name) continue;
    const dist = c.toLowerCase() === lower ? 0.5 : editDistance(lower, c.toLowerCase());
    if (dist < bestD || (dist === bestD && best !== undefined && c < best)) {
      best = c;
      bestD = dist;
    }
  }
  const limit = Math.max(1, Math.floor(name.length / 3));
  return best !== undefined && bestD <= limit ? best : undefined;
}
