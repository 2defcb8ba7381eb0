// Property: random edits of the example plans never make `parse` throw, and spans stay inside
// the text and well nested.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompLexer } from '../../grammar/index.js';
import { parse } from '../../compiler/syntax/parse.js';
import { checkSpans } from './spans.js';

const here = dirname(fileURLToPath(import.meta.url));
const plans = readdirSync(join(here, 'ok'))
  .filter((f) => f.endsWith('.comp'))
  .map((f) => readFileSync(join(here, 'ok', f), 'utf8'))
  .filter((t) => t.length > 0);

const snippets = ['{', '}', '(', ')', '.', ',', ':', '=', '"', '#', '##', '\n', ' ', 'let', 'rate', 'credit', 'team', 'where', 'from', 'to', 'pays', 'USD', '1,00', '2026-02-30', '90 days', 'x1.2', '%', '@', 'otherwise', 'if', 'then', 'else', 'not', '-', '*'];

type Edit =
  | { kind: 'deleteChars'; at: number; len: number }
  | { kind: 'insertChars'; at: number; text: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'deleteToken'; at: number }
  | { kind: 'duplicateToken'; at: number; to: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('deleteChars' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('insertChars' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...snippets), fc.string({ maxLength: 6 })) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('deleteToken' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateToken' as const), at: fc.nat(), to: fc.nat() }),
);

function apply(text: string, e: Edit): string {
  const n = text.length;
  switch (e.kind) {
    case 'deleteChars': {
      const at = n ? e.at % n : 0;
      return text.slice(0, at) + text.slice(at + e.len);
    }
    case 'insertChars': {
      const at = e.at % (n + 1);
      return text.slice(0, at) + e.text + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, e.at % (n + 1));
    case 'deleteToken':
    case 'duplicateToken': {
      const toks = CompLexer.tokenize(text).tokens;
      if (!toks.length) return text;
      const t = toks[e.at % toks.length]!;
      const s = t.startOffset;
      const end = s + t.image.length;
      if (e.kind === 'deleteToken') return text.slice(0, s) + text.slice(end);
      const at = e.to % (n + 1);
      return text.slice(0, at) + ' ' + t.image + ' ' + text.slice(at);
    }
  }
}

describe('parse is total on edited plans', () => {
  it('never throws; spans are inside the text and well nested', () => {
    fc.assert(
      fc.property(fc.constantFrom(...plans), fc.array(edit, { minLength: 1, maxLength: 6 }), (plan, edits) => {
        const text = edits.reduce(apply, plan);
        const r = parse(text);
        expect(r.plan.kind).toBe('Plan');
        expect(checkSpans(r.plan, text)).toEqual([]);
        for (const d of r.diagnostics) {
          expect(d.span.start).toBeGreaterThanOrEqual(0);
          expect(d.span.end).toBeLessThanOrEqual(text.length);
          expect(d.span.start).toBeLessThanOrEqual(d.span.end);
        }
        for (const t of r.tokens) expect(t.span.end).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 250 },
    );
  });

  // Speed is measured by `npm run bench`, never by timed tests; this only checks that a large
  // file (many plans concatenated) parses completely and cleanly.
  it('parses a large file made of many plans without errors', () => {
    const big = plans.join('\n').repeat(20);
    const r = parse(big);
    expect(r.plan.items.length).toBeGreaterThan(100);
    expect(r.diagnostics).toEqual([]);
  });
});
