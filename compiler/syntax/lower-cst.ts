// CST -> AST. The CST may come from a recovered parse: any child may be missing, tokens may be
// virtual (inserted by recovery, no position). Missing required expressions become ErrorExpr
// with a zero-width span where the value was expected; spans are UTF-16 offsets, end exclusive.
import type { CstElement, CstNode, IToken } from 'chevrotain';
import * as T from '../../grammar/tokens.js';
import type * as A from './ast.js';
import type { Span } from './span.js';
import { Codes, diag, type Diagnostic } from '../diagnostics/diagnostic.js';

export interface LowerResult {
  plan: A.Plan;
  diagnostics: Diagnostic[];
  /** Start offsets of tokens used as names (soft keywords among them). */
  nameTokens: Set<number>;
}

function isToken(e: CstElement): e is IToken {
  return (e as IToken).tokenType !== undefined;
}

function real(t: IToken | undefined): IToken | undefined {
  if (!t || t.isInsertedInRecovery || !Number.isFinite(t.startOffset)) return undefined;
  return t;
}

function tokSpan(t: IToken): Span {
  return { start: t.startOffset, end: t.startOffset + t.image.length };
}

export function lowerCst(cst: CstNode | undefined, text: string, comments: IToken[], tokens: IToken[], file: string): LowerResult {
  return new Lowerer(text, comments, tokens, file).run(cst);
}

class Lowerer {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly nameTokens = new Set<number>();
  private readonly spanMemo = new WeakMap<CstNode, Span | null>();
  /** Comments and tokens merged in offset order (for doc attachment). */
  private readonly merged: IToken[];
  private readonly mergedIndex = new Map<number, number>();

  constructor(
    private readonly text: string,
    private readonly comments: IToken[],
    tokens: IToken[],
    private readonly file: string,
  ) {
    const merged: IToken[] = [];
    let i = 0;
    let j = 0;
    while (i < tokens.length || j < comments.length) {
      if (j >= comments.length || (i < tokens.length && tokens[i]!.startOffset < comments[j]!.startOffset)) merged.push(tokens[i++]!);
      else merged.push(comments[j++]!);
    }
    this.merged = merged;
    merged.forEach((t, k) => this.mergedIndex.set(t.startOffset, k));
  }

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

  // ---------------------------------------------------------------- CST access

  private kids(n: CstNode | undefined, key: string): CstElement[] {
    return n?.children[key] ?? [];
  }

  private nodes(n: CstNode | undefined, key: string): CstNode[] {
    return this.kids(n, key).filter((e): e is CstNode => !isToken(e));
  }

  private node(n: CstNode | undefined, key: string, i = 0): CstNode | undefined {
    return this.nodes(n, key)[i];
  }

  private toks(n: CstNode | undefined, key: string): IToken[] {
    return this.kids(n, key)
      .filter(isToken)
      .map(real)
      .filter((t): t is IToken => t !== undefined);
  }

  private tok(n: CstNode | undefined, key: string, i = 0): IToken | undefined {
    return this.toks(n, key)[i];
  }

  private tokByType(n: CstNode | undefined, type: { name: string }): IToken | undefined {
    return this.tok(n, type.name);
  }

  /** The span of the real tokens under a node, or undefined when it has none. */
  private span(n: CstNode | undefined): Span | undefined {
    if (!n) return undefined;
    // chevrotain tracks node locations ('full'): use them when they are real offsets (a node made
    // only of tokens inserted by recovery has none), and scan the children otherwise (memoised).
    // Cheaper than a WeakMap lookup: no memo for located nodes.
    const loc = n.location;
    if (loc && Number.isFinite(loc.startOffset) && Number.isFinite(loc.endOffset) && loc.endOffset! >= loc.startOffset) {
      return { start: loc.startOffset, end: loc.endOffset! + 1 };
    }
    const memo = this.spanMemo.get(n);
    if (memo !== undefined) return memo ?? undefined;
    let start = Infinity;
    let end = -Infinity;
    for (const key of Object.keys(n.children)) {
      for (const e of n.children[key]!) {
        let s: Span | undefined;
        if (isToken(e)) {
          const t = real(e);
          s = t ? tokSpan(t) : undefined;
        } else s = this.span(e);
        if (s) {
          if (s.start < start) start = s.start;
          if (s.end > end) end = s.end;
        }
      }
    }
    const out = start === Infinity ? undefined : { start, end };
    this.spanMemo.set(n, out ?? null);
    return out;
  }

  private spanOr(n: CstNode | undefined, at: number): Span {
    return this.span(n) ?? { start: at, end: at };
  }

  /** First real token of a node, in offset order. */
  private firstToken(n: CstNode): IToken | undefined {
    // Fast path: chevrotain's location starts at the node's first real token (tokens inserted by
    // recovery have no offsets); find that token by its offset instead of walking the subtree.
    const off = n.location?.startOffset;
    if (off !== undefined && Number.isFinite(off)) {
      const k = this.mergedIndex.get(off);
      const t = k === undefined ? undefined : real(this.merged[k]);
      if (t && t.tokenType !== T.Comment && t.tokenType !== T.DocComment) return t;
    }
    let best: IToken | undefined;
    const visit = (m: CstNode): void => {
      for (const key of Object.keys(m.children)) {
        for (const e of m.children[key]!) {
          if (isToken(e)) {
            const t = real(e);
            if (t && (!best || t.startOffset < best.startOffset)) best = t;
          } else visit(e);
        }
      }
    };
    visit(n);
    return best;
  }

  // ---------------------------------------------------------------- leaves

  private nameOf(n: CstNode | undefined): A.Name | undefined {
    const t = this.tok(n, 'NameTok') ?? this.firstNameToken(n);
    if (!t) return undefined;
    this.nameTokens.add(t.startOffset);
    return { text: t.image, span: tokSpan(t) };
  }

  private firstNameToken(n: CstNode | undefined): IToken | undefined {
    if (!n) return undefined;
    for (const key of Object.keys(n.children)) {
      for (const e of n.children[key]!) {
        if (isToken(e)) {
          const t = real(e);
          if (t) return t;
        }
      }
    }
    return undefined;
  }

  private stringLit(t: IToken | undefined): A.StringLit | undefined {
    if (!t) return undefined;
    return { kind: 'StringLit', value: unquote(t.image), span: tokSpan(t) };
  }

  private numberLit(t: IToken | undefined): A.NumberLit | undefined {
    if (!t) return undefined;
    const text = t.image.replace(/^x/, '').replace(/,/g, '');
    return { kind: 'NumberLit', text, integer: !text.includes('.'), span: tokSpan(t) };
  }

  private errorExpr(at: number): A.ErrorExpr {
    return { kind: 'ErrorExpr', span: { start: at, end: at } };
  }

  private end(t: IToken | undefined, fallback: number): number {
    return t ? t.startOffset + t.image.length : fallback;
  }

  /** Doc comment lines directly above a declaration starting with `first`. */
  private docFor(n: CstNode): A.Doc {
    const first = this.firstToken(n);
    if (!first) return undefined;
    let k = this.mergedIndex.get(first.startOffset);
    if (k === undefined) return undefined;
    let line = first.startLine ?? 0;
    const lines: string[] = [];
    while (k > 0) {
      const c = this.merged[k - 1]!;
      if (c.tokenType !== T.DocComment || c.startLine !== line - 1) break;
      const before = this.merged[k - 2];
      if (before && (before.endLine ?? 0) >= (c.startLine ?? 0)) break; // a trailing comment on a line with code
      lines.push(c.image.replace(/^##\s?/, '').replace(/\s+$/, ''));
      line--;
      k--;
    }
    if (!lines.length) return undefined;
    return lines.reverse().join('\n');
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

  private tierTable(n: CstNode): A.TierTable {
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

  private componentDecl(n: CstNode): A.ComponentDecl {
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

  /** `true-up can be negative`, `advance ...`, `hold back ...`, `cancelled deals leave|stay in attainment`. */
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

  private convertExpr(n: CstNode, sp: Span): A.ConvertExpr {
    const lp = this.tokByType(n, T.LParen);
    const out: A.ConvertExpr = { kind: 'ConvertExpr', span: sp, amount: this.expression(this.node(n, 'amount'), this.end(lp, sp.start)) };
    const from = this.tokByType(n, T.From);
    if (from) out.from = this.expression(this.node(n, 'from'), this.end(from, sp.end));
    const cur = this.tokByType(n, T.CurrencyCode);
    if (cur) out.currency = { text: cur.image, span: tokSpan(cur) };
    const on = this.tokByType(n, T.On);
    if (on || this.node(n, 'on')) out.date = this.expression(this.node(n, 'on'), this.end(on, sp.end));
    return out;
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

  // ---------------------------------------------------------------- curves, scorecards, bonuses

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

  // ---------------------------------------------------------------- expressions

  /** Lower an `expression` node; `at` is where an ErrorExpr goes if there is nothing. */
  expression(n: CstNode | undefined, at: number): A.Expr {
    return this.binaryChain(n, 'orExpr', ['Kw_otherwise'], at, (l, r, opTok, span) => {
      const o: A.Otherwise = { kind: 'Otherwise', span, value: l, fallback: r };
      void opTok;
      return o;
    }, (x, a) => this.orExpr(x, a));
  }

  private orExpr(n: CstNode | undefined, at: number): A.Expr {
    return this.binaryChain(n, 'andExpr', ['Kw_or'], at, binary, (x, a) => this.andExpr(x, a));
  }

  private andExpr(n: CstNode | undefined, at: number): A.Expr {
    return this.binaryChain(n, 'notExpr', ['Kw_and'], at, binary, (x, a) => this.notExpr(x, a));
  }

  private notExpr(n: CstNode | undefined, at: number): A.Expr {
    const not = this.tokByType(n, T.Not);
    if (not) {
      const operand = this.notExpr(this.node(n, 'notExpr'), this.end(not, at));
      return { kind: 'Unary', op: 'not', operand, span: this.spanOr(n, not.startOffset) };
    }
    return this.cmpExpr(this.node(n, 'cmpExpr'), at);
  }

  private cmpExpr(n: CstNode | undefined, at: number): A.Expr {
    return this.binaryChain(n, 'addExpr', ['op'], at, binary, (x, a) => this.addExpr(x, a));
  }

  private addExpr(n: CstNode | undefined, at: number): A.Expr {
    return this.binaryChain(n, 'mulExpr', ['op'], at, binary, (x, a) => this.mulExpr(x, a));
  }

  private mulExpr(n: CstNode | undefined, at: number): A.Expr {
    return this.binaryChain(n, 'unaryExpr', ['op'], at, binary, (x, a) => this.unaryExpr(x, a));
  }

  /** Left-associative fold of `operand (op operand)*`. */
  private binaryChain(
    n: CstNode | undefined,
    operandKey: string,
    opKeys: string[],
    at: number,
    make: (l: A.Expr, r: A.Expr, op: IToken, span: Span) => A.Expr,
    lowerOperand: (x: CstNode | undefined, at: number) => A.Expr,
  ): A.Expr {
    if (!n) return this.errorExpr(at);
    // Fast path (most expressions): one operand and no operator token; same result as below.
    const only = n.children[operandKey];
    if (only && only.length === 1 && !isToken(only[0]!) && !opKeys.some((k) => n.children[k])) {
      const s = this.span(only[0] as CstNode);
      if (s) return lowerOperand(only[0] as CstNode, s.start);
    }
    const operands = this.nodes(n, operandKey);
    const ops = opKeys.flatMap((k) => this.toks(n, k)).sort((a, b) => a.startOffset - b.startOffset);
    const first = operands[0];
    const firstSpan = this.span(first);
    // operands that start after each operator: pair them by position
    let left = lowerOperand(firstSpan ? first : undefined, firstSpan ? firstSpan.start : at);
    if (!firstSpan && ops.length === 0) return left;
    let start = firstSpan ? firstSpan.start : ops[0] ? Math.min(at, ops[0].startOffset) : at;
    if (!firstSpan && ops[0]) {
      left = this.errorExpr(ops[0].startOffset);
      start = ops[0].startOffset;
    }
    const rest = operands.slice(firstSpan ? 1 : 0).filter((o) => this.span(o));
    let ri = 0;
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      const opEnd = this.end(op, 0);
      const nextOp = ops[i + 1];
      let rNode: CstNode | undefined;
      const cand = rest[ri];
      const cs = this.span(cand);
      if (cand && cs && cs.start >= opEnd && (!nextOp || cs.start < nextOp.startOffset)) {
        rNode = cand;
        ri++;
      }
      const right = rNode ? lowerOperand(rNode, opEnd) : this.errorExpr(opEnd);
      const end = Math.max(opEnd, rNode ? this.span(rNode)!.end : opEnd, left.span.end);
      left = make(left, right, op, { start: Math.min(start, left.span.start), end });
    }
    return left;
  }

  private unaryExpr(n: CstNode | undefined, at: number): A.Expr {
    const minus = this.tokByType(n, T.Minus);
    if (minus) {
      const operand = this.unaryExpr(this.node(n, 'unaryExpr'), this.end(minus, at));
      return { kind: 'Unary', op: '-', operand, span: { start: minus.startOffset, end: Math.max(this.end(minus, 0), operand.span.end) } };
    }
    return this.postfix(this.node(n, 'postfix'), at);
  }

  private postfix(n: CstNode | undefined, at: number): A.Expr {
    if (!n) return this.errorExpr(at);
    const primNode = this.node(n, 'primary');
    let e = this.primary(primNode, at);
    const dots = this.toks(n, 'Dot');
    const fields = this.nodes(n, 'field').filter((f) => this.span(f));
    let fi = 0;
    for (let i = 0; i < dots.length; i++) {
      const dot = dots[i]!;
      const nextDot = dots[i + 1];
      const f = fields[fi];
      const fs = this.span(f);
      const fa: A.FieldAccess = { kind: 'FieldAccess', target: e, span: { start: e.span.start, end: this.end(dot, 0) } };
      if (f && fs && fs.start >= this.end(dot, 0) && (!nextDot || fs.start < nextDot.startOffset)) {
        fi++;
        const name = this.nameOf(f);
        if (name) {
          fa.field = name;
          fa.span = { start: e.span.start, end: name.span.end };
        }
      }
      e = fa;
    }
    return e;
  }

  private primary(n: CstNode | undefined, at: number): A.Expr {
    const sp = this.span(n);
    if (!n || !sp) return this.errorExpr(at);
    let t: IToken | undefined;
    if ((t = this.tokByType(n, T.NumberLiteral))) {
      const unit = this.tok(n, 'unit');
      if (unit) return { kind: 'DurationLit', amount: t.image.replace(/,/g, ''), unit: unit.image as 'days' | 'months', span: sp };
      return this.numberLit(t)!;
    }
    if ((t = this.tokByType(n, T.MultiplierLiteral))) return this.numberLit(t)!;
    if ((t = this.tokByType(n, T.PercentLiteral))) return { kind: 'PercentLit', text: t.image.slice(0, -1).replace(/,/g, ''), span: tokSpan(t) };
    if ((t = this.tokByType(n, T.CurrencyCode))) {
      const amt = this.tok(n, 'amount');
      if (!amt) return { kind: 'ErrorExpr', span: tokSpan(t) };
      return { kind: 'MoneyLit', currency: t.image, amount: `${this.tok(n, 'sign') ? '-' : ''}${amt.image.replace(/,/g, '')}`, span: sp };
    }
    if ((t = this.tok(n, 'StringTok'))) return this.stringLit(t)!;
    if ((t = this.tokByType(n, T.True))) return { kind: 'BoolLit', value: true, span: tokSpan(t) };
    if ((t = this.tokByType(n, T.False))) return { kind: 'BoolLit', value: false, span: tokSpan(t) };
    if ((t = this.tokByType(n, T.DateLiteral))) return { kind: 'DateLit', text: t.image, span: tokSpan(t) };
    if ((t = this.tokByType(n, T.PeriodLiteral))) return { kind: 'PeriodLit', text: t.image, span: tokSpan(t) };
    const conv = this.node(n, 'convertExpr');
    if (conv) return this.convertExpr(conv, sp);
    // `team quota`, `team attainment`: built-in names (or `let team quota = ...`)
    const teamWhat = this.tokByType(n, T.Team) ? this.nameOf(this.node(n, 'teamWhat')) : undefined;
    if (teamWhat) {
      const ref: A.NameRef = { kind: 'NameRef', name: { text: `team ${teamWhat.text}`, span: { start: sp.start, end: teamWhat.span.end } }, span: sp };
      // `team quota at level 2`, `team attainment by product_lead`: the members of that roll-up (section 23)
      const byName = this.tokByType(n, T.By) ? this.nameOf(this.node(n, 'hierarchy')) : undefined;
      const atKw = this.tokByType(n, T.At);
      if (byName || atKw) {
        const h: A.CreditExpr = { kind: 'CreditExpr', span: sp, team: true };
        if (byName) h.by = byName;
        if (atKw) {
          const lv = this.tok(n, 'level');
          const all = this.tok(n, 'allLevels');
          const last = this.tokByType(n, T.Levels) ?? lv ?? atKw;
          if (all) h.level = { n: 'all', span: { start: atKw.startOffset, end: this.end(last, 0) } };
          else if (lv) h.level = { n: Number(lv.image.replace(/,/g, '')), span: { start: atKw.startOffset, end: this.end(last, 0) } };
        }
        ref.team = h;
      }
      return ref;
    }
    const nameNode = this.node(n, 'name');
    if (nameNode) {
      const name = this.nameOf(nameNode);
      if (!name) return this.errorExpr(at);
      const args = this.node(n, 'callArgs');
      if (args && this.span(args)) {
        const lp = this.tokByType(args, T.LParen);
        const exprs = this.nodes(args, 'expression');
        const out: A.Expr[] = [];
        let prevEnd = this.end(lp, name.span.end);
        const commas = this.toks(args, 'Comma');
        // a `by ...` argument (prorate, seasonal) sits among the others in offset order
        const byNodes = this.nodes(args, 'byArg');
        const byNode = byNodes[0];
        const bySpan = this.span(byNode);
        // one `by ...` per call: a second one is reported at its place and left out (issue 9)
        for (const extra of byNodes.slice(1)) {
          const xs = this.span(extra);
          if (!xs) continue;
          this.diagnostics.push(
            diag(Codes.DuplicateClause, this.file, xs, { clause: 'by' }, {
              related: bySpan ? [{ file: this.file, span: bySpan, message: 'given here first' }] : [],
              hint: 'a call takes one `by ...`, its value first: `seasonal(x, by quarter 20%, 25%, 25%, 30%)`',
            }),
          );
        }
        let by: A.Call['by'];
        const parts: { x: CstNode; by: boolean; to?: boolean }[] = exprs.map((x) => ({ x, by: false }));
        if (byNode && bySpan) {
          const i = parts.findIndex((p) => (this.span(p.x)?.start ?? -1) > bySpan.start);
          parts.splice(i < 0 ? parts.length : i, 0, { x: byNode, by: true });
        }
        // `to 0.01` (round): an argument in offset order; the mode (`half even`) is kept aside
        const toNode = this.node(args, 'toArg');
        const toSpan = this.span(toNode);
        if (toNode && toSpan) {
          const i = parts.findIndex((p) => (this.span(p.x)?.start ?? -1) > toSpan.start);
          parts.splice(i < 0 ? parts.length : i, 0, { x: toNode, by: false, to: true });
        }
        let toAt: number | undefined;
        const modeNode = this.node(args, 'mode');
        const modeSpan = this.span(modeNode);
        for (const p of parts) {
          if (p.to) {
            toAt = out.length;
            out.push(this.expression(this.node(p.x, 'value'), this.end(this.tokByType(p.x, T.To), toSpan!.end)));
            prevEnd = toSpan!.end;
            continue;
          }
          if (p.by) {
            const words = [this.nameOf(this.node(p.x, 'unit'))?.text, this.tok(p.x, 'employed')?.image].filter((w): w is string => !!w);
            by = { words, span: bySpan!, at: -1 };
            const v = this.node(p.x, 'value');
            if (v && this.span(v)) {
              by.at = out.length;
              out.push(this.expression(v, bySpan!.end));
            }
            prevEnd = bySpan!.end;
            continue;
          }
          const xs = this.span(p.x);
          out.push(this.expression(p.x, prevEnd));
          if (xs) prevEnd = xs.end;
        }
        // `f(a, )`: a comma with nothing after it
        const written = out.length + (by && by.at < 0 ? 1 : 0) + (modeSpan ? 1 : 0) + Math.max(0, byNodes.length - 1);
        if (commas.length >= written && written > 0) {
          const lastComma = commas[commas.length - 1]!;
          out.push(this.errorExpr(this.end(lastComma, 0)));
        }
        const call: A.Call = { kind: 'Call', callee: name, args: out, span: sp };
        if (by) call.by = by;
        if (toAt !== undefined) call.to = toAt;
        if (modeNode && modeSpan) call.mode = { text: this.text.slice(modeSpan.start, modeSpan.end).replace(/\s+/g, ' '), span: modeSpan };
        const w = this.tokByType(args, T.Where);
        if (w) call.where = this.expression(this.node(args, 'aggWhere'), this.end(w, sp.end));
        return call;
      }
      return { kind: 'NameRef', name, span: name.span };
    }
    if ((t = this.tokByType(n, T.LParen))) {
      return this.expression(this.node(n, 'inner'), this.end(t, at));
    }
    if ((t = this.tokByType(n, T.If))) {
      const thenKw = this.tokByType(n, T.Then);
      const elseKw = this.tokByType(n, T.Else);
      const out: A.IfExpr = { kind: 'IfExpr', span: sp, cond: this.expression(this.node(n, 'cond'), this.end(t, 0)) };
      if (thenKw || this.node(n, 'then')) out.then = this.expression(this.node(n, 'then'), this.end(thenKw, sp.end));
      if (elseKw || this.node(n, 'else')) out.else = this.expression(this.node(n, 'else'), this.end(elseKw, sp.end));
      return out;
    }
    if ((t = this.tokByType(n, T.Credit))) {
      const out: A.CreditExpr = { kind: 'CreditExpr', span: sp, team: !!this.tokByType(n, T.Team) };
      if (this.tokByType(n, T.By)) {
        const h = this.nameOf(this.node(n, 'hierarchy'));
        if (h) out.by = h;
      }
      const atKw = this.tokByType(n, T.At);
      if (atKw) {
        const lv = this.tok(n, 'level');
        const all = this.tok(n, 'allLevels');
        const last = this.tokByType(n, T.Levels) ?? lv ?? atKw;
        if (all) out.level = { n: 'all', span: { start: atKw.startOffset, end: this.end(last, 0) } };
        else if (lv) out.level = { n: Number(lv.image.replace(/,/g, '')), span: { start: atKw.startOffset, end: this.end(last, 0) } };
      }
      const w = this.tokByType(n, T.Where);
      if (w) out.where = this.orExpr(this.node(n, 'where'), this.end(w, 0));
      return out;
    }
    return this.errorExpr(sp.start);
  }
}

function binary(l: A.Expr, r: A.Expr, op: IToken, span: Span): A.Binary {
  return { kind: 'Binary', op: op.image as A.BinaryOp, opSpan: tokSpan(op), left: l, right: r, span };
}

/** The value of a text literal: quotes removed, `\"` and `\\` (and `\n`, `\t`) unescaped. */
export function unquote(image: string): string {
  let s = image.startsWith('"') ? image.slice(1) : image;
  if (s.endsWith('"') && !s.endsWith('\\"')) s = s.slice(0, -1);
  else if (s.endsWith('"') && /(?:^|[^\\])(?:\\\\)*"$/.test(s)) s = s.slice(0, -1);
  return s.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}
