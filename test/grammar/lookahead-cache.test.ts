// The bundle's lookahead cache (grammar/lookahead-cache.ts, written by scripts/bundle.mjs): a
// parser reading its paths parses every sample and docs example, and every cut of them (syntax
// errors, recovery), to the same tree and the same errors as a parser computing them.
import { describe, expect, it } from 'vitest';
import { planTexts } from '../helpers/plan-texts.js';
import { CompParser } from '../../grammar/parser.js';
import { CompLexer } from '../../grammar/tokens.js';
import { memoiseErrorLookahead } from '../../grammar/recovery.js';
import { lookaheadHash } from '../../grammar/lazy-lookahead.js';
import { serializeGast } from '../../grammar/gast-cache.js';


const texts = planTexts;

function parseWith(p: CompParser, text: string): string {
  const lexed = CompLexer.tokenize(text);
  p.input = lexed.tokens;
  const cst = p.plan();
  const errors = p.errors.map((e) => [e.name, e.message, e.token.startOffset]);
  p.input = [];
  // the tree without its token objects' identities: images, offsets and types
  return JSON.stringify({ cst, errors }, (k, v) => (k === 'tokenType' ? v.name : v));
}

describe('lookahead cache', () => {
  const computing = new CompParser({ lookahead: null, gast: null });
  const cache = computing.lookahead.makeCache(computing);
  const cached = new CompParser({ lookahead: cache, gast: null });
  // the bundle's parser: recorded productions and follows too (grammar/gast-cache.ts)
  const gast = serializeGast(Object.values(computing.getGAstProductions()), (computing as unknown as { resyncFollows: Parameters<typeof serializeGast>[1] }).resyncFollows);
  const bundled = new CompParser({ lookahead: cache, gast });
  memoiseErrorLookahead(computing);
  memoiseErrorLookahead(cached);
  memoiseErrorLookahead(bundled);

  it('rebuilds the recorded productions and follows exactly', () => {
    expect(computing.gastFromCache).toBe(false);
    expect(bundled.gastFromCache).toBe(true);
    expect(bundled.getSerializedGastProductions()).toEqual(computing.getSerializedGastProductions());
    const follows = (p: CompParser) => (p as unknown as { resyncFollows: Parameters<typeof serializeGast>[1] }).resyncFollows;
    expect(serializeGast(Object.values(bundled.getGAstProductions()), follows(bundled))).toEqual(gast);
    expect(Object.keys(gast.follows).length).toBeGreaterThan(50);
  });

  it('records the productions when the cache is not of this grammar', () => {
    const fewer = new CompParser({ gast: { ...gast, rules: gast.rules.slice(1) } });
    expect(fewer.gastFromCache).toBe(false);
    const unknownToken = JSON.parse(JSON.stringify(gast).replace('"terminalType":"Comma"', '"terminalType":"NoSuchToken"')) as typeof gast;
    expect(JSON.stringify(unknownToken)).toContain('NoSuchToken');
    const other = new CompParser({ gast: unknownToken });
    expect(other.gastFromCache).toBe(false);
    expect(other.getSerializedGastProductions()).toEqual(computing.getSerializedGastProductions());
  });

  it('covers every production of the grammar, under its hash', () => {
    expect(Object.keys(cache.paths).length).toBe(computing.lookahead.productions.size);
    expect(cache.hash).toBe(lookaheadHash(computing.getSerializedGastProductions()));
  });

  it('parses the samples, the docs examples and their cuts as the computed lookahead does', () => {
    let n = 0;
    for (const text of texts()) {
      const cuts = [text];
      for (let at = 17; at < text.length; at += 97) cuts.push(text.slice(0, at), text.slice(0, at) + text.slice(at + 5));
      for (const t of cuts) {
        const want = parseWith(computing, t);
        expect(parseWith(cached, t)).toBe(want);
        expect(parseWith(bundled, t)).toBe(want);
        n++;
      }
    }
    expect(n).toBeGreaterThan(1000);
    expect(cached.lookahead.usingCache).toBe(true);
    expect(bundled.lookahead.usingCache).toBe(true);
    expect(computing.lookahead.usingCache).toBe(false);
  });

  it('is not used for another grammar', () => {
    const stale = new CompParser({ lookahead: { hash: 'another grammar', paths: {} } });
    const text = texts()[0]!;
    expect(parseWith(stale, text)).toBe(parseWith(computing, text));
    expect(stale.lookahead.usingCache).toBe(false);
  });
});
