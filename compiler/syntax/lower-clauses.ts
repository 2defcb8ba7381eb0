// CST -> AST for what a component is made of: its clauses (for, on, basis, rate, gate, multiplier,
// cap, clawback, settlement and bonus clauses), tier tables and rate tables.
import type { CstNode, IToken } from 'chevrotain';
import * as T from '../../grammar/tokens.js';
import type * as A from './ast.js';
import type { Span } from './span.js';
import { tokSpan } from './lower-base.js';
import { ExprLowerer } from './lower-expr.js';

export class ClauseLowerer extends ExprLowerer {
  protected componentDecl(n: CstNode): A.ComponentDecl {
    const out: A.ComponentDecl = { kind: 'ComponentDecl', span: this.spanOr(n, 0), name: this.nameOf(this.node(n, 'name')), clauses: [], doc: this.docFor(n) };
    const label = this.stringLit(this.tok(n, 'StringTok'));
    if (label) out.label = label;
    for (const c of this.nodes(n, 'clause')) {
      const cl = this.clause(c);
      if (cl) out.clauses.push(cl);
    }
    return out;
  }

  private clause(n: CstNode): A.Clause | undefined {
    const sp = this.span(n);
    if (!sp) return undefined;
    const kwOf = (t: { name: string }) => this.tokByType(n, t);
    let k: IToken | undefined;
    const bonus = this.bonusClause(n);
    if (bonus) return bonus;
    const settlement = this.settlementClause(n, sp);
    if (settlement) return settlement;
    if ((k = kwOf(T.For))) return { kind: 'ForClause', span: sp, cond: this.expression(this.node(n, 'expression'), this.end(k, 0)) };
    if ((k = kwOf(T.On))) return { kind: 'OnClause', span: sp, measure: this.expression(this.node(n, 'expression'), this.end(k, 0)) };
    if ((k = kwOf(T.Basis))) {
      const out: A.BasisClause = { kind: 'BasisClause', span: sp };
      if (kwOf(T.Per) && kwOf(T.Deal)) out.basis = 'per deal';
      else if (kwOf(T.Period) && kwOf(T.Total)) out.basis = 'period total';
      else if (kwOf(T.Running) && kwOf(T.Total)) out.basis = 'running total';
      else if (this.node(n, 'cumulativeScope')) {
        const scope = this.tok(this.node(n, 'cumulativeScope'), 'scope');
        if (scope) {
          out.basis = 'period total';
          out.cumulative = scope.image === 'quarter' ? 'quarter' : 'year';
        }
      }
      return out;
    }
    if ((k = kwOf(T.Rate))) {
      const out: A.RateClause = { kind: 'RateClause', span: sp };
      const rv = this.node(n, 'rateValue');
      const tt = this.node(rv, 'tierTable');
      const rt = this.node(rv, 'rateTable');
      if (tt && this.span(tt)) out.table = this.tierTable(tt);
      else if (rt && this.span(rt)) out.byTable = this.rateTable(rt);
      else out.value = this.expression(this.node(rv, 'expression'), this.end(k, 0));
      return out;
    }
    if ((k = kwOf(T.Gate))) return { kind: 'GateClause', span: sp, cond: this.expression(this.node(n, 'expression'), this.end(k, 0)) };
    if ((k = kwOf(T.Multiplier))) {
      const out: A.MultiplierClause = { kind: 'MultiplierClause', span: sp, factor: this.expression(this.node(n, 'factor'), this.end(k, 0)) };
      const w = kwOf(T.When);
      if (w || this.node(n, 'when')) out.when = this.expression(this.node(n, 'when'), this.end(w, sp.end));
      return out;
    }
    if ((k = kwOf(T.Cap))) {
      const out: A.CapClause = { kind: 'CapClause', span: sp };
      const cl = this.node(n, 'capLimit');
      const att = this.tokByType(cl, T.Attainment);
      if (att && this.node(cl, 'atLimit') !== undefined) {
        out.per = 'attainment';
        out.limit = this.expression(this.node(cl, 'atLimit'), this.end(this.tokByType(cl, T.At) ?? att, 0));
      } else if (att && this.tokByType(cl, T.At)) {
        out.per = 'attainment';
        out.limit = this.errorExpr(this.end(this.tokByType(cl, T.At), 0));
      } else {
        out.limit = this.expression(this.node(cl, 'expression'), this.end(k, 0));
        if (this.tokByType(cl, T.Deal)) out.per = 'deal';
        else if (this.tokByType(cl, T.Period)) out.per = 'period';
      }
      return out;
    }
    if ((k = kwOf(T.Clawback))) {
      const out: A.ClawbackClause = { kind: 'ClawbackClause', span: sp, net: !!kwOf(T.Net) };
      const ev = this.nameOf(this.node(n, 'name'));
      if (ev) out.events = ev;
      const win = this.node(n, 'clawbackWindow');
      const w = this.tokByType(win, T.Within);
      const d = this.node(win, 'duration');
      if (w || d) out.within = this.duration(d, this.end(w, sp.end));
      if (this.tokByType(win, T.Schedule)) {
        out.schedule = this.nodes(win, 'scheduleRow')
          .filter((r) => this.span(r))
          .map((r) => {
            const rs = this.span(r)!;
            const row: A.ScheduleRow = { kind: 'ScheduleRow', span: rs };
            const rw = this.tokByType(r, T.Within);
            const rd = this.node(r, 'duration');
            if (rw || rd) row.within = this.duration(rd, this.end(rw, rs.end));
            const takes = this.tokByType(r, T.Takes);
            if (takes || this.node(r, 'share')) row.share = this.expression(this.node(r, 'share'), this.end(takes, rs.end));
            return row;
          });
      }
      if (kwOf(T.Full)) out.mode = 'full';
      const base = this.node(n, 'base');
      if (base && this.span(base)) {
        out.takes = this.expression(this.node(base, 'amount'), this.end(this.tokByType(base, T.Takes), sp.end));
        if (this.tok(base, 'of')) out.takesOfCredit = true;
      }
      const pr = kwOf(T.Prorated);
      if (pr) {
        out.mode = 'prorated';
        const ps = this.node(n, 'prorate');
        const term = this.tokByType(ps, T.Term);
        if (this.tokByType(ps, T.Unused)) out.unusedTerm = true;
        out.prorate = this.expression(this.node(ps, 'expression'), this.end(term ?? kwOf(T.By) ?? pr, 0));
      }
      return out;
    }
    return undefined;
  }

  /** `by deal.product { "GTX Pro" pays 8%  otherwise pays 6% }` */
  private rateTable(n: CstNode): A.RateTable {
    const byTok = this.tokByType(n, T.By);
    const sp = this.spanOr(n, 0);
    const out: A.RateTable = { kind: 'RateTable', span: sp, key: this.expression(this.node(n, 'key'), this.end(byTok, sp.start)), entries: [] };
    for (const e of this.nodes(n, 'rateEntry')) {
      const es = this.span(e);
      if (!es) continue;
      const values = this.toks(e, 'value').map((t) => this.stringLit(t)!);
      const pays = this.tokByType(e, T.Pays);
      const entry: A.RateEntry = { kind: 'RateEntry', span: es, values, otherwise: !!this.tokByType(e, T.Otherwise) };
      if (pays || this.node(e, 'rate')) entry.rate = this.orExpr(this.node(e, 'rate'), this.end(pays, es.end));
      out.entries.push(entry);
    }
    return out;
  }

  private duration(n: CstNode | undefined, at: number): A.Expr {
    const num = this.tokByType(n, T.NumberLiteral);
    const unit = this.tokByType(n, T.Days) ?? this.tokByType(n, T.Months);
    if (num && unit) {
      return { kind: 'DurationLit', amount: num.image.replace(/,/g, ''), unit: unit.image as 'days' | 'months', span: { start: num.startOffset, end: this.end(unit, 0) } };
    }
    return this.errorExpr(num ? this.end(num, at) : at);
  }

  /** `true-up can be negative`, `advance ...`, `hold back ...`, `cancelled deals leave|stay in attainment`. */
  private settlementClause(n: CstNode, sp: Span): A.Clause | undefined {
    if (this.tokByType(n, T.Opening)) {
      return { kind: 'OpeningCreditClause', span: sp, value: this.expression(this.node(n, 'openingValue'), this.end(this.tok(n, 'opening'), sp.end)) };
    }
    const s = this.node(n, 'settlementClause');
    if (!s) return undefined;
    const t = (type: { name: string }) => this.tokByType(s, type);
    let k: IToken | undefined;
    if (t(T.True) && t(T.Can)) return { kind: 'TrueUpClause', span: sp };
    if ((k = t(T.Advance))) {
      const out: A.AdvanceClause = { kind: 'AdvanceClause', span: sp, share: this.expression(this.node(s, 'advance'), this.end(k, 0)) };
      const settle = this.tok(s, 'settle');
      if (settle) out.settle = settle.image === 'year' ? 'year' : 'quarter';
      return out;
    }
    if ((k = t(T.Hold))) {
      const out: A.HoldbackClause = { kind: 'HoldbackClause', span: sp, share: this.expression(this.node(s, 'hold'), this.end(t(T.Back) ?? k, 0)) };
      const until = t(T.Until);
      if (until || this.node(s, 'until')) out.until = this.expression(this.node(s, 'until'), this.end(until, sp.end));
      return out;
    }
    if (t(T.Cancelled)) {
      const out: A.AttainmentChoiceClause = { kind: 'AttainmentChoiceClause', span: sp };
      const noun = this.nameOf(this.node(s, 'deals'));
      if (noun) out.noun = noun;
      if (t(T.Leave)) out.choice = 'leave';
      else if (t(T.Stay)) out.choice = 'stay';
      return out;
    }
    return undefined;
  }

  /** `pays ...`, `pool ...`, `minimum ...` inside a component. */
  private bonusClause(n: CstNode): A.Clause | undefined {
    const pays = this.node(n, 'paysClause');
    if (pays && this.span(pays)) {
      const sp = this.span(pays)!;
      const out: A.PaysClause = { kind: 'PaysClause', span: sp, amount: this.expression(this.node(pays, 'amount'), this.end(this.tokByType(pays, T.Pays), sp.start)) };
      const per = this.tok(pays, 'per');
      if (per) out.per = per.image as 'deal' | 'unit' | 'mentee';
      if (per?.image === 'unit') out.units = this.expression(this.node(pays, 'units'), this.end(this.tokByType(pays, T.Of) ?? per, sp.end));
      if (this.tok(pays, 'inFull')) out.inFull = true;
      const w = this.tokByType(pays, T.Where);
      if (w) out.where = this.expression(this.node(pays, 'where'), this.end(w, sp.end));
      return out;
    }
    const pool = this.node(n, 'poolClause');
    if (pool && this.span(pool)) {
      const sp = this.span(pool)!;
      const out: A.PoolClause = { kind: 'PoolClause', span: sp, amount: this.expression(this.node(pool, 'amount'), this.end(this.tokByType(pool, T.Pool), sp.start)) };
      const rule = this.tok(pool, 'rule');
      if (rule) out.rule = rule.image === 'equally' ? 'equally' : 'credit share';
      return out;
    }
    const min = this.node(n, 'minimumClause');
    if (min && this.span(min)) {
      const sp = this.span(min)!;
      return { kind: 'MinimumClause', span: sp, amount: this.expression(this.node(min, 'amount'), this.end(this.tokByType(min, T.Minimum), sp.start)) };
    }
    return undefined;
  }

  protected tierTable(n: CstNode): A.TierTable {
    const out: A.TierTable = { kind: 'TierTable', span: this.spanOr(n, 0), bands: [] };
    const m = this.tokByType(n, T.Marginal) ?? this.tokByType(n, T.Retroactive);
    if (m) {
      out.mode = m.image as A.TierMode;
      out.modeSpan = tokSpan(m);
    }
    const owner = this.tok(n, 'owner');
    if (owner) out.boundsIn = owner.image === 'lower' ? 'lower' : 'higher';
    const bandWord = this.tok(n, 'band');
    if (bandWord) out.boundsWord = { text: bandWord.image, span: tokSpan(bandWord) };
    for (const b of this.nodes(n, 'band')) {
      if (this.span(b)) out.bands.push(this.band(b));
    }
    return out;
  }

  private band(n: CstNode): A.Band {
    const fromKw = this.tokByType(n, T.From);
    const toKw = this.tokByType(n, T.To);
    const paysKw = this.tokByType(n, T.Pays);
    const sp = this.spanOr(n, 0);
    const out: A.Band = { kind: 'Band', span: sp, from: this.expression(this.node(n, 'from'), this.end(fromKw, sp.start)) };
    if (toKw || this.node(n, 'to')) out.to = this.expression(this.node(n, 'to'), this.end(toKw, sp.end));
    const paysNode = this.node(n, 'pays');
    if (paysKw || (paysNode && this.span(paysNode))) out.pays = this.expression(paysNode, this.end(paysKw, sp.end));
    else out.pays = this.errorExpr(sp.end);
    return out;
  }
}
