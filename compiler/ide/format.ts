// The formatter (`comp fmt` and the editor's Format Document). Token-based: it only changes the
// whitespace between tokens, so every comment is kept and the token sequence is unchanged.
//
// - one line of output per line of input (lines are never joined or split); at most one blank
//   line in a row; no blank lines at the start; one newline at the end;
// - 2-space indentation by brace depth; at the top level, the lines of a declaration after its
//   first (credit rule clauses, a long expression) are indented once; a comment line takes the
//   indentation of the code around it;
// - one space between tokens and around operators; none before `,` `)` `.` `:`, after `(` `.`,
//   between a function name and `(`, or after a unary `-`;
// - the bands of a tier table are aligned in columns (`from ...`, `to ...`, `pays ...`).
//
// Plans with syntax errors are not formatted (formatText returns undefined).
import { parse, type TokenInfo } from '../syntax/parse.js';
import { LineIndex } from '../syntax/lines.js';

const ITEM_STARTERS = new Set([
  'Kw_plan', 'Kw_currency', 'Kw_periods', 'Kw_rounding', 'Kw_roster', 'Kw_table', 'Kw_credit', 'Kw_let', 'Kw_tiers',
  'Kw_component', 'Kw_draw', 'Kw_guarantee', 'Kw_target',
]);
const NO_SPACE_BEFORE = new Set(['Comma', 'RParen', 'Dot', 'Colon']);
const NO_SPACE_AFTER = new Set(['LParen', 'Dot']);
const VALUE_KEYWORDS = new Set(['Kw_true', 'Kw_false', 'Kw_credit']);

function isComment(t: TokenInfo): boolean {
  return t.category === 'comment';
}

function isUnaryMinus(before: TokenInfo | undefined): boolean {
  if (!before) return true;
  if (['LParen', 'Comma', 'Colon', 'LBrace'].includes(before.type)) return true;
  if (before.category === 'operator') return true;
  return before.category === 'keyword' && !VALUE_KEYWORDS.has(before.type);
}

interface Line {
  tokens: TokenInfo[];
  /** Index in the token array of the first token. */
  first: number;
  blankBefore: boolean;
  indent: number;
  /** Band line of a tier table: its columns. */
  band?: { table: number; from: string; to?: string; rest: string };
}

export interface FormatOptions {
  indent?: string;
}

/** The formatted text, or undefined when the plan has syntax errors. */
export function formatText(text: string, opts: FormatOptions = {}): string | undefined {
  const parsed = parse(text);
  if (parsed.diagnostics.some((d) => d.code.startsWith('COMP1'))) return undefined;
  const out = formatTokens(text, parsed.tokens, opts.indent ?? '  ');
  // Safety net: never return a text whose tokens differ.
  const again = parse(out).tokens;
  if (!sameTokens(text, parsed.tokens, out, again)) return undefined;
  return out;
}

export function sameTokens(a: string, ta: TokenInfo[], b: string, tb: TokenInfo[]): boolean {
  if (ta.length !== tb.length) return false;
  for (let i = 0; i < ta.length; i++) {
    const x = a.slice(ta[i]!.span.start, ta[i]!.span.end).trimEnd();
    const y = b.slice(tb[i]!.span.start, tb[i]!.span.end).trimEnd();
    if (x !== y || ta[i]!.type !== tb[i]!.type) return false;
  }
  return true;
}

function formatTokens(text: string, tokens: TokenInfo[], unit: string): string {
  const idx = new LineIndex(text);
  const img = (t: TokenInfo) => text.slice(t.span.start, t.span.end).trimEnd();
  const eol = text.includes('\r\n') ? '\r\n' : '\n';

  // ---- group tokens by source line
  const lines: Line[] = [];
  let lastLine = -1;
  tokens.forEach((t, i) => {
    const l = idx.position(t.span.start).line;
    if (l !== lastLine) {
      lines.push({ tokens: [t], first: i, blankBefore: lastLine >= 0 && l > lastLine + 1, indent: 0 });
      lastLine = l;
    } else lines[lines.length - 1]!.tokens.push(t);
  });

  // ---- indentation
  const braceStack: { tier: boolean; index: number }[] = [];
  let inItem = false;
  for (const line of lines) {
    const firstTok = line.tokens[0]!;
    if (isComment(firstTok) && line.tokens.length === 1) {
      line.indent = -1; // decided below, from the code around it
      continue;
    }
    let closers = 0;
    while (closers < line.tokens.length && line.tokens[closers]!.type === 'RBrace') closers++;
    const depth = Math.max(0, braceStack.length - closers);
    const starter = ITEM_STARTERS.has(firstTok.type) && firstTok.category === 'keyword';
    if (braceStack.length === 0 && starter) inItem = true;
    const continuation = braceStack.length === 0 && !starter && inItem && closers === 0;
    line.indent = depth + (continuation ? 1 : 0);
    // band columns
    const top = braceStack[braceStack.length - 1];
    if (top?.tier && firstTok.type === 'Kw_from' && firstTok.category === 'keyword') {
      const toks = line.tokens;
      const iPays = toks.findIndex((t, k) => k > 0 && t.type === 'Kw_pays' && t.category === 'keyword');
      const iTo = toks.findIndex((t, k) => k > 0 && k < (iPays < 0 ? toks.length : iPays) && t.type === 'Kw_to' && t.category === 'keyword');
      if (iPays > 0 && !toks.slice(0, iPays).some((t) => t.type === 'LBrace' || t.type === 'RBrace' || isComment(t))) {
        const seg = (a: number, b: number) => joinTokens(toks.slice(a, b), img, tokens[line.first - 1]);
        line.band = {
          table: top.index,
          from: seg(0, iTo > 0 ? iTo : iPays),
          to: iTo > 0 ? seg(iTo, iPays) : undefined,
          rest: seg(iPays, toks.length),
        };
      }
    }
    // update the brace stack
    line.tokens.forEach((t, k) => {
      const gi = line.first + k;
      if (t.type === 'LBrace') {
        const prev = tokens[gi - 1];
        braceStack.push({ tier: !!prev && (prev.type === 'Kw_marginal' || prev.type === 'Kw_retroactive'), index: gi });
      } else if (t.type === 'RBrace') braceStack.pop();
    });
    if (braceStack.length === 0 && line.tokens[line.tokens.length - 1]!.type === 'RBrace') inItem = false;
  }
  // comment lines: the indentation of the next code line (one more when it closes a block)
  let next = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.indent >= 0) {
      next = line.tokens[0]!.type === 'RBrace' ? line.indent + 1 : line.indent;
      continue;
    }
    line.indent = next;
  }

  // ---- band widths per tier table
  const widths = new Map<number, { from: number; to: number; anyTo: boolean }>();
  for (const line of lines) {
    if (!line.band) continue;
    const w = widths.get(line.band.table) ?? { from: 0, to: 0, anyTo: false };
    w.from = Math.max(w.from, line.band.from.length);
    if (line.band.to !== undefined) {
      w.to = Math.max(w.to, line.band.to.length);
      w.anyTo = true;
    }
    widths.set(line.band.table, w);
  }

  // ---- emit
  const out: string[] = [];
  for (const line of lines) {
    if (line.blankBefore && out.length) out.push('');
    let body: string;
    if (line.band) {
      const w = widths.get(line.band.table)!;
      body = line.band.from.padEnd(w.from) + ' ';
      if (w.anyTo) body += (line.band.to ?? '').padEnd(w.to) + ' ';
      body += line.band.rest;
      body = body.replace(/ {2,}$/, '');
    } else body = joinTokens(line.tokens, img, line.first > 0 ? tokens[line.first - 1] : undefined);
    out.push(unit.repeat(line.indent) + body.trimEnd());
  }
  return out.join(eol) + eol;
}

function joinTokens(toks: TokenInfo[], img: (t: TokenInfo) => string, before: TokenInfo | undefined): string {
  let s = '';
  let prev: TokenInfo | undefined;
  let prevPrev: TokenInfo | undefined = before;
  for (const t of toks) {
    if (prev) {
      let sep = ' ';
      if (isComment(t)) sep = ' ';
      else if (NO_SPACE_BEFORE.has(t.type)) sep = '';
      else if (NO_SPACE_AFTER.has(prev.type)) sep = '';
      else if (t.type === 'LParen' && prev.category === 'name') sep = '';
      else if (prev.type === 'Minus' && isUnaryMinus(prevPrev)) sep = '';
      s += sep;
    }
    s += img(t);
    prevPrev = prev ?? before;
    prev = t;
  }
  return s;
}

export interface FormatEdit {
  span: { start: number; end: number };
  newText: string;
}

/** Edits turning the text into its formatted form: [] when already formatted, undefined on syntax errors. */
export function formatEdits(text: string, opts: FormatOptions = {}): FormatEdit[] | undefined {
  const out = formatText(text, opts);
  if (out === undefined) return undefined;
  if (out === text) return [];
  // The smallest single edit: common prefix and suffix kept.
  let p = 0;
  while (p < out.length && p < text.length && out[p] === text[p]) p++;
  let s = 0;
  while (s < out.length - p && s < text.length - p && out[out.length - 1 - s] === text[text.length - 1 - s]) s++;
  return [{ span: { start: p, end: text.length - s }, newText: out.slice(p, out.length - s) }];
}
