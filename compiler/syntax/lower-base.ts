// CST -> AST, the shared ground: reading a CST (children, real tokens, spans), the leaves (names,
// text and number literals, ErrorExpr) and doc comments. The CST may come from a recovered parse:
// any child may be missing, tokens may be virtual (inserted by recovery, no position).
// lower-expr.ts, lower-clauses.ts and lower-cst.ts extend LowerBase in that order.
import type { CstElement, CstNode, IToken } from 'chevrotain';
import * as T from '../../grammar/tokens.js';
import type * as A from './ast.js';
import type { Span } from './span.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export function isToken(e: CstElement): e is IToken {
  return (e as IToken).tokenType !== undefined;
}

export function real(t: IToken | undefined): IToken | undefined {
  if (!t || t.isInsertedInRecovery || !Number.isFinite(t.startOffset)) return undefined;
  return t;
}

export function tokSpan(t: IToken): Span {
  return { start: t.startOffset, end: t.startOffset + t.image.length };
}

export class LowerBase {
  protected readonly diagnostics: Diagnostic[] = [];
  protected readonly nameTokens = new Set<number>();
  protected readonly spanMemo = new WeakMap<CstNode, Span | null>();
  /** Comments and tokens merged in offset order (for doc attachment). */
  protected readonly merged: IToken[];
  protected readonly mergedIndex = new Map<number, number>();

  constructor(
    protected readonly text: string,
    protected readonly comments: IToken[],
    tokens: IToken[],
    protected readonly file: string,
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

  // ---------------------------------------------------------------- CST access

  protected kids(n: CstNode | undefined, key: string): CstElement[] {
    return n?.children[key] ?? [];
  }

  protected nodes(n: CstNode | undefined, key: string): CstNode[] {
    return this.kids(n, key).filter((e): e is CstNode => !isToken(e));
  }

  protected node(n: CstNode | undefined, key: string, i = 0): CstNode | undefined {
    return this.nodes(n, key)[i];
  }

  protected toks(n: CstNode | undefined, key: string): IToken[] {
    return this.kids(n, key)
      .filter(isToken)
      .map(real)
      .filter((t): t is IToken => t !== undefined);
  }

  protected tok(n: CstNode | undefined, key: string, i = 0): IToken | undefined {
    return this.toks(n, key)[i];
  }

  protected tokByType(n: CstNode | undefined, type: { name: string }): IToken | undefined {
    return this.tok(n, type.name);
  }

  /** The span of the real tokens under a node, or undefined when it has none. */
  protected span(n: CstNode | undefined): Span | undefined {
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

  protected spanOr(n: CstNode | undefined, at: number): Span {
    return this.span(n) ?? { start: at, end: at };
  }

  /** First real token of a node, in offset order. */
  protected firstToken(n: CstNode): IToken | undefined {
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

  protected nameOf(n: CstNode | undefined): A.Name | undefined {
    const t = this.tok(n, 'NameTok') ?? this.firstNameToken(n);
    if (!t) return undefined;
    this.nameTokens.add(t.startOffset);
    return { text: t.image, span: tokSpan(t) };
  }

  protected firstNameToken(n: CstNode | undefined): IToken | undefined {
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

  protected stringLit(t: IToken | undefined): A.StringLit | undefined {
    if (!t) return undefined;
    return { kind: 'StringLit', value: unquote(t.image), span: tokSpan(t) };
  }

  protected numberLit(t: IToken | undefined): A.NumberLit | undefined {
    if (!t) return undefined;
    const text = t.image.replace(/^x/, '').replace(/,/g, '');
    return { kind: 'NumberLit', text, integer: !text.includes('.'), span: tokSpan(t) };
  }

  protected errorExpr(at: number): A.ErrorExpr {
    return { kind: 'ErrorExpr', span: { start: at, end: at } };
  }

  protected end(t: IToken | undefined, fallback: number): number {
    return t ? t.startOffset + t.image.length : fallback;
  }

  /** Doc comment lines directly above a declaration starting with `first`. */
  protected docFor(n: CstNode): A.Doc {
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
}

/** The value of a text literal: quotes removed, `\"` and `\\` (and `\n`, `\t`) unescaped. */
export function unquote(image: string): string {
  let s = image.startsWith('"') ? image.slice(1) : image;
  if (s.endsWith('"') && !s.endsWith('\\"')) s = s.slice(0, -1);
  else if (s.endsWith('"') && /(?:^|[^\\])(?:\\\\)*"$/.test(s)) s = s.slice(0, -1);
  return s.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}
