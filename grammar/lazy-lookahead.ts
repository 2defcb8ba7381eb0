// Chevrotain's LL(k) lookahead, each function built on its first use instead of when the parser
// is constructed. `performSelfAnalysis` computes a lookahead function for every alternation and
// optional production of the grammar, which cost about a quarter of a second at every start of the
// CLI; a plan uses a fraction of them. The paths each function tests come from the bundle's cache
// (./lookahead-cache.ts) when it was made from this very grammar, else from chevrotain's
// computation on first use. The functions test the paths exactly as chevrotain's own builders do
// (parse/grammar/lookahead.js, v11: the first alternative with a matching path wins, gates first),
// so parsing and error recovery are unchanged.
import { EOF, LLkLookaheadStrategy, getLookaheadPaths, type ILookaheadStrategy, type IToken, type LookaheadProductionType, type TokenType } from 'chevrotain';
import type { LookaheadCache } from './lookahead-cache.js';

type AltOptions = Parameters<ILookaheadStrategy['buildLookaheadForAlternation']>[0];
type OptOptions = Parameters<ILookaheadStrategy['buildLookaheadForOptional']>[0];
type AltFn = ReturnType<ILookaheadStrategy['buildLookaheadForAlternation']>;
type OptFn = ReturnType<ILookaheadStrategy['buildLookaheadForOptional']>;
type Rule = Parameters<typeof getLookaheadPaths>[0]['rule'];

interface Production {
  rule: Rule;
  prodType: string;
  occurrence: number;
}

interface Lookahead {
  LA(i: number): IToken;
  getSerializedGastProductions(): unknown;
}

interface Tok extends TokenType {
  tokenTypeIdx?: number;
  isParent?: boolean;
  categoryMatches?: number[];
  categoryMatchesMap?: Record<number, boolean>;
}

/** chevrotain's tokenStructuredMatcher */
function matches(token: IToken, type: Tok): boolean {
  return token.tokenTypeIdx === type.tokenTypeIdx || (type.isParent === true && type.categoryMatchesMap![token.tokenTypeIdx] === true);
}

function oneToken(paths: Tok[][]): boolean {
  return paths.every((p) => p.length === 1);
}

/** chevrotain's buildAlternativesLookAheadFunc, over given paths. */
export function alternationFromPaths(alts: Tok[][][], hasPredicates: boolean): AltFn {
  if (!hasPredicates && alts.every(oneToken)) {
    const choice: Record<number, number> = {};
    alts.forEach((alt, idx) => {
      for (const [t] of alt) {
        if (!Object.hasOwn(choice, t!.tokenTypeIdx!)) choice[t!.tokenTypeIdx!] = idx;
        for (const c of t!.categoryMatches ?? []) if (!Object.hasOwn(choice, c)) choice[c] = idx;
      }
    });
    return function (this: Lookahead) {
      return choice[this.LA(1).tokenTypeIdx];
    } as AltFn;
  }
  return function (this: Lookahead, orAlts) {
    for (let t = 0; t < alts.length; t++) {
      if (hasPredicates) {
        const gate = orAlts?.[t]?.GATE;
        if (gate !== undefined && gate.call(this) === false) continue;
      }
      next: for (const path of alts[t]!) {
        for (let i = 0; i < path.length; i++) if (!matches(this.LA(i + 1), path[i]!)) continue next;
        return t;
      }
    }
    return undefined;
  } as AltFn;
}

/** chevrotain's buildSingleAlternativeLookaheadFunction, over given paths. */
export function optionalFromPaths(alt: Tok[][]): OptFn {
  if (oneToken(alt)) {
    const ok: boolean[] = [];
    for (const [t] of alt) {
      ok[t!.tokenTypeIdx!] = true;
      for (const c of t!.categoryMatches ?? []) ok[c] = true;
    }
    return function (this: Lookahead) {
      return ok[this.LA(1).tokenTypeIdx] === true;
    };
  }
  return function (this: Lookahead) {
    next: for (const path of alt) {
      for (let i = 0; i < path.length; i++) if (!matches(this.LA(i + 1), path[i]!)) continue next;
      return true;
    }
    return false;
  };
}

/** Hash of the grammar's productions: two 32-bit FNV-1a hashes of its serialised form. */
export function lookaheadHash(serialised: unknown): string {
  const s = JSON.stringify(serialised);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return `${a.toString(16)}.${b.toString(16)}.${s.length}`;
}

export class LazyLookahead extends LLkLookaheadStrategy {
  /** Every production a lookahead function was asked for, by key (what the cache holds). */
  readonly productions = new Map<string, Production>();
  private usable?: boolean;
  private byName?: Map<string, Tok>;

  constructor(options: { maxLookahead: number; cache?: LookaheadCache; tokens?: TokenType[] }) {
    super({ maxLookahead: options.maxLookahead });
    this.k = options.maxLookahead;
    this.cache = options.cache;
    this.tokens = options.tokens ?? [];
  }

  private readonly k: number;
  private readonly cache: LookaheadCache | undefined;
  private readonly tokens: TokenType[];

  /**
   * The cache is of the running grammar without hashing it: the parser's productions were rebuilt
   * from the bundle's recorded ones (./gast-cache.ts), written with these paths in the same build,
   * which checked that they hash to `cache.hash` (scripts/bundle.mjs).
   */
  trustCache(): void {
    if (this.cache) this.usable = true;
  }

  /** True once a lookahead function was built from the cache (false: none, or not this grammar's). */
  get usingCache(): boolean {
    return this.usable === true;
  }

  /** The cached paths of a production, when the cache was made from the running grammar. */
  private cached(parser: Lookahead, key: string): Tok[][][] | undefined {
    if (!this.cache) return undefined;
    this.usable ??= lookaheadHash(parser.getSerializedGastProductions()) === this.cache.hash;
    const names = this.usable ? this.cache.paths[key] : undefined;
    if (!names) return undefined;
    if (!this.byName) {
      this.byName = new Map();
      const add = (t: TokenType): void => {
        if (this.byName!.has(t.name)) return;
        this.byName!.set(t.name, t);
        for (const c of t.CATEGORIES ?? []) add(c);
      };
      add(EOF);
      this.tokens.forEach(add);
    }
    const out: Tok[][][] = [];
    for (const alt of names) {
      const paths: Tok[][] = [];
      for (const path of alt) {
        const p: Tok[] = [];
        for (const n of path) {
          const t = this.byName.get(n);
          if (!t) return undefined;
          p.push(t);
        }
        paths.push(p);
      }
      out.push(paths);
    }
    return out;
  }

  override buildLookaheadForAlternation(options: AltOptions): AltFn {
    const key = `${options.rule.name}\u0000Alternation\u0000${options.prodOccurrence}`;
    this.productions.set(key, { rule: options.rule, prodType: 'Alternation', occurrence: options.prodOccurrence });
    let fn: AltFn | undefined;
    const build = (parser: Lookahead): AltFn => {
      const paths = options.dynamicTokensEnabled ? undefined : this.cached(parser, key);
      return (fn = paths ? alternationFromPaths(paths, options.hasPredicates) : super.buildLookaheadForAlternation(options));
    };
    return function (this: Lookahead, orAlts) {
      return (fn ?? build(this)).call(this, orAlts);
    };
  }

  override buildLookaheadForOptional(options: OptOptions): OptFn {
    const prodType = String(options.prodType);
    const key = `${options.rule.name}\u0000${prodType}\u0000${options.prodOccurrence}`;
    this.productions.set(key, { rule: options.rule, prodType, occurrence: options.prodOccurrence });
    let fn: OptFn | undefined;
    const build = (parser: Lookahead): OptFn => {
      const paths = options.dynamicTokensEnabled ? undefined : this.cached(parser, key);
      return (fn = paths ? optionalFromPaths(paths[0]!) : super.buildLookaheadForOptional(options));
    };
    return function (this: Lookahead) {
      return (fn ?? build(this)).call(this);
    };
  }

  /** The cache of this grammar (scripts/bundle.mjs): every production's paths by token name. */
  makeCache(parser: { getSerializedGastProductions(): unknown }): LookaheadCache {
    const paths: Record<string, string[][][]> = {};
    for (const [key, p] of [...this.productions].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const alts = getLookaheadPaths({ occurrence: p.occurrence, rule: p.rule, prodType: p.prodType as LookaheadProductionType, maxLookahead: this.k }) as TokenType[][][];
      paths[key] = alts.map((alt) => alt.map((path) => path.map((t) => t.name)));
    }
    return { hash: lookaheadHash(parser.getSerializedGastProductions()), paths };
  }
}
