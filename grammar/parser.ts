// The `.comp` parser: a chevrotain CstParser with error recovery. The grammar is the appendix of
// docs/language.md. Rules are class fields, defined along a chain of classes by area:
// ./expression-rules.ts (expressions; the parser's set-up), ./declaration-rules.ts (tables, the
// roster, credit rules, curves, scorecards, draws, targets), ./component-rules.ts (tiers,
// components and their clauses) and this file (the plan and its items), whose class runs
// chevrotain's self-analysis. One shared instance is reused by setting `input`.
//
// Error messages are produced by `compErrorMessageProvider` (./messages.ts) as JSON `{code, args}`
// so that `compiler/syntax/parse.ts` turns them into registry diagnostics (COMP1101/1103/1104).
import type { TokenType } from 'chevrotain';
import * as T from './tokens.js';
import { ComponentRules } from './component-rules.js';
import type { CompParserOptions } from './expression-rules.js';
import { restoreGast } from './gast-cache.js';
import { GAST_CACHE } from './lookahead-cache.js';

export { compErrorMessageProvider, describeFound, type EncodedError } from './messages.js';
export type { CompParserOptions } from './expression-rules.js';

interface Recorder {
  definedRulesNames: string[];
  topLevelRuleRecord?: (name: string, impl: unknown) => unknown;
  recoveryEnabled: boolean;
  resyncFollows: Record<string, TokenType[]>;
}

export class CompParser extends ComponentRules {
  /** True when the productions came from the bundle's cache (./gast-cache.ts) instead of being recorded. */
  readonly gastFromCache: boolean;

  constructor(opts: CompParserOptions = {}) {
    super(opts);
    const cache = opts.gast === null ? undefined : opts.gast ?? GAST_CACHE;
    const self = this as unknown as Recorder;
    const restored = cache ? restoreGast(cache, T.allTokens, self.definedRulesNames) : undefined;
    // chevrotain's self-analysis records each rule through this method: answer from the cache;
    // and computes the follows of error recovery only while recovery is on: set them from it
    const recovery = self.recoveryEnabled;
    if (restored) {
      self.topLevelRuleRecord = (name: string) => restored.rules.get(name);
      self.recoveryEnabled = false;
    }
    try {
      this.performSelfAnalysis();
    } finally {
      if (restored) {
        delete self.topLevelRuleRecord;
        self.recoveryEnabled = recovery;
        if (recovery) self.resyncFollows = restored.follows;
      }
    }
    this.gastFromCache = restored !== undefined;
    // both from the bundle's cache module, written together and checked together at build time
    if (restored && opts.gast === undefined && opts.lookahead === undefined) this.lookahead.trustCache();
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
  letDecl = this.RULE('letDecl', () => {
    this.CONSUME(T.Let);
    this.OPTION(() => this.CONSUME(T.Team));
    this.SUBRULE(this.name);
    this.CONSUME(T.Eq);
    this.SUBRULE(this.expression);
  });
}

/** The one shared parser instance. */
export const parser = new CompParser();
