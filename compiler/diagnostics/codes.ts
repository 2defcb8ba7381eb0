// The one registry of diagnostics. Every message the toolchain prints is here, with a stable
// code, a default severity, a one-line template ({name} placeholders) and a docs anchor in
// docs/diagnostics.md. Tests and quick fixes match codes, never message text.
//
// Numbering by stage: 1xxx syntax, 2xxx names, 3xxx types, 4xxx tiers, 5xxx plan structure,
// 6xxx input data, 7xxx evaluation.

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface DiagnosticDef {
  code: string;
  severity: Severity;
  title: string;
  template: string;
}

function def(code: string, severity: Severity, title: string, template: string): DiagnosticDef {
  return { code, severity, title, template };
}

export const Codes = {
  // ---- 1xxx syntax
  UnexpectedCharacter: def('COMP1001', 'error', 'unexpected character', 'unexpected character `{char}`'),
  UnterminatedText: def('COMP1002', 'error', 'unterminated text', 'this text is not closed with `"`'),
  MalformedNumber: def('COMP1003', 'error', 'malformed number', '`{text}` is not a number: thousands are groups of 3 digits'),
  InvalidDate: def('COMP1004', 'error', 'invalid date', '`{text}` is not a date in the calendar'),
  UnexpectedToken: def('COMP1101', 'error', 'unexpected token', 'expected {expected}, found {found}'),
  UnclosedBlock: def('COMP1102', 'error', 'unclosed block', 'this `{` is never closed'),
  ExpectedExpression: def('COMP1103', 'error', 'expected an expression', 'expected a value here, found {found}'),
  UnexpectedItem: def('COMP1104', 'error', 'unexpected text', '{found} cannot start a declaration'),
  NestingTooDeep: def('COMP1350', 'error', 'nested too deep', 'this is nested more than {max} levels deep'),
  ExpressionTooLong: def('COMP1351', 'error', 'expression too long', 'this expression has more than {max} terms'),
  InternalError: def('COMP1999', 'error', 'internal error', 'an internal error stopped the analysis ({problem}); please report it with this plan'),

  // ---- 2xxx names
  UndefinedName: def('COMP2001', 'error', 'undefined name', '`{name}` is not defined'),
  DuplicateDeclaration: def('COMP2002', 'error', 'duplicate declaration', '`{name}` is already declared'),
  UnknownField: def('COMP2003', 'error', 'unknown field', '{owner} has no field `{name}`'),
  UnknownType: def('COMP2004', 'error', 'unknown type', '`{name}` is not a type'),
  UnknownFunction: def('COMP2005', 'error', 'unknown function', '`{name}` is not a function'),
  MissingHeader: def('COMP2006', 'error', 'missing declaration', 'the plan has no `{what}` declaration'),
  DuplicateHeader: def('COMP2007', 'error', 'declared twice', '`{what}` is declared more than once'),
  UnknownTable: def('COMP2008', 'error', 'unknown table', '`{name}` is not a declared table'),
  CyclicDefinition: def('COMP2009', 'error', 'cyclic definition', '`{name}` is defined in terms of itself: {cycle}'),
  RosterCount: def('COMP2010', 'error', 'roster', '{problem}'),
  MissingKey: def('COMP2011', 'error', 'missing key', 'the roster `{name}` has no `key` field'),
  NotAvailableHere: def('COMP2012', 'error', 'not available here', '`{name}` is not available {where}'),
  UnknownCurrency: def('COMP2013', 'warning', 'unknown currency', '`{code}` is not an ISO 4217 currency code'),
  UnusedDeclaration: def('COMP2014', 'warning', 'unused', '`{name}` is declared but never used'),

  // ---- 3xxx types
  TypeMismatch: def('COMP3001', 'error', 'type mismatch', 'expected {expected}, found {found}'),
  IncompatibleOperands: def('COMP3002', 'error', 'incompatible operands', 'cannot {verb} {left} and {right}'),
  MoneyTimesMoney: def('COMP3003', 'error', 'money times money', 'cannot multiply money by money'),
  CurrencyMismatch: def('COMP3004', 'error', 'currency mismatch', 'cannot combine {left} with {right} without a conversion'),
  IncomparableTypes: def('COMP3005', 'error', 'incomparable values', 'cannot compare {left} with {right}'),
  ConditionNotBoolean: def('COMP3006', 'error', 'not a condition', 'a condition must be true or false, found {found}'),
  WrongArgumentCount: def('COMP3007', 'error', 'wrong number of arguments', '`{name}` takes {expected}, found {found}'),
  RateNotPercent: def('COMP3008', 'error', 'rate is not a percent', 'a rate must be a percent, found {found}'),
  DivideByMoney: def('COMP3009', 'error', 'division by money', 'cannot divide {left} by money'),
  PossibleDivisionByZero: def('COMP3010', 'warning', 'possible division by zero', '`{divisor}` may be zero here and nothing says what to do then'),
  NotARow: def('COMP3011', 'error', 'no fields', '{found} has no fields'),
  NotARep: def('COMP3012', 'error', 'not a rep', 'expected a rep (a roster row), found {found}'),
  /** Retired (never reported; docs/diagnostics.md says why). */
  UselessOtherwise: def('COMP3013', 'warning', 'fallback never used', 'this value can never be undefined, so `otherwise` has no effect'),

  // ---- 4xxx tiers
  BandGap: def('COMP4001', 'error', 'gap between bands', 'nothing covers {from} to {to}: the previous band ends at {from}'),
  BandOverlap: def('COMP4002', 'error', 'overlapping bands', 'this band starts at {start}, inside the previous band (which ends at {end})'),
  MixedBandUnits: def('COMP4003', 'error', 'mixed band units', 'bands must all be on attainment (percent) or all on amounts (money); found {found}'),
  EmptyBand: def('COMP4004', 'error', 'empty band', 'this band ends at {to}, not above where it starts ({from})'),
  UnboundedBandNotLast: def('COMP4005', 'error', 'open band not last', 'only the last band may have no upper bound'),
  FirstBandNotZero: def('COMP4006', 'warning', 'first band above zero', 'the first band starts at {from}; nothing is paid below it'),
  AttainmentTiersNeedQuota: def('COMP4007', 'error', 'attainment needs quota', 'tiers on attainment need `let {name}` in the plan'),
  EmptyTierTable: def('COMP4008', 'error', 'no bands', 'a tier table needs at least one band'),
  BandBoundNotConstant: def('COMP4009', 'error', 'band bound not constant', 'band bounds must be written as numbers, percents or amounts'),

  // ---- 41xx payout curves and scorecards
  CurvePointsOrder: def('COMP4101', 'error', 'curve points out of order', 'curve points must be in increasing order of attainment: {x} is not above {prev}'),
  CurveTooFewPoints: def('COMP4102', 'error', 'too few curve points', 'a {mode} curve needs at least {n} `at ... pays ...` points'),
  CurveEndNotStated: def('COMP4103', 'error', 'curve end not stated', 'curve `{name}` does not say what it pays {where}'),
  CurveEndNotAtPoint: def('COMP4104', 'error', 'curve end not at a point', '`{which} {x}` must be at the {end} point of the curve ({point})'),
  CurveValueNotConstant: def('COMP4105', 'error', 'curve value not written out', 'curve {what} must be percents written out, found {found}'),
  ScorecardWeights: def('COMP4111', 'error', 'weights do not sum to 100%', 'the weights of scorecard `{name}` sum to {sum}, not 100%'),
  ScorecardWithoutMetrics: def('COMP4112', 'error', 'scorecard without metrics', 'scorecard `{name}` has no metric'),
  LowerIsBetterNeedsCap: def('COMP4114', 'error', 'lower-is-better metric without a cap', 'metric `{name}` is lower is better and has no `cap`: a perfect 0 would score without limit'),

  // ---- 5xxx plan structure
  ComponentWithoutRate: def('COMP5001', 'error', 'no rate', 'component `{name}` has no `rate`'),
  DuplicateClause: def('COMP5002', 'error', 'duplicate clause', '`{clause}` is given more than once'),
  PerDealCapOnTotal: def('COMP5003', 'error', 'per-deal cap on a total', '`cap ... per deal` needs `basis per deal` or `basis running total`'),
  ClawbackTableShape: def('COMP5004', 'error', 'clawback events', '`{table}` needs {what} to be used for clawbacks'),
  SplitTableShape: def('COMP5005', 'error', 'split table', '`{table}` needs {what} to split credit'),
  TeamWithoutManager: def('COMP5006', 'error', 'no team', '`team credit` needs `team by FIELD` in the roster'),
  CreditRuleIncomplete: def('COMP5008', 'error', 'incomplete credit rule', 'the credit rule for `{table}` has no `{clause}`'),
  NoComponents: def('COMP5009', 'warning', 'nothing pays', 'the plan has no component'),
  NoCreditRule: def('COMP5010', 'warning', 'no credit', 'the plan has no `credit` rule, so `credit` is always zero'),
  /** Retired (never reported; docs/diagnostics.md says why). */
  DefaultBasis: def('COMP5011', 'info', 'default basis', 'no `basis`: tiers apply to the period total'),
  // draws, cumulative periods, advances, holdbacks, clawback schedules (docs/language.md sections 13-15)
  TrueUpNotCumulative: def('COMP5040', 'error', 'true-up without a cumulative basis', '`true-up can be negative` needs `basis year to date` or `basis quarter to date`'),
  AttainmentChoiceWithoutClawback: def('COMP5041', 'error', 'no clawback', '`cancelled deals {choice} attainment` needs a `clawback` clause in the component'),
  AttainmentChoiceMissing: def('COMP5042', 'warning', 'cancelled deals unstated', 'component `{name}` recomputes a to-date measure and claws back deals, but does not say whether cancelled deals leave attainment'),
  ScheduleNotIncreasing: def('COMP5043', 'error', 'clawback schedule out of order', 'this window ({this}) is not longer than the one before it ({prev})'),
  ShareOutOfRange: def('COMP5044', 'error', 'share out of range', '{what} must be between 0% and 100%, found {found}'),
  ScopeNotLongerThanPeriod: def('COMP5045', 'warning', 'scope no longer than a period', '`{clause}` covers a single payout period: the plan pays {frequency}'),

  // ---- 51xx bonuses (pays, pools, minimums)
  TwoWaysToPay: def('COMP5101', 'error', 'two ways to pay', 'component `{name}` has both {a} and {b}: a component pays by one of them'),
  MenteeWithoutMentor: def('COMP5103', 'error', 'no mentor field', '`per mentee` needs a roster field `mentor: rep optional`'),
  ClauseNotForBonus: def('COMP5105', 'error', 'clause does not apply', '`{clause}` does not apply to a component that {what}'),

  // proration and credit rules (docs/language.md sections 16-17)
  SeasonalWeightsSum: def('COMP3060', 'error', 'seasonal weights', 'the seasonal weights sum to {sum}, not 100%'),
  EmploymentNotDeclared: def('COMP5060', 'error', 'employment dates not declared', '`{name}` needs `employed from FIELD` in the roster'),
  LeaveTableShape: def('COMP5061', 'error', 'leave table', '`{table}` needs {what} to be used for leave'),
  RateByNeedsPerDeal: def('COMP5062', 'error', 'rate by a deal field on a total', '`rate by {key}` is looked up per deal: it needs `basis per deal` or `basis running total`'),
  DuplicateRateValue: def('COMP5063', 'error', 'value listed twice', '`{value}` is already listed in this rate table'),
  TeamQuotaWithoutQuota: def('COMP5064', 'error', 'team quota without quota', '`team quota` is the sum of the team members\' `quota`, and the plan has no `let quota`'),
  UnlistedRateValue: def('COMP7060', 'error', 'value not in the rate table', '{deal} has {key} `{value}`, which `rate by {key}` does not list and it has no `otherwise`'),

  // plan lints: plans that check but very likely do not say what the plan document says (compiler/semantics/lints.ts)
  NegativeRate: def('COMP3200', 'warning', 'negative rate', 'a rate of {rate} takes money back on every sale'),
  RateAbove100: def('COMP3201', 'warning', 'rate above 100%', 'a rate of {rate} pays more than the credit itself'),
  LastBandClosed: def('COMP4200', 'warning', 'last band closed', 'the last band ends at {to}: {what}'),
  BandAboveAttainmentCap: def('COMP4201', 'warning', 'band above the attainment cap', 'this band starts at {from}, at or above `cap attainment at {cap}` of `{name}`: it never pays'),
  PayFallsAsCreditRises: def('COMP4202', 'warning', 'pay falls as credit rises', 'at {at} the rate of {what} drops from {from} to {to} and applies to everything: more credit pays less'),
  MinimumAboveCap: def('COMP5200', 'warning', 'minimum above the cap', 'the minimum ({minimum}) is above the period cap ({cap})'),
  ConditionNeverHolds: def('COMP5201', 'warning', 'condition never holds', 'this condition can never hold: {why}'),
  ComponentNeverPays: def('COMP5202', 'warning', 'component never pays', 'component `{name}` never pays: {why}'),

  // balances, shown values, hierarchies, aggregates, reference data (docs/language.md sections 21-24; COMPx250-x299)
  ShowNotALet: def('COMP2250', 'error', 'not a let', '`{name}` is not a `let`: `show` lists values computed per rep and period'),
  AggregateWithoutRows: def('COMP2251', 'error', 'aggregate without rows', '`{name}(...)` names no rows to aggregate'),
  BoundsOnUnorderedField: def('COMP3251', 'error', 'bounds on a field without order', 'a field of type {type} cannot have bounds'),
  WithinNeedsHierarchy: def('COMP3250', 'error', 'not in a hierarchy', '`within` needs a row of a table with one field referencing itself, found {found}'),
  OpeningDrawWithoutDraw: def('COMP5250', 'error', 'opening draw balance without a draw', '`opening draw balance` needs a `draw recoverable` in the plan'),
  AggregateTableShape: def('COMP5252', 'error', 'aggregate over a table', '`{table}` needs {what} to be aggregated per rep and period'),
  BoundsOutOfOrder: def('COMP5253', 'error', 'bounds out of order', 'the low bound {low} is above the high bound {high}'),
  /** Retired (never reported; docs/diagnostics.md says why). */
  HierarchyToDate: def('COMP5254', 'error', 'roll-up to date', '`team credit by ... at level ...` is one period\'s credit: it cannot be paid on a measure to date'),
  OpeningCreditNotCumulative: def('COMP5251', 'error', 'opening credit without a measure to date', '`opening credit` needs `basis year to date` or `basis quarter to date`'),

  // calendar tables, the effective rate as a value (docs/language.md sections 2 and 6; COMPx200-x249)
  UnknownCalendar: def('COMP2200', 'error', 'unknown calendar', '`{name}` is not a declared calendar'),
  UnknownComponent: def('COMP2201', 'error', 'unknown component', '`{name}` is not a component of the plan'),
  EffectiveRateNoRate: def('COMP3202', 'error', 'no rate to blend', '`{name}` {why}: it has no effective rate'),
  CalendarGap: def('COMP5255', 'error', 'gap in a calendar', 'no period of calendar `{name}` covers {from} to {to}'),
  CalendarOverlap: def('COMP5256', 'error', 'overlap in a calendar', '`{key}` overlaps `{other}`: {from} to {to} is in both'),
  CalendarRowBackwards: def('COMP5257', 'error', 'period ends before it starts', '`{key}` ends on {end}, before it starts on {start}'),
  CalendarEmpty: def('COMP5258', 'error', 'calendar without periods', 'calendar `{name}` has no period'),
  NotOnCalendarTable: def('COMP5259', 'error', 'not defined on a calendar table', '{what} is not defined on periods from a calendar table'),

  // ---- 6xxx input data (file, line, column)
  MissingInputFile: def('COMP6001', 'error', 'missing input', 'no file for table `{table}` (looked for {looked})'),
  MissingColumn: def('COMP6002', 'error', 'missing column', 'column `{column}` of table `{table}` is missing'),
  BadNumber: def('COMP6003', 'error', 'bad number', '`{text}` is not a {type}'),
  BadDate: def('COMP6004', 'error', 'bad date', '`{text}` is not a date (YYYY-MM-DD)'),
  UnknownReference: def('COMP6005', 'error', 'unknown reference', '`{text}` is not a {what} in `{table}`'),
  SplitSum: def('COMP6006', 'error', 'splits do not sum to 100%', 'the splits of deal `{deal}` sum to {sum}, not 100%'),
  EmptyValue: def('COMP6007', 'error', 'empty value', '`{column}` is empty and not declared optional'),
  DuplicateKey: def('COMP6008', 'error', 'duplicate key', '`{key}` appears twice in `{table}` (first at line {line})'),
  BadBoolean: def('COMP6009', 'error', 'bad boolean', '`{text}` is not true or false'),
  BadMoney: def('COMP6010', 'error', 'bad amount', '`{text}` is not an amount in {currency}'),
  BadPeriod: def('COMP6011', 'error', 'bad period', '`{text}` is not a period (2026-01, 2026-Q1, 2026-H1, 2026, FY2027-Q1, a week\'s first day)'),
  MalformedFile: def('COMP6012', 'error', 'malformed file', '{problem}'),
  NotPositive: def('COMP6013', 'error', 'not positive', '`{column}` must be greater than zero, found `{text}`'),
  UnknownColumn: def('COMP6014', 'warning', 'unknown column', 'column `{column}` is not declared in table `{table}` and is not read'),
  ValueOutOfBounds: def('COMP6250', 'error', 'value out of bounds', '`{text}` is outside the bounds of `{column}` ({bounds})'),
  ParentLoop: def('COMP6251', 'error', 'parent chain loops', 'the `{field}` chain of `{key}` in `{table}` comes back to itself: {chain}'),
  // files, sandbox and hostile data (docs/diagnostics.md, COMP6350-COMP6359)
  OutsideDataFolders: def('COMP6350', 'error', 'outside the data folders', 'table `{table}` is read from `{source}`, which is outside the data folders'),
  NotAFile: def('COMP6351', 'error', 'not a data file', '`{file}` is {kind}, not a data file'),
  FileTooLarge: def('COMP6352', 'error', 'file too large', '`{file}` is {size}, over the limit of {max}'),
  TwinDataFiles: def('COMP6353', 'error', 'two files for one table', 'both `{a}` and `{b}` could hold table `{table}`'),
  UnreadDataFile: def('COMP6354', 'info', 'data file not read', '`{file}` is not read: no table of the plan is in a file of that name'),
  SplitShareOutOfRange: def('COMP6355', 'error', 'split share out of range', 'a split share must be between 0% and 100%, found {found}'),
  TooManyDigits: def('COMP6356', 'error', 'too many digits', '`{text}` has {n} significant digits; a number in the data may have at most {max}'),
  DataTooDeep: def('COMP6357', 'error', 'nested too deep', 'the JSON is nested more than {max} levels deep'),
  SheetCellError: def('COMP6358', 'error', 'spreadsheet cell', '{problem}'),

  // ---- 7xxx evaluation
  DivisionByZero: def('COMP7001', 'error', 'division by zero', '{what} divides by zero for rep `{rep}` in {period}'),
  MissingRow: def('COMP7002', 'error', 'missing row', 'no `{table}` row for rep `{rep}` in {period}'),
  MissingCreditValue: def('COMP7003', 'error', 'missing credit value', 'a credited row has no {what}'),
  CreditOutsidePlan: def('COMP7004', 'warning', 'credit outside the plan', 'credit dated {date} falls outside the plan periods and is not paid'),
  EmptyValueInEvaluation: def('COMP7005', 'error', 'empty value', '{what}: `{field}` is empty in `{table}` row `{key}` (rep `{rep}`, {period})'),
  InternalEvaluationError: def('COMP7000', 'error', 'internal evaluation error', '{what} could not be evaluated for rep `{rep}` in {period}: {problem}'),

  // ---- time and money (fiscal years, plan versions, assignments, currencies): x09x blocks
  ConversionWithoutRates: def('COMP3090', 'error', 'no FX rates', '{what} needs FX rates, and the plan declares none'),
  ConvertSameCurrency: def('COMP3091', 'warning', 'conversion to the same currency', 'this converts {currency} to {currency}: the rate is always 1'),
  UnknownMonth: def('COMP5090', 'error', 'unknown month', '`{name}` is not a month'),
  CalendarPeriodInFiscalPlan: def('COMP5091', 'warning', 'calendar period in a fiscal plan', '`{text}` is a calendar {what}, but this plan\'s {what}s are fiscal'),
  VersionOverlap: def('COMP5092', 'error', 'overlapping versions', '{problem}'),
  VersionMidPeriod: def('COMP5093', 'warning', 'version starts mid-period', 'version `{name}` takes effect on {date}, inside the period {period}: it pays from the next period'),
  VersionGap: def('COMP5094', 'error', 'gap between versions', 'no version of the plan is in force from {from} to {to}'),
  AssignmentTableShape: def('COMP5095', 'error', 'assignments table', '`{table}` needs {what} to hold assignments'),
  OverlappingAssignments: def('COMP6090', 'error', 'overlapping assignments', 'assignments of rep `{rep}` overlap: {first} and {second}'),
  BadFxRate: def('COMP6091', 'error', 'bad FX rate row', '{problem}'),
  MissingFxRate: def('COMP7090', 'error', 'no FX rate', 'no {from} to {to} rate on or before {date} ({what})'),

  // ---- 8400-8449 the editor (language server)
  SampleDataFileMissing: def('COMP8400', 'warning', 'data file not in the sample data', '`{file}` is not in the sample data folder `{folder}`: previews of this plan cannot run'),
  SampleDataFileRefused: def('COMP8401', 'warning', 'sample data file not read', '`{file}` in the sample data folder `{folder}` is not read: {problem}'),
  // ---- 8450-8499 the workbench: scenario files (`comp test`), statements (compiler/workbench/)
  ScenarioSyntax: def('COMP8450', 'error', 'scenario syntax', '{problem}'),
  DuplicateScenario: def('COMP8451', 'error', 'duplicate scenario', 'a scenario named `{name}` is already in this file'),
  ScenarioUnknownName: def('COMP8452', 'error', 'unknown name in a scenario', '{problem}'),
  ScenarioFileMissing: def('COMP8453', 'error', 'scenario file not found', '{problem}'),
  ExpectationFailed: def('COMP8454', 'error', 'expectation not met', '{problem}'),
  ScenarioDataError: def('COMP8455', 'error', 'scenario data rejected', '{problem}'),
  PdfUnavailable: def('COMP8456', 'error', 'no PDF printer', '{problem}'),
  // ---- 8xxx command line, files and output (8300-8349: --out and usage)
  OutIsFolder: def('COMP8300', 'error', '--out is a folder', '--out `{file}` is a folder: name a file'),
  OutFolderMissing: def('COMP8301', 'error', '--out folder missing', 'the folder of --out `{file}` does not exist'),
  OutIsInput: def('COMP8302', 'error', '--out would overwrite an input', '--out `{file}` is {what}: the command would overwrite it'),
  OutNotWritten: def('COMP8303', 'error', 'output not written', 'cannot write `{file}`: {problem}'),
  BadCommandLine: def('COMP8304', 'error', 'command line', '{problem}'),
  FileChangedMeanwhile: def('COMP8305', 'error', 'file changed meanwhile', '`{file}` changed while it was being formatted: it was not written'),
  InternalCommandError: def('COMP8349', 'error', 'internal error', 'internal error: {problem}'),

  // ---- 9xxx ledger (9300-9349)
  NotALedger: def('COMP9300', 'error', 'not a ledger', '`{file}` is not a ledger: {problem}'),
  LedgerBusy: def('COMP9301', 'error', 'ledger in use', 'the ledger `{file}` is in use by another process'),
  AlreadyClosed: def('COMP9302', 'error', 'period already closed', '{period} is already closed (on {closedAt} by {closedBy}); a closed period never changes'),
  CloseOutOfOrder: def('COMP9303', 'error', 'period closed out of order', '{period} is not the next period to close: {next} is (periods close in order)'),
  LedgerTampered: def('COMP9304', 'error', 'ledger tampered', '{problem}'),
  AdjustmentsWaiting: def('COMP9305', 'warning', 'adjustments wait', '{count} adjustment(s) to closed periods have no open period in this run to be paid in'),
  LedgerRecomputeMismatch: def('COMP9306', 'error', 'closed lines differ from a recomputation', 'close {seq} ({period}): {problem}'),

  // ---- 9xxx engines (SQL compilation, DuckDB, Spark, PostgreSQL): 95xx
  SqlUnsupported: def('COMP9501', 'error', 'not compiled to SQL', '{construct} cannot run in {engine} ({where})'),
  EngineDecimalRange: def('COMP9502', 'error', 'value outside the engine decimals', '`{field}` = {value} in {table} `{key}` does not fit the engine\'s exact DECIMAL(38, 10) columns'),
} as const satisfies Record<string, DiagnosticDef>;

export type CodeName = keyof typeof Codes;

const byCode = new Map<string, DiagnosticDef>(Object.values(Codes).map((d) => [d.code, d]));

export function lookupCode(code: string): DiagnosticDef | undefined {
  return byCode.get(code);
}

export function allCodes(): DiagnosticDef[] {
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** Fill a template: `format('cannot {verb}', { verb: 'add' })`. */
export function format(template: string, args: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
}

/** docs/diagnostics.md anchor for a code. */
export function docsAnchor(code: string): string {
  return `docs/diagnostics.md#${code.toLowerCase()}`;
}
