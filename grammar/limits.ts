// Limits on how deep and how long an expression may be, checked on the tokens before parsing.
//
// The parser, the checker and the evaluator walk expressions recursively; a hostile or generated
// plan (hundreds of nested parentheses or `if`s, a sum of ten thousand terms) would exhaust the
// stack. Such text is reported with its own diagnostic (COMP1350, COMP1351) and the clause that
// holds it is left out of the parse, so the rest of the plan is still read.
import { tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import * as T from './tokens.js';

/** Braces and parentheses open, plus the `if`s and prefix operators (eight count as one) of one clause. */
export const MAX_NESTING = 64;
/** Binary operators and `.` in one clause. */
export const MAX_TERMS = 500;

export interface LimitError {
  kind: 'nesting' | 'terms';
  max: number;
  /** The token where the limit is passed. */
  token: IToken;
}

const BINARY: TokenType[] = [T.NotEq, T.LtEq, T.GtEq, T.Lt, T.Gt, T.Eq, T.Plus, T.Star, T.Slash, T.Dot, T.And, T.Or];
/** After one of these, a `-` is a prefix minus and a statement keyword is a name in the expression. */
const EXPECTS_OPERAND: TokenType[] = [...BINARY, T.Minus, T.Not, T.If, T.Then, T.Else, T.Otherwise, T.LParen, T.Comma];

const is = (t: IToken, types: TokenType[]) => types.some((tt) => tokenMatcher(t, tt));

/**
 * Check the limits; returns the tokens to parse (a clause over a limit is left out, from its
 * first token to the next clause) and the errors found.
 */
export function applyLimits(tokens: IToken[]): { tokens: IToken[]; errors: LimitError[] } {
  const errors: LimitError[] = [];
  const drop: [number, number][] = [];
  const boundaries = [...T.ITEM_STARTERS, ...T.STATEMENT_KEYWORDS];
  let clauseStart = 0;
  let braces = 0;
  let parens = 0;
  let bracesAtStart = 0;
  let ifs = 0;
  let prefix = 0;
  let terms = 0;
  let failed = false;
  const endClause = (end: number) => {
    if (failed) drop.push([clauseStart, end]);
    clauseStart = end;
    bracesAtStart = braces;
    ifs = 0;
    prefix = 0;
    terms = 0;
    failed = false;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = i > 0 ? tokens[i - 1] : undefined;
    const operand = !prev || is(prev, EXPECTS_OPERAND);
    if (i > 0 && !operand && is(t, boundaries) && parens === 0) endClause(i);
    // a `}` closing a block opened before a clause over the limits ends that clause (and is kept)
    if (failed && tokenMatcher(t, T.RBrace) && braces <= bracesAtStart) endClause(i);
    if (tokenMatcher(t, T.LBrace)) braces++;
    else if (tokenMatcher(t, T.RBrace)) braces = Math.max(0, braces - 1);
    if (failed) continue;
    if (tokenMatcher(t, T.LParen)) parens++;
    else if (tokenMatcher(t, T.RParen)) parens = Math.max(0, parens - 1);
    else if (tokenMatcher(t, T.If)) ifs++;
    else if (tokenMatcher(t, T.Not) || (tokenMatcher(t, T.Minus) && operand)) prefix++;
    else if (is(t, BINARY) || tokenMatcher(t, T.Minus)) terms++;
    if (braces + parens + ifs + Math.ceil(prefix / 8) > MAX_NESTING) {
      errors.push({ kind: 'nesting', max: MAX_NESTING, token: t });
      failed = true;
    } else if (terms > MAX_TERMS) {
      errors.push({ kind: 'terms', max: MAX_TERMS, token: t });
      failed = true;
    }
    // the clause is left out up to the next clause outside any parenthesis
    if (failed) parens = 0;
  }
  endClause(tokens.length);
  if (!drop.length) return { tokens, errors };
  const out: IToken[] = [];
  let d = 0;
  for (let i = 0; i < tokens.length; i++) {
    while (d < drop.length && drop[d]![1] <= i) d++;
    if (d < drop.length && i >= drop[d]![0] && i < drop[d]![1]) continue;
    out.push(tokens[i]!);
  }
  return { tokens: out, errors };
}
