// Document symbols (the outline): declarations with their fields, bands and clauses.
import type { FullAnalysis } from '../analysis.js';
import type * as A from '../syntax/ast.js';
import type { Span } from '../syntax/span.js';

export type OutlineKind = 'plan' | 'header' | 'table' | 'roster' | 'field' | 'credit' | 'let' | 'tiers' | 'band' | 'component' | 'clause' | 'draw' | 'target' | 'curve' | 'point' | 'scorecard' | 'metric' | 'version';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: OutlineKind;
  span: Span;
  selectionSpan: Span;
  children: OutlineSymbol[];
}

function src(a: FullAnalysis, s: Span): string {
  const t = a.text.slice(s.start, s.end).replace(/\s+/g, ' ').trim();
  return t.length > 60 ? t.slice(0, 59) + '…' : t;
}

function item(a: FullAnalysis, it: A.Item): OutlineSymbol | undefined {
  const mk = (name: string, kind: OutlineKind, sel: Span | undefined, detail?: string, children: OutlineSymbol[] = []): OutlineSymbol => ({
    name: name || '?',
    kind,
    span: it.span,
    selectionSpan: sel && sel.start >= it.span.start && sel.end <= it.span.end ? sel : it.span,
    detail,
    children,
  });
  switch (it.kind) {
    case 'PlanHeader':
      return mk(it.title?.value ?? 'plan', 'plan', it.title?.span, 'plan');
    case 'CurrencyDecl':
    case 'PeriodsDecl':
    case 'RoundingDecl':
      return mk(src(a, it.span), 'header', it.span);
    case 'TableDecl': {
      const fields = it.fields
        .filter((f) => f.name)
        .map((f): OutlineSymbol => ({ name: f.name!.text, kind: 'field', span: f.span, selectionSpan: f.name!.span, detail: f.type?.name.text, children: [] }));
      return mk(it.name?.text ?? '', it.roster ? 'roster' : 'table', it.name?.span, it.roster ? 'roster' : 'table', fields);
    }
    case 'CreditRule':
      return mk(`credit ${it.table?.text ?? ''}`.trim(), 'credit', it.table?.span, 'credit rule');
    case 'LetDecl':
      return mk(it.name?.text ?? '', 'let', it.name?.span, it.value ? src(a, it.value.span) : undefined);
    case 'TiersDecl': {
      const bands = (it.table?.bands ?? []).map((b): OutlineSymbol => ({ name: src(a, b.span), kind: 'band', span: b.span, selectionSpan: b.span, children: [] }));
      return mk(it.name?.text ?? '', 'tiers', it.name?.span, it.table?.mode, bands);
    }
    case 'ComponentDecl': {
      const clauses = it.clauses.map((c): OutlineSymbol => ({ name: src(a, c.span), kind: 'clause', span: c.span, selectionSpan: c.span, children: [] }));
      return mk(it.name?.text ?? '', 'component', it.name?.span, it.label?.value, clauses);
    }
    case 'DrawDecl':
      return mk(it.recoverable ? 'draw recoverable' : 'guarantee', 'draw', it.span, it.amount ? src(a, it.amount.span) : undefined);
    case 'TargetDecl':
      return mk('target rep', 'target', it.subject?.span, 'payout previews');
    case 'CurveDecl': {
      const points = it.points.map((p): OutlineSymbol => ({ name: src(a, p.span), kind: 'point', span: p.span, selectionSpan: p.span, children: [] }));
      return mk(it.name?.text ?? '', 'curve', it.name?.span, `curve ${it.mode ?? 'linear'}`, points);
    }
    case 'ScorecardDecl': {
      const metrics = it.metrics.map(
        (m): OutlineSymbol => ({ name: m.name?.text ?? '?', kind: 'metric', span: m.span, selectionSpan: m.name?.span ?? m.span, detail: m.weight ? `weight ${src(a, m.weight.span)}` : undefined, children: [] }),
      );
      return mk(it.name?.text ?? '', 'scorecard', it.name?.span, 'scorecard', metrics);
    }
    case 'VersionDecl': {
      const inner = it.items.map((x) => item(a, x)).filter((x): x is OutlineSymbol => !!x);
      return mk(it.title?.value ?? 'version', 'version', it.title?.span, `version effective ${it.effective?.text ?? '?'}`, inner);
    }
    case 'FiscalDecl':
    case 'FxDecl':
    case 'PayoutCurrencyDecl':
    case 'EffectiveDecl':
      return mk(src(a, it.span), 'header', it.span);
    default:
      return undefined;
  }
}

export function documentSymbols(a: FullAnalysis): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  for (const it of a.plan.items) {
    try {
      const s = item(a, it);
      if (s) out.push(s);
    } catch {
      /* a broken item is left out of the outline */
    }
  }
  return out;
}
