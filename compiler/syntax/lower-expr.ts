// CST -> AST for expressions: the precedence chain (otherwise, or, and, not, comparisons, + -, * /),
// unary minus, field access, literals, calls (with their `by ...`, `to ...`, `where ...` arguments),
// `credit ...`, `team ...` and `convert(...)`. Missing operands become ErrorExpr at `at`.
import type { CstNode, IToken } from 'chevrotain';
import * as T from '../../grammar/tokens.js';
import type * as A from './ast.js';
import type { Span } from './span.js';
import { Codes, diag } from '../diagnostics/diagnostic.js';
import { LowerBase, isToken, tokSpan } from './lower-base.js';

export class ExprLowerer extends LowerBase {
  /** Lower an `expression` node; `at` is where an ErrorExpr goes if there is nothing. */
  expression(n: CstNode | undefined, at: number): A.Expr {
    return this.binaryChain(n, 'orExpr', ['Kw_otherwise'], at, (l, r, opTok, span) => {
      const o: A.Otherwise = { kind: 'Otherwise', span, value: l, fallback: r };
      void opTok;
      return o;
    }, (x, a) => this.orExpr(x, a));
  }

  protected orExpr(n: CstNode | undefined, at: number): A.Expr {
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

  protected unaryExpr(n: CstNode | undefined, at: number): A.Expr {
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
}

function binary(l: A.Expr, r: A.Expr, op: IToken, span: Span): A.Binary {
  return { kind: 'Binary', op: op.image as A.BinaryOp, opSpan: tokSpan(op), left: l, right: r, span };
}
