// The lexer's analysis of its token patterns, made when the CLI is bundled instead of at every
// start. chevrotain's Lexer reads every pattern's regular expression (regexp-to-ast) twice when
// it is built: which tokens may span a line break, and which first characters each token may
// start with (the first-character optimisation); about 10 ms at every start of `comp`.
// scripts/bundle.mjs takes both from a lexer built as usual and writes them into the bundle
// (./lookahead-cache.ts, `LEXER_CACHE`); the bundled lexer is then built in chevrotain's
// `safeMode`, which skips the first-character analysis, with each token's `LINE_BREAKS` stated
// (chevrotain's own option, which skips the line-break analysis), and gets the first-character
// table from the cache before its first use. Compiled from source there is no cache.
//
// The cache is checked when read: the same patterns in the same order, else the lexer is built
// as usual. test/grammar/lexer-cache.test.ts: the same tables and the same tokens on every sample,
// docs example and cuts of them.
import { Lexer, type ILexerConfig, type TokenType } from 'chevrotain';

export interface LexerCache {
  /** The lexer's patterns in order, by token name. */
  patterns: string[];
  /** Per pattern: may it span a line break. */
  lineBreaks: boolean[];
  /** Per first character (chevrotain's optimised index): the patterns that may start with it. */
  firstChars: (number[] | null)[];
  canBeOptimized: boolean;
}

interface PatternConfig {
  tokenType: TokenType;
  canLineTerminator: boolean;
}

interface LexerState {
  config: { safeMode: boolean };
  patternIdxToConfig: Record<string, PatternConfig[]>;
  charCodeToPatternIdxToConfig: Record<string, (PatternConfig[] | undefined)[]>;
  canModeBeOptimized: Record<string, boolean>;
}

const MODE = 'defaultMode';

/** The analysis of a lexer built as usual (scripts/bundle.mjs). */
export function makeLexerCache(lexer: Lexer): LexerCache {
  const s = lexer as unknown as LexerState;
  const configs = s.patternIdxToConfig[MODE]!;
  const index = new Map(configs.map((c, i) => [c, i]));
  const firstChars: (number[] | null)[] = [];
  const table = s.charCodeToPatternIdxToConfig[MODE]!;
  for (let i = 0; i < table.length; i++) firstChars.push(table[i] ? table[i]!.map((c) => index.get(c)!) : null);
  return { patterns: configs.map((c) => c.tokenType.name), lineBreaks: configs.map((c) => c.canLineTerminator), firstChars, canBeOptimized: s.canModeBeOptimized[MODE]! };
}

/**
 * A lexer of `tokens` under `config`, its pattern analysis taken from the cache when the cache is
 * of these tokens (`fromCache` tells), else built as usual.
 */
export function lexerFromCache(tokens: TokenType[], config: ILexerConfig, cache: LexerCache | undefined): { lexer: Lexer; fromCache: boolean } {
  const relevant = tokens.filter((t) => t.PATTERN !== Lexer.NA);
  if (!cache || config.safeMode || relevant.length !== cache.patterns.length || relevant.some((t, i) => t.name !== cache.patterns[i])) return { lexer: new Lexer(tokens, config), fromCache: false };
  // chevrotain's own option: a token that states LINE_BREAKS is not analysed for them
  const stated = relevant.map((t) => Object.hasOwn(t, 'LINE_BREAKS'));
  relevant.forEach((t, i) => {
    if (!stated[i]) (t as { LINE_BREAKS?: boolean }).LINE_BREAKS = cache.lineBreaks[i]!;
  });
  const lexer = new Lexer(tokens, { ...config, safeMode: true });
  const s = lexer as unknown as LexerState;
  const configs = s.patternIdxToConfig[MODE]!;
  const same = configs.length === cache.patterns.length && configs.every((c, i) => c.tokenType.name === cache.patterns[i] && c.canLineTerminator === cache.lineBreaks[i]);
  // the tokens as they were: nothing else reads LINE_BREAKS after the lexer is built
  relevant.forEach((t, i) => {
    if (!stated[i]) delete (t as { LINE_BREAKS?: boolean }).LINE_BREAKS;
  });
  if (!same) return { lexer: new Lexer(tokens, config), fromCache: false };
  const table: (PatternConfig[] | undefined)[] = [];
  cache.firstChars.forEach((ids, i) => {
    if (ids) table[i] = ids.map((id) => configs[id]!);
  });
  s.charCodeToPatternIdxToConfig[MODE] = table;
  s.canModeBeOptimized[MODE] = cache.canBeOptimized;
  s.config.safeMode = false;
  return { lexer, fromCache: true };
}
