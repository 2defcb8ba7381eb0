// All tokens of the `.comp` language, in lexing order.
//
// Order matters: comments before anything else, strings, then the numeric literals (date before
// period before percent before number), multipliers and currency codes before keywords, keywords
// before the identifier (each with `longer_alt: Identifier` so `periods_x` is a name), operators
// with two characters before their one-character prefixes.
import { createToken, Lexer, type TokenType } from 'chevrotain';
import { lexerFromCache } from './lexer-cache.js';
import { LEXER_CACHE } from './lookahead-cache.js';

/** Every token the parser may take as a name: identifiers and the soft keywords. */
export const NameTok = createToken({ name: 'NameTok', pattern: Lexer.NA, label: 'a name' });
/** Every keyword (reserved or soft): for completion and highlighting. */
export const Keyword = createToken({ name: 'Keyword', pattern: Lexer.NA, label: 'a keyword' });
/** Text literals, closed or not (an unterminated one is reported by the lexer pass). */
export const StringTok = createToken({ name: 'StringTok', pattern: Lexer.NA, label: 'text in quotes' });

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED, line_breaks: true });

export const DocComment = createToken({ name: 'DocComment', pattern: /##[^\r\n]*/, group: 'comments' });
export const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: 'comments' });

export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /"(?:[^"\\\r\n]|\\.)*"/, categories: [StringTok], label: 'text in quotes' });
/** `"abc` up to the end of the line: reported as COMP1002 but parsed as text. */
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /"(?:[^"\\\r\n]|\\.)*\\?/, categories: [StringTok], label: 'text in quotes' });

export const DateLiteral = createToken({ name: 'DateLiteral', pattern: /\d{4}-\d{2}-\d{2}(?![\d])/, label: 'a date' });
export const PeriodLiteral = createToken({ name: 'PeriodLiteral', pattern: /(?:\d{4}-(?:\d{2}|Q[1-4]|H[12])|FY\d{4}(?:-(?:Q[1-4]|H[12]))?)(?![\w])/, label: 'a period' });
export const PercentLiteral = createToken({ name: 'PercentLiteral', pattern: /(?:\d{1,3}(?:,\d{3}(?!\d))+|\d+)(?:\.\d+)?%/, label: 'a percent' });
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /(?:\d{1,3}(?:,\d{3}(?!\d))+|\d+)(?:\.\d+)?/, label: 'a number' });

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z][A-Za-z0-9_]*/, categories: [NameTok], label: 'a name' });
export const MultiplierLiteral = createToken({ name: 'MultiplierLiteral', pattern: /x\d+(?:\.\d+)?/, longer_alt: Identifier, label: 'a multiplier' });
export const CurrencyCode = createToken({ name: 'CurrencyCode', pattern: /[A-Z]{3}/, longer_alt: Identifier, label: 'a currency code' });

/** Keywords that can never be names. */
export const RESERVED = ['if', 'then', 'else', 'not', 'and', 'or', 'true', 'false', 'credit', 'team', 'otherwise'] as const;

export const KEYWORD_WORDS = (
  'plan currency periods from to every weeks monthly quarterly annual weekly rounding half away zero even up down per payout line ' +
  'roster table key optional positive team by credit where amount date split as let tiers marginal retroactive pays component for ' +
  'on basis deal period total running rate gate multiplier when cap attainment at clawback within days months full prorated net ' +
  'against later payouts draw recoverable guarantee recover most if then else otherwise and or not true false means target'
).split(' ');
/** Draws, cumulative periods, advances, holdbacks, clawback schedules (docs/language.md sections 13-15); all soft. */
for (const w of 'forgiven first after year quarter can be negative advance settle end hold back until schedule takes unused term cancelled leave stay in'.split(' ')) if (!KEYWORD_WORDS.includes(w)) KEYWORD_WORDS.push(w);
/** Payout curves, scorecards and bonuses (docs/language.md sections 20-22); all soft. */
KEYWORD_WORDS.push(...'curve linear steps below above slope capped scorecard metric weight actual higher lower is better all metrics least of unit mentee pool share equally minimum'.split(' '));

/** Time and money (docs/language.md sections on fiscal years, versions, assignments, currencies); all soft. */
for (const w of 'fiscal year starts version effective fx rates convert assignments'.split(' ')) if (!KEYWORD_WORDS.includes(w)) KEYWORD_WORDS.push(w);

/** Balances, shown values, hierarchies, reference data (docs/language.md sections 21-24); all soft. */
for (const w of 'opening owed balance carried forward due written off show level levels'.split(' ')) if (!KEYWORD_WORDS.includes(w)) KEYWORD_WORDS.push(w);
/** Calendar tables (`periods from calendar retail`, `calendar retail { ... }`, docs/language.md section 2); soft. */
for (const w of ['calendar']) if (!KEYWORD_WORDS.includes(w)) KEYWORD_WORDS.push(w);

const reservedSet = new Set<string>(RESERVED);

function kw(word: string): TokenType {
  return createToken({
    name: `Kw_${word}`,
    pattern: new RegExp(word),
    longer_alt: Identifier,
    categories: reservedSet.has(word) ? [Keyword] : [Keyword, NameTok],
    label: `\`${word}\``,
  });
}

/** Keyword token types by word. */
export const KW: Record<string, TokenType> = Object.create(null) as Record<string, TokenType>;
for (const w of KEYWORD_WORDS) KW[w] = kw(w);
const k = (w: string): TokenType => {
  const t = KW[w];
  if (!t) throw new Error(`no keyword ${w}`);
  return t;
};

// Named exports for the keywords the parser uses.
export const Plan = k('plan'), Currency = k('currency'), Periods = k('periods'), From = k('from'), To = k('to');
export const Every = k('every'), Weeks = k('weeks'), Monthly = k('monthly'), Quarterly = k('quarterly'), Annual = k('annual'), Weekly = k('weekly');
export const Rounding = k('rounding'), Half = k('half'), Away = k('away'), Zero = k('zero'), Even = k('even'), Up = k('up'), Down = k('down');
export const Per = k('per'), Payout = k('payout'), Line = k('line');
export const Roster = k('roster'), Table = k('table'), Key = k('key'), Optional = k('optional'), Positive = k('positive');
export const Team = k('team'), By = k('by'), Credit = k('credit'), Where = k('where'), Amount = k('amount'), DateKw = k('date');
export const Split = k('split'), As = k('as'), Let = k('let'), Tiers = k('tiers'), Marginal = k('marginal'), Retroactive = k('retroactive');
export const Pays = k('pays'), Component = k('component'), For = k('for'), On = k('on'), Basis = k('basis'), Deal = k('deal');
export const Period = k('period'), Total = k('total'), Running = k('running'), Rate = k('rate'), Gate = k('gate');
export const Multiplier = k('multiplier'), When = k('when'), Cap = k('cap'), Attainment = k('attainment'), At = k('at');
export const Clawback = k('clawback'), Within = k('within'), Days = k('days'), Months = k('months'), Full = k('full');
export const Prorated = k('prorated'), Net = k('net'), Against = k('against'), Later = k('later'), Payouts = k('payouts');
export const Draw = k('draw'), Recoverable = k('recoverable'), Guarantee = k('guarantee'), Recover = k('recover'), Most = k('most');
export const If = k('if'), Then = k('then'), Else = k('else'), Otherwise = k('otherwise'), And = k('and'), Or = k('or');
export const Not = k('not'), True = k('true'), False = k('false'), Means = k('means');
/** `target rep { ... }`: the rep editors preview payouts for. */
export const Target = k('target');
/** Draws, cumulative periods, advances, holdbacks, clawback schedules. */
export const Forgiven = k('forgiven'), First = k('first'), After = k('after'), Year = k('year'), Quarter = k('quarter');
export const Can = k('can'), Be = k('be'), Negative = k('negative'), Advance = k('advance'), Settle = k('settle'), End = k('end');
export const Hold = k('hold'), Back = k('back'), Until = k('until'), Schedule = k('schedule'), Takes = k('takes'), Unused = k('unused');
export const Term = k('term'), Cancelled = k('cancelled'), Leave = k('leave'), Stay = k('stay'), In = k('in');
/** Payout curves, scorecards and bonuses. */
export const Curve = k('curve'), Linear = k('linear'), Steps = k('steps'), Below = k('below'), Above = k('above'), Slope = k('slope'), Capped = k('capped');
export const Scorecard = k('scorecard'), Metric = k('metric'), Weight = k('weight'), Actual = k('actual'), Higher = k('higher'), Lower = k('lower');
export const Is = k('is'), Better = k('better'), All = k('all'), Metrics = k('metrics'), Least = k('least'), Of = k('of');
export const Unit = k('unit'), Mentee = k('mentee'), Pool = k('pool'), Share = k('share'), Equally = k('equally'), Minimum = k('minimum');

export const NotEq = createToken({ name: 'NotEq', pattern: /!=/, label: '`!=`' });
export const LtEq = createToken({ name: 'LtEq', pattern: /<=/, label: '`<=`' });
export const GtEq = createToken({ name: 'GtEq', pattern: />=/, label: '`>=`' });
export const Lt = createToken({ name: 'Lt', pattern: /</, label: '`<`' });
export const Gt = createToken({ name: 'Gt', pattern: />/, label: '`>`' });
export const Eq = createToken({ name: 'Eq', pattern: /=/, label: '`=`' });
export const Plus = createToken({ name: 'Plus', pattern: /\+/, label: '`+`' });
export const Minus = createToken({ name: 'Minus', pattern: /-/, label: '`-`' });
export const Star = createToken({ name: 'Star', pattern: /\*/, label: '`*`' });
export const Slash = createToken({ name: 'Slash', pattern: /\//, label: '`/`' });
export const Dot = createToken({ name: 'Dot', pattern: /\./, label: '`.`' });
export const Comma = createToken({ name: 'Comma', pattern: /,/, label: '`,`' });
export const Colon = createToken({ name: 'Colon', pattern: /:/, label: '`:`' });
export const LParen = createToken({ name: 'LParen', pattern: /\(/, label: '`(`' });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, label: '`)`' });
export const LBrace = createToken({ name: 'LBrace', pattern: /\{/, label: '`{`' });
export const RBrace = createToken({ name: 'RBrace', pattern: /\}/, label: '`}`' });

/** Time and money: `fiscal year starts February`, `version "H2" effective 2026-07-01 { ... }`, `fx rates from "fx.csv"`, `convert(...)`. */
export const Fiscal = k('fiscal'), YearKw = k('year'), Starts = k('starts'), Version = k('version'), Effective = k('effective');
export const Fx = k('fx'), Rates = k('rates'), Convert = k('convert'), Assignments = k('assignments');

/** Balances and shown values: `opening owed EXPR`, `negative balance due`, `show units, margin`. */
export const Opening = k('opening'), Owed = k('owed'), Balance = k('balance'), Carried = k('carried'), Forward = k('forward');
export const Due = k('due'), Written = k('written'), Off = k('off'), Show = k('show'), Level = k('level'), Levels = k('levels');
/** `calendar retail { "FY26-P01" from 2026-02-01 to 2026-02-28 ... }`: periods from a calendar table. */
export const Calendar = k('calendar');
/** `share: percent in 0%..100%`: the bounds of a field's values. */
export const DotDot = createToken({ name: 'DotDot', pattern: /\.\./, label: '`..`' });

/** Keywords, longest first so that `per` does not cut `periods`. */
const keywordTokens = [...new Set(KEYWORD_WORDS)].sort((a, b) => b.length - a.length || a.localeCompare(b)).map((w) => k(w));

export const OPERATORS: TokenType[] = [NotEq, LtEq, GtEq, Lt, Gt, Eq, Plus, Minus, Star, Slash];
export const PUNCTUATION: TokenType[] = [DotDot, Dot, Comma, Colon, LParen, RParen, LBrace, RBrace];

/** The lexer's token list, in matching order. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  DocComment,
  Comment,
  StringLiteral,
  UnterminatedString,
  DateLiteral,
  PeriodLiteral,
  PercentLiteral,
  NumberLiteral,
  MultiplierLiteral,
  CurrencyCode,
  ...keywordTokens,
  Identifier,
  ...OPERATORS,
  ...PUNCTUATION,
  // categories last (no pattern)
  NameTok,
  Keyword,
  StringTok,
];

/** Keywords that start a declaration. */
export const ITEM_STARTERS: TokenType[] = [Plan, Currency, Periods, Rounding, Roster, Table, Credit, Let, Tiers, Component, Draw, Guarantee, Target, Curve, Scorecard];

/**
 * Soft keywords that begin a declaration or a clause: in an expression they are taken as names
 * only on the line of the token before them (so `rate` on a line alone does not swallow the
 * next `cap ...` clause, and a half-typed `rep.` does not swallow the next `let`).
 */
export const STATEMENT_KEYWORDS: TokenType[] = [
  Plan, Currency, Periods, Rounding, Roster, Table, Let, Tiers, Component, Draw, Guarantee, Target,
  For, On, Basis, Rate, Gate, Multiplier, Cap, Clawback, Where, Amount, DateKw, To, Split, From, Pays, Recover,
  Curve, Scorecard, Metric, Below, Above, All, Pool, Minimum,
  Advance, Hold, Cancelled, Forgiven,
];

ITEM_STARTERS.push(Fiscal, Version, Effective, Fx);
STATEMENT_KEYWORDS.push(Fiscal, Version, Effective, Fx);
ITEM_STARTERS.push(Opening, Show, Negative);
STATEMENT_KEYWORDS.push(Opening, Show);
ITEM_STARTERS.push(Calendar);
STATEMENT_KEYWORDS.push(Calendar);

// The bundle's lexer takes its pattern analysis from the cache scripts/bundle.mjs wrote
// (./lexer-cache.ts); compiled from source there is none and the lexer is built as usual.
const built = lexerFromCache(
  allTokens,
  {
    positionTracking: 'full',
    ensureOptimizations: false,
    skipValidations: false,
  },
  LEXER_CACHE,
);
export const CompLexer = built.lexer;
/** True when the lexer's analysis came from the bundle's cache. */
export const lexerFromBundleCache = built.fromCache;
