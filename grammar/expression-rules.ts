// The expression rules of the `.comp` grammar (docs/language.md, appendix), the first class of the
// parser's chain: ExpressionRules (this file) <- DeclarationRules (./declaration-rules.ts) <-
// ComponentRules (./component-rules.ts) <- CompParser (./parser.ts, which runs chevrotain's
// self-analysis). Each class defines its rules as fields; a rule may use the rules of the classes
// before it and of its own. This class also sets the parser up: tokens, recovery, error messages,
// lookahead. Besides the expressions: `name`, `roundingMode` (also in `round(...)`) and `convert(...)`.
import { CstParser, type TokenType } from 'chevrotain';
import * as T from './tokens.js';
import { LazyLookahead } from './lazy-lookahead.js';
import { LOOKAHEAD_CACHE, type LookaheadCache } from './lookahead-cache.js';
import type { GastCache } from './gast-cache.js';
import { compErrorMessageProvider } from './messages.js';

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

export interface CompParserOptions {
  /** Run chevrotain's grammar validations (ambiguities, left recursion). */
  validate?: boolean;
  /** The paths cache to use (null: none; default: the bundle's). */
  lookahead?: LookaheadCache | null;
  /** The recorded productions to use (null: record them; default: the bundle's, ./gast-cache.ts). */
  gast?: GastCache | null;
}

export abstract class ExpressionRules extends CstParser {
  /** The lookahead strategy: its productions make the bundle's cache (`makeLookaheadCache`). */
  readonly lookahead: LazyLookahead;

  constructor(opts: CompParserOptions = {}) {
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
    // the last class of the chain (CompParser, ./parser.ts) runs performSelfAnalysis
  }

  /** True when the next token may be read as a name inside an expression (see STATEMENT_KEYWORDS). */
  private nameInExpressionOk(): boolean {
    const next = this.LA(1);
    if (!isStatementKeyword(next.tokenType)) return true;
    const prev = this.LA(0);
    return prev.endLine === next.startLine;
  }

  name = this.RULE('name', () => {
    this.CONSUME(T.NameTok);
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
