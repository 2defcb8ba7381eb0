// The plan's header and declarations: currency, periods, rounding, tables and their fields, credit
// rules, lets, tier tables.
import type * as A from '../syntax/ast.js';
import type { Span } from '../syntax/span.js';
import { Codes, diag } from '../diagnostics/diagnostic.js';
import type { FieldType } from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import { CURRENCIES, T, isNumeric, isUnknown, show, type Type } from './types.js';
import { collectCurve } from './curves.js';
import { collectScorecard } from './scorecards.js';
import { checkEmployment } from './proration.js';
import { checkFieldBounds } from './bounds.js';
import type { TableInfo, TiersInfo, CreditInfo, Ctx } from './model.js';
import { ExpressionChecker } from './expressions.js';

export abstract class DeclarationChecker extends ExpressionChecker {

  // ------------------------------------------------------------ header

  protected collectHeader(): void {
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

  protected declared = new Map<string, { span: Span; what: string }>();

  protected declareTop(name: A.Name, what: string): boolean {
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

  protected collectDeclarations(): void {
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

  protected collectFields(t: A.TableDecl): void {
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

  protected resolveFieldType(f: A.FieldDecl): [Type, FieldType] {
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

  protected firstRosterName(): string | undefined {
    for (const item of this.plan.items) if (item.kind === 'TableDecl' && item.roster && item.name) return item.name.text;
    return undefined;
  }

  protected checkPeriods(p: A.PeriodsDecl): void {
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

  protected checkRounding(r: A.RoundingDecl): void {
    if (r.place) {
      const v = new Decimal(r.place.text);
      const ok = v.gt(0) && (v.eq(1) || /^0\.0*1$/.test(r.place.text) || /^10*$/.test(r.place.text));
      if (!ok) this.err(diag(Codes.TypeMismatch, this.file, r.place.span, { expected: 'a rounding place such as 0.01, 1 or 100', found: r.place.text }));
    }
  }

  protected checkCreditRule(r: A.CreditRule): void {
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

  protected letType(name: string): Type {
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

  protected checkTierTable(info: TiersInfo): void {
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

  protected quotaChecked = false;
  protected requireQuotaLets(at: Span): void {
    if (this.quotaChecked) return;
    this.quotaChecked = true;
    for (const name of ['quota', 'attainment']) {
      if (!this.s.lets.has(name)) this.err(diag(Codes.AttainmentTiersNeedQuota, this.file, at, { name }, { hint: name === 'quota' ? 'add `let quota = rep.monthly_quota` (or how quota is set)' : 'add `let attainment = credit / quota otherwise 0%`' }));
    }
  }
}

/** `write it as a percent, e.g. 110%` for a number written where a rate goes (`pays 1.1`); nothing for other text (`x1.1`). */
function percentHint(text: string): string | undefined {
  const t = text.replace(/,/g, '').trim();
  return /^-?\d+(\.\d+)?$/.test(t) ? `write it as a percent, e.g. \`${new Decimal(t).mul(100).toString()}%\`` : undefined;
}
