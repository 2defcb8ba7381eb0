// Payout curves: declaration checks and calls (`payout_curve(attainment)` is a percent).
//
// A curve's points, its `below` payout and its `above` slope are written out (percents, a
// number for the slope), so the checker can verify their order and the language can state the
// boundary rules exactly (docs/language.md, "Payout curves").
import type * as A from '../syntax/ast.js';
import { Codes, diag } from '../diagnostics/diagnostic.js';
import { Decimal } from '../../runtime/decimal.js';
import { T, isScalar, isUnknown, show, type Type } from './types.js';
import type { BonusCtx, BonusHost } from './bonus-host.js';

export function collectCurve(h: BonusHost, item: A.CurveDecl): void {
  if (!item.name || !h.declareTop(item.name, 'curve')) return;
  h.b.curves.set(item.name.text, { decl: item, name: item.name.text });
  h.addSymbol({
    name: item.name.text,
    kind: 'function',
    type: `payout curve (${item.mode ?? 'linear'}): ${item.name.text}(attainment) is a percent`,
    span: item.span,
    nameSpan: item.name.span,
    doc: item.doc,
  });
}

/** The value of a written-out percent (`-5%` too), or undefined after a diagnostic. */
function percentOf(h: BonusHost, e: A.Expr | undefined, what: string): Decimal | undefined {
  if (!e || e.kind === 'ErrorExpr') return undefined;
  let neg = false;
  let x: A.Expr = e;
  if (x.kind === 'Unary' && x.op === '-' && x.operand) {
    neg = true;
    x = x.operand;
  }
  if (x.kind !== 'PercentLit') {
    h.err(diag(Codes.CurveValueNotConstant, h.file, e.span, { what, found: `\`${h.src(e.span)}\`` }, { hint: 'write it as a percent, e.g. `100%`' }));
    return undefined;
  }
  h.s.types.set(e, T.percent);
  h.s.types.set(x, T.percent);
  const v = new Decimal(x.text).div(100);
  return neg ? v.neg() : v;
}

const pct = (d: Decimal): string => `${d.mul(100).toString()}%`;

export function checkCurve(h: BonusHost, c: A.CurveDecl): void {
  const name = c.name?.text ?? 'curve';
  const at = c.points.filter((p) => p.which === 'at');
  const below = c.points.filter((p) => p.which === 'below');
  const above = c.points.filter((p) => p.which === 'above');
  for (const extra of [...below.slice(1), ...above.slice(1)]) {
    h.err(diag(Codes.DuplicateClause, h.file, extra.span, { clause: extra.which }));
  }
  const xs: (Decimal | undefined)[] = [];
  let prev: { x: Decimal; p: A.CurvePoint } | undefined;
  for (const p of at) {
    const x = percentOf(h, p.x, 'points (`at ...`)');
    percentOf(h, p.y, 'payouts (`pays ...`)');
    xs.push(x);
    if (x !== undefined) {
      if (prev && !x.gt(prev.x)) {
        h.err(
          diag(Codes.CurvePointsOrder, h.file, p.x!.span, { x: pct(x), prev: pct(prev.x) }, {
            hint: 'list the points from the lowest attainment to the highest, each once',
            related: [{ file: h.file, span: prev.p.span, message: 'the previous point' }],
          }),
        );
      }
      prev = { x, p };
    }
  }
  const mode = c.mode ?? 'linear';
  const need = mode === 'linear' ? 2 : 1;
  if (at.length < need) {
    h.err(diag(Codes.CurveTooFewPoints, h.file, c.name?.span ?? c.span, { mode, n: String(need) }, { hint: 'add points: `at 100% pays 100%`' }));
    return;
  }
  const first = xs[0];
  const last = xs[xs.length - 1];
  // below the first point
  const b = below[0];
  if (b) {
    const x = percentOf(h, b.x, 'points (`below ...`)');
    percentOf(h, b.y, 'payouts (`pays ...`)');
    if (x !== undefined && first !== undefined && !x.eq(first)) {
      h.err(diag(Codes.CurveEndNotAtPoint, h.file, b.x!.span, { which: 'below', x: pct(x), end: 'first', point: pct(first) }, { hint: `write \`below ${pct(first)} pays ...\`` }));
    }
  } else if (first !== undefined && !first.isZero()) {
    h.err(
      diag(Codes.CurveEndNotStated, h.file, c.name?.span ?? c.span, { name, where: `below its first point (${pct(first)})` }, {
        hint: `add \`below ${pct(first)} pays 0%\` (or what it pays there)`,
      }),
    );
  }
  // above the last point
  const a = above[0];
  if (a) {
    const x = percentOf(h, a.x, 'points (`above ...`)');
    if (x !== undefined && last !== undefined && !x.eq(last)) {
      h.err(diag(Codes.CurveEndNotAtPoint, h.file, a.x!.span, { which: 'above', x: pct(x), end: 'last', point: pct(last) }, { hint: `write \`above ${pct(last)} ...\`` }));
    }
    if (a.slope && a.slope.kind !== 'ErrorExpr') {
      if (a.slope.kind !== 'NumberLit') {
        h.err(diag(Codes.CurveValueNotConstant, h.file, a.slope.span, { what: 'slopes', found: `\`${h.src(a.slope.span)}\`` }, { hint: 'a slope is a number written out: `slope 1.5` pays 1.5 points of payout per point of attainment' }));
      } else h.s.types.set(a.slope, T.decimal);
    }
  } else {
    h.err(
      diag(Codes.CurveEndNotStated, h.file, c.name?.span ?? c.span, { name, where: last !== undefined ? `above its last point (${pct(last)})` : 'above its last point' }, {
        hint: `add \`above ${last !== undefined ? pct(last) : '...'} capped\` or \`above ${last !== undefined ? pct(last) : '...'} slope 1\``,
      }),
    );
  }
}

/** `payout_curve(attainment)`: undefined when the callee is not a curve. */
export function checkCurveCall(h: BonusHost, e: A.Call, ctx: BonusCtx): Type | undefined {
  const info = h.b.curves.get(e.callee.text);
  if (!info) return undefined;
  h.addRef(e.callee.span, h.symbolOf('function', info.name));
  const types = e.args.map((a) => h.expr(a, ctx));
  if (e.args.length !== 1) {
    h.err(diag(Codes.WrongArgumentCount, h.file, e.span, { name: info.name, expected: '1 argument', found: String(e.args.length) }, { hint: `\`${info.name}(attainment)\`` }));
    return T.unknown;
  }
  const t = types[0]!;
  if (!isUnknown(t) && !isScalar(t)) {
    h.err(diag(Codes.TypeMismatch, h.file, e.args[0]!.span, { expected: 'a percent (such as attainment)', found: show(t, h.s.roster?.name) }));
    return T.unknown;
  }
  h.s.res.set(e, { k: 'curve', name: info.name });
  return T.percent;
}
