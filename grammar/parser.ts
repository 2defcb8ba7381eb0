// The `.comp` parser: a chevrotain CstParser with error recovery. The grammar is the appendix of
// docs/language.md. Rules are class fields; one shared instance is reused by setting `input`.
//
// Error messages are produced by `compErrorMessageProvider` as JSON `{code, args}` so that
// `compiler/syntax/parse.ts` turns them into registry diagnostics (COMP1101/1103/1104).
import { CstParser, EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import * as T from './tokens.js';

const stmtKeywords = T.STATEMENT_KEYWORDS;

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
    else if (ruleName === 'periodsDecl') expected = '`monthly`, `quarterly`, `annual`, `weekly` or `every N weeks`';
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
  constructor() {
    super(T.allTokens, {
      recoveryEnabled: true,
      nodeLocationTracking: 'full',
      maxLookahead: 3,
      errorMessageProvider: compErrorMessageProvider,
    });
    this.performSelfAnalysis();
  }

  /** True when the next token may be read as a name inside an expression (see STATEMENT_KEYWORDS). */
  private nameInExpressionOk(): boolean {
    const next = this.LA(1);
    if (!stmtKeywords.some((t) => t === next.tokenType)) return true;
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
    this.OR([
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
  });

  periodBound = this.RULE('periodBound', () => {
    this.OR([{ ALT: () => this.CONSUME(T.DateLiteral) }, { ALT: () => this.CONSUME(T.PeriodLiteral) }]);
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
      this.OR2([{ ALT: () => this.SUBRULE(this.field) }, { ALT: () => this.SUBRULE(this.teamBy) }]);
    });
    this.CONSUME(T.RBrace);
  });

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
          this.CONSUME(T.Within);
          this.SUBRULE(this.duration);
          this.OPTION2(() => {
            this.OR4([
              { ALT: () => this.CONSUME(T.Full) },
              {
                ALT: () => {
                  this.CONSUME(T.Prorated);
                  this.CONSUME(T.By);
                  this.SUBRULE6(this.expression, { LABEL: 'prorate' });
                },
              },
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
    ]);
  });

  rateValue = this.RULE('rateValue', () => {
    this.OR([
      {
        GATE: () => this.LA(2).tokenType === T.LBrace,
        ALT: () => this.SUBRULE(this.tierTable),
      },
      { ALT: () => this.SUBRULE(this.expression) },
    ]);
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
      this.SUBRULE2(this.expression, { LABEL: 'for' });
    });
    this.OPTION2(() => {
      this.CONSUME(T.Recover);
      this.CONSUME(T.At);
      this.CONSUME(T.Most);
      this.SUBRULE3(this.expression, { LABEL: 'recover' });
      this.CONSUME2(T.Per);
      this.CONSUME2(T.Period);
    });
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
    this.OPTION(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Eq, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(T.NotEq, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(T.LtEq, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(T.GtEq, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(T.Lt, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(T.Gt, { LABEL: 'op' }) },
      ]);
      this.SUBRULE2(this.addExpr);
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
          this.CONSUME2(T.NumberLiteral, { LABEL: 'amount' });
        },
      },
      { ALT: () => this.CONSUME(T.StringTok) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.CONSUME(T.DateLiteral) },
      { ALT: () => this.CONSUME(T.PeriodLiteral) },
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
        // `credit deals ...` on a new line is a credit rule, not a value
        GATE: () => !(this.LA(1).tokenType === T.Credit && this.LA(2).tokenType === T.Identifier),
        ALT: () => {
          this.OPTION3(() => this.CONSUME(T.Team));
          this.CONSUME(T.Credit);
          this.OPTION4(() => {
            this.CONSUME(T.Where);
            this.SUBRULE(this.cmpExpr, { LABEL: 'where' });
          });
        },
      },
    ]);
  });

  callArgs = this.RULE('callArgs', () => {
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.expression);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.expression);
      });
    });
    this.CONSUME(T.RParen);
  });
}

/** The one shared parser instance. */
export const parser = new CompParser();
