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
// - the bands of a tier table are aligned in columns (`from ...`, `to ...`, `pays ...`), and so
//   are the `at ... pays ...` points of a curve, the `metric` lines of a scorecard (`weight`,
//   `actual`, `target`, `higher/lower is better`, `cap`), the lines of a `rate by` table
//   (`"VALUE", ... pays ...`) and the rows of a clawback schedule (`within ... takes ...`).
//
// Plans with syntax errors are not formatted (formatText returns undefined).
import { parse, type TokenInfo } from '../syntax/parse.js';
import { LineIndex } from '../syntax/lines.js';

const ITEM_STARTERS = new Set([
  'Kw_plan', 'Kw_currency', 'Kw_periods', 'Kw_rounding', 'Kw_roster', 'Kw_table', 'Kw_credit', 'Kw_let', 'Kw_tiers',
  'Kw_component', 'Kw_draw', 'Kw_guarantee', 'Kw_target',
  // curves, scorecards, time and money
  'Kw_curve', 'Kw_scorecard', 'Kw_fiscal', 'Kw_fx', 'Kw_payout', 'Kw_version', 'Kw_effective',
  // balances and shown values
  'Kw_opening', 'Kw_negative', 'Kw_show',
  // calendar tables
  'Kw_calendar',
]);
const NO_SPACE_BEFORE = new Set(['Comma', 'RParen', 'Dot', 'Colon', 'DotDot']);
const NO_SPACE_AFTER = new Set(['LParen', 'Dot', 'DotDot']);
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
  /** A line of an aligned block (tier bands, curve points, metrics, rate-by lines, schedule rows): its columns. */
  cols?: { block: number; cols: (string | undefined)[] };
}

/** Blocks whose lines are aligned in columns. */
type BlockKind = 'tier' | 'curve' | 'scorecard' | 'rateby' | 'schedule';

/**
 * The columns of a line of a block of `kind`: for each column after the first, the keyword
 * tokens that may start it (searched in order; a column may be absent). The line's first token
 * must be one of `first`.
 */
const COLUMNS: Record<BlockKind, { first: (t: TokenInfo) => boolean; starts: string[][] }> = {
  tier: { first: (t) => t.type === 'Kw_from' && t.category === 'keyword', starts: [['Kw_to'], ['Kw_pays']] },
  curve: { first: (t) => t.type === 'Kw_at' && t.category === 'keyword', starts: [['Kw_pays']] },
  scorecard: {
    first: (t) => t.type === 'Kw_metric' && t.category === 'keyword',
    starts: [['Kw_weight'], ['Kw_actual'], ['Kw_target'], ['Kw_higher', 'Kw_lower'], ['Kw_cap']],
  },
  rateby: { first: (t) => t.category === 'string' || (t.type === 'Kw_otherwise' && t.category === 'keyword'), starts: [['Kw_pays']] },
  schedule: { first: (t) => t.type === 'Kw_within' && t.category === 'keyword', starts: [['Kw_takes']] },
};

/** The kind of block a `{` opens, from the tokens of its line before it. */
function blockKind(before: TokenInfo[]): BlockKind | undefined {
  const prev = before[before.length - 1];
  const first = before[0];
  const kwd = (t: TokenInfo | undefined, type: string) => !!t && t.type === type && t.category === 'keyword';
  if (kwd(prev, 'Kw_marginal') || kwd(prev, 'Kw_retroactive')) return 'tier';
  if (kwd(prev, 'Kw_schedule')) return 'schedule';
  if (kwd(first, 'Kw_curve')) return 'curve';
  if (kwd(first, 'Kw_scorecard')) return 'scorecard';
  if (kwd(first, 'Kw_rate') && kwd(before[1], 'Kw_by')) return 'rateby';
  return undefined;
}

/** Split points of a line into columns (undefined for an absent column), or undefined when it does not fit. */
function splitColumns(toks: TokenInfo[], kind: BlockKind): (number | undefined)[] | undefined {
  const spec = COLUMNS[kind];
  if (!spec.first(toks[0]!)) return undefined;
  const at: (number | undefined)[] = [0];
  let from = 1;
  for (const starts of spec.starts) {
    const i = toks.findIndex((t, k) => k >= from && starts.includes(t.type) && t.category === 'keyword');
    at.push(i > 0 ? i : undefined);
    if (i > 0) from = i + 1;
  }
  const last = Math.max(...at.filter((x): x is number => x !== undefined));
  if (last === 0) return undefined;
  if (toks.slice(0, last).some((t) => t.type === 'LBrace' || t.type === 'RBrace' || isComment(t))) return undefined;
  return at;
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
  const braceStack: { kind?: BlockKind; index: number }[] = [];
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
    // columns of an aligned block
    const top = braceStack[braceStack.length - 1];
    if (top?.kind && closers === 0) {
      const toks = line.tokens;
      const at = splitColumns(toks, top.kind);
      if (at) {
        const present = at.map((x, i) => (x === undefined ? -1 : i)).filter((i) => i >= 0);
        const cols: (string | undefined)[] = at.map((x, i) => {
          if (x === undefined) return undefined;
          const next = present.find((j) => j > i);
          const end = next === undefined ? toks.length : at[next]!;
          return joinTokens(toks.slice(x, end), img, x === 0 ? tokens[line.first - 1] : toks[x - 1]);
        });
        line.cols = { block: top.index, cols };
      }
    }
    // update the brace stack
    line.tokens.forEach((t, k) => {
      const gi = line.first + k;
      if (t.type === 'LBrace') {
        braceStack.push({ kind: blockKind(line.tokens.slice(0, k)), index: gi });
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

  // ---- column widths per aligned block (a column absent from every line takes no room)
  const widths = new Map<number, number[]>();
  for (const line of lines) {
    if (!line.cols) continue;
    const w = widths.get(line.cols.block) ?? [];
    line.cols.cols.forEach((c, i) => {
      if (c !== undefined) w[i] = Math.max(w[i] ?? 0, c.length);
    });
    widths.set(line.cols.block, w);
  }

  // ---- emit
  const out: string[] = [];
  for (const line of lines) {
    if (line.blankBefore && out.length) out.push('');
    let body: string;
    if (line.cols) {
      const w = widths.get(line.cols.block)!;
      const cols = line.cols.cols;
      let last = cols.length - 1;
      while (last > 0 && cols[last] === undefined) last--;
      body = '';
      for (let i = 0; i <= last; i++) {
        if (w[i] === undefined) continue;
        body += i === last ? cols[i]! : (cols[i] ?? '').padEnd(w[i]!) + ' ';
      }
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
      else if (t.type === 'LParen' && (prev.category === 'name' || prev.type === 'Kw_convert')) sep = '';
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
