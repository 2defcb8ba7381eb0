// Mutations of sample plans at token boundaries: the corpus of the fuzz suite.
import { readFileSync } from 'node:fs';
import { parse, type TokenInfo } from '../../compiler/syntax/parse.js';
import { planFiles } from '../ide/plans.js';
import { PROTO_NAMES } from './harness.js';

export interface Seed {
  file: string;
  text: string;
  tokens: TokenInfo[];
}

let seeds: Seed[] | undefined;
/** Every sample plan and docs example, with its tokens. */
export function corpus(): Seed[] {
  seeds ??= planFiles().map((file) => {
    const text = readFileSync(file, 'utf8');
    return { file, text, tokens: parse(text).tokens.filter((t) => t.category !== 'comment') };
  });
  return seeds;
}

/** The names a plan declares or uses (identifiers, soft keywords used as names). */
export function names(seed: Seed): string[] {
  return [...new Set(seed.tokens.filter((t) => t.category === 'name').map((t) => seed.text.slice(t.span.start, t.span.end)))].sort();
}

/** Rename every use of `from` (a whole name token) to `to`: a consistent rename keeps the plan valid. */
export function renameAll(seed: Seed, from: string, to: string): string {
  let out = '';
  let at = 0;
  for (const t of seed.tokens) {
    if (t.category !== 'name' || seed.text.slice(t.span.start, t.span.end) !== from) continue;
    out += seed.text.slice(at, t.span.start) + to;
    at = t.span.end;
  }
  return out + seed.text.slice(at);
}

/** Words and symbols a mutation may insert. */
export const VOCAB = [
  ...PROTO_NAMES,
  'rate', 'tiers', 'component', 'table', 'roster', 'let', 'credit', 'if', 'then', 'else', 'otherwise', 'and', 'or', 'not',
  'from', 'to', 'pays', 'cap', 'gate', 'split', 'by', 'where', 'means', 'per', 'deal', 'period', 'rep', 'team', 'basis', 'on',
  '{', '}', '(', ')', '[', ']', ',', ':', '.', '+', '-', '*', '/', '=', '<', '>=', '%', '"', '"x"', '0', '1', '100%', '1e999',
  '99999999999999999999999999999999999999999999999999999999999999999', '2026-02-30', '2026-01', 'USD 10', '\n', '##', '#',
];

export type Mutation =
  | { op: 'delete'; at: number; len: number }
  | { op: 'insert'; at: number; word: number }
  | { op: 'replace'; at: number; word: number }
  | { op: 'duplicate'; at: number; len: number }
  | { op: 'swap'; at: number; with: number }
  | { op: 'rename'; name: number; to: number };

/** Apply mutations (positions are token indexes, taken modulo the plan's length). */
export function mutate(seed: Seed, muts: Mutation[]): string {
  let text = seed.text;
  let toks = seed.tokens;
  for (const m of muts) {
    const n = toks.length;
    if (n === 0) break;
    const t = (i: number) => toks[((i % n) + n) % n]!;
    switch (m.op) {
      case 'delete': {
        const a = t(m.at);
        const b = toks[Math.min(n - 1, toks.indexOf(a) + m.len)]!;
        text = text.slice(0, a.span.start) + text.slice(b.span.end);
        break;
      }
      case 'insert': {
        const a = t(m.at);
        text = `${text.slice(0, a.span.start)}${VOCAB[m.word % VOCAB.length]} ${text.slice(a.span.start)}`;
        break;
      }
      case 'replace': {
        const a = t(m.at);
        text = text.slice(0, a.span.start) + VOCAB[m.word % VOCAB.length] + text.slice(a.span.end);
        break;
      }
      case 'duplicate': {
        const a = t(m.at);
        const b = toks[Math.min(n - 1, toks.indexOf(a) + m.len)]!;
        text = text.slice(0, b.span.end) + ' ' + text.slice(a.span.start, b.span.end) + text.slice(b.span.end);
        break;
      }
      case 'swap': {
        let a = t(m.at);
        let b = t(m.with);
        if (a === b) break;
        if (a.span.start > b.span.start) [a, b] = [b, a];
        text = text.slice(0, a.span.start) + text.slice(b.span.start, b.span.end) + text.slice(a.span.end, b.span.start) + text.slice(a.span.start, a.span.end) + text.slice(b.span.end);
        break;
      }
      case 'rename': {
        const cur: Seed = { file: seed.file, text, tokens: toks };
        const ns = names(cur);
        if (ns.length) text = renameAll(cur, ns[m.name % ns.length]!, PROTO_NAMES[m.to % PROTO_NAMES.length]!);
        break;
      }
    }
    toks = parse(text).tokens.filter((x) => x.category !== 'comment');
  }
  return text;
}
