// The bundle's lexer (grammar/lexer-cache.ts): built in safe mode with its pattern analysis from a
// cache made from the usual lexer, it has the same tables and gives the same tokens, positions,
// groups and errors on every sample and docs example and on cuts of them.
import { describe, expect, it } from 'vitest';
import { planTexts } from '../helpers/plan-texts.js';
import type { ILexerConfig, Lexer } from 'chevrotain';
import { CompLexer, allTokens } from '../../grammar/tokens.js';
import { lexerFromCache, makeLexerCache } from '../../grammar/lexer-cache.js';

const CONFIG: ILexerConfig = { positionTracking: 'full', ensureOptimizations: false, skipValidations: true };

const texts = planTexts;

function lex(l: Lexer, text: string): string {
  const r = l.tokenize(text);
  const tok = (t: { image: string; startOffset: number; endOffset?: number; startLine?: number; endLine?: number; startColumn?: number; endColumn?: number; tokenType: { name: string } }) => [t.tokenType.name, t.image, t.startOffset, t.endOffset, t.startLine, t.endLine, t.startColumn, t.endColumn];
  return JSON.stringify({ tokens: r.tokens.map(tok), groups: Object.fromEntries(Object.entries(r.groups).map(([k, v]) => [k, v.map(tok)])), errors: r.errors });
}

describe('lexer cache', () => {
  const cache = makeLexerCache(CompLexer);
  const cached = lexerFromCache(allTokens, CONFIG, cache);

  it('rebuilds the lexer\'s tables from the cache', () => {
    expect(cached.fromCache).toBe(true);
    expect(makeLexerCache(cached.lexer)).toEqual(cache);
    expect(cache.canBeOptimized).toBe(true);
    expect(cache.lineBreaks.some((b) => b)).toBe(true);
    // the tokens are left as they were
    expect(allTokens.filter((t) => Object.hasOwn(t, 'LINE_BREAKS')).length).toBeLessThan(cache.lineBreaks.length);
  });

  it('lexes the samples, the docs examples and their cuts as the usual lexer does', () => {
    let n = 0;
    for (const text of [...texts(), 'plan "x"\r\ncurrency USD\n"unterminated\n€ £ 😀 ~ `', '']) {
      const cuts = [text];
      for (let at = 13; at < text.length; at += 89) cuts.push(text.slice(0, at), text.slice(0, at) + '\u0000' + text.slice(at + 3));
      for (const t of cuts) {
        expect(lex(cached.lexer, t)).toBe(lex(CompLexer, t));
        n++;
      }
    }
    expect(n).toBeGreaterThan(1000);
  });

  it('is not used for other tokens', () => {
    expect(lexerFromCache(allTokens, CONFIG, { ...cache, patterns: cache.patterns.slice(1) }).fromCache).toBe(false);
    expect(lexerFromCache(allTokens, CONFIG, { ...cache, patterns: [...cache.patterns].reverse() }).fromCache).toBe(false);
  });
});
