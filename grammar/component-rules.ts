// Components and tiers of the `.comp` grammar: `tiers`, tier tables and bands, `component` and
// its clauses (basis, rate, gate, multiplier, cap, clawback, pays, pool, minimum, settlement).
// The third class of the parser's chain (./expression-rules.ts).
import * as T from './tokens.js';
import { DeclarationRules } from './declaration-rules.js';

export abstract class ComponentRules extends DeclarationRules {
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
}
