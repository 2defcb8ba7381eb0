// Re-parsing only what changed: an editor's plan is cut into chunks at top-level declarations
// (a line starting with `plan`, `table`, `let`, `tiers`, `component`... with the comments and
// blank lines before it), each chunk is parsed on its own and cached by its text, and the
// results are put together with their offsets moved. Used by the analysis API for editor
// documents (analyze with a version); `comp check` parses whole files.
//
// The result is the same as parse(text) whenever every chunk parses without a diagnostic (a
// test compares them on every sample and fixture); otherwise the whole text is parsed, so a
// broken plan gets exactly the diagnostics a full parse gives.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type * as A from './ast.js';
import { parse, type ParseResult } from './parse.js';

const STARTER = /^(?:plan|currency|periods|rounding|roster|table|credit|let|tiers|component|draw|guarantee|target|curve|scorecard|fiscal|version|effective|fx)\b/;

/** Chunk start offsets: each top-level declaration line, moved back over the comments and blank lines before it. */
export function chunkStarts(text: string): number[] {
  const starts: number[] = [0];
  let lineStart = 0;
  let lastCode = -1; // end of the last line holding code (not a comment, not blank)
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(lineStart, end);
    const trimmed = line.trim();
    if (STARTER.test(line) && lineStart > 0 && lastCode >= 0) {
      const at = lastCode + 1;
      if (at > starts[starts.length - 1]!) starts.push(at);
    }
    if (trimmed !== '' && !trimmed.startsWith('#')) lastCode = end;
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  return starts;
}

interface Placed {
  items: A.Item[];
  comments: A.Comment[];
  tokens: ParseResult['tokens'];
}

interface Chunk {
  text: string;
  result: ParseResult;
  /**
   * The chunk's pieces moved to where they were used last (by offset): a chunk whose text and
   * offset did not change is not copied again. (Its nodes are then shared by the analyses of
   * both versions; nothing after the parse changes an AST node.)
   */
  placed: Map<number, Placed>;
}

const caches = new Map<string, Map<string, Chunk>>();

/** A deep copy of a parse result's piece with every span moved by `delta`. */
function shifted<T>(x: T, delta: number): T {
  if (delta === 0) return x;
  const seen = new Map<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    const hit = seen.get(v);
    if (hit) return hit;
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      seen.set(v, out);
      for (const e of v) out.push(walk(e));
      return out;
    }
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    seen.set(v, out);
    const isSpan = typeof o['start'] === 'number' && typeof o['end'] === 'number';
    for (const k of Object.keys(o)) {
      const e = o[k];
      out[k] = isSpan && (k === 'start' || k === 'end') ? (e as number) + delta : walk(e);
    }
    return out;
  };
  return walk(x) as T;
}

/**
 * parse(text), re-using the chunks of the previous call for the same file whose text did not
 * change. Never throws.
 */
export function parseIncremental(text: string, file: string): ParseResult {
  try {
    const starts = chunkStarts(text);
    if (starts.length < 8) return parse(text, file); // small plans: one parse is as quick
    const old = caches.get(file) ?? new Map<string, Chunk>();
    const next = new Map<string, Chunk>();
    const items: A.Item[] = [];
    const comments: A.Comment[] = [];
    const tokens: ParseResult['tokens'] = [];
    const diagnostics: Diagnostic[] = [];
    for (let i = 0; i < starts.length; i++) {
      const from = starts[i]!;
      const piece = text.slice(from, starts[i + 1] ?? text.length);
      const before = old.get(piece);
      let c = next.get(piece);
      if (!c) {
        c = { text: piece, result: before?.result ?? parse(piece, file), placed: new Map() };
        next.set(piece, c);
      }
      if (c.result.diagnostics.length) {
        caches.set(file, next);
        return parse(text, file);
      }
      const r = before?.placed.get(from) ?? shifted({ items: c.result.plan.items, comments: c.result.plan.comments, tokens: c.result.tokens }, from);
      c.placed.set(from, r);
      items.push(...r.items);
      comments.push(...r.comments);
      tokens.push(...r.tokens);
    }
    caches.set(file, next);
    if (caches.size > 16) caches.delete(caches.keys().next().value!);
    return { plan: { kind: 'Plan', span: { start: 0, end: text.length }, items, comments }, diagnostics, tokens };
  } catch {
    return parse(text, file);
  }
}
