// Types of expressions: names, fields, operators with units, calls, credit. One error yields the
// `unknown` type, so that one mistake gives one diagnostic.
import type * as A from '../syntax/ast.js';
import type { Span } from '../syntax/span.js';
import { Codes, diag } from '../diagnostics/diagnostic.js';
import type { BuiltinFn } from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import { CURRENCIES, T, isNumeric, isScalar, isUnknown, joinScalar, sameType, show, type Type } from './types.js';
import { checkCurveCall } from './curves.js';
import { checkScorecardRef } from './scorecards.js';
import { checkEffectiveRate, EFFECTIVE_RATE } from './effective-rate.js';
import { otherRepLet } from './bonuses.js';
import { checkRoundCall } from './clawbacks.js';
import { creditRow } from './rows.js';
import { checkProrationCall, employmentNameType } from './proration.js';
import { teamNameType } from './credit-rules.js';
import { checkConvert } from './time-money.js';
import { checkAggregate, checkHierarchyCredit, checkStrayWhere, checkWithin, isAggregateCall } from './relations.js';
import type { TiersInfo, Ctx } from './model.js';
import { FUNCTIONS } from './builtins.js';
import { CheckerBase } from './checker-base.js';

export abstract class ExpressionChecker extends CheckerBase {

  // ------------------------------------------------------------ expressions

  protected condition(e: A.Expr, ctx: Ctx): void {
    const t = this.expr(e, ctx);
    if (!isUnknown(t) && t.k !== 'boolean') this.err(diag(Codes.ConditionNotBoolean, this.file, e.span, { found: show(t, this.s.roster?.name) }));
  }

  protected expr(e: A.Expr, ctx: Ctx, allowTiers = false): Type {
    const t = this.exprInner(e, ctx, allowTiers);
    this.s.types.set(e, t);
    return t;
  }

  protected exprInner(e: A.Expr, ctx: Ctx, allowTiers: boolean): Type {
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

  protected unify(a: Type, b: Type, at: Span): Type {
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

  protected nameRef(e: A.NameRef, ctx: Ctx, allowTiers: boolean): Type {
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

  protected tierChecked = new Set<TiersInfo>();
  protected checkTierTableOnce(info: TiersInfo): void {
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

  protected fieldAccess(e: A.FieldAccess, ctx: Ctx): Type {
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

  protected notHere(e: A.Node, name: string, ctx: Ctx): Type {
    this.err(diag(Codes.NotAvailableHere, this.file, e.span, { name, where: ctx.where }));
    return T.unknown;
  }

  protected binary(e: A.Binary, ctx: Ctx): Type {
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

  protected comparisonHint(l: Type, r: Type): { hint?: string } {
    if ((l.k === 'date' && r.k === 'money') || (l.k === 'money' && r.k === 'date')) return { hint: 'a date can be compared with a date, an amount with an amount' };
    if ((l.k === 'row' && r.k === 'text') || (l.k === 'text' && r.k === 'row')) return { hint: 'compare a field of the row, e.g. `deal.owner.id = "r1"`' };
    return {};
  }

  protected checkDivisor(e: A.Binary, ctx: Ctx): void {
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
  protected nonZero(e: A.Expr, seen: Set<string>): boolean {
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

  protected positive(e: A.Expr, seen: Set<string>): boolean {
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

  protected call(e: A.Call, ctx: Ctx): Type {
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

  protected creditExpr(e: A.CreditExpr, ctx: Ctx): Type {
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
