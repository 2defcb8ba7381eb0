// The declarations of the `.comp` grammar other than components and tiers: tables and the roster
// (fields, aliases, roster clauses), credit rules, curves, scorecards, draws and targets. The
// second class of the parser's chain (./expression-rules.ts).
import * as T from './tokens.js';
import { ExpressionRules } from './expression-rules.js';

export abstract class DeclarationRules extends ExpressionRules {
  // ---------------------------------------------------------------- tables and the roster

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
  /** Inside the roster: `assignments from assignments` (a table of dated roles, managers...). */
  assignmentsFrom = this.RULE('assignmentsFrom', () => {
    this.CONSUME(T.Assignments);
    this.CONSUME(T.From);
    this.SUBRULE(this.name);
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
}
