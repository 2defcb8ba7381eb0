// Typed AST -> IR. Runs only on plans without errors, so every name is resolved and every
// required child is present; a missing piece here is a bug in the checker, reported as such.
import type * as A from '../syntax/ast.js';
import type * as IR from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import { periodFromKey } from '../../runtime/calendar.js';
import { LineIndex } from '../syntax/lines.js';
import type { Semantics, TiersInfo } from '../semantics/model.js';
import { valueType } from '../semantics/types.js';
import { lowerEmployment, lowerMechanicCall, lowerMechanicName, lowerRateTable, teamQuotaAttainment, type MechLowering } from './credit-rules.js';
import { allScorecards, bonusExpr, bonusIR, type BonusLowering } from './bonuses.js';
import { lowerClawbackWindow, lowerComponentSettlement, lowerDrawExtras, type LowerApi } from './cumulative.js';
import { lowerAggregate, lowerWithin } from './relations.js';
import { fieldBounds } from '../semantics/bounds.js';
import { hierarchyOf } from '../semantics/relations.js';

/** `file`: the plan's file name, for the places run errors point at (`PlanAt`). */
export function lowerToIR(plan: A.Plan, sem: Semantics, text: string, file = 'plan.comp'): IR.PlanIR {
  return new Lowerer(plan, sem, text, file).run();
}

class LoweringError extends Error {}

class Lowerer {
  constructor(
    private readonly plan: A.Plan,
    private readonly sem: Semantics,
    private readonly text: string,
    private readonly file = 'plan.comp',
  ) {}

  private lines?: LineIndex;

  /** Where a node is written, 1-based (run errors point at it). */
  private at(n: A.Node): IR.PlanAt {
    const p = (this.lines ??= new LineIndex(this.text)).position(n.span.start);
    return { file: this.file, line: p.line + 1, column: p.column + 1 };
  }

  private src(n: A.Node): string {
    return this.text.slice(n.span.start, n.span.end).replace(/\s+/g, ' ').trim();
  }

  private need<X>(x: X | undefined, what: string): X {
    if (x === undefined) throw new LoweringError(`internal: ${what} missing after a clean check`);
    return x;
  }

  run(): IR.PlanIR {
    const items = this.plan.items;
    const periods = items.find((i): i is A.PeriodsDecl => i.kind === 'PeriodsDecl');
    const rounding = items.find((i): i is A.RoundingDecl => i.kind === 'RoundingDecl');
    const roster = this.need(this.sem.roster, 'roster');
    return {
      name: this.sem.title ?? 'plan',
      currency: this.sem.currency,
      periods: this.periods(this.need(periods, 'periods')),
      rounding: {
        mode: (rounding?.mode as IR.RoundingMode | undefined) ?? 'half away from zero',
        place: rounding?.place?.text ?? '0.01',
      },
      tables: [...this.sem.tables.values()].map((t) => ({
        name: t.name,
        source: t.decl.source?.value ?? `${t.name}.csv`,
        roster: t.roster,
        key: t.key,
        fields: [...t.fields.values()].map((f) => {
          const out: IR.FieldIR = { name: f.name, type: f.irType, optional: f.decl.optional, positive: f.decl.positive };
          const aliases = f.decl.aliases.filter((a) => a.to);
          if (aliases.length) out.aliases = Object.fromEntries(aliases.map((a) => [a.from.value, a.to!.value]));
          const bounds = fieldBounds(f.decl);
          if (bounds) out.bounds = { ...bounds };
          return out;
        }),
        repField: t.repField,
        periodField: t.periodField,
      })),
      roster: roster.name,
      teamBy: this.sem.teamBy,
      credits: this.sem.credits.map((c) => ({
        table: c.table,
        at: this.at(c.rule),
        where: c.rule.where ? this.expr(c.rule.where) : undefined,
        amount: this.expr(this.need(c.rule.amount, 'credit amount')),
        date: this.expr(this.need(c.rule.date, 'credit date')),
        to: this.expr(this.need(c.rule.to, 'credit to')),
        split: c.split,
        text: this.src(c.rule),
      })),
      lets: this.sem.letOrder.map((name) => {
        const l = this.sem.lets.get(name)!;
        return { name, type: valueType(l.type), expr: this.expr(this.need(l.decl.value, 'let value')), text: this.src(l.decl), at: this.at(l.decl) };
      }),
      components: items.filter((i): i is A.ComponentDecl => i.kind === 'ComponentDecl').map((c) => this.component(c)),
      draws: items.filter((i): i is A.DrawDecl => i.kind === 'DrawDecl').map((d) => this.draw(d)),
      employment: lowerEmployment(this.sem),
      scorecards: allScorecards(this.bonusLowering()),
    };
  }

  private periods(p: A.PeriodsDecl): IR.PeriodsIR {
    if (p.calendar) {
      // `periods from calendar NAME`: the rows the checker found sound, in date order
      const rows = this.sem.calendar?.rows;
      if (!rows?.length) throw new LoweringError('internal: a calendar plan without its checked rows');
      return { frequency: 'calendar', every: 1, calendar: rows.map((r) => ({ ...r })), from: rows[0]!.start, to: rows[rows.length - 1]!.end };
    }
    const freq = p.frequency?.text ?? 'monthly';
    const map: Record<string, IR.PeriodsIR['frequency']> = { monthly: 'month', semimonthly: 'semimonth', quarterly: 'quarter', annual: 'year', weekly: 'week', weeks: 'week' };
    const bound = (e: A.Expr | undefined, which: 'start' | 'end'): string | undefined => {
      if (!e) return undefined;
      if (e.kind === 'DateLit') return e.text;
      // The runtime's calendar reads the key, fiscal (`FY2027-Q1`) or calendar (`2026-Q1`).
      if (e.kind === 'PeriodLit') return periodFromKey(e.text, this.sem.timeMoney?.fiscalStart)?.[which];
      return undefined;
    };
    return {
      frequency: (Object.hasOwn(map, freq) ? map[freq] : undefined) ?? 'month',
      every: p.every ? Number(p.every.text) : 1,
      from: bound(p.from, 'start'),
      to: bound(p.to, 'end'),
    };
  }

  private tiers(info: TiersInfo): IR.RateIR {
    const value = (e: A.Expr | undefined): string | undefined => {
      if (!e) return undefined;
      if (e.kind === 'PercentLit') return new Decimal(e.text).div(100).toString();
      if (e.kind === 'MoneyLit') return new Decimal(e.amount).toString();
      if (e.kind === 'NumberLit') return new Decimal(e.text).toString();
      throw new LoweringError('internal: band bound not constant');
    };
    return {
      k: 'tiers',
      name: info.decl ? info.name : undefined,
      mode: info.table.mode ?? 'marginal',
      axis: info.axis === 'attainment' ? 'attainment' : 'amount',
      ...(info.table.boundsIn === 'lower' ? { boundsIn: 'lower' as const } : {}),
      bands: info.table.bands.map((b) => ({
        from: this.need(value(b.from), 'band from'),
        to: value(b.to),
        rate: this.expr(this.need(b.pays, 'band rate')),
        text: this.src(b),
      })),
    };
  }

  private component(c: A.ComponentDecl): IR.ComponentIR {
    const name = this.need(c.name, 'component name').text;
    const out: IR.ComponentIR = {
      name,
      label: c.label?.value ?? name,
      at: this.at(c),
      measure: { team: false, text: 'credit' },
      basis: 'period total',
      rate: { k: 'flat', expr: { k: 'num', value: '0', unit: 'percent' }, text: '0%' },
      gates: [],
      multipliers: [],
      caps: [],
      clawbacks: [],
    };
    let attainmentAxis = false;
    for (const cl of c.clauses) {
      switch (cl.kind) {
        case 'ForClause':
          out.appliesTo = this.expr(this.need(cl.cond, 'for'));
          break;
        case 'OnClause': {
          const m = this.need(cl.measure, 'on');
          if (m.kind === 'CreditExpr') {
            out.measure = { team: m.team, where: m.where ? this.expr(m.where) : undefined, text: this.src(m) };
            const hier = hierarchyOf(m);
            if (hier) out.measure.hierarchy = { ...hier };
          }
          break;
        }
        case 'BasisClause':
          out.basis = this.need(cl.basis, 'basis');
          break;
        case 'RateClause':
          if (cl.table) {
            const info = this.need(this.sem.inlineTiers.get(cl.table), 'inline tiers');
            out.rate = this.tiers(info);
          } else if (cl.byTable) {
            out.rate = lowerRateTable(this.mechLowering(), cl.byTable);
          } else {
            const v = this.need(cl.value, 'rate');
            const r = this.sem.res.get(v);
            if (v.kind === 'NameRef' && r?.k === 'tiers') out.rate = this.tiers(this.need(this.sem.tiers.get(r.name), 'tiers'));
            else out.rate = { k: 'flat', expr: this.expr(v), text: this.src(v) };
          }
          if (out.rate.k === 'tiers' && out.rate.axis === 'attainment') attainmentAxis = true;
          break;
        case 'GateClause':
          out.gates.push({ cond: this.expr(this.need(cl.cond, 'gate')), text: this.src(this.need(cl.cond, 'gate')) });
          break;
        case 'MultiplierClause':
          out.multipliers.push({ factor: this.expr(this.need(cl.factor, 'factor')), when: cl.when ? this.expr(cl.when) : undefined, text: this.src(cl) });
          break;
        case 'CapClause':
          if (cl.per === 'attainment') {
            out.attainmentCap = { limit: this.expr(this.need(cl.limit, 'cap')), text: this.src(cl) };
            attainmentAxis = true;
          } else out.caps.push({ per: this.need(cl.per, 'cap per') as 'deal' | 'period', limit: this.expr(this.need(cl.limit, 'cap')), text: this.src(cl) });
          break;
        case 'ClawbackClause': {
          const info = this.need(this.sem.clawbacks.get(cl), 'clawback');
          out.clawbacks.push({
            events: info.events,
            dealField: info.dealField,
            dateField: info.dateField,
            ...lowerClawbackWindow(this.mechanicsApi(), cl),
            mode: cl.mode ?? 'full',
            prorate: cl.prorate ? this.expr(cl.prorate) : undefined,
            ...(cl.takes ? { takes: { amount: this.expr(cl.takes), ofCredit: !!cl.takesOfCredit, text: this.src(cl.takes) } } : {}),
            text: this.src(cl),
          });
          break;
        }
      }
    }
    lowerComponentSettlement(this.mechanicsApi(), out, c);
    const bonus = bonusIR(this.bonusLowering(), c);
    if (bonus) {
      out.bonus = bonus;
      if (bonus.pays?.per === 'deal' || bonus.pays?.per === 'unit') out.basis = 'per deal';
    }
    if (attainmentAxis && out.measure.team) Object.assign(out, teamQuotaAttainment(this.sem));
    else if (attainmentAxis) {
      out.quota = { k: 'let', name: 'quota' };
      out.attainment = { k: 'let', name: 'attainment' };
    }
    return out;
  }

  private draw(d: A.DrawDecl): IR.DrawIR {
    const out: IR.DrawIR = {
      recoverable: d.recoverable,
      amount: this.expr(this.need(d.amount, 'draw amount')),
      appliesTo: d.for ? this.expr(d.for) : undefined,
      text: this.src(d),
    };
    if (d.recoverAtMost) {
      out.recoverAtMost = this.expr(d.recoverAtMost);
      out.recoverAtMostUnit = this.sem.types.get(d.recoverAtMost)?.k === 'money' ? 'money' : 'percent';
    }
    lowerDrawExtras(this.mechanicsApi(), out, d);
    return out;
  }

  /** For cumulative.ts: settlement clauses, clawback schedules, draw extras. */
  private mechanicsApi(): LowerApi {
    return { expr: (e) => this.expr(e), src: (n) => this.src(n), typeKind: (e) => this.sem.types.get(e)?.k };
  }

  private bonusLoweringMemo?: BonusLowering;
  /** Curves, scorecards and bonus clauses (compiler/lower/bonuses.ts). */
  private bonusLowering(): BonusLowering {
    return (this.bonusLoweringMemo ??= { sem: this.sem, expr: (e) => this.expr(e), src: (n) => this.src(n) });
  }

  private mechLoweringMemo?: MechLowering;
  /** Proration and credit rules (compiler/lower/credit-rules.ts). */
  private mechLowering(): MechLowering {
    return (this.mechLoweringMemo ??= { sem: this.sem, expr: (e) => this.expr(e), src: (n) => this.src(n) });
  }

  expr(e: A.Expr): IR.Expr {
    const bonus = bonusExpr(this.bonusLowering(), e);
    if (bonus) return bonus;
    switch (e.kind) {
      case 'NumberLit':
        return { k: 'num', value: new Decimal(e.text).toString(), unit: e.integer ? 'integer' : 'decimal' };
      case 'PercentLit':
        return { k: 'num', value: new Decimal(e.text).div(100).toString(), unit: 'percent' };
      case 'MoneyLit':
        return { k: 'num', value: new Decimal(e.amount).toString(), unit: 'money' };
      case 'StringLit':
        return { k: 'text', value: e.value };
      case 'BoolLit':
        return { k: 'bool', value: e.value };
      case 'DateLit':
        return { k: 'date', value: e.text };
      case 'PeriodLit':
        return { k: 'period', value: e.text };
      case 'DurationLit':
        return { k: 'duration', amount: Number(e.amount), unit: e.unit };
      case 'NameRef': {
        const r = this.need(this.sem.res.get(e), `resolution of ${e.name.text}`);
        if (r.k === 'let') return { k: 'let', name: r.name };
        if (r.k === 'ctx') return { k: 'ctx', name: r.name };
        if (r.k === 'mechanic') {
          const out = lowerMechanicName(r.name);
          // `team quota at level 2`: the members of that roll-up
          const hier = e.team ? hierarchyOf(e.team) : undefined;
          if (out.k === 'team' && hier) out.hierarchy = { ...hier };
          return out;
        }
        throw new LoweringError(`internal: ${e.name.text} is not a value`);
      }
      case 'FieldAccess': {
        const r = this.need(this.sem.res.get(e), 'field resolution');
        if (r.k === 'lookup') return { k: 'lookup', table: r.table, field: r.field, at: this.at(e) };
        if (r.k === 'periodField') return { k: 'field', of: this.expr(e.target), name: r.field };
        if (r.k === 'field') return { k: 'field', of: this.expr(e.target), name: r.field };
        throw new LoweringError('internal: field access');
      }
      case 'Binary': {
        if (e.op === 'within') return this.need(lowerWithin(e, (x) => this.expr(x)), 'within');
        const out: IR.Expr = { k: 'bin', op: e.op, l: this.expr(e.left), r: this.expr(this.need(e.right, 'right operand')) };
        if (e.op === '/') out.at = this.at(e);
        return out;
      }
      case 'Unary':
        return e.op === '-' ? { k: 'neg', e: this.expr(this.need(e.operand, 'operand')) } : { k: 'not', e: this.expr(this.need(e.operand, 'operand')) };
      case 'IfExpr':
        return { k: 'if', c: this.expr(this.need(e.cond, 'if')), t: this.expr(this.need(e.then, 'then')), e: this.expr(this.need(e.else, 'else')) };
      case 'Otherwise':
        return { k: 'otherwise', e: this.expr(e.value), fallback: this.expr(this.need(e.fallback, 'fallback')) };
      case 'Call': {
        const agg = lowerAggregate(e, (x) => this.expr(x), (x) => this.text.slice(x.span.start, x.span.end));
        if (agg) return agg;
        const r = this.need(this.sem.res.get(e), 'function');
        if (r.k === 'mechanic' && r.name === 'effective_rate') return { k: 'effectiveRate', component: (e.args[0] as A.NameRef).name.text, at: this.at(e) };
        if (r.k === 'mechanic') return lowerMechanicCall(this.mechLowering(), e);
        if (r.k !== 'fn') throw new LoweringError('internal: call');
        if (r.name === 'round') {
          // the place is a literal (checked); the mode, when written, is the rounding declaration's words
          const out: IR.Expr = { k: 'call', fn: 'round', args: [this.expr(this.need(e.args[0], 'round value'))], round: { place: this.need(e.args[1] as A.NumberLit | undefined, 'round place').text } };
          if (e.mode) out.round!.mode = e.mode.text as IR.RoundingMode;
          return out;
        }
        return { k: 'call', fn: r.name, args: e.args.map((a) => this.expr(a)) };
      }
      case 'CreditExpr': {
        const hier = hierarchyOf(e);
        return { k: 'credit', team: e.team, where: e.where ? this.expr(e.where) : undefined, ...(hier ? { hierarchy: { ...hier } } : {}) };
      }
      case 'ConvertExpr': {
        const t = e.from ? undefined : this.sem.types.get(this.need(e.amount, 'convert amount'));
        const from = t?.k === 'money' ? t.currency : '';
        const out: IR.Expr = { k: 'convert', e: this.expr(this.need(e.amount, 'convert amount')), from, to: this.need(e.currency, 'convert currency').text, on: this.expr(this.need(e.date, 'convert date')) };
        if (e.from) out.fromExpr = this.expr(e.from);
        return out;
      }
      case 'ErrorExpr':
        throw new LoweringError('internal: error expression after a clean check');
    }
  }
}

/** Lowers one expression of a checked plan (time and money: `payout currency`). */
export function lowerExpr(plan: A.Plan, sem: Semantics, text: string, e: A.Expr, file?: string): IR.Expr {
  return new Lowerer(plan, sem, text, file).expr(e);
}
