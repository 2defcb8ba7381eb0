// The grammar's productions (chevrotain's GAST), recorded when the CLI is bundled instead of at
// every start. `performSelfAnalysis` records each rule by running it in a recording mode, which
// cost about 15 ms at every start of `comp`; scripts/bundle.mjs records them once, writes them
// into the bundle (./lookahead-cache.ts, `GAST_CACHE`), and the bundled parser rebuilds them from
// there. Compiled from source (tests, the language server's modules) there is no cache and the
// rules are recorded as before.
//
// The cache is written from the grammar it is bundled with, in the same build. It is still
// checked when read: the same rule names in the same order, every token known by name; anything
// else and the rules are recorded. The rebuilt productions are the recorded ones field for field
// (test/grammar/lookahead-cache.test.ts: the same serialised grammar, the same trees and errors
// on every sample, docs example and 1,000+ cuts of them).
import {
  Alternation,
  Alternative,
  EOF,
  NonTerminal,
  Option,
  Repetition,
  RepetitionMandatory,
  RepetitionMandatoryWithSeparator,
  RepetitionWithSeparator,
  Rule,
  Terminal,
  type IProduction,
  type TokenType,
} from 'chevrotain';

/** A production: its class, its own fields (tokens by name) and its children. */
export interface GastNode {
  c: string;
  f?: Record<string, string | number | boolean>;
  /** Fields holding a token type (`terminalType`, `separator`): the token's name. */
  t?: Record<string, string>;
  d?: GastNode[];
}

export interface GastCache {
  rules: GastNode[];
  /** chevrotain's `resyncFollows` (error recovery): follow key -> token names. */
  follows: Record<string, string[]>;
}

type Ctor = new (options: never) => IProduction;

const CLASSES: Record<string, Ctor> = {
  Rule: Rule as unknown as Ctor,
  NonTerminal: NonTerminal as unknown as Ctor,
  Alternative: Alternative as unknown as Ctor,
  Option: Option as unknown as Ctor,
  RepetitionMandatory: RepetitionMandatory as unknown as Ctor,
  RepetitionMandatoryWithSeparator: RepetitionMandatoryWithSeparator as unknown as Ctor,
  Repetition: Repetition as unknown as Ctor,
  RepetitionWithSeparator: RepetitionWithSeparator as unknown as Ctor,
  Alternation: Alternation as unknown as Ctor,
  Terminal: Terminal as unknown as Ctor,
};

const TOKEN_FIELDS = new Set(['terminalType', 'separator']);

function classOf(p: IProduction): string {
  // most derived first: RepetitionWithSeparator is not a Repetition in chevrotain, but be exact anyway
  for (const [name, C] of Object.entries(CLASSES)) if (p.constructor === C) return name;
  throw new Error(`gast cache: a production of an unknown class (${p.constructor?.name})`);
}

/** The recorded productions and follows as plain data (scripts/bundle.mjs); throws on anything it cannot rebuild exactly. */
export function serializeGast(rules: Rule[], follows: Record<string, TokenType[]>): GastCache {
  const node = (p: IProduction): GastNode => {
    const out: GastNode = { c: classOf(p) };
    for (const [k, v] of Object.entries(p)) {
      if (k === '_definition' || k === 'referencedRule') continue; // children below; references resolved by chevrotain
      if (TOKEN_FIELDS.has(k)) {
        (out.t ??= {})[k] = (v as TokenType).name;
        continue;
      }
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
        if (v === undefined) continue;
        throw new Error(`gast cache: field ${k} of a ${out.c} holds a ${typeof v}`);
      }
      (out.f ??= {})[k] = v;
    }
    if (out.c !== 'NonTerminal' && out.c !== 'Terminal') out.d = (p as IProduction & { definition: IProduction[] }).definition.map(node);
    return out;
  };
  const names: Record<string, string[]> = {};
  for (const [k, ts] of Object.entries(follows)) names[k] = ts.map((t) => t.name);
  return { rules: rules.map(node), follows: names };
}

/**
 * The productions rebuilt from the cache, by rule name, and the follows, or undefined when the
 * cache is not of this grammar: other rule names, or a token it does not know.
 */
export function restoreGast(cache: GastCache, tokens: TokenType[], ruleNames: string[]): { rules: Map<string, Rule>; follows: Record<string, TokenType[]> } | undefined {
  if (cache.rules.length !== ruleNames.length) return undefined;
  const byName = new Map<string, TokenType>();
  const add = (t: TokenType): void => {
    if (byName.has(t.name)) return;
    byName.set(t.name, t);
    for (const c of t.CATEGORIES ?? []) add(c);
  };
  add(EOF);
  tokens.forEach(add);
  let ok = true;
  const node = (n: GastNode): IProduction => {
    const C = CLASSES[n.c];
    if (!C) {
      ok = false;
      return new Terminal({ terminalType: EOF });
    }
    // what the class's constructor makes, without its copying of options: the children (none
    // for a non-terminal, whose definition is its rule's), then every field recorded, in order
    const p = Object.create(C.prototype) as Record<string, unknown>;
    if (n.c !== 'Terminal') p['_definition'] = n.d ? n.d.map(node) : [];
    if (n.f) Object.assign(p, n.f);
    if (n.t) {
      for (const k in n.t) {
        const t = byName.get(n.t[k]!);
        if (!t) ok = false;
        p[k] = t ?? EOF;
      }
    }
    return p as unknown as IProduction;
  };
  const out = new Map<string, Rule>();
  cache.rules.forEach((r, i) => {
    const rule = node(r) as Rule;
    if (!(rule instanceof Rule) || rule.name !== ruleNames[i]) ok = false;
    out.set(rule.name, rule);
  });
  const follows: Record<string, TokenType[]> = {};
  for (const k in cache.follows) {
    follows[k] = cache.follows[k]!.map((n) => {
      const t = byName.get(n);
      if (!t) ok = false;
      return t ?? EOF;
    });
  }
  return ok ? { rules: out, follows } : undefined;
}
