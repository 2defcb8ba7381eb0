// Names and types. Walks the AST once, resolves every name, gives every expression a type
// with units, checks tiers and component clauses, and records what the IDE needs (symbols,
// references). Never throws on a recovered tree: missing children are skipped, and an error
// yields the `unknown` type so that one mistake gives one diagnostic.
import type * as A from '../syntax/ast.js';
import type { Span } from '../syntax/span.js';
import { Codes, diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SymbolInfo } from './symbols.js';
import { isScalar, isUnknown, sameType, show } from './types.js';
import { checkCurve } from './curves.js';
import { checkScorecard } from './scorecards.js';
import { checkCalendars, refuseOnCalendar } from './calendars.js';
import { checkEffectiveRateCycles } from './effective-rate.js';
import { checkBonusClauses, paysAnAmount } from './bonuses.js';
import { checkCumulativeComponent, checkSettlementClause, type CheckApi } from './cumulative.js';
import { checkClawbackBase, checkClawbackExtras } from './clawbacks.js';
import { creditRow } from './rows.js';
import { lintPlan } from './lints.js';
import { checkDrawExtras } from './draws.js';
import { checkComponentCreditRules, checkRateTable, checkTeamLets } from './credit-rules.js';
import { checkTimeMoneyItem, checkTimeMoneyPlan } from './time-money.js';
import { checkBalanceItem, checkOpeningCredit } from './balances.js';
import { checkHierarchyBasis } from './relations.js';
import type { FieldInfo, TiersInfo, Semantics } from './model.js';
import { DeclarationChecker } from './declarations.js';

export type { Resolution, FieldInfo, TableInfo, LetInfo, TiersInfo, CreditInfo, ClawbackInfo, Semantics, Ctx } from './model.js';
export { BUILTIN_NAMES, functionInfo } from './builtins.js';

export function check(plan: A.Plan, file: string, text: string): Semantics {
  return new Checker(plan, file, text).run();
}
class Checker extends DeclarationChecker {

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
  protected checkCalendarPlan(): void {
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

  protected checkItem(item: A.Item): void {
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

  // ------------------------------------------------------------ components

  protected checkComponent(c: A.ComponentDecl): void {
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

  protected checkClawback(cl: A.ClawbackClause): void {
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
  protected mechanicsApi(): CheckApi {
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

  protected checkDraw(d: A.DrawDecl): void {
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
  protected checkTarget(d: A.TargetDecl): void {
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

  protected checkUnused(): void {
    const used = new Set(this.s.references.map((r) => `${r.symbol.kind}:${r.symbol.name}`));
    for (const l of this.s.lets.values()) {
      if (['quota', 'attainment', 'team quota', 'team attainment'].includes(l.name)) continue;
      if (!used.has(`let:${l.name}`) && l.decl.name) this.err(diag(Codes.UnusedDeclaration, this.file, l.decl.name.span, { name: l.name }));
    }
    for (const t of this.s.tiers.values()) {
      if (!used.has(`tiers:${t.name}`) && t.decl?.name) this.err(diag(Codes.UnusedDeclaration, this.file, t.decl.name.span, { name: t.name }));
    }
  }
}
