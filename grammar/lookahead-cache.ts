// The lookahead paths of every production, computed when the CLI is bundled: `scripts/bundle.mjs`
// replaces this module's compiled file (dist/grammar/lookahead-cache.js) with the paths of the
// grammar it bundles, by token name, and the hash of that grammar. Compiled from source (tests,
// the language server's modules) it holds none: the paths are then computed on first use
// (./lazy-lookahead.ts). A cache whose hash is not the running grammar's is never used.
import type { GastCache } from './gast-cache.js';
import type { LexerCache } from './lexer-cache.js';

export interface LookaheadCache {
  /** Hash of the grammar's serialised productions (`lookaheadHash`). */
  hash: string;
  /** `rule\0production\0occurrence` -> alternatives -> paths -> token names. */
  paths: Record<string, string[][][]>;
}

export const LOOKAHEAD_CACHE: LookaheadCache | undefined = undefined;

/** The grammar's recorded productions (./gast-cache.ts), written by scripts/bundle.mjs with the paths. */
export const GAST_CACHE: GastCache | undefined = undefined;

/** The lexer's analysis of its patterns (./lexer-cache.ts), written by scripts/bundle.mjs too. */
export const LEXER_CACHE: LexerCache | undefined = undefined;
