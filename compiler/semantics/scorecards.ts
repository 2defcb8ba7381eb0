// KPI / MBO scorecards: weighted metrics with a target, a direction, a cap, and an all-metrics
// gate. A scorecard's name is a percent value in a rep's period (`pays rep.target_bonus * mbo`).
import type * as A from '../syntax/ast.js';
import { Codes, diag } from '../diagnostics/diagnostic.js';
import { Decimal } from '../../runtime/decimal.js';
import { T, isNumeric, isUnknown, sameType, show, type Type } from './types.js';
import type { BonusCtx, BonusHost, ScorecardInfo } from './bonus-host.js';

export function collectScorecard(h: BonusHost, item: A.ScorecardDecl): void {
  if (!item.name || !h.declareTop(item.name, 'scorecard')) return;
  h.b.scorecards.set(item.name.text, { decl: item, name: item.name.text });
  h.addSymbol({ name: item.name.text, kind: 'let', type: 'percent (scorecard)', span: item.span, nameSpan: item.name.span, doc: item.doc });
}

export function checkScorecard(h: BonusHost, c: A.ScorecardDecl): void {
  const name = c.name?.text ?? 'scorecard';
  const ctx: BonusCtx = { rep: true, where: 'in a scorecard' };
  if (c.metrics.length === 0) {
    h.err(diag(Codes.ScorecardWithoutMetrics, h.file, c.name?.span ?? c.span, { name }, { hint: 'add `metric NAME weight 50% actual ... target ... higher is better cap 120%`' }));
  }
  let total = new Decimal(0);
  let allWritten = true;
  const seen = new Map<string, A.MetricDecl>();
  for (const m of c.metrics) {
    if (m.name) {
      const prev = seen.get(m.name.text);
      if (prev) h.err(diag(Codes.DuplicateDeclaration, h.file, m.name.span, { name: m.name.text }, { related: [{ file: h.file, span: prev.span, message: 'first declared here' }] }));
      seen.set(m.name.text, m);
    }
    if (m.weight && m.weight.kind !== 'ErrorExpr') {
      if (m.weight.kind === 'PercentLit') {
        h.s.types.set(m.weight, T.percent);
        total = total.plus(new Decimal(m.weight.text).div(100));
      } else {
        allWritten = false;
        h.err(diag(Codes.TypeMismatch, h.file, m.weight.span, { expected: 'a weight written as a percent, e.g. `40%`', found: `\`${h.src(m.weight.span)}\`` }));
      }
    } else allWritten = false;
    const ta: Type = m.actual ? h.expr(m.actual, ctx) : T.unknown;
    const tt: Type = m.target ? h.expr(m.target, ctx) : T.unknown;
    for (const [t, e] of [
      [ta, m.actual],
      [tt, m.target],
    ] as const) {
      if (e && !isUnknown(t) && !isNumeric(t)) h.err(diag(Codes.TypeMismatch, h.file, e.span, { expected: 'a number, percent or amount', found: show(t, h.s.roster?.name) }));
    }
    if (m.actual && m.target && !isUnknown(ta) && !isUnknown(tt) && isNumeric(ta) && isNumeric(tt) && !sameType(ta, tt)) {
      h.err(diag(Codes.IncomparableTypes, h.file, m.target.span, { left: show(ta), right: show(tt) }, { hint: 'the actual and the target of a metric are in the same unit' }));
    }
    if (m.cap) {
      const t = h.expr(m.cap, ctx);
      if (!isUnknown(t) && t.k !== 'percent') h.err(diag(Codes.TypeMismatch, h.file, m.cap.span, { expected: 'a percent of target, e.g. `120%`', found: show(t, h.s.roster?.name) }));
    } else if (m.direction === 'lower' && m.name) {
      h.err(diag(Codes.LowerIsBetterNeedsCap, h.file, m.name.span, { name: m.name.text }, { hint: 'add `cap 150%` (a score of at most 150% of target)' }));
    }
  }
  if (allWritten && c.metrics.length > 0 && !total.eq(1)) {
    h.err(diag(Codes.ScorecardWeights, h.file, c.name?.span ?? c.span, { name, sum: `${total.mul(100).toString()}%` }, { hint: 'the weights of the metrics are shares of the card: they add up to 100%' }));
  }
  if (c.gate) {
    const t = h.expr(c.gate, ctx);
    if (!isUnknown(t) && t.k !== 'percent') h.err(diag(Codes.TypeMismatch, h.file, c.gate.span, { expected: 'a percent of target, e.g. `50%`', found: show(t) }));
  }
  const info = c.name ? h.b.scorecards.get(c.name.text) : undefined;
  if (info?.decl === c) {
    const cycle = cycleThrough(h, info.name);
    if (cycle) h.err(diag(Codes.CyclicDefinition, h.file, c.name!.span, { name: info.name, cycle: cycle.join(' -> ') }));
    info.checked = true;
    for (const ref of info.unguardedRefs ?? []) warnZeroTarget(h, info, ref);
    info.unguardedRefs = undefined;
  }
}

/** A higher-is-better metric scores actual / target: a target that may be zero is a possible
 *  division by zero (COMP3010) where the card is used outside `otherwise`. */
function warnZeroTarget(h: BonusHost, info: ScorecardInfo, e: A.NameRef): void {
  const risky = info.decl.metrics.find((m) => m.direction === 'higher' && m.target && m.target.kind !== 'ErrorExpr' && !h.nonZero(m.target));
  if (!risky?.target) return;
  const divisor = h.src(risky.target.span);
  h.err(
    diag(Codes.PossibleDivisionByZero, h.file, e.span, { divisor }, {
      hint: `metric \`${risky.name?.text ?? ''}\` of \`${info.name}\` scores actual / \`${divisor}\`: say what the card is when it is zero, \`${info.name} otherwise 0%\`, or declare the field \`positive\``,
      data: { fix: 'otherwise', insertAt: e.span.end, text: ' otherwise 0%' },
    }),
  );
}

/** A scorecard's name used as a value: undefined when `name` is not a scorecard. */
export function checkScorecardRef(h: BonusHost, e: A.NameRef, ctx: BonusCtx): Type | undefined {
  const info = h.b.scorecards.get(e.name.text);
  if (!info) return undefined;
  h.addRef(e.name.span, h.symbolOf('let', info.name));
  if (!ctx.rep) {
    h.err(diag(Codes.NotAvailableHere, h.file, e.span, { name: info.name, where: ctx.where }));
    return T.unknown;
  }
  h.s.res.set(e, { k: 'scorecard', name: info.name });
  if (!ctx.guarded) {
    if (info.checked) warnZeroTarget(h, info, e);
    else (info.unguardedRefs ??= []).push(e);
  }
  return T.percent;
}

/** The names from scorecard `name` back to itself through its metrics, gate, the lets and the
 *  scorecards they read (`mbo -> x -> mbo`), or undefined when it does not read itself. A card is
 *  computed inline wherever it is used, so a card that reads itself has no value. */
function cycleThrough(h: BonusHost, name: string): string[] | undefined {
  const seen = new Set<string>();
  const visit = (node: unknown, path: string[]): string[] | undefined => {
    if (!node || typeof node !== 'object') return undefined;
    if (Array.isArray(node)) {
      for (const n of node) {
        const found = visit(n, path);
        if (found) return found;
      }
      return undefined;
    }
    const o = node as { kind?: string };
    if (o.kind === 'NameRef') {
      const r = h.s.res.get(o as A.NameRef);
      if (r?.k !== 'scorecard' && r?.k !== 'let') return undefined;
      if (r.k === 'scorecard' && r.name === name) return [...path, name];
      const key = `${r.k}:${r.name}`;
      if (seen.has(key)) return undefined;
      seen.add(key);
      const body = r.k === 'let' ? h.s.lets.get(r.name)?.decl.value : cardBody(h.b.scorecards.get(r.name)?.decl);
      return visit(body, [...path, r.name]);
    }
    for (const [k, v] of Object.entries(o)) {
      if (k !== 'span' && v && typeof v === 'object') {
        const found = visit(v, path);
        if (found) return found;
      }
    }
    return undefined;
  };
  return visit(cardBody(h.b.scorecards.get(name)?.decl), [name]);
}

const cardBody = (c: A.ScorecardDecl | undefined): unknown[] => (c ? [c.metrics.map((m) => [m.actual, m.target, m.cap]), c.gate] : []);
