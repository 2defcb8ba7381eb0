// CST -> AST. The CST may come from a recovered parse: any child may be missing, tokens may be
// virtual (inserted by recovery, no position). Missing required expressions become ErrorExpr
// with a zero-width span where the value was expected; spans are UTF-16 offsets, end exclusive.
// This file lowers the plan's declarations; the shared ground is in lower-base.ts, expressions in
// lower-expr.ts, components' clauses in lower-clauses.ts (each class extends the one before).
import type { CstNode, IToken } from 'chevrotain';
import * as T from '../../grammar/tokens.js';
import type * as A from './ast.js';
import type { Span } from './span.js';
import { Codes, diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import { isToken, real, tokSpan } from './lower-base.js';
import { ClauseLowerer } from './lower-clauses.js';

export { unquote } from './lower-base.js';

export interface LowerResult {
  plan: A.Plan;
  diagnostics: Diagnostic[];
  /** Start offsets of tokens used as names (soft keywords among them). */
  nameTokens: Set<number>;
}

export function lowerCst(cst: CstNode | undefined, text: string, comments: IToken[], tokens: IToken[], file: string): LowerResult {
  return new Lowerer(text, comments, tokens, file).run(cst);
}

class Lowerer extends ClauseLowerer {
  run(cst: CstNode | undefined): LowerResult {
    const items: A.Item[] = [];
    if (cst) {
      for (const itemNode of this.nodes(cst, 'item')) {
        const it = this.item(itemNode);
        if (it) items.push(it);
      }
    }
    const plan: A.Plan = {
      kind: 'Plan',
      span: { start: 0, end: this.text.length },
      items,
      comments: this.comments.map((c) => ({ text: c.image, doc: c.tokenType === T.DocComment, span: tokSpan(c) })),
    };
    return { plan, diagnostics: this.diagnostics, nameTokens: this.nameTokens };
  }

  // ---------------------------------------------------------------- items

  private item(n: CstNode): A.Item | undefined {
    const key = Object.keys(n.children)[0];
    const child = key ? this.node(n, key) : undefined;
    if (!child) return undefined;
    if (!this.span(child)) return undefined;
    switch (child.name) {
      case 'header':
        return this.header(child);
      case 'currencyDecl':
        return this.currencyDecl(child);
      case 'periodsDecl':
        return this.periodsDecl(child);
      case 'roundingDecl':
        return this.roundingDecl(child);
      case 'tableDecl':
        return this.tableDecl(child);
      case 'creditRule':
        return this.creditRule(child);
      case 'letDecl':
        return this.letDecl(child);
      case 'tiersDecl':
        return this.tiersDecl(child);
      case 'componentDecl':
        return this.componentDecl(child);
      case 'drawDecl':
        return this.drawDecl(child);
      case 'targetDecl':
        return this.targetDecl(child);
      case 'curveDecl':
        return this.curveDecl(child);
      case 'scorecardDecl':
        return this.scorecardDecl(child);
      case 'timeMoneyItem':
        return this.timeMoneyItem(child);
      case 'balanceItem':
        return this.balanceItem(child);
      case 'calendarDecl':
        return this.calendarDecl(child);
    }
    return undefined;
  }

  private header(n: CstNode): A.PlanHeader {
    return { kind: 'PlanHeader', span: this.spanOr(n, 0), title: this.stringLit(this.tok(n, 'StringTok')), doc: this.docFor(n) };
  }

  private currencyDecl(n: CstNode): A.CurrencyDecl {
    const t = this.tokByType(n, T.CurrencyCode);
    return { kind: 'CurrencyDecl', span: this.spanOr(n, 0), code: t ? { text: t.image, span: tokSpan(t) } : undefined };
  }

  private periodsDecl(n: CstNode): A.PeriodsDecl {
    const f = this.tok(n, 'frequency');
    const out: A.PeriodsDecl = { kind: 'PeriodsDecl', span: this.spanOr(n, 0) };
    if (f) out.frequency = { text: f.image, span: tokSpan(f) };
    const every = this.numberLit(this.tok(n, 'every'));
    if (every) out.every = every;
    const fromKw = this.tokByType(n, T.From);
    const toKw = this.tokByType(n, T.To);
    if (fromKw) out.from = this.periodBound(this.node(n, 'fromBound'), this.end(fromKw, 0));
    if (toKw) out.to = this.periodBound(this.node(n, 'toBound'), this.end(toKw, 0));
    if (this.tokByType(n, T.Calendar)) {
      const cal = this.nameOf(this.node(n, 'calendar'));
      if (cal) out.calendar = cal;
    }
    return out;
  }

  private calendarDecl(n: CstNode): A.CalendarDecl {
    const out: A.CalendarDecl = { kind: 'CalendarDecl', span: this.spanOr(n, 0), name: this.nameOf(this.node(n, 'name')), rows: [], doc: this.docFor(n) };
    for (const r of this.nodes(n, 'calendarRow')) {
      const sp = this.span(r);
      if (!sp) continue;
      const row: A.CalendarRow = { kind: 'CalendarRow', span: sp, key: this.stringLit(this.tok(r, 'key')) };
      const st = this.tok(r, 'start');
      const en = this.tok(r, 'end');
      if (st) row.start = { kind: 'DateLit', text: st.image, span: tokSpan(st) };
      if (en) row.end = { kind: 'DateLit', text: en.image, span: tokSpan(en) };
      out.rows.push(row);
    }
    return out;
  }

  private periodBound(n: CstNode | undefined, at: number): A.Expr {
    const d = this.tokByType(n, T.DateLiteral);
    if (d) return { kind: 'DateLit', text: d.image, span: tokSpan(d) };
    const p = this.tokByType(n, T.PeriodLiteral);
    if (p) return { kind: 'PeriodLit', text: p.image, span: tokSpan(p) };
    // a year, the key annual periods print (`2026`); any other number is reported by the checker
    const y = this.tokByType(n, T.NumberLiteral);
    if (y) return /^\d{4}$/.test(y.image) ? { kind: 'PeriodLit', text: y.image, span: tokSpan(y) } : { kind: 'NumberLit', text: y.image, integer: /^\d+$/.test(y.image), span: tokSpan(y) };
    return this.errorExpr(at);
  }

  private roundingDecl(n: CstNode): A.RoundingDecl {
    const out: A.RoundingDecl = { kind: 'RoundingDecl', span: this.spanOr(n, 0) };
    const m = this.node(n, 'roundingMode');
    if (m) {
      const words: IToken[] = [];
      const visit = (x: CstNode): void => {
        for (const key of Object.keys(x.children))
          for (const e of x.children[key]!) {
            if (isToken(e)) {
              const t = real(e);
              if (t) words.push(t);
            } else visit(e);
          }
      };
      visit(m);
      words.sort((a, b) => a.startOffset - b.startOffset);
      if (words.length) {
        out.mode = words.map((w) => w.image).join(' ');
        out.modeSpan = { start: words[0]!.startOffset, end: this.end(words[words.length - 1], 0) };
      }
    }
    const place = this.numberLit(this.tokByType(n, T.NumberLiteral));
    if (place) out.place = place;
    if (this.tokByType(n, T.Payout) && this.tokByType(n, T.Line)) out.target = 'payout line';
    return out;
  }

  private tableDecl(n: CstNode): A.TableDecl {
    const fields: A.FieldDecl[] = [];
    for (const f of this.nodes(n, 'field')) {
      if (this.span(f)) fields.push(this.field(f));
    }
    const out: A.TableDecl = {
      kind: 'TableDecl',
      span: this.spanOr(n, 0),
      roster: !!this.tokByType(n, T.Roster),
      name: this.nameOf(this.node(n, 'name')),
      fields,
      doc: this.docFor(n),
    };
    const src = this.stringLit(this.tok(n, 'StringTok'));
    if (src) out.source = src;
    const teamBy = this.nodes(n, 'teamBy');
    for (const tb of teamBy) {
      const name = this.nameOf(this.node(tb, 'name'));
      const sp = this.span(tb);
      // One hierarchy per roster: a second `team by` would otherwise be silently ignored.
      if (out.teamBy && sp) this.diagnostics.push(diag(Codes.DuplicateClause, this.file, sp, { clause: 'team by' }, { related: [{ file: this.file, span: out.teamBy.span, message: 'given here first' }] }));
      else if (name && !out.teamBy) out.teamBy = name;
    }
    const asg = this.node(n, 'assignmentsFrom');
    if (asg) out.assignments = this.nameOf(this.node(asg, 'name'));
    for (const rc of this.nodes(n, 'rosterClause')) {
      const sp = this.span(rc);
      const word = this.tok(rc, 'word')?.image;
      if (!sp || !word) continue;
      if ((word === 'employed' && out.employed) || (word === 'leave' && out.leave)) {
        this.diagnostics.push(diag(Codes.DuplicateClause, this.file, sp, { clause: `${word} from` }));
        continue;
      }
      if (word === 'employed') out.employed = { from: this.nameOf(this.node(rc, 'from')), to: this.nameOf(this.node(rc, 'to')), span: sp };
      else out.leave = { table: this.nameOf(this.node(rc, 'from')), span: sp };
    }
    return out;
  }

  private field(n: CstNode): A.FieldDecl {
    const out: A.FieldDecl = {
      kind: 'FieldDecl',
      span: this.spanOr(n, 0),
      name: this.nameOf(this.node(n, 'name')),
      key: !!this.tokByType(n, T.Key),
      optional: !!this.tokByType(n, T.Optional),
      positive: !!this.tokByType(n, T.Positive),
      aliases: [],
      doc: this.docFor(n),
    };
    const tr = this.node(n, 'typeRef');
    if (tr) {
      const cur = this.tokByType(tr, T.CurrencyCode);
      const name = cur ? { text: cur.image, span: tokSpan(cur) } : this.nameOf(this.node(tr, 'name'));
      if (name) out.type = { kind: 'TypeRef', name, span: name.span };
    }
    for (const a of this.nodes(n, 'alias')) {
      const from = this.stringLit(this.tok(a, 'from'));
      if (!from) continue;
      const alias: { from: A.StringLit; to?: A.StringLit; span: Span } = { from, span: this.spanOr(a, from.span.start) };
      const to = this.stringLit(this.tok(a, 'to'));
      if (to) alias.to = to;
      out.aliases.push(alias);
    }
    const inKw = this.tokByType(n, T.In);
    if (inKw) {
      const dots = this.tokByType(n, T.DotDot);
      const low = this.unaryExpr(this.node(n, 'low'), this.end(inKw, 0));
      const high = this.unaryExpr(this.node(n, 'high'), this.end(dots ?? inKw, 0));
      out.bounds = { low, high, span: { start: inKw.startOffset, end: Math.max(high.span.end, this.end(dots ?? inKw, 0)) } };
    }
    return out;
  }

  private creditRule(n: CstNode): A.CreditRule {
    const out: A.CreditRule = { kind: 'CreditRule', span: this.spanOr(n, 0), table: this.nameOf(this.node(n, 'table')), doc: this.docFor(n) };
    const alias = this.node(n, 'alias');
    if (alias) {
      const a = this.nameOf(alias);
      if (a) out.alias = a;
    }
    for (const c of this.nodes(n, 'creditClause')) {
      const kwTok = this.firstNameToken(c) ?? this.firstToken(c);
      if (!kwTok) continue;
      const kw = kwTok.image as 'where' | 'amount' | 'date' | 'to' | 'split';
      const field = kw === 'split' ? 'splitBy' : kw;
      if (!['where', 'amount', 'date', 'to', 'splitBy'].includes(field)) continue;
      if (out[field as 'where'] !== undefined) {
        this.diagnostics.push(diag(Codes.DuplicateClause, this.file, this.spanOr(c, kwTok.startOffset), { clause: kw === 'split' ? 'split by' : kw }));
        continue;
      }
      if (kw === 'split') {
        const nm = this.nameOf(this.node(c, 'name'));
        if (nm) out.splitBy = nm;
      } else {
        out[kw] = this.expression(this.node(c, 'expression'), this.end(kwTok, 0));
      }
    }
    return out;
  }

  private letDecl(n: CstNode): A.LetDecl {
    const eq = this.tokByType(n, T.Eq);
    let name = this.nameOf(this.node(n, 'name'));
    const letTok = this.tokByType(n, T.Let);
    // `let team quota = ...`: the name is `team quota`
    const teamTok = this.tokByType(n, T.Team);
    if (teamTok && name) name = { text: `team ${name.text}`, span: { start: teamTok.startOffset, end: name.span.end } };
    const at = this.end(eq, name ? name.span.end : this.end(letTok, 0));
    return { kind: 'LetDecl', span: this.spanOr(n, 0), name, value: this.expression(this.node(n, 'expression'), at), doc: this.docFor(n) };
  }

  private tiersDecl(n: CstNode): A.TiersDecl {
    const out: A.TiersDecl = { kind: 'TiersDecl', span: this.spanOr(n, 0), name: this.nameOf(this.node(n, 'name')), doc: this.docFor(n) };
    const tt = this.node(n, 'tierTable');
    if (tt && this.span(tt)) out.table = this.tierTable(tt);
    return out;
  }


  private drawDecl(n: CstNode): A.DrawDecl {
    const sp = this.spanOr(n, 0);
    const lead = this.tokByType(n, T.Recoverable) ?? this.tokByType(n, T.Draw) ?? this.tokByType(n, T.Guarantee);
    const out: A.DrawDecl = {
      kind: 'DrawDecl',
      span: sp,
      recoverable: !!this.tokByType(n, T.Draw),
      amount: this.expression(this.node(n, 'amount'), this.end(lead, sp.start)),
      doc: this.docFor(n),
    };
    const fr = this.tokByType(n, T.For);
    if (fr && !this.node(n, 'firstMonths')) out.for = this.expression(this.node(n, 'for'), this.end(fr, 0));
    const most = this.tokByType(n, T.Most);
    const rec = this.tokByType(n, T.Recover);
    if (rec) out.recoverAtMost = this.expression(this.node(n, 'recover'), this.end(most ?? rec, 0));
    const fm = this.node(n, 'firstMonths');
    const fms = this.span(fm);
    if (fm && fms) {
      const after = this.tokByType(fm, T.After);
      out.firstMonths = { span: fms };
      const num = this.numberLit(this.tokByType(fm, T.NumberLiteral));
      if (num) out.firstMonths.months = num;
      if (after || this.node(fm, 'after')) out.firstMonths.after = this.expression(this.node(fm, 'after'), this.end(after, fms.end));
    }
    const fg = this.tokByType(n, T.Forgiven);
    if (fg) out.forgivenOn = this.expression(this.node(n, 'forgiven'), this.end(this.tokByType(n, T.On) ?? fg, 0));
    return out;
  }

  /** `opening owed EXPR`, `opening draw balance EXPR`, `negative balance ...`, `show a, b`. */
  private balanceItem(n: CstNode): A.Item | undefined {
    const sp = this.spanOr(n, 0);
    if (this.tokByType(n, T.Opening)) {
      const out: A.OpeningDecl = { kind: 'OpeningDecl', span: sp };
      const what = this.tok(n, 'what');
      const bal = this.tokByType(n, T.Balance);
      if (what) {
        out.what = what.image === 'owed' ? 'owed' : 'draw balance';
        out.whatSpan = { start: what.startOffset, end: this.end(out.what === 'owed' ? what : bal ?? what, 0) };
      }
      out.value = this.expression(this.node(n, 'value'), this.end(bal ?? what, sp.end));
      return out;
    }
    if (this.tokByType(n, T.Negative)) {
      const out: A.NegativeBalanceDecl = { kind: 'NegativeBalanceDecl', span: sp };
      const rule = this.tok(n, 'rule');
      if (rule) out.rule = rule.image === 'carried' ? 'carried forward' : rule.image === 'due' ? 'due' : 'written off';
      return out;
    }
    const names: A.Name[] = [];
    for (const x of this.nodes(n, 'shown')) {
      const nm = this.nameOf(x);
      if (nm) names.push(nm);
    }
    return { kind: 'ShowDecl', span: sp, names };
  }

  // ---------------------------------------------------------------- time and money

  private timeMoneyItem(n: CstNode): A.Item | undefined {
    let c: CstNode | undefined;
    if ((c = this.node(n, 'fiscalDecl'))) return { kind: 'FiscalDecl', span: this.spanOr(c, 0), month: this.nameOf(this.node(c, 'month')) };
    if ((c = this.node(n, 'versionDecl'))) {
      const items: A.VersionDecl['items'] = [];
      for (const x of this.nodes(c, 'letDecl')) if (this.span(x)) items.push(this.letDecl(x));
      for (const x of this.nodes(c, 'tiersDecl')) if (this.span(x)) items.push(this.tiersDecl(x));
      for (const x of this.nodes(c, 'componentDecl')) if (this.span(x)) items.push(this.componentDecl(x));
      for (const x of this.nodes(c, 'drawDecl')) if (this.span(x)) items.push(this.drawDecl(x));
      items.sort((a, b) => a.span.start - b.span.start);
      const out: A.VersionDecl = { kind: 'VersionDecl', span: this.spanOr(c, 0), items, doc: this.docFor(c) };
      const title = this.stringLit(this.tok(c, 'StringTok'));
      if (title) out.title = title;
      const d = this.tokByType(c, T.DateLiteral);
      if (d) out.effective = { kind: 'DateLit', text: d.image, span: tokSpan(d) };
      return out;
    }
    if ((c = this.node(n, 'effectiveDecl'))) {
      const out: A.EffectiveDecl = { kind: 'EffectiveDecl', span: this.spanOr(c, 0) };
      const f = this.tok(c, 'from');
      const t = this.tok(c, 'to');
      if (f) out.from = { kind: 'DateLit', text: f.image, span: tokSpan(f) };
      if (t) out.to = { kind: 'DateLit', text: t.image, span: tokSpan(t) };
      return out;
    }
    if ((c = this.node(n, 'fxDecl'))) {
      const out: A.FxDecl = { kind: 'FxDecl', span: this.spanOr(c, 0) };
      const src = this.stringLit(this.tok(c, 'StringTok'));
      if (src) out.source = src;
      return out;
    }
    if ((c = this.node(n, 'payoutCurrencyDecl'))) {
      const sp = this.spanOr(c, 0);
      const cur = this.tokByType(c, T.Currency);
      return { kind: 'PayoutCurrencyDecl', span: sp, value: this.expression(this.node(c, 'expression'), this.end(cur, sp.end)) };
    }
    return undefined;
  }

  private targetDecl(n: CstNode): A.TargetDecl {
    const entries: A.TargetEntry[] = [];
    for (const e of this.nodes(n, 'targetEntry')) {
      const sp = this.span(e);
      if (!sp) continue;
      const first = this.nameOf(this.node(e, 'first'));
      const second = this.tokByType(e, T.Dot) ? this.nameOf(this.node(e, 'second')) : undefined;
      const colon = this.tokByType(e, T.Colon);
      const entry: A.TargetEntry = { kind: 'TargetEntry', span: sp, table: second ? first : undefined, field: second ?? (this.tokByType(e, T.Dot) ? undefined : first) };
      if (colon) entry.value = this.expression(this.node(e, 'expression'), this.end(colon, sp.end));
      entries.push(entry);
    }
    return { kind: 'TargetDecl', span: this.spanOr(n, 0), subject: this.nameOf(this.node(n, 'name')), entries, doc: this.docFor(n) };
  }

  // ---------------------------------------------------------------- curves, scorecards

  private curveDecl(n: CstNode): A.CurveDecl {
    const mode = this.tok(n, 'mode');
    const out: A.CurveDecl = { kind: 'CurveDecl', span: this.spanOr(n, 0), name: this.nameOf(this.node(n, 'name')), points: [], doc: this.docFor(n) };
    if (mode) out.mode = mode.image as 'linear' | 'steps';
    for (const p of this.nodes(n, 'curvePoint')) {
      const sp = this.span(p);
      if (!sp) continue;
      const lead = this.tokByType(p, T.At) ?? this.tokByType(p, T.Below) ?? this.tokByType(p, T.Above);
      if (!lead) continue;
      const which = lead.image as 'at' | 'below' | 'above';
      const pt: A.CurvePoint = { kind: 'CurvePoint', span: sp, which, x: this.expression(this.node(p, 'x'), this.end(lead, sp.start)) };
      const pays = this.tokByType(p, T.Pays);
      if (which !== 'above') pt.y = this.expression(this.node(p, 'y'), this.end(pays, sp.end));
      const slope = this.tokByType(p, T.Slope);
      if (slope) pt.slope = this.expression(this.node(p, 'slope'), this.end(slope, sp.end));
      if (this.tokByType(p, T.Capped)) pt.capped = true;
      out.points.push(pt);
    }
    return out;
  }

  private scorecardDecl(n: CstNode): A.ScorecardDecl {
    const out: A.ScorecardDecl = { kind: 'ScorecardDecl', span: this.spanOr(n, 0), name: this.nameOf(this.node(n, 'name')), metrics: [], doc: this.docFor(n) };
    for (const m of this.nodes(n, 'metricDecl')) {
      const sp = this.span(m);
      if (!sp) continue;
      const md: A.MetricDecl = { kind: 'MetricDecl', span: sp, name: this.nameOf(this.node(m, 'name')) };
      const kwEnd = (t: { name: string }) => this.end(this.tokByType(m, t), sp.end);
      if (this.tokByType(m, T.Weight)) md.weight = this.expression(this.node(m, 'weight'), kwEnd(T.Weight));
      if (this.tokByType(m, T.Actual)) md.actual = this.expression(this.node(m, 'actual'), kwEnd(T.Actual));
      if (this.tokByType(m, T.Target)) md.target = this.expression(this.node(m, 'target'), kwEnd(T.Target));
      const dir = this.tok(m, 'direction');
      if (dir) md.direction = dir.image as 'higher' | 'lower';
      if (this.tokByType(m, T.Cap)) md.cap = this.expression(this.node(m, 'cap'), kwEnd(T.Cap));
      out.metrics.push(md);
    }
    for (const g of this.nodes(n, 'metricsGate')) {
      const sp = this.span(g);
      if (!sp) continue;
      if (out.gate) {
        this.diagnostics.push(diag(Codes.DuplicateClause, this.file, sp, { clause: 'all metrics at least' }));
        continue;
      }
      out.gate = this.expression(this.node(g, 'least'), this.end(this.tokByType(g, T.Least), sp.end));
      out.gateSpan = sp;
    }
    return out;
  }

}
