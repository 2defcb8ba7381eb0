// The `.comp` parser: a chevrotain CstParser with error recovery. The grammar is the appendix of
// docs/language.md. Rules are class fields; one shared instance is reused by setting `input`.
//
// Error messages are produced by `compErrorMessageProvider` as JSON `{code, args}` so that
// `compiler/syntax/parse.ts` turns them into registry diagnostics (COMP1101/1103/1104).
import { CstParser, EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import * as T from './tokens.js';
import { LazyLookahead } from './lazy-lookahead.js';
import { LOOKAHEAD_CACHE, type LookaheadCache } from './lookahead-cache.js';

const stmtKeywords = T.STATEMENT_KEYWORDS;
// A set for the check made at every name in an expression (rebuilt if the list grows).
let stmtKeywordSet = new Set<TokenType>();
let stmtKeywordCount = -1;
function isStatementKeyword(t: TokenType): boolean {
  if (stmtKeywordCount !== stmtKeywords.length) {
    stmtKeywordSet = new Set(stmtKeywords);
    stmtKeywordCount = stmtKeywords.length;
  }
  return stmtKeywordSet.has(t);
}

// ------------------------------------------------------------------ error messages

export interface EncodedError {
  code: 'COMP1101' | 'COMP1103' | 'COMP1104';
  args: Record<string, string>;
}

const EXPR_RULES = new Set(['expression', 'orExpr', 'andExpr', 'notExpr', 'cmpExpr', 'addExpr', 'mulExpr', 'unaryExpr', 'postfix', 'primary', 'callArgs']);

/** How a found token is named in a message. */
export function describeFound(tok: IToken | undefined): string {
  if (!tok || tok.tokenType === EOF) return 'the end of the file';
  if (tok.tokenType === T.UnterminatedString || tok.tokenType === T.StringLiteral) return 'text `' + clip(tok.image) + '`';
  return '`' + clip(tok.image) + '`';
}

function clip(s: string): string {
  return s.length > 30 ? s.slice(0, 29) + '…' : s;
}

function label(t: TokenType): string {
  if (t === EOF) return 'the end of the file';
  return t.LABEL ?? t.name;
}

/** What is expected, said in the plan's words when the context is known. */
function expectedPhrase(expected: TokenType, rule: string, previous: IToken | undefined): string {
  const prev = previous?.image;
  switch (rule) {
    case 'band':
      if (expected === T.Pays) return "`pays` after the band's bounds";
      break;
    case 'tierTable':
      if (expected === T.RBrace) return 'a band (`from ... pays ...`) or `}`';
      if (expected === T.LBrace) return '`{` to open the bands';
      break;
    case 'componentDecl':
      if (expected === T.RBrace) return 'a clause (`for`, `on`, `basis`, `rate`, `gate`, `multiplier`, `cap`, `clawback`) or `}`';
      if (expected === T.LBrace) return "`{` to open the component's clauses";
      break;
    case 'tableDecl':
      if (expected === T.RBrace) return 'a field (`name: type`) or `}`';
      if (expected === T.LBrace) return "`{` to open the table's fields";
      break;
    case 'field':
      if (expected === T.Colon) return '`:` after the field name';
      if (expected === T.StringTok) return 'text in quotes for the alias';
      if (expected === T.Means) return '`means` between the two spellings';
      break;
    case 'header':
      if (expected === T.StringTok) return "the plan's name in quotes";
      break;
    case 'currencyDecl':
      if (expected === T.CurrencyCode) return 'a currency code such as `USD`';
      break;
    case 'letDecl':
      if (expected === T.Eq) return '`=` after the name';
      break;
    case 'roundingDecl':
      if (expected === T.To) return '`to` and the rounding place, e.g. `to 0.01`';
      if (expected === T.NumberLiteral) return 'the rounding place, e.g. `0.01`';
      if (expected === T.Per || expected === T.Payout || expected === T.Line) return '`per payout line`';
      break;
    case 'clause':
      if (expected === T.Within) return '`within` and a duration, e.g. `within 90 days`';
      if (expected === T.Per) return '`per deal` or `per period` after the cap amount';
      if (expected === T.At) return '`at` after `cap attainment`';
      break;
    case 'drawDecl':
      if (expected === T.Per || expected === T.Period) return '`per period` after the amount';
      if (expected === T.Recoverable) return '`recoverable` after `draw`';
      break;
    case 'duration':
      if (expected === T.NumberLiteral) return 'a number of days or months, e.g. `90 days`';
      break;
    case 'primary':
      if (expected === T.RParen) return '`)` to close the parenthesis';
      if (expected === T.Then) return '`then` after the condition';
      if (expected === T.Else) return '`else` and the value otherwise';
      if (expected === T.NumberLiteral && previous?.tokenType === T.CurrencyCode) return `an amount after \`${prev}\``;
      break;
    case 'callArgs':
      if (expected === T.RParen) return '`)` to close the arguments';
      break;
    case 'name':
      if (previous?.tokenType === T.Dot) return 'a field name after `.`';
      return 'a name';
    case 'plan':
      break;
  }
  if (expected === T.NameTok || expected === T.Identifier) return previous?.tokenType === T.Dot ? 'a field name after `.`' : 'a name';
  return label(expected);
}

function encode(e: EncodedError): string {
  return JSON.stringify(e);
}

export const compErrorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, previous, ruleName }) {
    if (ruleName === 'plan' && expected === EOF) {
      return encode({ code: 'COMP1104', args: { found: describeFound(actual) } });
    }
    return encode({ code: 'COMP1101', args: { expected: expectedPhrase(expected, ruleName, previous), found: describeFound(actual) } });
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return encode({ code: 'COMP1104', args: { found: describeFound(firstRedundant) } });
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, previous, ruleName }) {
    const found = describeFound(actual[0]);
    if (EXPR_RULES.has(ruleName)) {
      if (ruleName === 'postfix' || previous?.tokenType === T.Dot) {
        return encode({ code: 'COMP1101', args: { expected: 'a field name after `.`', found } });
      }
      return encode({ code: 'COMP1103', args: { found } });
    }
    if (ruleName === 'item' || ruleName === 'plan') return encode({ code: 'COMP1104', args: { found } });
    if (ruleName === 'clawbackWindow') return encode({ code: 'COMP1101', args: { expected: '`within` and a duration, e.g. `within 90 days`, or `schedule { ... }`', found } });
    const firsts: string[] = [];
    for (const alt of expectedPathsPerAlt) {
      for (const path of alt) {
        const t = path[0];
        if (!t) continue;
        const l = t === T.NameTok ? 'a name' : label(t);
        if (!firsts.includes(l)) firsts.push(l);
      }
    }
    let expected: string;
    if (ruleName === 'clause' || (ruleName === 'componentDecl')) expected = 'a clause';
    else if (ruleName === 'rateValue') expected = 'a rate: a percent, a tiers name or `marginal { ... }`';
    else if (ruleName === 'periodsDecl') expected = '`monthly`, `quarterly`, `annual`, `weekly`, `every N weeks` or `from calendar NAME`';
    else if (ruleName === 'roundingMode') expected = 'a rounding mode: `half away from zero`, `half even`, `half up`, `half down`, `up` or `down`';
    else if (ruleName === 'tierTable') expected = '`marginal` or `retroactive`';
    else expected = firsts.length <= 1 ? firsts[0] ?? 'something else' : firsts.slice(0, -1).join(', ') + ' or ' + firsts[firsts.length - 1];
    return encode({ code: 'COMP1101', args: { expected, found } });
  },
  buildEarlyExitMessage({ actual, ruleName }) {
    const found = describeFound(actual[0]);
    if (EXPR_RULES.has(ruleName)) return encode({ code: 'COMP1103', args: { found } });
    return encode({ code: 'COMP1101', args: { expected: 'more here', found } });
  },
};

// ------------------------------------------------------------------ the grammar

export class CompParser extends CstParser {
  /** `validate`: run chevrotain's grammar validations (ambiguities, left recursion); see below. */
  /** The lookahead strategy: its productions make the bundle's cache (`makeLookaheadCache`). */
  readonly lookahead: LazyLookahead;

  /** `lookahead`: the paths cache to use (null: none; default: the bundle's). */
  constructor(opts: { validate?: boolean; lookahead?: LookaheadCache | null } = {}) {
    const cache = opts.lookahead === null ? undefined : opts.lookahead ?? LOOKAHEAD_CACHE;
    const lookahead = new LazyLookahead({ maxLookahead: 3, tokens: T.allTokens, ...(cache ? { cache } : {}) });
    super(T.allTokens, {
      recoveryEnabled: true,
      // offsets are all compiler/syntax/lower-cst uses; 'full' also copies lines and columns
      nodeLocationTracking: 'onlyOffset',
      maxLookahead: 3,
      errorMessageProvider: compErrorMessageProvider,
      // The grammar's own validations cost time at every start of the CLI and the server; the
      // test suite runs them on a parser of its own (test/grammar/validate.test.ts).
      skipValidations: !opts.validate,
      // lookahead functions built on first use (grammar/lazy-lookahead.ts): a faster start
      // and their paths from the bundle's cache (grammar/lookahead-cache.ts) when it has them
      lookaheadStrategy: lookahead,
    });
    this.lookahead = lookahead;
    this.performSelfAnalysis();
  }

  /** True when the next token may be read as a name inside an expression (see STATEMENT_KEYWORDS). */
  private nameInExpressionOk(): boolean {
    const next = this.LA(1);
    if (!isStatementKeyword(next.tokenType)) return true;
    const prev = this.LA(0);
    return prev.endLine === next.startLine;
  }

  plan = this.RULE('plan', () => {
    this.MANY(() => this.SUBRULE(this.item));
  });

  item = this.RULE('item', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.header) },
      { ALT: () => this.SUBRULE(this.currencyDecl) },
      { ALT: () => this.SUBRULE(this.periodsDecl) },
      { ALT: () => this.SUBRULE(this.roundingDecl) },
      { ALT: () => this.SUBRULE(this.tableDecl) },
      { ALT: () => this.SUBRULE(this.creditRule) },
      { ALT: () => this.SUBRULE(this.letDecl) },
      { ALT: () => this.SUBRULE(this.tiersDecl) },
      { ALT: () => this.SUBRULE(this.componentDecl) },
      { ALT: () => this.SUBRULE(this.drawDecl) },
      { ALT: () => this.SUBRULE(this.targetDecl) },
      { ALT: () => this.SUBRULE(this.curveDecl) },
      { ALT: () => this.SUBRULE(this.scorecardDecl) },
      { ALT: () => this.SUBRULE(this.timeMoneyItem) },
      { ALT: () => this.SUBRULE(this.balanceItem) },
      { ALT: () => this.SUBRULE(this.calendarDecl) },
    ]);
  });

  // ---------------------------------------------------------------- calendar tables
  // `calendar retail { "FY26-P01" from 2026-02-01 to 2026-02-28 ... }`: one row per period, its key
  // as written and its first and last day (docs/language.md section 2)

  calendarDecl = this.RULE('calendarDecl', () => {
    this.CONSUME(T.Calendar);
    this.SUBRULE(this.name);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.calendarRow));
    this.CONSUME(T.RBrace);
  });

  calendarRow = this.RULE('calendarRow', () => {
    this.CONSUME(T.StringTok, { LABEL: 'key' });
    this.CONSUME(T.From);
    this.CONSUME(T.DateLiteral, { LABEL: 'start' });
    this.CONSUME(T.To);
    this.CONSUME2(T.DateLiteral, { LABEL: 'end' });
  });

  // ---------------------------------------------------------------- balances and shown values
  // `opening owed EXPR` | `opening draw balance EXPR` |
  // `negative balance carried forward` | `negative balance due` | `negative balance written off` |
  // `show NAME, NAME` (docs/language.md section 21)

  balanceItem = this.RULE('balanceItem', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Opening);
          this.OR2([
            { ALT: () => this.CONSUME(T.Owed, { LABEL: 'what' }) },
            {
              ALT: () => {
                this.CONSUME(T.Draw, { LABEL: 'what' });
                this.CONSUME(T.Balance);
              },
            },
          ]);
          this.SUBRULE(this.expression, { LABEL: 'value' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Negative);
          this.CONSUME2(T.Balance);
          this.OR3([
            {
              ALT: () => {
                this.CONSUME(T.Carried, { LABEL: 'rule' });
                this.CONSUME(T.Forward);
              },
            },
            { ALT: () => this.CONSUME(T.Due, { LABEL: 'rule' }) },
            {
              ALT: () => {
                this.CONSUME(T.Written, { LABEL: 'rule' });
                this.CONSUME(T.Off);
              },
            },
          ]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Show);
          this.SUBRULE(this.name, { LABEL: 'shown' });
          this.MANY(() => {
            this.CONSUME(T.Comma);
            this.SUBRULE2(this.name, { LABEL: 'shown' });
          });
        },
      },
    ]);
  });

  name = this.RULE('name', () => {
    this.CONSUME(T.NameTok);
  });

  header = this.RULE('header', () => {
    this.CONSUME(T.Plan);
    this.CONSUME(T.StringTok);
  });

  currencyDecl = this.RULE('currencyDecl', () => {
    this.CONSUME(T.Currency);
    this.CONSUME(T.CurrencyCode);
  });

  periodsDecl = this.RULE('periodsDecl', () => {
    this.CONSUME(T.Periods);
    this.OR2([
      // `periods from calendar retail`: the rows of a calendar table (section 2)
      {
        ALT: () => {
          this.CONSUME2(T.From, { LABEL: 'calendarFrom' });
          this.CONSUME(T.Calendar);
          this.SUBRULE(this.name, { LABEL: 'calendar' });
        },
      },
      {
        ALT: () => {
          this.OR([
            // `semimonthly`: the 1st-15th and the 16th-last day of each month (a word, not a keyword)
            { GATE: () => this.LA(1).image === 'semimonthly', ALT: () => this.CONSUME(T.NameTok, { LABEL: 'frequency' }) },
            { ALT: () => this.CONSUME(T.Monthly, { LABEL: 'frequency' }) },
            { ALT: () => this.CONSUME(T.Quarterly, { LABEL: 'frequency' }) },
            { ALT: () => this.CONSUME(T.Annual, { LABEL: 'frequency' }) },
            { ALT: () => this.CONSUME(T.Weekly, { LABEL: 'frequency' }) },
            {
              ALT: () => {
                this.CONSUME(T.Every);
                this.CONSUME(T.NumberLiteral, { LABEL: 'every' });
                this.CONSUME(T.Weeks, { LABEL: 'frequency' });
              },
            },
          ]);
          this.OPTION(() => {
            this.CONSUME(T.From);
            this.SUBRULE(this.periodBound, { LABEL: 'fromBound' });
            this.CONSUME(T.To);
            this.SUBRULE2(this.periodBound, { LABEL: 'toBound' });
          });
        },
      },
    ]);
  });

  periodBound = this.RULE('periodBound', () => {
    // a year is written as a number: `periods annual from 2026 to 2027`
    this.OR([{ ALT: () => this.CONSUME(T.DateLiteral) }, { ALT: () => this.CONSUME(T.PeriodLiteral) }, { ALT: () => this.CONSUME(T.NumberLiteral) }]);
  });

  roundingDecl = this.RULE('roundingDecl', () => {
    this.CONSUME(T.Rounding);
    this.SUBRULE(this.roundingMode);
    this.CONSUME(T.To);
    this.CONSUME(T.NumberLiteral);
    this.CONSUME(T.Per);
    this.CONSUME(T.Payout);
    this.CONSUME(T.Line);
  });

  roundingMode = this.RULE('roundingMode', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Half);
          this.OR2([
            {
              ALT: () => {
                this.CONSUME(T.Away);
                this.CONSUME(T.From);
                this.CONSUME(T.Zero);
              },
            },
            { ALT: () => this.CONSUME(T.Even) },
            { ALT: () => this.CONSUME(T.Up) },
            { ALT: () => this.CONSUME(T.Down) },
          ]);
        },
      },
      { ALT: () => this.CONSUME2(T.Up) },
      { ALT: () => this.CONSUME2(T.Down) },
    ]);
  });

  tableDecl = this.RULE('tableDecl', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Roster) }, { ALT: () => this.CONSUME(T.Table) }]);
    this.SUBRULE(this.name);
    this.OPTION(() => {
      this.CONSUME(T.From);
      this.CONSUME(T.StringTok);
    });
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.OR2([{ ALT: () => this.SUBRULE(this.field) }, { ALT: () => this.SUBRULE(this.teamBy) }, { ALT: () => this.SUBRULE(this.assignmentsFrom) },
        { GATE: () => this.rosterClauseAhead(), ALT: () => this.SUBRULE(this.rosterClause), IGNORE_AMBIGUITIES: true },
      ]);
    });
    this.CONSUME(T.RBrace);
  });

  // ---------------------------------------------------------------- time and money
  // `fiscal year starts February` | `version "H2" effective 2026-07-01 { ... }` |
  // `effective from 2026-01-01 to 2026-06-30` | `fx rates from "fx.csv"` | `payout currency rep.payout_currency`

  timeMoneyItem = this.RULE('timeMoneyItem', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.fiscalDecl) },
      { ALT: () => this.SUBRULE(this.versionDecl) },
      { ALT: () => this.SUBRULE(this.effectiveDecl) },
      { ALT: () => this.SUBRULE(this.fxDecl) },
      { ALT: () => this.SUBRULE(this.payoutCurrencyDecl) },
    ]);
  });

  fiscalDecl = this.RULE('fiscalDecl', () => {
    this.CONSUME(T.Fiscal);
    this.CONSUME(T.YearKw);
    this.CONSUME(T.Starts);
    this.SUBRULE(this.name, { LABEL: 'month' });
  });

  versionDecl = this.RULE('versionDecl', () => {
    this.CONSUME(T.Version);
    this.CONSUME(T.StringTok);
    this.CONSUME(T.Effective);
    this.CONSUME(T.DateLiteral);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.letDecl) },
        { ALT: () => this.SUBRULE(this.tiersDecl) },
        { ALT: () => this.SUBRULE(this.componentDecl) },
        { ALT: () => this.SUBRULE(this.drawDecl) },
      ]);
    });
    this.CONSUME(T.RBrace);
  });

  effectiveDecl = this.RULE('effectiveDecl', () => {
    this.CONSUME(T.Effective);
    this.CONSUME(T.From);
    this.CONSUME(T.DateLiteral, { LABEL: 'from' });
    this.OPTION(() => {
      this.CONSUME(T.To);
      this.CONSUME2(T.DateLiteral, { LABEL: 'to' });
    });
  });

  fxDecl = this.RULE('fxDecl', () => {
    this.CONSUME(T.Fx);
    this.CONSUME(T.Rates);
    this.CONSUME(T.From);
    this.CONSUME(T.StringTok);
  });

  payoutCurrencyDecl = this.RULE('payoutCurrencyDecl', () => {
    this.CONSUME(T.Payout);
    this.CONSUME(T.Currency);
    this.SUBRULE(this.expression);
  });

  /** Inside the roster: `assignments from assignments` (a table of dated roles, managers...). */
  assignmentsFrom = this.RULE('assignmentsFrom', () => {
    this.CONSUME(T.Assignments);
    this.CONSUME(T.From);
    this.SUBRULE(this.name);
  });

  /** `convert(deal.amount, to USD, on deal.close_date)`; `convert(deal.amount, from deal.currency, to USD, on deal.close_date)` */
  convertExpr = this.RULE('convertExpr', () => {
    this.CONSUME(T.Convert);
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression, { LABEL: 'amount' });
    this.CONSUME(T.Comma);
    this.OPTION(() => {
      this.CONSUME(T.From);
      this.SUBRULE3(this.expression, { LABEL: 'from' });
      this.CONSUME3(T.Comma);
    });
    this.CONSUME(T.To);
    this.CONSUME(T.CurrencyCode);
    this.CONSUME2(T.Comma);
    this.CONSUME(T.On);
    this.SUBRULE2(this.expression, { LABEL: 'on' });
    this.CONSUME(T.RParen);
  });

  /** `employed from hire_date to end_date` | `leave from leaves` (proration, docs/language.md section 16). */
  rosterClause = this.RULE('rosterClause', () => {
    this.CONSUME(T.NameTok, { LABEL: 'word' });
    this.CONSUME(T.From);
    this.SUBRULE(this.name, { LABEL: 'from' });
    this.OPTION(() => {
      this.CONSUME(T.To);
      this.SUBRULE2(this.name, { LABEL: 'to' });
    });
  });

  private rosterClauseAhead(): boolean {
    const w = this.LA(1).image;
    return (w === 'employed' || w === 'leave') && this.LA(2).tokenType === T.From;
  }

  teamBy = this.RULE('teamBy', () => {
    this.CONSUME(T.Team);
    this.CONSUME(T.By);
    this.SUBRULE(this.name);
  });

  field = this.RULE('field', () => {
    this.SUBRULE(this.name);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeRef);
    this.MANY({
      // `key: text` on the next line is a field named `key`, not a modifier
      GATE: () => this.LA(2).tokenType !== T.Colon,
      DEF: () => {
        this.OR([
          { ALT: () => this.CONSUME(T.Key) },
          { ALT: () => this.CONSUME(T.Optional) },
          { ALT: () => this.CONSUME(T.Positive) },
          {
            // `share: percent in 0%..100%`: the bounds every value must lie within (section 24)
            ALT: () => {
              this.CONSUME(T.In);
              this.SUBRULE(this.unaryExpr, { LABEL: 'low' });
              this.CONSUME(T.DotDot);
              this.SUBRULE2(this.unaryExpr, { LABEL: 'high' });
            },
          },
        ]);
      },
    });
    this.OPTION({
      GATE: () => this.LA(2).tokenType !== T.Colon,
      DEF: () => {
        this.CONSUME(T.Where);
        this.SUBRULE(this.alias);
        this.MANY2(() => {
          this.CONSUME(T.Comma);
          this.SUBRULE2(this.alias);
        });
      },
    });
  });

  alias = this.RULE('alias', () => {
    this.CONSUME(T.StringTok, { LABEL: 'from' });
    this.CONSUME(T.Means);
    this.CONSUME2(T.StringTok, { LABEL: 'to' });
  });

  typeRef = this.RULE('typeRef', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.name) }, { ALT: () => this.CONSUME(T.CurrencyCode) }]);
  });

  creditRule = this.RULE('creditRule', () => {
    this.CONSUME(T.Credit);
    this.SUBRULE(this.name, { LABEL: 'table' });
    this.OPTION(() => {
      this.CONSUME(T.As);
      this.SUBRULE2(this.name, { LABEL: 'alias' });
    });
    this.MANY(() => this.SUBRULE(this.creditClause));
  });

  creditClause = this.RULE('creditClause', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Where);
          this.SUBRULE(this.expression);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Amount);
          this.SUBRULE2(this.expression);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.DateKw);
          this.SUBRULE3(this.expression);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.To);
          this.SUBRULE4(this.expression);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Split);
          this.CONSUME(T.By);
          this.SUBRULE(this.name);
        },
      },
    ]);
  });

  letDecl = this.RULE('letDecl', () => {
    this.CONSUME(T.Let);
    this.OPTION(() => this.CONSUME(T.Team));
    this.SUBRULE(this.name);
    this.CONSUME(T.Eq);
    this.SUBRULE(this.expression);
  });

  tiersDecl = this.RULE('tiersDecl', () => {
    this.CONSUME(T.Tiers);
    this.SUBRULE(this.name);
    this.SUBRULE(this.tierTable);
  });

  tierTable = this.RULE('tierTable', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Marginal) }, { ALT: () => this.CONSUME(T.Retroactive) }]);
    // `bounds in lower band` | `bounds in higher band`: which band owns a shared bound
    this.OPTION({
      GATE: () => this.LA(1).image === 'bounds',
      DEF: () => {
        this.CONSUME(T.NameTok, { LABEL: 'bounds' });
        this.CONSUME(T.In);
        this.OR2([{ ALT: () => this.CONSUME(T.Lower, { LABEL: 'owner' }) }, { ALT: () => this.CONSUME(T.Higher, { LABEL: 'owner' }) }]);
        this.CONSUME2(T.NameTok, { LABEL: 'band' });
      },
    });
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.band));
    this.CONSUME(T.RBrace);
  });

  band = this.RULE('band', () => {
    this.CONSUME(T.From);
    this.SUBRULE(this.expression, { LABEL: 'from' });
    this.OPTION(() => {
      this.CONSUME(T.To);
      this.SUBRULE2(this.expression, { LABEL: 'to' });
    });
    this.CONSUME(T.Pays);
    this.SUBRULE3(this.expression, { LABEL: 'pays' });
  });

  componentDecl = this.RULE('componentDecl', () => {
    this.CONSUME(T.Component);
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(T.StringTok));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.clause));
    this.CONSUME(T.RBrace);
  });

  clause = this.RULE('clause', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.For);
          this.SUBRULE(this.expression);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.On);
          this.SUBRULE2(this.expression);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Basis);
          this.OR2([
            {
              ALT: () => {
                this.CONSUME(T.Per);
                this.CONSUME(T.Deal);
              },
            },
            {
              ALT: () => {
                this.CONSUME(T.Period);
                this.CONSUME(T.Total);
              },
            },
            {
              ALT: () => {
                this.CONSUME(T.Running);
                this.CONSUME2(T.Total);
              },
            },
            { ALT: () => this.SUBRULE(this.cumulativeScope) },
          ]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Rate);
          this.SUBRULE(this.rateValue);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Gate);
          this.SUBRULE3(this.expression);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Multiplier);
          this.SUBRULE4(this.expression, { LABEL: 'factor' });
          this.OPTION(() => {
            this.CONSUME(T.When);
            this.SUBRULE5(this.expression, { LABEL: 'when' });
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Cap);
          this.SUBRULE(this.capLimit);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Clawback);
          this.SUBRULE(this.name);
          this.SUBRULE(this.clawbackWindow);
          this.OPTION2(() => {
            this.OR4([
              { ALT: () => this.CONSUME(T.Full) },
              {
                ALT: () => {
                  this.CONSUME(T.Prorated);
                  this.CONSUME(T.By);
                  this.SUBRULE(this.prorateShare, { LABEL: 'prorate' });
                },
              },
              { ALT: () => this.SUBRULE(this.clawbackBase, { LABEL: 'base' }) },
            ]);
          });
          this.OPTION3(() => {
            this.CONSUME(T.Net);
            this.CONSUME(T.Against);
            this.CONSUME(T.Later);
            this.CONSUME(T.Payouts);
          });
        },
      },
      { ALT: () => this.SUBRULE(this.paysClause) },
      { ALT: () => this.SUBRULE(this.poolClause) },
      { ALT: () => this.SUBRULE(this.minimumClause) },
      { ALT: () => this.SUBRULE(this.settlementClause) },
      {
        // `opening credit EXPR`: credit before the plan's first period, in its first measure to date
        ALT: () => {
          this.CONSUME(T.Opening);
          this.CONSUME(T.Credit, { LABEL: 'opening' });
          this.SUBRULE6(this.expression, { LABEL: 'openingValue' });
        },
      },
    ]);
  });

  // ------------------------------------------------------- cumulative periods, advances, holdbacks, clawback schedules

  /** `basis year to date` | `basis quarter to date` (after `basis`). */
  cumulativeScope = this.RULE('cumulativeScope', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Year, { LABEL: 'scope' }) }, { ALT: () => this.CONSUME(T.Quarter, { LABEL: 'scope' }) }]);
    this.CONSUME(T.To);
    this.CONSUME(T.DateKw);
  });

  /**
   * `true-up can be negative` | `advance 50% settle at quarter end` | `hold back 20% until COND`
   * | `cancelled deals leave attainment` | `cancelled deals stay in attainment`
   */
  settlementClause = this.RULE('settlementClause', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.True);
          this.CONSUME(T.Minus);
          this.CONSUME(T.Up);
          this.CONSUME(T.Can);
          this.CONSUME(T.Be);
          this.CONSUME(T.Negative);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Advance);
          this.SUBRULE(this.expression, { LABEL: 'advance' });
          this.CONSUME(T.Settle);
          this.CONSUME(T.At);
          this.OR2([{ ALT: () => this.CONSUME(T.Quarter, { LABEL: 'settle' }) }, { ALT: () => this.CONSUME(T.Year, { LABEL: 'settle' }) }]);
          this.CONSUME(T.End);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Hold);
          this.CONSUME(T.Back);
          this.SUBRULE2(this.expression, { LABEL: 'hold' });
          this.CONSUME(T.Until);
          this.SUBRULE3(this.expression, { LABEL: 'until' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Cancelled);
          this.SUBRULE(this.name, { LABEL: 'deals' });
          this.OR3([
            { ALT: () => this.CONSUME(T.Leave) },
            {
              ALT: () => {
                this.CONSUME(T.Stay);
                this.CONSUME(T.In);
              },
            },
          ]);
          this.CONSUME(T.Attainment);
        },
      },
    ]);
  });

  /** `within 90 days` | `schedule { within 12 months takes 100%  within 18 months takes 50% }` */
  clawbackWindow = this.RULE('clawbackWindow', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Within);
          this.SUBRULE(this.duration);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Schedule);
          this.CONSUME(T.LBrace);
          this.MANY(() => this.SUBRULE(this.scheduleRow));
          this.CONSUME(T.RBrace);
        },
      },
    ]);
  });

  scheduleRow = this.RULE('scheduleRow', () => {
    this.CONSUME(T.Within);
    this.SUBRULE(this.duration);
    this.CONSUME(T.Takes);
    this.SUBRULE(this.expression, { LABEL: 'share' });
  });

  /** after `prorated by`: `unused term EXPR` (share = unused months / term) or a share expression. */
  /** `takes P of credit` | `takes AMOUNT`: what a clawback takes back instead of what was paid. */
  clawbackBase = this.RULE('clawbackBase', () => {
    this.CONSUME(T.Takes);
    this.SUBRULE(this.expression, { LABEL: 'amount' });
    this.OPTION(() => {
      this.CONSUME(T.Of, { LABEL: 'of' });
      this.CONSUME(T.Credit);
    });
  });

  prorateShare = this.RULE('prorateShare', () => {
    this.OPTION({
      GATE: () => this.LA(2).tokenType === T.Term,
      DEF: () => {
        this.CONSUME(T.Unused);
        this.CONSUME(T.Term);
      },
    });
    this.SUBRULE(this.expression);
  });

  // ------------------------------------------------------- curves, scorecards, bonuses

  /** `curve payout linear { at 50% pays 25%  at 100% pays 100%  below 50% pays 0%  above 100% slope 1.5 }` */
  curveDecl = this.RULE('curveDecl', () => {
    this.CONSUME(T.Curve);
    this.SUBRULE(this.name);
    this.OR([{ ALT: () => this.CONSUME(T.Linear, { LABEL: 'mode' }) }, { ALT: () => this.CONSUME(T.Steps, { LABEL: 'mode' }) }]);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.curvePoint));
    this.CONSUME(T.RBrace);
  });

  curvePoint = this.RULE('curvePoint', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.At);
          this.SUBRULE(this.expression, { LABEL: 'x' });
          this.CONSUME(T.Pays);
          this.SUBRULE2(this.expression, { LABEL: 'y' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Below);
          this.SUBRULE3(this.expression, { LABEL: 'x' });
          this.CONSUME2(T.Pays);
          this.SUBRULE4(this.expression, { LABEL: 'y' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Above);
          this.SUBRULE5(this.expression, { LABEL: 'x' });
          this.OR2([
            {
              ALT: () => {
                this.CONSUME(T.Slope);
                this.SUBRULE6(this.expression, { LABEL: 'slope' });
              },
            },
            { ALT: () => this.CONSUME(T.Capped) },
          ]);
        },
      },
    ]);
  });

  /** `scorecard mbo { metric ... ; all metrics at least 50% of target }` */
  scorecardDecl = this.RULE('scorecardDecl', () => {
    this.CONSUME(T.Scorecard);
    this.SUBRULE(this.name);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.OR([{ ALT: () => this.SUBRULE(this.metricDecl) }, { ALT: () => this.SUBRULE(this.metricsGate) }]));
    this.CONSUME(T.RBrace);
  });

  /** `metric retention weight 40% actual kpis.retention target 95% higher is better cap 120%` */
  metricDecl = this.RULE('metricDecl', () => {
    this.CONSUME(T.Metric);
    this.SUBRULE(this.name);
    this.CONSUME(T.Weight);
    this.SUBRULE(this.expression, { LABEL: 'weight' });
    this.CONSUME(T.Actual);
    this.SUBRULE2(this.expression, { LABEL: 'actual' });
    this.CONSUME(T.Target);
    this.SUBRULE3(this.expression, { LABEL: 'target' });
    this.OR([{ ALT: () => this.CONSUME(T.Higher, { LABEL: 'direction' }) }, { ALT: () => this.CONSUME(T.Lower, { LABEL: 'direction' }) }]);
    this.CONSUME(T.Is);
    this.CONSUME(T.Better);
    this.OPTION(() => {
      this.CONSUME(T.Cap);
      this.SUBRULE4(this.expression, { LABEL: 'cap' });
    });
  });

  /** `all metrics at least 50% of target` */
  metricsGate = this.RULE('metricsGate', () => {
    this.CONSUME(T.All);
    this.CONSUME(T.Metrics);
    this.CONSUME(T.At);
    this.CONSUME(T.Least);
    this.SUBRULE(this.expression, { LABEL: 'least' });
    this.CONSUME(T.Of);
    this.CONSUME(T.Target);
  });

  /** `pays EXPR [per deal | per unit of EXPR | per mentee] [in full] [where COND]` */
  paysClause = this.RULE('paysClause', () => {
    this.CONSUME(T.Pays);
    this.SUBRULE(this.expression, { LABEL: 'amount' });
    this.OPTION(() => {
      this.CONSUME(T.Per);
      this.OR([
        // `in full`: each split rep is paid the whole amount (default: the rep's credited share)
        {
          ALT: () => {
            this.CONSUME(T.Deal, { LABEL: 'per' });
            this.OPTION3(() => {
              this.CONSUME(T.In, { LABEL: 'inFull' });
              this.CONSUME(T.Full);
            });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Unit, { LABEL: 'per' });
            this.CONSUME(T.Of);
            this.SUBRULE2(this.expression, { LABEL: 'units' });
            this.OPTION4(() => {
              this.CONSUME2(T.In, { LABEL: 'inFull' });
              this.CONSUME2(T.Full);
            });
          },
        },
        { ALT: () => this.CONSUME(T.Mentee, { LABEL: 'per' }) },
      ]);
    });
    this.OPTION2(() => {
      this.CONSUME(T.Where);
      this.SUBRULE3(this.expression, { LABEL: 'where' });
    });
  });

  /** `pool EXPR per team split equally` | `... split by credit share` */
  poolClause = this.RULE('poolClause', () => {
    this.CONSUME(T.Pool);
    this.SUBRULE(this.expression, { LABEL: 'amount' });
    this.CONSUME(T.Per);
    this.CONSUME(T.Team);
    this.CONSUME(T.Split);
    this.OR([
      { ALT: () => this.CONSUME(T.Equally, { LABEL: 'rule' }) },
      {
        ALT: () => {
          this.CONSUME(T.By);
          this.CONSUME(T.Credit, { LABEL: 'rule' });
          this.CONSUME(T.Share);
        },
      },
    ]);
  });

  /** `minimum USD 500 per period` */
  minimumClause = this.RULE('minimumClause', () => {
    this.CONSUME(T.Minimum);
    this.SUBRULE(this.expression, { LABEL: 'amount' });
    this.CONSUME(T.Per);
    this.CONSUME(T.Period);
  });

  rateValue = this.RULE('rateValue', () => {
    this.OR([
      {
        GATE: () => this.LA(1).tokenType === T.By,
        ALT: () => this.SUBRULE(this.rateTable),
        IGNORE_AMBIGUITIES: true,
      },
      {
        // `marginal {` or `marginal bounds in lower band {`
        GATE: () => this.LA(2).tokenType === T.LBrace || ((this.LA(1).tokenType === T.Marginal || this.LA(1).tokenType === T.Retroactive) && this.LA(2).image === 'bounds'),
        ALT: () => this.SUBRULE(this.tierTable),
      },
      { ALT: () => this.SUBRULE(this.expression) },
    ]);
  });

  /** `rate by deal.product { "GTX Pro" pays 8%  "A", "B" pays 5%  otherwise pays 6% }` (section 17). */
  rateTable = this.RULE('rateTable', () => {
    this.CONSUME(T.By);
    this.SUBRULE(this.expression, { LABEL: 'key' });
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.rateEntry));
    this.CONSUME(T.RBrace);
  });

  rateEntry = this.RULE('rateEntry', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.StringTok, { LABEL: 'value' });
          this.MANY(() => {
            this.CONSUME(T.Comma);
            this.CONSUME2(T.StringTok, { LABEL: 'value' });
          });
        },
      },
      { ALT: () => this.CONSUME(T.Otherwise) },
    ]);
    this.CONSUME(T.Pays);
    // not `expression`: `8%  otherwise pays 6%` on the next line is the next entry
    this.SUBRULE(this.orExpr, { LABEL: 'rate' });
  });

  capLimit = this.RULE('capLimit', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Attainment);
          this.CONSUME(T.At);
          this.SUBRULE(this.expression, { LABEL: 'atLimit' });
        },
      },
      {
        ALT: () => {
          this.SUBRULE2(this.expression);
          this.CONSUME(T.Per);
          this.OR2([{ ALT: () => this.CONSUME(T.Deal) }, { ALT: () => this.CONSUME(T.Period) }]);
        },
      },
    ]);
  });

  duration = this.RULE('duration', () => {
    this.CONSUME(T.NumberLiteral);
    this.OR([{ ALT: () => this.CONSUME(T.Days) }, { ALT: () => this.CONSUME(T.Months) }]);
  });

  drawDecl = this.RULE('drawDecl', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Draw);
          this.CONSUME(T.Recoverable);
        },
      },
      { ALT: () => this.CONSUME(T.Guarantee) },
    ]);
    this.SUBRULE(this.expression, { LABEL: 'amount' });
    this.CONSUME(T.Per);
    this.CONSUME(T.Period);
    this.OPTION(() => {
      this.CONSUME(T.For);
      this.OR2([
        {
          GATE: () => this.LA(1).tokenType === T.First && this.LA(2).tokenType === T.NumberLiteral,
          ALT: () => this.SUBRULE(this.firstMonths),
        },
        { ALT: () => this.SUBRULE2(this.expression, { LABEL: 'for' }) },
      ]);
    });
    this.OPTION2(() => {
      this.CONSUME(T.Recover);
      this.CONSUME(T.At);
      this.CONSUME(T.Most);
      this.SUBRULE3(this.expression, { LABEL: 'recover' });
      this.CONSUME2(T.Per);
      this.CONSUME2(T.Period);
    });
    this.OPTION3(() => {
      this.CONSUME(T.Forgiven);
      this.CONSUME(T.On);
      this.SUBRULE4(this.expression, { LABEL: 'forgiven' });
    });
  });

  /** New-hire protection: `for first 3 months after rep.hire_date` (the month of hire is month 1). */
  firstMonths = this.RULE('firstMonths', () => {
    this.CONSUME(T.First);
    this.CONSUME(T.NumberLiteral);
    this.CONSUME(T.Months);
    this.CONSUME(T.After);
    this.SUBRULE(this.expression, { LABEL: 'after' });
  });

  /** `target rep { monthly_quota: USD 50,000  role: "AE"  csat.score: 4.6 }` */
  targetDecl = this.RULE('targetDecl', () => {
    this.CONSUME(T.Target);
    this.SUBRULE(this.name);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.targetEntry));
    this.CONSUME(T.RBrace);
  });

  targetEntry = this.RULE('targetEntry', () => {
    this.SUBRULE(this.name, { LABEL: 'first' });
    this.OPTION(() => {
      this.CONSUME(T.Dot);
      this.SUBRULE2(this.name, { LABEL: 'second' });
    });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expression);
  });

  // ---------------------------------------------------------------- expressions

  expression = this.RULE('expression', () => {
    this.SUBRULE(this.orExpr);
    this.MANY(() => {
      this.CONSUME(T.Otherwise);
      this.SUBRULE2(this.orExpr);
    });
  });

  orExpr = this.RULE('orExpr', () => {
    this.SUBRULE(this.andExpr);
    this.MANY(() => {
      this.CONSUME(T.Or);
      this.SUBRULE2(this.andExpr);
    });
  });

  andExpr = this.RULE('andExpr', () => {
    this.SUBRULE(this.notExpr);
    this.MANY(() => {
      this.CONSUME(T.And);
      this.SUBRULE2(this.notExpr);
    });
  });

  notExpr = this.RULE('notExpr', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Not);
          this.SUBRULE(this.notExpr);
        },
      },
      { ALT: () => this.SUBRULE(this.cmpExpr) },
    ]);
  });

  cmpExpr = this.RULE('cmpExpr', () => {
    this.SUBRULE(this.addExpr);
    this.OPTION({
      // `within 12 months takes 50%` on the next line of a clawback schedule is its next row
      GATE: () => this.LA(1).tokenType !== T.Within || this.LA(2).tokenType !== T.NumberLiteral,
      DEF: () => {
        this.OR([
          { ALT: () => this.CONSUME(T.Eq, { LABEL: 'op' }) },
          { ALT: () => this.CONSUME(T.NotEq, { LABEL: 'op' }) },
          { ALT: () => this.CONSUME(T.LtEq, { LABEL: 'op' }) },
          { ALT: () => this.CONSUME(T.GtEq, { LABEL: 'op' }) },
          { ALT: () => this.CONSUME(T.Lt, { LABEL: 'op' }) },
          { ALT: () => this.CONSUME(T.Gt, { LABEL: 'op' }) },
          // `deal.product within "Furniture"`: an ancestor test on a self-referencing table (section 24)
          { ALT: () => this.CONSUME(T.Within, { LABEL: 'op' }) },
        ]);
        this.SUBRULE2(this.addExpr);
      },
    });
  });

  addExpr = this.RULE('addExpr', () => {
    this.SUBRULE(this.mulExpr);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Plus, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(T.Minus, { LABEL: 'op' }) }]);
      this.SUBRULE2(this.mulExpr);
    });
  });

  mulExpr = this.RULE('mulExpr', () => {
    this.SUBRULE(this.unaryExpr);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Star, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(T.Slash, { LABEL: 'op' }) }]);
      this.SUBRULE2(this.unaryExpr);
    });
  });

  unaryExpr = this.RULE('unaryExpr', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Minus);
          this.SUBRULE(this.unaryExpr);
        },
      },
      { ALT: () => this.SUBRULE(this.postfix) },
    ]);
  });

  postfix = this.RULE('postfix', () => {
    this.SUBRULE(this.primary);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.OR([
        {
          GATE: () => this.nameInExpressionOk(),
          ALT: () => this.SUBRULE(this.name, { LABEL: 'field' }),
        },
      ]);
    });
  });

  primary = this.RULE('primary', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.NumberLiteral);
          this.OPTION(() => {
            this.OR2([{ ALT: () => this.CONSUME(T.Days, { LABEL: 'unit' }) }, { ALT: () => this.CONSUME(T.Months, { LABEL: 'unit' }) }]);
          });
        },
      },
      { ALT: () => this.CONSUME(T.MultiplierLiteral) },
      { ALT: () => this.CONSUME(T.PercentLiteral) },
      {
        ALT: () => {
          this.CONSUME(T.CurrencyCode);
          // `USD -1,000`: a negative amount (a credit memo, a clawback floor)
          this.OPTION5(() => this.CONSUME2(T.Minus, { LABEL: 'sign' }));
          this.CONSUME2(T.NumberLiteral, { LABEL: 'amount' });
        },
      },
      { ALT: () => this.CONSUME(T.StringTok) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.CONSUME(T.DateLiteral) },
      { ALT: () => this.CONSUME(T.PeriodLiteral) },
      {
        // `convert(amount, to USD, on date)`; `convert` alone is an ordinary name
        GATE: () => this.LA(1).tokenType === T.Convert && this.LA(2).tokenType === T.LParen,
        IGNORE_AMBIGUITIES: true,
        ALT: () => this.SUBRULE(this.convertExpr),
      },
      {
        GATE: () => this.nameInExpressionOk(),
        ALT: () => {
          this.SUBRULE(this.name);
          this.OPTION2(() => this.SUBRULE(this.callArgs));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.expression, { LABEL: 'inner' });
          this.CONSUME(T.RParen);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.If);
          this.SUBRULE2(this.expression, { LABEL: 'cond' });
          this.CONSUME(T.Then);
          this.SUBRULE3(this.expression, { LABEL: 'then' });
          this.CONSUME(T.Else);
          this.SUBRULE4(this.expression, { LABEL: 'else' });
        },
      },
      {
        // `team quota`, `team attainment` (section 17)
        GATE: () => this.LA(1).tokenType === T.Team && this.LA(2).tokenType !== T.Credit,
        ALT: () => {
          this.CONSUME2(T.Team);
          this.SUBRULE2(this.name, { LABEL: 'teamWhat' });
          // hierarchies (section 23): `team quota at level 2`, `team attainment by product_lead at all levels`
          this.OPTION8({
            GATE: () => this.LA(1).tokenType === T.By,
            DEF: () => {
              this.CONSUME3(T.By);
              this.SUBRULE4(this.name, { LABEL: 'hierarchy' });
            },
          });
          this.OPTION9({
            GATE: () => this.LA(1).tokenType === T.At && (this.LA(2).tokenType === T.Level || this.LA(2).tokenType === T.All),
            DEF: () => {
              this.CONSUME2(T.At);
              this.OR6([
                {
                  ALT: () => {
                    this.CONSUME2(T.Level);
                    this.CONSUME4(T.NumberLiteral, { LABEL: 'level' });
                  },
                },
                {
                  ALT: () => {
                    this.CONSUME2(T.All, { LABEL: 'allLevels' });
                    this.CONSUME2(T.Levels);
                  },
                },
              ]);
            },
          });
        },
        IGNORE_AMBIGUITIES: true,
      },
      {
        // `credit deals ...` on a new line is a credit rule, not a value
        GATE: () => !(this.LA(1).tokenType === T.Credit && this.LA(2).tokenType === T.Identifier),
        ALT: () => {
          this.OPTION3(() => this.CONSUME(T.Team));
          this.CONSUME(T.Credit);
          // hierarchies (section 23): `team credit by product_lead at level 2`, `... at all levels`
          this.OPTION6({
            GATE: () => this.LA(1).tokenType === T.By && this.LA(0).tokenType === T.Credit,
            DEF: () => {
              this.CONSUME2(T.By);
              this.SUBRULE3(this.name, { LABEL: 'hierarchy' });
            },
          });
          this.OPTION7({
            GATE: () => this.LA(1).tokenType === T.At && (this.LA(2).tokenType === T.Level || this.LA(2).tokenType === T.All),
            DEF: () => {
              this.CONSUME(T.At);
              this.OR5([
                {
                  ALT: () => {
                    this.CONSUME(T.Level);
                    this.CONSUME3(T.NumberLiteral, { LABEL: 'level' });
                  },
                },
                {
                  ALT: () => {
                    this.CONSUME(T.All, { LABEL: 'allLevels' });
                    this.CONSUME(T.Levels);
                  },
                },
              ]);
            },
          });
          this.OPTION4(() => {
            this.CONSUME(T.Where);
            // any condition, `and`/`or`/`not` included (`on credit where A and B`)
            this.SUBRULE(this.orExpr, { LABEL: 'where' });
          });
        },
      },
    ]);
  });

  callArgs = this.RULE('callArgs', () => {
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.expression);
      // `sum(deal.units where deal.product = "A")`: an aggregate's rows filtered (section 22)
      this.OPTION2(() => {
        this.CONSUME(T.Where);
        this.SUBRULE3(this.expression, { LABEL: 'aggWhere' });
      });
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.OR([
          { GATE: () => this.LA(1).tokenType === T.By, ALT: () => this.SUBRULE(this.byArg), IGNORE_AMBIGUITIES: true },
          // `round(x, to 0.01, half even)`: the place and the mode
          { GATE: () => this.LA(1).tokenType === T.To, ALT: () => this.SUBRULE(this.toArg), IGNORE_AMBIGUITIES: true },
          { GATE: () => [T.Half, T.Up, T.Down].includes(this.LA(1).tokenType), ALT: () => this.SUBRULE(this.roundingMode, { LABEL: 'mode' }), IGNORE_AMBIGUITIES: true },
          { ALT: () => this.SUBRULE2(this.expression) },
        ]);
      });
    });
    this.CONSUME(T.RParen);
  });

  /** `to 0.01` in `round(x, to 0.01, half even)`. */
  toArg = this.RULE('toArg', () => {
    this.CONSUME(T.To);
    this.SUBRULE(this.expression, { LABEL: 'value' });
  });

  /** `by days employed`, `by months employed`, `by quarter 20%` in `prorate(...)`, `seasonal(...)` (section 16). */
  byArg = this.RULE('byArg', () => {
    this.CONSUME(T.By);
    this.SUBRULE(this.name, { LABEL: 'unit' });
    this.OPTION({ GATE: () => this.LA(1).image === 'employed', DEF: () => this.CONSUME(T.NameTok, { LABEL: 'employed' }) });
    this.OPTION2({
      GATE: () => this.LA(1).tokenType !== T.Comma && this.LA(1).tokenType !== T.RParen,
      DEF: () => this.SUBRULE(this.expression, { LABEL: 'value' }),
    });
  });
}

/** The one shared parser instance. */
export const parser = new CompParser();
