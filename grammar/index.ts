// The `.comp` grammar: tokens, lexer, parser and a CST entry point that never throws.
import type { CstNode, ILexingError, IRecognitionException, IToken } from 'chevrotain';
import { CompLexer } from './tokens.js';
import { parser } from './parser.js';
import { applyLimits, type LimitError } from './limits.js';
import { memoiseErrorLookahead } from './recovery.js';

memoiseErrorLookahead(parser);

export * from './tokens.js';
export { MAX_NESTING, MAX_TERMS, type LimitError } from './limits.js';
export { CompParser, parser, compErrorMessageProvider, describeFound, type EncodedError } from './parser.js';

export interface CstResult {
  /** The `plan` CST; undefined only if the parser failed internally. */
  cst: CstNode | undefined;
  /** Tokens the parser saw (no whitespace, no comments). */
  tokens: IToken[];
  /** `#` and `##` comments, in order. */
  comments: IToken[];
  lexErrors: ILexingError[];
  parseErrors: IRecognitionException[];
  /** Clauses over the nesting or length limits (./limits.ts), left out of the parse. */
  limitErrors: LimitError[];
  /** Set when the lexer or parser threw (a bug): the message. */
  internalError?: string;
}

/** Lex and parse `.comp` text into a CST. Never throws. */
export function parseCst(text: string): CstResult {
  let tokens: IToken[] = [];
  let comments: IToken[] = [];
  let lexErrors: ILexingError[] = [];
  let limitErrors: LimitError[] = [];
  try {
    const lexed = CompLexer.tokenize(text);
    tokens = lexed.tokens;
    comments = lexed.groups['comments'] ?? [];
    lexErrors = lexed.errors;
    ({ tokens, errors: limitErrors } = applyLimits(tokens));
  } catch (e) {
    return { cst: undefined, tokens: [], comments: [], lexErrors: [], limitErrors: [], parseErrors: [], internalError: String((e as Error)?.stack ?? e) };
  }
  try {
    parser.input = tokens;
    const cst = parser.plan();
    const parseErrors = parser.errors;
    parser.input = [];
    return { cst, tokens, comments, lexErrors, limitErrors, parseErrors };
  } catch (e) {
    try {
      parser.input = [];
    } catch {
      // ignore
    }
    return { cst: undefined, tokens, comments, lexErrors, limitErrors, parseErrors: [], internalError: String((e as Error)?.stack ?? e) };
  }
}
