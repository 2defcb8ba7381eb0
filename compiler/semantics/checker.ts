// Names and types. Walks the AST once, resolves every name, gives every expression a type
// with units, checks tiers and component clauses, and records what the IDE needs (symbols,
// references). Never throws on a recovered tree: missing children are skipped, and an error
// yields the `unknown` type so that one mistake gives one diagnostic.
import type * as A from '../syntax/ast.js';
import type { Span } from '../syntax/span.js';
import { Codes, diag, suggest, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Reference, SymbolInfo, SymbolKind } from './symbols.js';
import type { BuiltinFn, FieldType } from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import { CURRENCIES, T, isNumeric, isScalar, isUnknown, joinScalar, sameType, show, type Type } from './types.js';
import { newBonusSemantics, type BonusHost, type BonusSemantics } from './bonus-host.js';
import { checkCurve, checkCurveCall, collectCurve } from './curves.js';
import { checkScorecard, checkScorecardRef, collectScorecard } from './scorecards.js';
import { checkCalendars, refuseOnCalendar, type CalendarInfo } from './calendars.js';
import { checkEffectiveRate, checkEffectiveRateCycles, EFFECTIVE_RATE, type EffectiveRateHost } from './effective-rate.js';
import { checkBonusClauses, otherRepLet, paysAnAmount } from './bonuses.js';
import { checkCumulativeComponent, checkSettlementClause, type CheckApi } from './cumulative.js';
import { checkClawbackBase, checkClawbackExtras, checkRoundCall } from './clawbacks.js';
import { creditRow } from './rows.js';
import { lintPlan } from './lints.js';
import { checkDrawExtras } from './draws.js';
import { checkEmployment, checkProrationCall, employmentNameType, type EmploymentInfo, type MechanicsHost } from './proration.js';
import { checkComponentCreditRules, checkRateTable, checkTeamLets, teamNameType } from './credit-rules.js';
import { checkConvert, checkTimeMoneyItem, checkTimeMoneyPlan, type TimeMoneyHost, type TimeMoneyInfo } from './time-money.js';
import { checkBalanceItem, checkOpeningCredit, type BalancesInfo } from './balances.js';
import { checkFieldBounds } from './bounds.js';
import { AGGREGATE_DOCS, checkAggregate, checkHierarchyBasis, checkHierarchyCredit, checkStrayWhere, checkWithin, isAggregateCall } from './relations.js';

export type Resolution =
  | { k: 'let'; name: string }
  | { k: 'ctx'; name: 'rep' | 'period' | 'row' | 'event' }
  | { k: 'table'; name: string }
  | { k: 'tiers'; name: string }
  | { k: 'field'; table: string; field: string }
  | { k: 'lookup'; table: string; field: string }
  | { k: 'periodField'; field: 'start' | 'end' }
  | { k: 'fn'; name: BuiltinFn }
  /** Proration and credit rules: `days_employed`, `prorate(...)`, `seasonal(...)`, `team quota` (proration.ts, credit-rules.ts). */
  | { k: 'mechanic'; name: string }
  /** Payout curves, scorecards, another rep's let (compiler/semantics/curves.ts, scorecards.ts, bonuses.ts). */
  | { k: 'curve'; name: string }
  | { k: 'scorecard'; name: string }
  | { k: 'repLet'; name: string };

export interface FieldInfo {
  decl: A.FieldDecl;
  name: string;
  type: Type;
  irType: FieldType;
  table: string;
}

export interface TableInfo {
  decl: A.TableDecl;
  name: string;
  roster: boolean;
  fields: Map<string, FieldInfo>;
  key?: string;
  repField?: string;
  periodField?: string;
}

export interface LetInfo {
  decl: A.LetDecl;
  name: string;
  type: Type;
}

export interface TiersInfo {
  name: string;
  table: A.TierTable;
  axis: 'attainment' | 'amount' | 'unknown';
  decl?: A.TiersDecl;
}

export interface CreditInfo {
  rule: A.CreditRule;
  table: string;
  alias: string;
  split?: { table: string; dealField: string; repField: string; shareField: string; overlayField?: string };
}

export interface ClawbackInfo {
  clause: A.ClawbackClause;
  events: string;
  dealField: string;
  dateField: string;
}

export interface Semantics {
  currency: string;
  title?: string;
  types: Map<A.Expr, Type>;
  res: Map<A.Node, Resolution>;
  tables: Map<string, TableInfo>;
  roster?: TableInfo;
  teamBy?: string;
  lets: Map<string, LetInfo>;
  /** Lets in dependency order. */
  letOrder: string[];
  tiers: Map<string, TiersInfo>;
  /** Inline tier tables of components. */
  inlineTiers: Map<A.TierTable, TiersInfo>;
  credits: CreditInfo[];
  clawbacks: Map<A.ClawbackClause, ClawbackInfo>;
  symbols: SymbolInfo[];
  references: Reference[];
  diagnostics: Diagnostic[];
  /** Payout curves, scorecards, mentors (compiler/semantics/bonus-host.ts). */
  bonus?: BonusSemantics;
  /** `employed from ... to ...` and `leave from ...` in the roster (compiler/semantics/proration.ts). */
  employment?: EmploymentInfo;
  /** Fiscal year, versions, assignments, FX (compiler/semantics/time-money.ts). */
  timeMoney?: TimeMoneyInfo;
  /** Opening balances, the negative-balance rule, shown lets (compiler/semantics/balances.ts). */
  balances?: BalancesInfo;
  /** `periods from calendar NAME`: the calendar's rows, when sound (compiler/semantics/calendars.ts). */
  calendar?: CalendarInfo;
}

/** What is in scope for an expression. */
export interface Ctx {
  /** Rep-period names (rep, period, credit, lets, per-rep tables). */
  rep: boolean;
  /** Description for "not available here" messages. */
  where: string;
  /** The row variable (credit rules, `credit where`, clawback proration), e.g. `deal`. */
  row?: { name: string; alias?: string; tables: string[] };
  event?: { name: string; table: string };
  /** Inside the value of `otherwise`: divisions are guarded. */
  guarded?: boolean;
  /** Lets currently being checked (cycle detection). */
}

const FUNCTIONS: Record<BuiltinFn, { min: number; max: number; sig: string; doc: string }> = {
  min: { min: 1, max: Infinity, sig: 'min(a, b, ...)', doc: "The smallest of its arguments; `min(deal.FIELD [where COND])`: the smallest over the rep's rows of the period." },
  max: { min: 1, max: Infinity, sig: 'max(a, b, ...)', doc: "The largest of its arguments; `max(deal.FIELD [where COND])`: the largest over the rep's rows of the period." },
  abs: { min: 1, max: 1, sig: 'abs(a)', doc: 'The absolute value.' },
  days_between: { min: 2, max: 2, sig: 'days_between(from, to)', doc: 'Whole days from the first date to the second.' },
  months_between: { min: 2, max: 2, sig: 'months_between(from, to)', doc: "Whole calendar months from the first date's month to the second's." },
  months_since: { min: 1, max: 1, sig: 'months_since(date)', doc: 'Counts months from a date to the current period: 1 in the month of the date.' },
  ramp: { min: 2, max: Infinity, sig: 'ramp(n, v1, v2, ...)', doc: 'The n-th value (v1 for n <= 1), and the last one after that.' },
  round: { min: 2, max: 2, sig: 'round(x, to 0.01, half even)', doc: "Rounds to a multiple of the place, in the mode written (default: the plan's `rounding` mode)." },
};

export const BUILTIN_NAMES: { name: string; type: string; doc: string }[] = [
  { name: 'rep', type: 'a rep (roster row)', doc: 'The rep being paid.' },
  { name: 'period', type: 'period', doc: 'The period being paid: `period.start`, `period.end`.' },
  { name: 'credit', type: 'money', doc: "The rep's credit in the period. `team credit`: the team's (direct reports); `team credit at level 2`, `at all levels`, `by product_lead`: deeper levels and other hierarchies; `credit where COND`: the deals meeting COND." },
];

export function functionInfo(name: string): { sig: string; doc: string } | undefined {
  if (name === 'sum' || name === 'count') return AGGREGATE_DOCS[name];
  if (name === EFFECTIVE_RATE) return { sig: 'effective_rate(COMPONENT)', doc: "The blended (effective) rate of a component in the rep's period: what its rate or tiers paid over the credit it paid on (to date with `basis year to date`), a percent. The component is evaluated first; write `otherwise 0%` for a period without credit." };
  return Object.hasOwn(FUNCTIONS, name) ? (FUNCTIONS as Record<string, { sig: string; doc: string }>)[name] : undefined;
}

export function check(plan: A.Plan, file: string, text: string): Semantics {
  return new Checker(plan, file, text).run();
}

class Checker {
  private readonly s: Semantics;
  private readonly letState = new Map<string, 'checking' | 'done'>();
  private readonly letStack: string[] = [];
  private headerSeen = new Map<string, A.Node>();
  private periodsDecl?: A.PeriodsDecl;

  constructor(
    private readonly plan: A.Plan,
    private readonly file: string,
    private readonly text: string,
  ) {
    this.s = {
      currency: 'USD',
      types: new Map(),
      res: new Map(),
      tables: new Map(),
      lets: new Map(),
      letOrder: [],
      tiers: new Map(),
      inlineTiers: new Map(),
      credits: [],
      clawbacks: new Map(),
      symbols: [],
      references: [],
      diagnostics: [],
      bonus: newBonusSemantics(),
    };
  }

  private bonusHostMemo?: BonusHost;
  /** What the checks of curves, scorecards and bonuses use (compiler/semantics/bonus-host.ts). */
  private bonusHost(): BonusHost {
    return (this.bonusHostMemo ??= {
      file: this.file,
      plan: this.plan,
      s: this.s,
      b: this.s.bonus!,
      err: (d) => this.err(d),
      src: (span) => this.src(span),
      expr: (e, ctx, allowTiers) => this.expr(e, ctx, allowTiers),
      condition: (e, ctx) => this.condition(e, ctx),
      letType: (name) => this.letType(name),
      declareTop: (name, what) => this.declareTop(name, what),
      addSymbol: (sym) => this.addSymbol(sym),
      addRef: (span, sym) => this.addRef(span, sym),
      symbolOf: (kind, name, container) => this.symbolOf(kind, name, container),
      nonZero: (e) => this.nonZero(e, new Set()),
    });
  }

  private mechHostMemo?: MechanicsHost;
  /** What the proration and credit-rule checks use (compiler/semantics/proration.ts, credit-rules.ts). */
  private mechHost(): MechanicsHost {
    return (this.mechHostMemo ??= {
      s: this.s,
      file: this.file,
      plan: this.plan,
      frequency: this.frequencyWord(),
      err: (d) => this.err(d),
      src: (span) => this.src(span),
      expr: (e, ctx) => this.expr(e, ctx),
      letType: (name) => this.letType(name),
      didYouMean: (name, candidates, otherwise) => this.didYouMean(name, candidates, otherwise),
      refField: (span, table, field) => this.addRef(span, this.symbolOf('field', field, table)),
      refTable: (span, t) => this.addRef(span, this.symbolOf(t.roster ? 'roster' : 'table', t.name)),
    });
  }

  run(): Semantics {
    this.collectHeader();
    this.collectDeclarations();
    this.checkCalendarPlan();
    for (const item of this.plan.items) {
      try {
        this.checkItem(item);
      } catch (e) {
        this.s.diagnostics.push(diag(Codes.InternalError, this.file, item.span, { problem: (e as Error).message }));
      }
    }
    if (this.effectiveRates) checkEffectiveRateCycles(this.erHost());
    checkTimeMoneyPlan(this.tm());
    checkTeamLets(this.mechHost());
    this.checkUnused();
    try {
      this.s.diagnostics.push(...lintPlan({ plan: this.plan, file: this.file, text: this.text, currency: this.s.currency, tiers: this.s.tiers }));
    } catch (e) {
      this.s.diagnostics.push(diag(Codes.InternalError, this.file, { start: 0, end: 0 }, { problem: `plan lints: ${(e as Error).message}` }));
    }
    return this.s;
  }

  /** Calendar tables (compiler/semantics/calendars.ts): the rows, and what a calendar plan cannot say. */
  private checkCalendarPlan(): void {
    const h = {
      file: this.file,
      plan: this.plan,
      err: (d: Diagnostic) => this.err(d),
      declareTop: (name: A.Name, what: string) => this.declareTop(name, what),
      addSymbol: (sym: SymbolInfo) => this.addSymbol(sym),
      addRef: (span: Span, sym: SymbolInfo | undefined) => this.addRef(span, sym),
      didYouMean: (name: string, candidates: Iterable<string>, otherwise?: string) => this.didYouMean(name, candidates, otherwise),
    };
    this.s.calendar = checkCalendars(h, this.periodsDecl);
    if (!this.periodsDecl?.calendar) return;
    for (const item of this.plan.items) {
      if (item.kind === 'FiscalDecl') refuseOnCalendar(h, item.span, '`fiscal year starts ...`', 'a calendar table states its own periods: remove this line');
    }
  }

  private effectiveRates = false;
  /** The host of `effective_rate(...)` (compiler/semantics/effective-rate.ts). */
  private erHost(): EffectiveRateHost {
    return {
      s: this.s,
      file: this.file,
      plan: this.plan,
      err: (d) => this.err(d),
      src: (span) => this.src(span),
      addRef: (span, sym) => this.addRef(span, sym),
      componentSymbol: (name) => this.symbolOf('component', name),
      didYouMean: (name, candidates, otherwise) => this.didYouMean(name, candidates, otherwise),
    };
  }

  /** The header's frequency word (`monthly`, `weeks`...), `calendar` for `periods from calendar NAME`. */
  private frequencyWord(): string | undefined {
    return this.periodsDecl?.calendar ? 'calendar' : this.periodsDecl?.frequency?.text;
  }

  /** The host for the time-and-money checks (compiler/semantics/time-money.ts). */
  private tm(): TimeMoneyHost {
    return {
      s: this.s,
      file: this.file,
      text: this.text,
      plan: this.plan,
      err: (d) => this.err(d),
      expr: (e, ctx) => this.expr(e, ctx as Ctx),
      repCtx: (where) => this.repCtx(where),
      once: (what, node) => this.once(what, node),
      ref: (span, kind, name, container) => this.addRef(span, this.symbolOf(kind, name, container)),
      didYouMean: (name, candidates, otherwise) => this.didYouMean(name, candidates, otherwise),
    };
  }

  // ------------------------------------------------------------ helpers

  private err(d: Diagnostic): void {
    this.s.diagnostics.push(d);
  }

  private src(span: Span): string {
    return this.text.slice(span.start, span.end);
  }

  private addSymbol(sym: SymbolInfo): SymbolInfo {
    this.s.symbols.push(sym);
    return sym;
  }

  private addRef(span: Span, sym: SymbolInfo | undefined): void {
    if (sym) this.s.references.push({ span, symbol: sym });
  }

  private symbolOf(kind: SymbolKind, name: string, container?: string): SymbolInfo | undefined {
    return this.s.symbols.find((x) => x.kind === kind && x.name === name && x.container === container);
  }

  private once(what: string, node: A.Node): boolean {
    const prev = this.headerSeen.get(what);
    if (prev) {
      this.err(diag(Codes.DuplicateHeader, this.file, node.span, { what }, { related: [{ file: this.file, span: prev.span, message: 'first declared here' }] }));
      return false;
    }
    this.headerSeen.set(what, node);
    return true;
  }

  // ------------------------------------------------------------ header

  private collectHeader(): void {
    let currencyFound = false;
    for (const item of this.plan.items) {
      if (item.kind === 'PlanHeader') {
        if (this.once('plan', item)) {
          this.s.title = item.title?.value;
          this.addSymbol({ name: item.title?.value ?? 'plan', kind: 'plan', type: 'plan', span: item.span, nameSpan: item.title?.span ?? item.span, doc: item.doc });
        }
      } else if (item.kind === 'CurrencyDecl') {
        if (this.once('currency', item) && item.code) {
          currencyFound = true;
          this.s.currency = item.code.text;
          if (!CURRENCIES.has(item.code.text)) this.err(diag(Codes.UnknownCurrency, this.file, item.code.span, { code: item.code.text }));
        }
      } else if (item.kind === 'PeriodsDecl') {
        if (this.once('periods', item)) this.periodsDecl = item;
      } else if (item.kind === 'RoundingDecl') {
        this.once('rounding', item);
      }
    }
    const at: Span = { start: 0, end: Math.min(this.text.length, Math.max(1, this.text.indexOf('\n') === -1 ? this.text.length : this.text.indexOf('\n'))) };
    if (!this.headerSeen.has('plan')) this.err(diag(Codes.MissingHeader, this.file, at, { what: 'plan' }, { hint: 'start the file with `plan "Name of the plan"`' }));
    if (!currencyFound && !this.headerSeen.has('currency')) this.err(diag(Codes.MissingHeader, this.file, at, { what: 'currency' }, { hint: 'add `currency USD` (or the plan currency) after the plan name' }));
    if (!this.periodsDecl) this.err(diag(Codes.MissingHeader, this.file, at, { what: 'periods' }, { hint: 'add `periods monthly` (or quarterly, annual, every 2 weeks)' }));
  }

  // ------------------------------------------------------------ declarations

  private declared = new Map<string, { span: Span; what: string }>();

  private declareTop(name: A.Name, what: string): boolean {
    const prev = this.declared.get(name.text);
    if (prev) {
      this.err(diag(Codes.DuplicateDeclaration, this.file, name.span, { name: name.text }, { related: [{ file: this.file, span: prev.span, message: `first declared here (${prev.what})` }] }));
      return false;
    }
    if (['rep', 'period', 'deal', 'event'].includes(name.text)) {
      this.err(diag(Codes.DuplicateDeclaration, this.file, name.span, { name: name.text }, { hint: `\`${name.text}\` is a built-in name; choose another` }));
      return false;
    }
    this.declared.set(name.text, { span: name.span, what });
    return true;
  }

  private collectDeclarations(): void {
    // Tables first (their fields may refer to each other in any order).
    const tableDecls: A.TableDecl[] = [];
    for (const item of this.plan.items) {
      if (item.kind === 'TableDecl' && item.name) {
        if (!this.declareTop(item.name, item.roster ? 'roster' : 'table')) continue;
        const info: TableInfo = { decl: item, name: item.name.text, roster: item.roster, fields: new Map() };
        this.s.tables.set(info.name, info);
        tableDecls.push(item);
        if (item.roster) {
          if (this.s.roster) {
            this.err(diag(Codes.RosterCount, this.file, item.name.span, { problem: 'a plan has one roster; this is the second' }, { related: [{ file: this.file, span: this.s.roster.decl.span, message: 'the first roster' }], hint: 'declare other tables with `table`' }));
          } else this.s.roster = info;
        }
        this.addSymbol({ name: info.name, kind: item.roster ? 'roster' : 'table', type: item.roster ? 'roster (one row per rep)' : 'table', span: item.span, nameSpan: item.name.span, doc: item.doc });
      }
    }
    if (!this.s.roster) {
      this.err(diag(Codes.RosterCount, this.file, { start: 0, end: 0 }, { problem: 'the plan has no roster' }, { hint: 'declare the reps: `roster reps from "reps.csv" { id: text key ... }`' }));
    }
    for (const t of tableDecls) this.collectFields(t);
    checkEmployment(this.mechHost(), tableDecls);

    for (const item of this.plan.items) {
      if (item.kind === 'LetDecl' && item.name) {
        if (!this.declareTop(item.name, 'let')) continue;
        this.s.lets.set(item.name.text, { decl: item, name: item.name.text, type: T.unknown });
        this.addSymbol({ name: item.name.text, kind: 'let', type: '?', span: item.span, nameSpan: item.name.span, doc: item.doc });
      } else if (item.kind === 'TiersDecl' && item.name) {
        if (!this.declareTop(item.name, 'tiers')) continue;
        if (item.table) {
          const info: TiersInfo = { name: item.name.text, table: item.table, axis: 'unknown', decl: item };
          this.s.tiers.set(info.name, info);
        }
        this.addSymbol({ name: item.name.text, kind: 'tiers', type: 'tiers', span: item.span, nameSpan: item.name.span, doc: item.doc });
      } else if (item.kind === 'CurveDecl') {
        collectCurve(this.bonusHost(), item);
      } else if (item.kind === 'ScorecardDecl') {
        collectScorecard(this.bonusHost(), item);
      } else if (item.kind === 'ComponentDecl' && item.name) {
        if (!this.declareTop(item.name, 'component')) continue;
        this.addSymbol({ name: item.name.text, kind: 'component', type: 'component', span: item.span, nameSpan: item.name.span, doc: item.doc ?? item.label?.value });
      }
    }
  }

  private collectFields(t: A.TableDecl): void {
    const info = this.s.tables.get(t.name!.text)!;
    for (const f of t.fields) {
      if (!f.name) continue;
      if (info.fields.has(f.name.text)) {
        this.err(diag(Codes.DuplicateDeclaration, this.file, f.name.span, { name: f.name.text }, { related: [{ file: this.file, span: info.fields.get(f.name.text)!.decl.span, message: 'first declared here' }] }));
        continue;
      }
      const [type, irType] = this.resolveFieldType(f);
      info.fields.set(f.name.text, { decl: f, name: f.name.text, type, irType, table: info.name });
      if (f.key) {
        if (info.key) this.err(diag(Codes.DuplicateClause, this.file, f.name.span, { clause: 'key' }));
        else info.key = f.name.text;
      }
      this.addSymbol({ name: f.name.text, kind: 'field', type: show(type, this.s.roster?.name) + (f.optional ? ', optional' : '') + (f.positive ? ', positive' : ''), span: f.span, nameSpan: f.name.span, doc: f.doc, container: info.name });
      checkFieldBounds(this.tm(), f, type);
      if (f.positive && !isNumeric(type) && !isUnknown(type)) {
        this.err(diag(Codes.TypeMismatch, this.file, f.span, { expected: 'a number or amount for `positive`', found: show(type) }));
      }
      for (const a of f.aliases) {
        if (!a.to) continue;
        if (type.k !== 'text' && type.k !== 'row' && !isUnknown(type)) {
          this.err(diag(Codes.TypeMismatch, this.file, a.span, { expected: 'a text or reference field for `where ... means ...`', found: show(type) }));
        }
      }
    }
    if (info.roster && !info.key && t.name) this.err(diag(Codes.MissingKey, this.file, t.name.span, { name: info.name }, { hint: 'mark the field that identifies a rep: `id: text key`' }));
    // Per-rep tables: a field holding a rep (and a period).
    if (!info.roster) {
      for (const f of info.fields.values()) {
        if (f.type.k === 'row' && f.type.table === this.s.roster?.name && !info.repField) info.repField = f.name;
        if (f.type.k === 'period' && !info.periodField) info.periodField = f.name;
      }
    }
    if (t.teamBy) {
      const f = info.fields.get(t.teamBy.text);
      if (!info.roster) this.err(diag(Codes.NotAvailableHere, this.file, t.teamBy.span, { name: 'team by', where: 'outside the roster' }));
      else if (!f) this.err(diag(Codes.UnknownField, this.file, t.teamBy.span, { owner: `the roster \`${info.name}\``, name: t.teamBy.text }, this.didYouMean(t.teamBy.text, info.fields.keys())));
      else if (!(f.type.k === 'row' && f.type.table === info.name)) this.err(diag(Codes.NotARep, this.file, t.teamBy.span, { found: show(f.type, info.name) }, { hint: `declare \`${f.name}: rep optional\`` }));
      else {
        this.s.teamBy = f.name;
        this.addRef(t.teamBy.span, this.symbolOf('field', f.name, info.name));
      }
    }
  }

  private resolveFieldType(f: A.FieldDecl): [Type, FieldType] {
    const n = f.type?.name;
    if (!n) return [T.unknown, { t: 'text' }];
    const simple: Record<string, [Type, FieldType]> = {
      text: [T.text, { t: 'text' }],
      date: [T.date, { t: 'date' }],
      period: [T.period, { t: 'period' }],
      boolean: [T.boolean, { t: 'boolean' }],
      integer: [T.integer, { t: 'integer' }],
      decimal: [T.decimal, { t: 'decimal' }],
      percent: [T.percent, { t: 'percent' }],
      money: [T.money(this.s.currency), { t: 'money', currency: this.s.currency }],
    };
    if (Object.hasOwn(simple, n.text)) return simple[n.text]!;
    if (n.text === 'rep') {
      const r = this.s.roster?.name ?? this.firstRosterName();
      if (!r) return [T.unknown, { t: 'text' }];
      return [T.row(r), { t: 'ref', table: r }];
    }
    if (/^[A-Z]{3}$/.test(n.text)) {
      if (!CURRENCIES.has(n.text)) this.err(diag(Codes.UnknownCurrency, this.file, n.span, { code: n.text }));
      return [T.money(n.text), { t: 'money', currency: n.text }];
    }
    const table = this.s.tables.get(n.text);
    if (table) {
      this.addRef(n.span, this.symbolOf(table.roster ? 'roster' : 'table', table.name));
      return [T.row(table.name), { t: 'ref', table: table.name }];
    }
    const candidates = [...Object.keys(simple), 'rep', ...this.s.tables.keys()];
    this.err(diag(Codes.UnknownType, this.file, n.span, { name: n.text }, this.didYouMean(n.text, candidates, 'a type: text, date, period, boolean, integer, decimal, percent, money, a currency code, rep or a table name')));
    return [T.unknown, { t: 'text' }];
  }

  private firstRosterName(): string | undefined {
    for (const item of this.plan.items) if (item.kind === 'TableDecl' && item.roster && item.name) return item.name.text;
    return undefined;
  }

  private didYouMean(name: string, candidates: Iterable<string>, otherwise?: string): { hint?: string; data?: Record<string, unknown> } {
    const s = suggest(name, candidates);
    if (s) return { hint: `did you mean \`${s}\`?`, data: { suggestion: s } };
    return otherwise ? { hint: `expected ${otherwise}` } : {};
  }

  // ------------------------------------------------------------ items

  private repCtx(where: string): Ctx {
    return { rep: true, where };
  }

  private checkItem(item: A.Item): void {
    switch (item.kind) {
      case 'PeriodsDecl':
        return this.checkPeriods(item);
      case 'RoundingDecl':
        return this.checkRounding(item);
      case 'CreditRule':
        return this.checkCreditRule(item);
      case 'LetDecl':
        if (item.name && this.s.lets.get(item.name.text)?.decl === item) this.letType(item.name.text);
        else if (item.value) this.expr(item.value, this.repCtx('in a let'));
        return;
      case 'TiersDecl':
        if (item.name && item.table) this.checkTierTable(this.s.tiers.get(item.name.text) ?? { name: item.name.text, table: item.table, axis: 'unknown' });
        return;
      case 'ComponentDecl':
        return this.checkComponent(item);
      case 'DrawDecl':
        return this.checkDraw(item);
      case 'TargetDecl':
        return this.checkTarget(item);
      case 'FiscalDecl':
      case 'VersionDecl':
      case 'EffectiveDecl':
      case 'FxDecl':
      case 'PayoutCurrencyDecl':
        return checkTimeMoneyItem(this.tm(), item);
      case 'OpeningDecl':
      case 'NegativeBalanceDecl':
      case 'ShowDecl':
        return checkBalanceItem(this.tm(), item);
      case 'CurveDecl':
        return checkCurve(this.bonusHost(), item);
      case 'ScorecardDecl':
        return checkScorecard(this.bonusHost(), item);
      default:
        return;
    }
  }

  private checkPeriods(p: A.PeriodsDecl): void {
    if (p.calendar) return; // compiler/semantics/calendars.ts
    const freq = p.frequency?.text;
    if (freq && !['monthly', 'semimonthly', 'quarterly', 'annual', 'weekly', 'weeks'].includes(freq)) {
      this.err(diag(Codes.TypeMismatch, this.file, p.frequency!.span, { expected: 'monthly, semimonthly, quarterly, annual, weekly or every N weeks', found: `\`${freq}\`` }));
    }
    if (p.every && (!p.every.integer || new Decimal(p.every.text).lte(0))) {
      this.err(diag(Codes.TypeMismatch, this.file, p.every.span, { expected: 'a whole number of weeks', found: p.every.text }));
    }
    if (freq === 'weeks' && p.from?.kind !== 'DateLit') {
      this.err(diag(Codes.TypeMismatch, this.file, p.from?.span ?? p.span, { expected: 'a start date for `every N weeks` (`from 2026-01-05`)', found: p.from ? this.src(p.from.span) : 'nothing' }));
    }
    for (const e of [p.from, p.to]) {
      if (e && e.kind !== 'DateLit' && e.kind !== 'PeriodLit' && e.kind !== 'ErrorExpr') {
        this.err(diag(Codes.TypeMismatch, this.file, e.span, { expected: 'a date or a period', found: `\`${this.src(e.span)}\`` }));
      }
    }
    if (p.from && p.to && (p.from.kind === 'DateLit' || p.from.kind === 'PeriodLit') && (p.to.kind === 'DateLit' || p.to.kind === 'PeriodLit')) {
      if (p.to.text < p.from.text.slice(0, p.to.text.length)) {
        this.err(diag(Codes.TypeMismatch, this.file, p.to.span, { expected: `an end after ${p.from.text}`, found: p.to.text }));
      }
    }
  }

  private checkRounding(r: A.RoundingDecl): void {
    if (r.place) {
      const v = new Decimal(r.place.text);
      const ok = v.gt(0) && (v.eq(1) || /^0\.0*1$/.test(r.place.text) || /^10*$/.test(r.place.text));
      if (!ok) this.err(diag(Codes.TypeMismatch, this.file, r.place.span, { expected: 'a rounding place such as 0.01, 1 or 100', found: r.place.text }));
    }
  }

  private checkCreditRule(r: A.CreditRule): void {
    if (!r.table) return;
    const table = this.s.tables.get(r.table.text);
    if (!table) {
      this.err(diag(Codes.UnknownTable, this.file, r.table.span, { name: r.table.text }, this.didYouMean(r.table.text, this.s.tables.keys())));
      return;
    }
    this.addRef(r.table.span, this.symbolOf(table.roster ? 'roster' : 'table', table.name));
    const alias = r.alias?.text ?? 'deal';
    const ctx: Ctx = { rep: false, where: 'in a credit rule (it is evaluated per row, not per rep)', row: { name: alias, tables: [table.name] } };
    const info: CreditInfo = { rule: r, table: table.name, alias };
    this.s.credits.push(info);
    if (r.where) this.condition(r.where, ctx);
    const required: [keyof A.CreditRule, string][] = [
      ['amount', 'amount'],
      ['date', 'date'],
      ['to', 'to'],
    ];
    for (const [k, clause] of required) {
      if (!r[k]) this.err(diag(Codes.CreditRuleIncomplete, this.file, r.table.span, { table: table.name, clause }, { hint: clause === 'to' ? 'say who is credited: `to deal.owner`' : `add \`${clause} deal.${clause === 'amount' ? 'amount' : 'close_date'}\`` }));
    }
    if (r.amount) {
      const t = this.expr(r.amount, ctx);
      if (!isUnknown(t) && !(t.k === 'money')) this.err(diag(Codes.TypeMismatch, this.file, r.amount.span, { expected: 'money', found: show(t) }));
      else if (t.k === 'money' && t.currency !== this.s.currency) this.err(diag(Codes.CurrencyMismatch, this.file, r.amount.span, { left: `credit in ${this.s.currency}`, right: show(t) }));
    }
    if (r.date) {
      const t = this.expr(r.date, ctx);
      if (!isUnknown(t) && t.k !== 'date') this.err(diag(Codes.TypeMismatch, this.file, r.date.span, { expected: 'a date', found: show(t) }));
    }
    if (r.to) {
      const t = this.expr(r.to, ctx);
      if (!isUnknown(t) && !(t.k === 'row' && t.table === this.s.roster?.name)) this.err(diag(Codes.NotARep, this.file, r.to.span, { found: show(t, this.s.roster?.name) }, { hint: 'declare the field as `owner: rep`' }));
    }
    if (r.splitBy) {
      const st = this.s.tables.get(r.splitBy.text);
      if (!st) {
        this.err(diag(Codes.UnknownTable, this.file, r.splitBy.span, { name: r.splitBy.text }, this.didYouMean(r.splitBy.text, this.s.tables.keys())));
        return;
      }
      this.addRef(r.splitBy.span, this.symbolOf('table', st.name));
      const fields = [...st.fields.values()];
      const dealField = fields.find((f) => f.type.k === 'row' && f.type.table === table.name);
      const repField = fields.find((f) => f.type.k === 'row' && f.type.table === this.s.roster?.name);
      const shareField = fields.find((f) => f.type.k === 'percent');
      const overlayField = fields.find((f) => f.type.k === 'boolean' && f.name === 'overlay') ?? fields.find((f) => f.type.k === 'boolean');
      const missing: string[] = [];
      if (!dealField) missing.push(`a field referencing \`${table.name}\``);
      if (!repField) missing.push('a `rep` field');
      if (!shareField) missing.push('a `percent` share field');
      if (missing.length) this.err(diag(Codes.SplitTableShape, this.file, r.splitBy.span, { table: st.name, what: missing.join(', ') }));
      else info.split = { table: st.name, dealField: dealField!.name, repField: repField!.name, shareField: shareField!.name, overlayField: overlayField?.name };
    }
  }

  // ------------------------------------------------------------ lets

  private letType(name: string): Type {
    const info = this.s.lets.get(name);
    if (!info) return T.unknown;
    const state = this.letState.get(name);
    if (state === 'done') return info.type;
    if (state === 'checking') {
      const cycle = [...this.letStack.slice(this.letStack.indexOf(name)), name].join(' -> ');
      this.err(diag(Codes.CyclicDefinition, this.file, info.decl.name!.span, { name, cycle }));
      return T.unknown;
    }
    this.letState.set(name, 'checking');
    this.letStack.push(name);
    const t = info.decl.value ? this.expr(info.decl.value, this.repCtx('in a let')) : T.unknown;
    this.letStack.pop();
    info.type = t.k === 'tiers' || t.k === 'table' ? T.unknown : t;
    if (t.k === 'tiers' || t.k === 'table') this.err(diag(Codes.TypeMismatch, this.file, info.decl.value!.span, { expected: 'a value', found: show(t) }));
    this.letState.set(name, 'done');
    this.s.letOrder.push(name);
    const sym = this.symbolOf('let', name);
    if (sym) sym.type = show(info.type, this.s.roster?.name);
    return info.type;
  }

  // ------------------------------------------------------------ tiers

  private checkTierTable(info: TiersInfo): void {
    const t = info.table;
    if (t.boundsWord && t.boundsWord.text !== 'band') this.err(diag(Codes.TypeMismatch, this.file, t.boundsWord.span, { expected: '`band` (`bounds in lower band`, `bounds in higher band`)', found: `\`${t.boundsWord.text}\`` }));
    if (t.bands.length === 0) {
      this.err(diag(Codes.EmptyTierTable, this.file, t.span));
      return;
    }
    let axis = 'unknown' as 'attainment' | 'amount' | 'unknown';
    const bounds: { from?: Decimal; to?: Decimal; band: A.Band }[] = [];
    const boundValue = (e: A.Expr | undefined): Decimal | undefined => {
      if (!e || e.kind === 'ErrorExpr') return undefined;
      let kind: 'attainment' | 'amount' | undefined;
      let value: Decimal | undefined;
      if (e.kind === 'PercentLit') {
        kind = 'attainment';
        value = new Decimal(e.text).div(100);
      } else if (e.kind === 'MoneyLit') {
        kind = 'amount';
        value = new Decimal(e.amount);
        if (e.currency !== this.s.currency) this.err(diag(Codes.CurrencyMismatch, this.file, e.span, { left: `bands in ${this.s.currency}`, right: `money (${e.currency})` }));
      } else if (e.kind === 'NumberLit') {
        kind = 'amount';
        value = new Decimal(e.text);
      } else {
        this.err(diag(Codes.BandBoundNotConstant, this.file, e.span));
        return undefined;
      }
      this.s.types.set(e, kind === 'attainment' ? T.percent : e.kind === 'MoneyLit' ? T.money(e.currency) : T.decimal);
      if (axis === 'unknown') axis = kind;
      else if (axis !== kind) {
        this.err(diag(Codes.MixedBandUnits, this.file, e.span, { found: `\`${this.src(e.span)}\` among ${axis === 'attainment' ? 'percent' : 'money'} bounds` }));
      }
      return value;
    };
    for (const band of t.bands) {
      bounds.push({ from: boundValue(band.from), to: boundValue(band.to), band });
      if (band.pays) {
        const rt = this.expr(band.pays, this.repCtx('in a band'));
        if (!isUnknown(rt) && rt.k !== 'percent') this.err(diag(Codes.RateNotPercent, this.file, band.pays.span, { found: show(rt) }, { hint: rt.k === 'decimal' ? percentHint(band.pays.kind === 'NumberLit' ? band.pays.text : this.src(band.pays.span)) : undefined }));
      }
    }
    info.axis = axis;
    const fmt = (d: Decimal) => (axis === 'attainment' ? `${d.mul(100).toString()}%` : d.toString());
    for (let i = 0; i < bounds.length; i++) {
      const b = bounds[i]!;
      if (b.from !== undefined && b.to !== undefined && b.to.lte(b.from)) {
        this.err(diag(Codes.EmptyBand, this.file, b.band.to!.span, { from: fmt(b.from), to: fmt(b.to) }));
      }
      if (!b.band.to && i < bounds.length - 1 && b.band.from) {
        this.err(diag(Codes.UnboundedBandNotLast, this.file, b.band.span, {}, { hint: 'add `to ...` to this band, or move it last' }));
      }
      if (i === 0 && b.from !== undefined && !b.from.isZero()) {
        this.err(diag(Codes.FirstBandNotZero, this.file, b.band.from!.span, { from: fmt(b.from) }, { hint: `add a first band \`from ${axis === 'amount' && b.band.from?.kind === 'MoneyLit' ? `${this.s.currency} 0` : axis === 'attainment' ? '0%' : '0'} to ${this.src(b.band.from!.span)} pays 0%\` to say so` }));
      }
      if (i > 0) {
        const prev = bounds[i - 1]!;
        if (prev.to !== undefined && b.from !== undefined) {
          if (b.from.gt(prev.to)) {
            this.err(diag(Codes.BandGap, this.file, b.band.from!.span, { from: fmt(prev.to), to: fmt(b.from) }, { hint: `start this band at ${this.src(prev.band.to!.span)}`, related: [{ file: this.file, span: prev.band.span, message: 'the previous band' }], data: { fix: 'band-gap', replace: b.band.from!.span, with: this.src(prev.band.to!.span) } }));
          } else if (b.from.lt(prev.to)) {
            this.err(diag(Codes.BandOverlap, this.file, b.band.from!.span, { start: fmt(b.from), end: fmt(prev.to) }, { hint: `bands own their \`from\` and not their \`to\`: start this band at ${this.src(prev.band.to!.span)}`, related: [{ file: this.file, span: prev.band.span, message: 'the previous band' }], data: { fix: 'band-gap', replace: b.band.from!.span, with: this.src(prev.band.to!.span) } }));
          }
        }
      }
    }
    if (axis === 'attainment') this.requireQuotaLets(t.span);
  }

  private quotaChecked = false;
  private requireQuotaLets(at: Span): void {
    if (this.quotaChecked) return;
    this.quotaChecked = true;
    for (const name of ['quota', 'attainment']) {
      if (!this.s.lets.has(name)) this.err(diag(Codes.AttainmentTiersNeedQuota, this.file, at, { name }, { hint: name === 'quota' ? 'add `let quota = rep.monthly_quota` (or how quota is set)' : 'add `let attainment = credit / quota otherwise 0%`' }));
    }
  }

  // ------------------------------------------------------------ components

  private checkComponent(c: A.ComponentDecl): void {
    const seen = new Map<string, A.Clause>();
    const single = ['ForClause', 'OnClause', 'BasisClause', 'RateClause'];
    let basis: A.Basis | undefined;
    let hasRate = false;
    let perDealCap: A.CapClause | undefined;
    // Under `basis per deal` and `basis running total` a flat rate and a per-deal cap are read
    // for each deal, so they may use the credited row (`deal`, or the plan's own name for it).
    const declaredBasis = c.clauses.find((x): x is A.BasisClause => x.kind === 'BasisClause' && !x.cumulative)?.basis;
    const perDealRow = declaredBasis === 'per deal' || declaredBasis === 'running total' ? creditRow(this.plan, this.s.tables) : undefined;
    for (const cl of c.clauses) {
      if (single.includes(cl.kind)) {
        const prev = seen.get(cl.kind);
        if (prev) {
          this.err(diag(Codes.DuplicateClause, this.file, cl.span, { clause: this.src(cl.span).split(/\s/)[0] ?? cl.kind }, { related: [{ file: this.file, span: prev.span, message: 'given here first' }] }));
          continue;
        }
        seen.set(cl.kind, cl);
      }
      const rc = this.repCtx('in a component');
      switch (cl.kind) {
        case 'ForClause':
          if (cl.cond) this.condition(cl.cond, rc);
          break;
        case 'OnClause':
          if (cl.measure) {
            if (cl.measure.kind !== 'CreditExpr' && cl.measure.kind !== 'ErrorExpr') {
              const t = this.expr(cl.measure, rc);
              this.err(diag(Codes.TypeMismatch, this.file, cl.measure.span, { expected: '`credit`, `team credit` or `credit where ...`', found: show(t, this.s.roster?.name) }));
            } else this.expr(cl.measure, rc);
            checkHierarchyBasis(this.tm(), c, cl.measure);
          }
          break;
        case 'BasisClause':
          basis = cl.basis;
          break;
        case 'RateClause':
          hasRate = true;
          if (cl.table) {
            const info: TiersInfo = { name: `${c.name?.text ?? 'component'} rate`, table: cl.table, axis: 'unknown' };
            this.s.inlineTiers.set(cl.table, info);
            this.checkTierTable(info);
          } else if (cl.byTable) {
            checkRateTable(this.mechHost(), cl.byTable, rc);
          } else if (cl.value) {
            const t = this.expr(cl.value, { ...rc, where: 'in a rate', ...(perDealRow ? { row: perDealRow } : {}) }, true);
            if (t.k === 'tiers') {
              if (t.axis === 'attainment') this.requireQuotaLets(cl.value.span);
            } else if (!isUnknown(t) && t.k !== 'percent') {
              this.err(diag(Codes.RateNotPercent, this.file, cl.value.span, { found: show(t, this.s.roster?.name) }, { hint: t.k === 'decimal' ? 'write rates as percents: `8%`, not `0.08`' : undefined }));
            }
          }
          break;
        case 'GateClause':
          if (cl.cond) this.condition(cl.cond, rc);
          break;
        case 'MultiplierClause': {
          if (cl.factor) {
            const t = this.expr(cl.factor, rc);
            if (!isUnknown(t) && !isScalar(t)) this.err(diag(Codes.TypeMismatch, this.file, cl.factor.span, { expected: 'a multiplier such as x1.2 or 50%', found: show(t, this.s.roster?.name) }));
          }
          if (cl.when) this.condition(cl.when, rc);
          break;
        }
        case 'CapClause': {
          if (!cl.limit) break;
          const t = this.expr(cl.limit, cl.per === 'deal' && perDealRow ? { ...rc, row: perDealRow } : rc);
          if (cl.per === 'attainment') {
            if (!isUnknown(t) && t.k !== 'percent') this.err(diag(Codes.TypeMismatch, this.file, cl.limit.span, { expected: 'a percent of quota', found: show(t) }));
            this.requireQuotaLets(cl.span);
          } else {
            if (!isUnknown(t) && t.k !== 'money') this.err(diag(Codes.TypeMismatch, this.file, cl.limit.span, { expected: 'money', found: show(t, this.s.roster?.name) }));
            else if (t.k === 'money' && t.currency !== this.s.currency) this.err(diag(Codes.CurrencyMismatch, this.file, cl.limit.span, { left: `payouts in ${this.s.currency}`, right: show(t) }));
            if (cl.per === 'deal') perDealCap = cl;
          }
          break;
        }
        case 'ClawbackClause':
          this.checkClawback(cl);
          break;
        case 'TrueUpClause':
        case 'AdvanceClause':
        case 'HoldbackClause':
        case 'AttainmentChoiceClause':
          checkSettlementClause(this.mechanicsApi(), cl);
          break;
        case 'OpeningCreditClause':
          checkOpeningCredit(this.tm(), c, cl);
          break;
      }
    }
    checkCumulativeComponent(this.mechanicsApi(), c);
    checkBonusClauses(this.bonusHost(), c);
    checkComponentCreditRules(this.mechHost(), c, basis);
    if (!hasRate && c.name && !paysAnAmount(c)) this.err(diag(Codes.ComponentWithoutRate, this.file, c.name.span, { name: c.name.text }, { hint: 'add `rate 10%` or `rate <tiers>`' }));
    if (perDealCap && (basis ?? 'period total') === 'period total' && !paysAnAmount(c)) {
      this.err(diag(Codes.PerDealCapOnTotal, this.file, perDealCap.span, {}, { hint: 'add `basis per deal`, or cap the period with `per period`' }));
    }
  }

  private checkClawback(cl: A.ClawbackClause): void {
    if (!cl.events) return;
    const t = this.s.tables.get(cl.events.text);
    if (!t) {
      this.err(diag(Codes.UnknownTable, this.file, cl.events.span, { name: cl.events.text }, this.didYouMean(cl.events.text, this.s.tables.keys())));
      return;
    }
    this.addRef(cl.events.span, this.symbolOf('table', t.name));
    const credited = new Set(this.s.credits.map((c) => c.table));
    for (const item of this.plan.items) if (item.kind === 'CreditRule' && item.table) credited.add(item.table.text);
    const fields = [...t.fields.values()];
    const dealField = fields.find((f) => f.type.k === 'row' && credited.has(f.type.table));
    const dateField = fields.find((f) => f.type.k === 'date' && f.name === 'date') ?? fields.find((f) => f.type.k === 'date');
    const missing: string[] = [];
    if (!dealField) missing.push(`a field referencing a credited table (${[...credited].map((x) => `\`${x}\``).join(', ') || 'none'})`);
    if (!dateField) missing.push('a `date` field');
    if (missing.length) {
      this.err(diag(Codes.ClawbackTableShape, this.file, cl.events.span, { table: t.name, what: missing.join(' and ') }));
      return;
    }
    this.s.clawbacks.set(cl, { clause: cl, events: t.name, dealField: dealField!.name, dateField: dateField!.name });
    if (cl.within && cl.within.kind !== 'DurationLit' && cl.within.kind !== 'ErrorExpr') {
      this.err(diag(Codes.TypeMismatch, this.file, cl.within.span, { expected: 'a window such as `90 days` or `12 months`', found: `\`${this.src(cl.within.span)}\`` }));
    }
    if (cl.prorate) {
      const dealTable = (dealField!.type as { table: string }).table;
      const ty = this.expr(cl.prorate, { rep: true, where: 'in a clawback', row: { ...creditRow(this.plan, this.s.tables), name: 'deal', tables: [dealTable] }, event: { name: 'event', table: t.name } });
      if (!isUnknown(ty) && !isScalar(ty)) this.err(diag(Codes.TypeMismatch, this.file, cl.prorate.span, { expected: 'a share (percent)', found: show(ty, this.s.roster?.name) }));
    }
    if (cl.takes) {
      // `takes P of credit`: a share of the rep's credit of the deal; `takes AMOUNT`: money
      const dealTable = (dealField!.type as { table: string }).table;
      const ty = this.expr(cl.takes, { rep: true, where: 'in a clawback', row: { ...creditRow(this.plan, this.s.tables), name: 'deal', tables: [dealTable] }, event: { name: 'event', table: t.name } });
      checkClawbackBase(this.mechanicsApi(), cl, ty, this.s.currency);
    }
    checkClawbackExtras(this.mechanicsApi(), cl);
  }

  /** The API of the mechanics checks in cumulative.ts, clawbacks.ts and draws.ts. */
  private mechanicsApi(): CheckApi {
    return {
      file: this.file,
      err: (d) => this.err(d),
      expr: (e, where) => this.expr(e, this.repCtx(where)),
      condition: (e, where) => this.condition(e, this.repCtx(where)),
      typeOf: (e) => this.s.types.get(e),
      src: (span) => this.src(span),
      rosterName: this.s.roster?.name,
      frequency: this.frequencyWord(),
    };
  }

  private checkDraw(d: A.DrawDecl): void {
    const rc = this.repCtx('in a draw');
    if (d.amount) {
      const t = this.expr(d.amount, rc);
      if (!isUnknown(t) && t.k !== 'money') this.err(diag(Codes.TypeMismatch, this.file, d.amount.span, { expected: 'money', found: show(t, this.s.roster?.name) }));
      else if (t.k === 'money' && t.currency !== this.s.currency) this.err(diag(Codes.CurrencyMismatch, this.file, d.amount.span, { left: `payouts in ${this.s.currency}`, right: show(t) }));
    }
    if (d.for) this.condition(d.for, rc);
    if (d.recoverAtMost) {
      const t = this.expr(d.recoverAtMost, rc);
      if (!isUnknown(t) && t.k !== 'percent' && t.k !== 'money') this.err(diag(Codes.TypeMismatch, this.file, d.recoverAtMost.span, { expected: 'a percent or money', found: show(t) }));
      if (!d.recoverable) this.err(diag(Codes.NotAvailableHere, this.file, d.recoverAtMost.span, { name: 'recover at most', where: 'on a guarantee (nothing is recovered)' }));
    }
    checkDrawExtras(this.mechanicsApi(), d);
  }

  /** `target rep { field: literal  table.field: literal }`: the rep editors preview payouts for. */
  private checkTarget(d: A.TargetDecl): void {
    if (!this.once('target rep', d)) return;
    if (d.subject && d.subject.text !== 'rep') this.err(diag(Codes.NotARep, this.file, d.subject.span, { found: `\`${d.subject.text}\`` }, { hint: 'write `target rep { ... }`' }));
    const roster = this.s.roster;
    const seen = new Set<string>();
    for (const e of d.entries) {
      if (!e.field) continue;
      let f: FieldInfo | undefined;
      if (e.table) {
        const t = this.s.tables.get(e.table.text);
        if (!t) {
          this.err(diag(Codes.UnknownTable, this.file, e.table.span, { name: e.table.text }, this.didYouMean(e.table.text, this.s.tables.keys())));
          continue;
        }
        this.addRef(e.table.span, this.symbolOf(t.roster ? 'roster' : 'table', t.name));
        if (!t.roster && !t.repField) {
          this.err(diag(Codes.NotAvailableHere, this.file, e.table.span, { name: t.name, where: 'per rep' }, { hint: `\`${t.name}\` has no \`rep\` field, so it has no row for the target rep` }));
          continue;
        }
        f = t.fields.get(e.field.text);
        if (!f) {
          this.err(diag(Codes.UnknownField, this.file, e.field.span, { owner: `\`${t.name}\``, name: e.field.text }, this.didYouMean(e.field.text, t.fields.keys())));
          continue;
        }
      } else {
        if (!roster) continue;
        f = roster.fields.get(e.field.text);
        if (!f) {
          this.err(diag(Codes.UnknownField, this.file, e.field.span, { owner: `a rep (roster \`${roster.name}\`)`, name: e.field.text }, this.didYouMean(e.field.text, roster.fields.keys())));
          continue;
        }
      }
      this.addRef(e.field.span, this.symbolOf('field', f.name, f.table));
      const key = `${f.table}.${f.name}`;
      if (seen.has(key)) this.err(diag(Codes.DuplicateClause, this.file, e.span, { clause: e.table ? `${e.table.text}.${f.name}` : f.name }));
      seen.add(key);
      if (!e.value) continue;
      const v = e.value.kind === 'Unary' && e.value.op === '-' && e.value.operand ? e.value.operand : e.value;
      const literal = ['NumberLit', 'PercentLit', 'MoneyLit', 'StringLit', 'BoolLit', 'DateLit', 'PeriodLit'].includes(v.kind);
      const t = this.expr(e.value, { rep: false, where: 'in `target rep`' });
      if (v.kind === 'ErrorExpr' || isUnknown(t) || isUnknown(f.type)) continue;
      if (!literal) {
        this.err(diag(Codes.TypeMismatch, this.file, e.value.span, { expected: 'a value written out (a number, percent, amount, text, date or true/false)', found: `\`${this.src(e.value.span)}\`` }));
        continue;
      }
      const numericOk = (t.k === 'integer' || t.k === 'decimal') && (f.type.k === 'integer' || f.type.k === 'decimal');
      const refOk = f.type.k === 'row' && t.k === 'text';
      if (!sameType(t, f.type) && !numericOk && !refOk) {
        this.err(diag(Codes.TypeMismatch, this.file, e.value.span, { expected: show(f.type, roster?.name), found: show(t, roster?.name) }));
      }
    }
  }

  private checkUnused(): void {
    const used = new Set(this.s.references.map((r) => `${r.symbol.kind}:${r.symbol.name}`));
    for (const l of this.s.lets.values()) {
      if (['quota', 'attainment', 'team quota', 'team attainment'].includes(l.name)) continue;
      if (!used.has(`let:${l.name}`) && l.decl.name) this.err(diag(Codes.UnusedDeclaration, this.file, l.decl.name.span, { name: l.name }));
    }
    for (const t of this.s.tiers.values()) {
      if (!used.has(`tiers:${t.name}`) && t.decl?.name) this.err(diag(Codes.UnusedDeclaration, this.file, t.decl.name.span, { name: t.name }));
    }
  }

  // ------------------------------------------------------------ expressions

  private condition(e: A.Expr, ctx: Ctx): void {
    const t = this.expr(e, ctx);
    if (!isUnknown(t) && t.k !== 'boolean') this.err(diag(Codes.ConditionNotBoolean, this.file, e.span, { found: show(t, this.s.roster?.name) }));
  }

  private expr(e: A.Expr, ctx: Ctx, allowTiers = false): Type {
    const t = this.exprInner(e, ctx, allowTiers);
    this.s.types.set(e, t);
    return t;
  }

  private exprInner(e: A.Expr, ctx: Ctx, allowTiers: boolean): Type {
    switch (e.kind) {
      case 'ErrorExpr':
        return T.unknown;
      case 'NumberLit':
        return e.integer ? T.integer : T.decimal;
      case 'PercentLit':
        return T.percent;
      case 'MoneyLit':
        if (!CURRENCIES.has(e.currency)) this.err(diag(Codes.UnknownCurrency, this.file, e.span, { code: e.currency }));
        return T.money(e.currency);
      case 'StringLit':
        return T.text;
      case 'BoolLit':
        return T.boolean;
      case 'DateLit':
        return T.date;
      case 'PeriodLit':
        return T.period;
      case 'DurationLit':
        return { k: 'duration', unit: e.unit };
      case 'NameRef':
        return this.nameRef(e, ctx, allowTiers);
      case 'FieldAccess':
        return this.fieldAccess(e, ctx);
      case 'Binary':
        return this.binary(e, ctx);
      case 'Unary': {
        if (!e.operand) return T.unknown;
        const t = this.expr(e.operand, ctx);
        if (isUnknown(t)) return t;
        if (e.op === 'not') {
          if (t.k !== 'boolean') this.err(diag(Codes.ConditionNotBoolean, this.file, e.operand.span, { found: show(t) }));
          return T.boolean;
        }
        if (!isNumeric(t)) {
          this.err(diag(Codes.TypeMismatch, this.file, e.operand.span, { expected: 'a number or amount', found: show(t, this.s.roster?.name) }));
          return T.unknown;
        }
        return t;
      }
      case 'IfExpr': {
        if (e.cond) this.condition(e.cond, ctx);
        const a = e.then ? this.expr(e.then, ctx) : T.unknown;
        const b = e.else ? this.expr(e.else, ctx) : T.unknown;
        return this.unify(a, b, e.else?.span ?? e.span);
      }
      case 'Otherwise': {
        const a = this.expr(e.value, { ...ctx, guarded: true });
        const b = e.fallback ? this.expr(e.fallback, ctx) : T.unknown;
        return this.unify(a, b, e.fallback?.span ?? e.span);
      }
      case 'Call':
        return this.call(e, ctx);
      case 'CreditExpr':
        return this.creditExpr(e, ctx);
      case 'ConvertExpr':
        return checkConvert(this.tm(), e, ctx);
    }
  }

  private unify(a: Type, b: Type, at: Span): Type {
    if (isUnknown(a)) return b;
    if (isUnknown(b)) return a;
    if (isScalar(a) && isScalar(b)) return joinScalar(a, b);
    if (!sameType(a, b)) {
      if (a.k === 'money' && b.k === 'money') this.err(diag(Codes.CurrencyMismatch, this.file, at, { left: show(a), right: show(b) }));
      else this.err(diag(Codes.TypeMismatch, this.file, at, { expected: show(a, this.s.roster?.name), found: show(b, this.s.roster?.name) }));
      return T.unknown;
    }
    return a;
  }

  private nameRef(e: A.NameRef, ctx: Ctx, allowTiers: boolean): Type {
    const name = e.name.text;
    const notHere = (what: string) => {
      this.err(diag(Codes.NotAvailableHere, this.file, e.span, { name: what, where: ctx.where }));
      return T.unknown;
    };
    if (ctx.row && (name === ctx.row.name || name === ctx.row.alias)) {
      this.s.res.set(e, { k: 'ctx', name: 'row' });
      return T.row(ctx.row.tables[0]!);
    }
    if (ctx.event && name === ctx.event.name) {
      this.s.res.set(e, { k: 'ctx', name: 'event' });
      return T.row(ctx.event.table);
    }
    if (name === 'rep') {
      if (!ctx.rep) return notHere('rep');
      this.s.res.set(e, { k: 'ctx', name: 'rep' });
      return this.s.roster ? T.row(this.s.roster.name) : T.unknown;
    }
    if (name === 'period') {
      if (!ctx.rep) return notHere('period');
      this.s.res.set(e, { k: 'ctx', name: 'period' });
      return T.period;
    }
    const let_ = this.s.lets.get(name);
    if (let_) {
      if (!ctx.rep) return notHere(name);
      this.s.res.set(e, { k: 'let', name });
      this.addRef(e.name.span, this.symbolOf('let', name));
      return this.letType(name);
    }
    const card = checkScorecardRef(this.bonusHost(), e, ctx);
    if (card) return card;
    const tiers = this.s.tiers.get(name);
    if (tiers) {
      this.addRef(e.name.span, this.symbolOf('tiers', name));
      if (!allowTiers) {
        this.err(diag(Codes.TypeMismatch, this.file, e.span, { expected: 'a value', found: `the tiers \`${name}\`` }, { hint: 'tiers are used in a component: `rate ' + name + '`' }));
        return T.unknown;
      }
      this.s.res.set(e, { k: 'tiers', name });
      if (tiers.axis === 'unknown') this.checkTierTableOnce(tiers);
      return { k: 'tiers', axis: tiers.axis, mode: tiers.table.mode ?? 'marginal' };
    }
    const table = this.s.tables.get(name);
    if (table) {
      this.s.res.set(e, { k: 'table', name });
      this.addRef(e.name.span, this.symbolOf(table.roster ? 'roster' : 'table', name));
      return { k: 'table', table: name };
    }
    if (name in FUNCTIONS) {
      this.err(diag(Codes.TypeMismatch, this.file, e.span, { expected: 'a value', found: `the function \`${name}\`` }, { hint: `call it: \`${FUNCTIONS[name as BuiltinFn].sig}\`` }));
      return T.unknown;
    }
    // `team quota at level 2`: the members of that roll-up (checked as `team credit at level 2` is)
    if (e.team && (name === 'team quota' || name === 'team attainment')) checkHierarchyCredit(this.tm(), e.team);
    const mech = employmentNameType(this.mechHost(), e, ctx) ?? teamNameType(this.mechHost(), e, ctx);
    if (mech) return mech;
    const candidates = [...this.s.lets.keys(), ...this.s.tables.keys(), ...(allowTiers ? this.s.tiers.keys() : [])];
    if (ctx.rep) candidates.push('rep', 'period');
    if (ctx.row) candidates.push(ctx.row.name);
    if (ctx.event) candidates.push(ctx.event.name);
    let extra = this.didYouMean(name, candidates);
    if (!extra.hint && ['quota', 'attainment'].includes(name)) extra = { hint: name === 'quota' ? 'declare it: `let quota = rep.monthly_quota`' : 'declare it: `let attainment = credit / quota otherwise 0%`' };
    if (name === 'deal' && !ctx.row) {
      // Not a typo of a table name: the credited row exists only where a deal is in hand.
      this.err(diag(Codes.NotAvailableHere, this.file, e.span, { name, where: ctx.where }, { hint: '`deal` is the credited row: it exists in credit rules, `credit where ...`, per-deal rates and caps, SPIFF conditions and clawback proration' }));
      return T.unknown;
    }
    this.err(diag(Codes.UndefinedName, this.file, e.span, { name }, extra));
    return T.unknown;
  }

  private tierChecked = new Set<TiersInfo>();
  private checkTierTableOnce(info: TiersInfo): void {
    if (this.tierChecked.has(info)) return;
    this.tierChecked.add(info);
    // Axis only (diagnostics come from the declaration's own check).
    for (const b of info.table.bands) {
      const e = b.from ?? b.to;
      if (e?.kind === 'PercentLit') {
        info.axis = 'attainment';
        return;
      }
      if (e?.kind === 'MoneyLit' || e?.kind === 'NumberLit') {
        info.axis = 'amount';
        return;
      }
    }
  }

  private fieldAccess(e: A.FieldAccess, ctx: Ctx): Type {
    const target = this.expr(e.target, ctx);
    if (!e.field || isUnknown(target)) return T.unknown;
    const fname = e.field.text;
    if (target.k === 'period') {
      if (fname === 'start' || fname === 'end') {
        this.s.res.set(e, { k: 'periodField', field: fname });
        return T.date;
      }
      this.err(diag(Codes.UnknownField, this.file, e.field.span, { owner: 'a period', name: fname }, this.didYouMean(fname, ['start', 'end'], '`start` or `end`')));
      return T.unknown;
    }
    if (target.k === 'row' || target.k === 'table') {
      const table = this.s.tables.get(target.table);
      if (!table) return T.unknown;
      const f = table.fields.get(fname);
      const other = !f && target.k === 'row' ? otherRepLet(this.bonusHost(), e, table.name, fname, ctx) : undefined;
      if (other) return other;
      if (!f) {
        const owner = target.k === 'row' && table.roster ? `a rep (roster \`${table.name}\`)` : `\`${table.name}\``;
        this.err(diag(Codes.UnknownField, this.file, e.field.span, { owner, name: fname }, this.didYouMean(fname, table.fields.keys(), `one of ${[...table.fields.keys()].map((k) => `\`${k}\``).join(', ')}`)));
        return T.unknown;
      }
      this.addRef(e.field.span, this.symbolOf('field', fname, table.name));
      if (target.k === 'table') {
        if (!ctx.rep) return this.notHere(e, `${table.name}.${fname}`, ctx);
        if (table.roster) {
          this.err(diag(Codes.NotAvailableHere, this.file, e.span, { name: `${table.name}.${fname}`, where: 'as a table lookup' }, { hint: `the current rep's row is \`rep\`: write \`rep.${fname}\`` }));
          return T.unknown;
        }
        if (!table.repField) {
          this.err(diag(Codes.NotAvailableHere, this.file, e.span, { name: `${table.name}.${fname}`, where: 'per rep' }, { hint: `\`${table.name}\` has no \`rep\` field, so it cannot be read for the current rep` }));
          return T.unknown;
        }
        this.s.res.set(e, { k: 'lookup', table: table.name, field: fname });
        return f.type;
      }
      this.s.res.set(e, { k: 'field', table: table.name, field: fname });
      return f.type;
    }
    this.err(diag(Codes.NotARow, this.file, e.field.span, { found: show(target, this.s.roster?.name) }));
    return T.unknown;
  }

  private notHere(e: A.Node, name: string, ctx: Ctx): Type {
    this.err(diag(Codes.NotAvailableHere, this.file, e.span, { name, where: ctx.where }));
    return T.unknown;
  }

  private binary(e: A.Binary, ctx: Ctx): Type {
    const l = this.expr(e.left, ctx);
    const r = e.right ? this.expr(e.right, ctx) : T.unknown;
    if (e.op === 'within') return checkWithin(this.tm(), e, l, r);
    if (isUnknown(l) || isUnknown(r)) {
      if (['=', '!=', '<', '<=', '>', '>=', 'and', 'or'].includes(e.op)) return T.boolean;
      if (e.op === '/' && !isUnknown(l) && !isUnknown(r)) return T.unknown;
      return T.unknown;
    }
    const sl = show(l, this.s.roster?.name);
    const sr = show(r, this.s.roster?.name);
    const span = e.span;
    switch (e.op) {
      case 'and':
      case 'or':
        for (const [t, x] of [
          [l, e.left],
          [r, e.right!],
        ] as const) {
          if (t.k !== 'boolean') this.err(diag(Codes.ConditionNotBoolean, this.file, x.span, { found: show(t, this.s.roster?.name) }));
        }
        return T.boolean;
      case '=':
      case '!=':
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const ordered = e.op !== '=' && e.op !== '!=';
        if (l.k === 'money' && r.k === 'money' && l.currency !== r.currency) {
          this.err(diag(Codes.CurrencyMismatch, this.file, span, { left: sl, right: sr }));
        } else if (!sameType(l, r)) {
          this.err(diag(Codes.IncomparableTypes, this.file, span, { left: sl, right: sr }, this.comparisonHint(l, r)));
        } else if (ordered && !(isNumeric(l) || l.k === 'date' || l.k === 'period' || l.k === 'text')) {
          this.err(diag(Codes.IncomparableTypes, this.file, span, { left: sl, right: sr }, { hint: `${sl} has no order; use \`=\` or \`!=\`` }));
        } else {
          // `attainment >= 70`: a percent against a plain number other than 0 is a units mistake.
          const bare = l.k === 'percent' && r.k !== 'percent' ? e.right! : r.k === 'percent' && l.k !== 'percent' ? e.left : undefined;
          if (bare?.kind === 'NumberLit' && !this.src(bare.span).startsWith('x') && !new Decimal(bare.text).isZero()) {
            const pct = new Decimal(bare.text).gte(1) ? bare.text : new Decimal(bare.text).times(100).toString();
            this.err(diag(Codes.IncomparableTypes, this.file, bare.span, { left: sl, right: `the plain number \`${this.src(bare.span)}\`` }, { hint: `write percents with \`%\`: \`${pct}%\`` }));
          }
        }
        return T.boolean;
      }
      case '+':
      case '-': {
        const verb = e.op === '+' ? 'add' : 'subtract';
        if (l.k === 'money' && r.k === 'money') {
          if (l.currency !== r.currency) {
            this.err(diag(Codes.CurrencyMismatch, this.file, span, { left: sl, right: sr }));
            return T.unknown;
          }
          return l;
        }
        if (isScalar(l) && isScalar(r)) return joinScalar(l, r);
        if (l.k === 'date' && r.k === 'duration') return T.date;
        if (l.k === 'date' && r.k === 'date' && e.op === '-') {
          this.err(diag(Codes.IncompatibleOperands, this.file, span, { verb, left: sl, right: sr }, { hint: 'use `days_between(a, b)` or `months_between(a, b)`' }));
          return T.unknown;
        }
        const hint =
          (l.k === 'money' && r.k === 'percent') || (l.k === 'percent' && r.k === 'money')
            ? { hint: `a percent of an amount is a product: \`${this.src(e.left.span)} ${e.op} ${this.src(e.left.span)} * ${this.src(e.right!.span)}\`?` }
            : {};
        this.err(diag(Codes.IncompatibleOperands, this.file, span, { verb, left: sl, right: sr }, hint));
        return T.unknown;
      }
      case '*': {
        if (l.k === 'money' && r.k === 'money') {
          this.err(diag(Codes.MoneyTimesMoney, this.file, span, {}, { hint: 'one side should be a rate or a quantity: money x percent is money' }));
          return T.unknown;
        }
        if (l.k === 'money' && isScalar(r)) return l;
        if (isScalar(l) && r.k === 'money') return r;
        if (isScalar(l) && isScalar(r)) return joinScalar(l, r);
        this.err(diag(Codes.IncompatibleOperands, this.file, span, { verb: 'multiply', left: sl, right: sr }));
        return T.unknown;
      }
      case '/': {
        this.checkDivisor(e, ctx);
        if (l.k === 'money' && r.k === 'money') {
          if (l.currency !== r.currency) {
            this.err(diag(Codes.CurrencyMismatch, this.file, span, { left: sl, right: sr }));
            return T.unknown;
          }
          return T.percent;
        }
        if (l.k === 'money' && isScalar(r)) return l;
        if (isScalar(l) && r.k === 'money') {
          this.err(diag(Codes.DivideByMoney, this.file, span, { left: sl }));
          return T.unknown;
        }
        if (isScalar(l) && isScalar(r)) {
          const j = joinScalar(l, r);
          return j.k === 'integer' ? T.decimal : j;
        }
        this.err(diag(Codes.IncompatibleOperands, this.file, span, { verb: 'divide', left: sl, right: sr }));
        return T.unknown;
      }
    }
  }

  private comparisonHint(l: Type, r: Type): { hint?: string } {
    if ((l.k === 'date' && r.k === 'money') || (l.k === 'money' && r.k === 'date')) return { hint: 'a date can be compared with a date, an amount with an amount' };
    if ((l.k === 'row' && r.k === 'text') || (l.k === 'text' && r.k === 'row')) return { hint: 'compare a field of the row, e.g. `deal.owner.id = "r1"`' };
    return {};
  }

  private checkDivisor(e: A.Binary, ctx: Ctx): void {
    if (ctx.guarded || !e.right) return;
    if (this.nonZero(e.right, new Set())) return;
    const divisor = this.src(e.right.span);
    this.err(
      diag(Codes.PossibleDivisionByZero, this.file, e.right.span, { divisor }, {
        hint: `say what it means when \`${divisor}\` is zero: \`${this.src(e.span)} otherwise 0%\`, or declare the field \`positive\``,
        data: { fix: 'otherwise', insertAt: e.span.end, text: ' otherwise 0%' },
      }),
    );
  }

  /** Can this expression be shown never to be zero? (conservative) */
  private nonZero(e: A.Expr, seen: Set<string>): boolean {
    switch (e.kind) {
      case 'NumberLit':
        return !new Decimal(e.text).isZero();
      case 'PercentLit':
        return !new Decimal(e.text).isZero();
      case 'MoneyLit':
        return !new Decimal(e.amount).isZero();
      case 'NameRef': {
        const r = this.s.res.get(e);
        if (r?.k === 'let' && !seen.has(r.name)) {
          seen.add(r.name);
          const v = this.s.lets.get(r.name)?.decl.value;
          return v ? this.nonZero(v, seen) : false;
        }
        return false;
      }
      case 'FieldAccess': {
        const r = this.s.res.get(e);
        if (r?.k === 'field' || r?.k === 'lookup') return this.s.tables.get(r.table)?.fields.get(r.field)?.decl.positive ?? false;
        return false;
      }
      case 'Binary':
        if (e.op === '*') return this.nonZero(e.left, seen) && !!e.right && this.nonZero(e.right, seen);
        if (e.op === '/') return this.nonZero(e.left, seen);
        if (e.op === '+') return this.positive(e.left, seen) && !!e.right && this.positive(e.right, seen);
        return false;
      case 'Unary':
        return e.op === '-' && !!e.operand && this.nonZero(e.operand, seen);
      case 'IfExpr':
        return !!e.then && !!e.else && this.nonZero(e.then, seen) && this.nonZero(e.else, seen);
      case 'Otherwise':
        return this.nonZero(e.value, seen) && !!e.fallback && this.nonZero(e.fallback, seen);
      case 'Call': {
        if (e.callee.text === 'ramp') return e.args.slice(1).every((a) => this.nonZero(a, seen));
        if (e.callee.text === 'max') return e.args.some((a) => this.positive(a, seen));
        if (e.callee.text === 'min') return e.args.every((a) => this.positive(a, seen));
        if (e.callee.text === 'abs') return !!e.args[0] && this.nonZero(e.args[0], seen);
        // seasonal(VALUE, by quarter W1, ...): every period's share is positive when every weight is
        if (e.callee.text === 'seasonal') return e.args.length > 1 && this.nonZero(e.args[0]!, seen) && e.args.slice(1).every((a) => this.positive(a, seen));
        if (e.callee.text === 'months_since') return false;
        return false;
      }
      default:
        return false;
    }
  }

  private positive(e: A.Expr, seen: Set<string>): boolean {
    switch (e.kind) {
      case 'NumberLit':
        return new Decimal(e.text).gt(0);
      case 'PercentLit':
        return new Decimal(e.text).gt(0);
      case 'MoneyLit':
        return new Decimal(e.amount).gt(0);
      case 'FieldAccess':
        return this.nonZero(e, seen);
      case 'NameRef':
        return this.nonZero(e, seen);
      case 'Binary':
        return (e.op === '*' || e.op === '/' || e.op === '+') && this.positive(e.left, seen) && !!e.right && this.positive(e.right, seen);
      default:
        return false;
    }
  }

  private call(e: A.Call, ctx: Ctx): Type {
    const name = e.callee.text;
    if (isAggregateCall(this.tm(), e)) return checkAggregate(this.tm(), e, ctx);
    checkStrayWhere(this.tm(), e);
    const curve = checkCurveCall(this.bonusHost(), e, ctx);
    if (curve) return curve;
    if (name === EFFECTIVE_RATE) {
      this.effectiveRates = true;
      return checkEffectiveRate(this.erHost(), e, ctx);
    }
    const info = Object.hasOwn(FUNCTIONS, name) ? (FUNCTIONS as Record<string, (typeof FUNCTIONS)[BuiltinFn]>)[name] : undefined;
    const argTypes = e.args.map((a) => this.expr(a, ctx));
    if (name === 'prorate' || name === 'seasonal') return checkProrationCall(this.mechHost(), e, ctx, argTypes);
    if (e.by) this.err(diag(Codes.TypeMismatch, this.file, e.by.span, { expected: 'a value', found: `\`by ${e.by.words.join(' ')}\`` }, { hint: '`by ...` is written in `prorate(...)` and `seasonal(...)`' }));
    if (name !== 'round' && e.mode) this.err(diag(Codes.TypeMismatch, this.file, e.mode.span, { expected: 'a value', found: `\`${e.mode.text}\`` }, { hint: 'a rounding mode is written in `round(x, to 0.01, half even)`' }));
    if (name === 'round') checkRoundCall(this.mechanicsApi(), e);
    if (!info) {
      this.err(diag(Codes.UnknownFunction, this.file, e.callee.span, { name }, this.didYouMean(name, Object.keys(FUNCTIONS), `one of ${Object.keys(FUNCTIONS).join(', ')}`)));
      return T.unknown;
    }
    this.s.res.set(e, { k: 'fn', name: name as BuiltinFn });
    if (e.args.length < info.min || e.args.length > info.max) {
      const expected = info.max === Infinity ? `at least ${info.min} argument${info.min > 1 ? 's' : ''}` : `${info.min} argument${info.min > 1 ? 's' : ''}`;
      this.err(diag(Codes.WrongArgumentCount, this.file, e.span, { name, expected, found: String(e.args.length) }, { hint: `\`${info.sig}\`` }));
      return T.unknown;
    }
    const expectType = (i: number, ok: (t: Type) => boolean, what: string) => {
      const t = argTypes[i]!;
      if (!isUnknown(t) && !ok(t)) this.err(diag(Codes.TypeMismatch, this.file, e.args[i]!.span, { expected: what, found: show(t, this.s.roster?.name) }));
    };
    switch (name as BuiltinFn) {
      case 'min':
      case 'max': {
        let acc: Type = T.unknown;
        argTypes.forEach((t, i) => {
          if (!isUnknown(t) && !isNumeric(t) && t.k !== 'date') this.err(diag(Codes.TypeMismatch, this.file, e.args[i]!.span, { expected: 'a number, amount or date', found: show(t, this.s.roster?.name) }));
          else acc = this.unify(acc, t, e.args[i]!.span);
        });
        return acc;
      }
      case 'abs':
      case 'round':
        expectType(0, isNumeric, 'a number or amount');
        return argTypes[0]!;
      case 'days_between':
      case 'months_between':
        expectType(0, (t) => t.k === 'date', 'a date');
        expectType(1, (t) => t.k === 'date', 'a date');
        return T.integer;
      case 'months_since':
        if (!ctx.rep) return this.notHere(e, 'months_since', ctx);
        expectType(0, (t) => t.k === 'date', 'a date');
        return T.integer;
      case 'ramp': {
        expectType(0, (t) => t.k === 'integer', 'a whole number (which step)');
        let acc: Type = T.unknown;
        for (let i = 1; i < argTypes.length; i++) {
          const t = argTypes[i]!;
          if (!isUnknown(t) && !isNumeric(t)) this.err(diag(Codes.TypeMismatch, this.file, e.args[i]!.span, { expected: 'a percent, number or amount', found: show(t) }));
          else acc = this.unify(acc, t, e.args[i]!.span);
        }
        return acc;
      }
    }
  }

  private creditExpr(e: A.CreditExpr, ctx: Ctx): Type {
    if (!ctx.rep) return this.notHere(e, e.team ? 'team credit' : 'credit', ctx);
    checkHierarchyCredit(this.tm(), e);
    if (e.team && !e.by && !this.s.teamBy && this.s.roster) {
      this.err(diag(Codes.TeamWithoutManager, this.file, e.span, {}, { hint: 'add `team by manager` to the roster, with `manager: rep optional`' }));
    }
    if (e.where) {
      const row = creditRow(this.plan, this.s.tables);
      if (!row) this.err(diag(Codes.NoCreditRule, this.file, e.span, {}));
      else this.condition(e.where, { ...ctx, row });
    }
    return T.money(this.s.currency);
  }
}

/** `write it as a percent, e.g. 110%` for a number written where a rate goes (`pays 1.1`); nothing for other text (`x1.1`). */
function percentHint(text: string): string | undefined {
  const t = text.replace(/,/g, '').trim();
  return /^-?\d+(\.\d+)?$/.test(t) ? `write it as a percent, e.g. \`${new Decimal(t).mul(100).toString()}%\`` : undefined;
}
