// Text -> AST + diagnostics + tokens. Never throws: an internal failure becomes a diagnostic.
import { EOF, tokenMatcher, type IRecognitionException, type IToken } from 'chevrotain';
import { parseCst, type EncodedError } from '../../grammar/index.js';
import * as T from '../../grammar/tokens.js';
import { Codes, diag, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Plan } from './ast.js';
import type { Span } from './span.js';
import { lowerCst } from './lower-cst.js';

export type TokenCategory = 'keyword' | 'name' | 'number' | 'percent' | 'money' | 'string' | 'date' | 'period' | 'comment' | 'operator' | 'punctuation';

export interface TokenInfo {
  /** The lexer's token type name, e.g. `Kw_rate`, `Identifier`, `PercentLiteral`, `Comment`. */
  type: string;
  span: Span;
  /** The token is lexically a keyword (reserved or soft), even where it is used as a name. */
  keyword: boolean;
  /** Its role here: a soft keyword used as a name (`date: date`) has category `name`. */
  category: TokenCategory;
}

export interface ParseResult {
  plan: Plan;
  diagnostics: Diagnostic[];
  tokens: TokenInfo[];
}

const operatorTypes = new Set(T.OPERATORS);
const punctuationTypes = new Set(T.PUNCTUATION);
const itemStarters = new Set(T.ITEM_STARTERS);
const statementKeywords = new Set([...T.ITEM_STARTERS, ...T.STATEMENT_KEYWORDS]);

/** Parse a `.comp` plan. Never throws. */
export function parse(text: string, file = 'plan.comp'): ParseResult {
  try {
    return parseUnsafe(String(text ?? ''), file);
  } catch (e) {
    const t = typeof text === 'string' ? text : '';
    return {
      plan: { kind: 'Plan', span: { start: 0, end: t.length }, items: [], comments: [] },
      diagnostics: [internalError(file, e)],
      tokens: [],
    };
  }
}

function internalError(file: string, e: unknown): Diagnostic {
  const msg = e instanceof Error ? e.message : String(e);
  return diag(Codes.InternalError, file, { start: 0, end: 0 }, { problem: `parsing: ${msg.split('\n')[0]}` }, {
    hint: 'this is a bug in the .comp parser; please report it with the plan text',
  });
}

function tokSpan(t: IToken): Span {
  return { start: t.startOffset, end: t.startOffset + t.image.length };
}

function parseUnsafe(text: string, file: string): ParseResult {
  const r = parseCst(text);
  const diagnostics: Diagnostic[] = [];

  // ---- lexical diagnostics
  for (const e of r.lexErrors) {
    const ch = text.slice(e.offset, e.offset + Math.max(1, e.length));
    const shown = ch.length > 20 ? ch.slice(0, 19) + '…' : ch;
    diagnostics.push(
      diag(Codes.UnexpectedCharacter, file, { start: e.offset, end: e.offset + Math.max(1, e.length) }, { char: shown }, {
        hint: ch.startsWith('_') ? 'names start with a letter' : ch.startsWith('$') || ch.startsWith('€') || ch.startsWith('£') ? 'write money as a currency code and an amount: `USD 15,000`' : undefined,
      }),
    );
  }
  for (const t of r.tokens) {
    if (t.tokenType === T.UnterminatedString) {
      diagnostics.push(diag(Codes.UnterminatedText, file, tokSpan(t), {}, { hint: 'text ends on the line it starts: add `"` at its end' }));
    } else if (t.tokenType === T.DateLiteral) {
      if (!validDate(t.image)) diagnostics.push(diag(Codes.InvalidDate, file, tokSpan(t), { text: t.image }));
    } else if (t.tokenType === T.PeriodLiteral) {
      const m = /^\d{4}-(\d{2})$/.exec(t.image);
      if (m && (Number(m[1]) < 1 || Number(m[1]) > 12)) diagnostics.push(diag(Codes.InvalidDate, file, tokSpan(t), { text: t.image }));
    }
  }

  // ---- limits (grammar/limits.ts): the clause is left out of the parse
  for (const e of r.limitErrors) {
    const span = tokSpan(e.token);
    if (e.kind === 'nesting') diagnostics.push(diag(Codes.NestingTooDeep, file, span, { max: e.max }, { hint: 'name the inner parts with `let` and use the names' }));
    else diagnostics.push(diag(Codes.ExpressionTooLong, file, span, { max: e.max }, { hint: 'split it into several `let`s and combine them' }));
  }

  // ---- syntax diagnostics
  const malformed: Span[] = [];
  const seen = new Set<number>();
  for (const e of r.parseErrors) {
    const d = parseErrorToDiagnostic(e, text, file, r.tokens, malformed);
    if (!d) continue;
    if (seen.has(d.span.start)) continue;
    seen.add(d.span.start);
    diagnostics.push(d);
  }

  if (r.internalError) diagnostics.push(internalError(file, new Error(r.internalError)));

  // ---- AST
  let plan: Plan;
  let nameTokens = new Set<number>();
  try {
    const lowered = lowerCst(r.cst, text, r.comments, r.tokens, file);
    plan = lowered.plan;
    nameTokens = lowered.nameTokens;
    diagnostics.push(...lowered.diagnostics);
  } catch (e) {
    plan = { kind: 'Plan', span: { start: 0, end: text.length }, items: [], comments: [] };
    diagnostics.push(internalError(file, e));
  }

  // ---- tokens
  const tokens: TokenInfo[] = [];
  let i = 0;
  let j = 0;
  const cs = r.comments;
  const ts = r.tokens;
  while (i < ts.length || j < cs.length) {
    const t = j >= cs.length || (i < ts.length && ts[i]!.startOffset < cs[j]!.startOffset) ? ts[i++]! : cs[j++]!;
    tokens.push(tokenInfo(t, nameTokens));
  }

  return { plan, diagnostics: sortDiagnostics(diagnostics), tokens };
}

function tokenInfo(t: IToken, nameTokens: Set<number>): TokenInfo {
  const keyword = tokenMatcher(t, T.Keyword);
  const tt = t.tokenType;
  let category: TokenCategory;
  if (keyword) category = nameTokens.has(t.startOffset) ? 'name' : 'keyword';
  else if (tt === T.Identifier) category = 'name';
  else if (tt === T.NumberLiteral || tt === T.MultiplierLiteral) category = 'number';
  else if (tt === T.PercentLiteral) category = 'percent';
  else if (tt === T.CurrencyCode) category = 'money';
  else if (tt === T.StringLiteral || tt === T.UnterminatedString) category = 'string';
  else if (tt === T.DateLiteral) category = 'date';
  else if (tt === T.PeriodLiteral) category = 'period';
  else if (tt === T.Comment || tt === T.DocComment) category = 'comment';
  else if (operatorTypes.has(tt)) category = 'operator';
  else if (punctuationTypes.has(tt)) category = 'punctuation';
  else category = 'punctuation';
  return { type: tt.name, span: tokSpan(t), keyword, category };
}

export function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}

function decode(message: string): EncodedError | undefined {
  try {
    const v = JSON.parse(message) as EncodedError;
    if (v && typeof v.code === 'string' && v.args) return v;
  } catch {
    // not ours
  }
  return undefined;
}

function indexOfToken(tokens: IToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.startOffset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function parseErrorToDiagnostic(e: IRecognitionException, text: string, file: string, tokens: IToken[], malformed: Span[]): Diagnostic | undefined {
  const tok = e.token;
  const isEof = !tok || tok.tokenType === EOF || !Number.isFinite(tok.startOffset);
  const prev = (e as IRecognitionException & { previousToken?: IToken }).previousToken;
  let span: Span;
  if (!isEof) span = tokSpan(tok);
  else {
    const last = tokens[tokens.length - 1];
    const end = prev && Number.isFinite(prev.startOffset) ? prev.startOffset + prev.image.length : last ? last.startOffset + last.image.length : text.length;
    span = { start: end, end };
  }
  if (malformed.some((m) => span.start >= m.start && span.start < m.end)) return undefined;

  const idx = isEof ? tokens.length : indexOfToken(tokens, tok.startOffset);

  // `1,00`: a comma glued between two numbers that the parser could not use
  if (!isEof) {
    const glued = gluedNumber(tokens, idx, text);
    if (glued) {
      malformed.push(glued);
      return diag(Codes.MalformedNumber, file, glued, { text: text.slice(glued.start, glued.end) }, {
        hint: 'write `1,000` (groups of exactly 3 digits) or `1.00`; separate arguments with `, `',
      });
    }
  }

  const enc = decode(e.message);
  if (!enc) {
    return diag(Codes.UnexpectedToken, file, span, { expected: 'something else', found: isEof ? 'the end of the file' : '`' + tok.image + '`' });
  }

  // a block never closed: point at its `{`
  if (enc.code === 'COMP1101' && enc.args['expected']?.endsWith('or `}`') && (isEof || itemStarters.has(tok.tokenType))) {
    const open = findUnclosedBrace(tokens, idx);
    if (open) {
      return diag(Codes.UnclosedBlock, file, tokSpan(open), {}, {
        hint: isEof ? 'add `}` at the end of the block' : `add \`}\` before \`${tok.image}\` on line ${tok.startLine}`,
        related: [{ file, span, message: isEof ? 'the file ends here' : `\`${tok.image}\` starts a new declaration` }],
      });
    }
  }

  // a value or token missing at the end of a line: point just after the last token of that line
  if (enc.code !== 'COMP1104' && !isEof && idx > 0) {
    const before = tokens[idx - 1]!;
    const lineStarter = statementKeywords.has(tok.tokenType) || tok.tokenType === T.RBrace;
    if (lineStarter && (before.endLine ?? 0) < (tok.startLine ?? 0)) {
      const end = before.startOffset + before.image.length;
      span = { start: end, end };
    }
  }

  switch (enc.code) {
    case 'COMP1103':
      return diag(Codes.ExpectedExpression, file, span, enc.args);
    case 'COMP1104':
      return diag(Codes.UnexpectedItem, file, span, enc.args, {
        hint: 'a declaration starts with `plan`, `currency`, `periods`, `fiscal year`, `rounding`, `effective`, `payout currency`, `fx rates`, `roster`, `table`, `credit`, `let`, `tiers`, `curve`, `scorecard`, `component`, `draw`, `guarantee`, `version` or `target rep`',
      });
    default: {
      // `usd 1,000`: a currency code in lower case reads as a name followed by a number.
      const code = [tok, prev, tokens[idx + 1]].find((t, i) => t && /^[a-z]{3}$/i.test(t.image) && t.image !== t.image.toUpperCase() && tokens[indexOfToken(tokens, t.startOffset) + 1]?.tokenType === T.NumberLiteral && i >= 0);
      return diag(Codes.UnexpectedToken, file, span, enc.args, code ? { hint: `currency codes are written in capitals: \`${code.image.toUpperCase()} ${tokens[indexOfToken(tokens, code.startOffset) + 1]!.image}\`` } : undefined);
    }
  }
}

function gluedNumber(tokens: IToken[], idx: number, text: string): Span | undefined {
  // error token is the comma, or the number after it
  for (const c of [idx, idx - 1]) {
    const comma = tokens[c];
    const a = tokens[c - 1];
    const b = tokens[c + 1];
    if (!comma || !a || !b || comma.tokenType !== T.Comma) continue;
    if (a.tokenType !== T.NumberLiteral || (b.tokenType !== T.NumberLiteral && b.tokenType !== T.PercentLiteral)) continue;
    const aEnd = a.startOffset + a.image.length;
    if (aEnd !== comma.startOffset || comma.startOffset + 1 !== b.startOffset) continue;
    void text;
    return { start: a.startOffset, end: b.startOffset + b.image.length };
  }
  return undefined;
}

function findUnclosedBrace(tokens: IToken[], idx: number): IToken | undefined {
  let depth = 0;
  for (let i = Math.min(idx, tokens.length) - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.tokenType === T.RBrace) depth++;
    else if (t.tokenType === T.LBrace) {
      if (depth === 0) return t;
      depth--;
    }
  }
  return undefined;
}
