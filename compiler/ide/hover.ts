// Hover: the type and doc comment of any name, and payout previews on rates, tier tables, caps,
// gates, multipliers and components (see preview.ts). Markdown in plain offsets.
import type { FullAnalysis, SymbolInfo } from '../analysis.js';
import type * as A from '../syntax/ast.js';
import type { Span } from '../syntax/span.js';
import type * as IR from '../../runtime/ir.js';
import { BUILTIN_NAMES, functionInfo } from '../semantics/builtins.js';
import { clamp, kindOf, nodePath, symbolAt, tokenIndexAt, within } from './util.js';
import { constructHover, curveMarkdown, scorecardMarkdown } from './hover-constructs.js';
import { rateOnly, tiersComponent, wholeComponent, type PreviewOptions } from './preview.js';
import { componentPreviewMarkdown } from './preview-hover.js';

export interface HoverResult {
  span: Span;
  markdown: string;
}

const KIND_WORD: Record<string, string> = {
  table: 'table',
  roster: 'roster',
  field: 'field',
  let: 'let',
  tiers: 'tiers',
  component: 'component',
  builtin: '',
  function: 'function',
  plan: 'plan',
};

/** "```comp\nlet quota: money (USD)\n```" and the doc comment. */
export function describeSymbol(s: SymbolInfo): string {
  const owner = s.container ? `${s.container}.` : '';
  const word = (Object.hasOwn(KIND_WORD, s.kind) ? KIND_WORD[s.kind] : undefined) ?? s.kind;
  const sig = `${word ? word + ' ' : ''}${owner}${s.name}: ${s.type}`;
  return '```comp\n' + sig + '\n```' + (s.doc ? `\n\n${s.doc}` : '');
}

type PreviewKind = 'rate' | 'whole' | 'tiers';

interface PreviewSite {
  kind: PreviewKind;
  component?: A.ComponentDecl;
  tiers?: A.TiersDecl;
  node: A.Node;
  what: string;
}

function previewSite(a: FullAnalysis, path: A.Node[], offset: number): PreviewSite | undefined {
  const comp = path.find((n): n is A.ComponentDecl => kindOf(n) === 'ComponentDecl');
  if (comp) {
    const clause = path.find((n) => comp.clauses.includes(n as A.Clause)) as A.Clause | undefined;
    const src = (n: A.Node) => a.text.slice(n.span.start, n.span.end).replace(/\s+/g, ' ').trim();
    const name = comp.name ? `\`${comp.name.text}\`` : 'the component';
    if (!clause) {
      // The component's name, label or keyword: the whole component.
      const header = comp.name ? comp.name.span.end : comp.span.start + 9;
      const labelEnd = comp.label ? comp.label.span.end : header;
      if (offset <= Math.max(header, labelEnd)) return { kind: 'whole', component: comp, node: comp, what: `component ${name}` };
      return undefined;
    }
    switch (clause.kind) {
      case 'RateClause':
        return { kind: 'rate', component: comp, node: clause, what: `\`${src(clause)}\` of ${name}` };
      case 'CapClause':
      case 'GateClause':
      case 'MultiplierClause':
        return { kind: 'whole', component: comp, node: clause, what: `${name} with \`${src(clause)}\`` };
      case 'PaysClause':
      case 'PoolClause':
      case 'MinimumClause':
        // an amount, not a rate: the whole component pays it
        return { kind: 'whole', component: comp, node: clause, what: `${name} (\`${src(clause)}\`)` };
      default:
        return undefined;
    }
  }
  const tiers = path.find((n): n is A.TiersDecl => kindOf(n) === 'TiersDecl');
  if (tiers) return { kind: 'tiers', tiers, node: tiers, what: `tiers \`${tiers.name?.text ?? ''}\`` };
  return undefined;
}

function previewMarkdown(a: FullAnalysis, site: PreviewSite, opts: PreviewOptions): string {
  if (!a.ir) return '**Payout preview** · _not available while the plan has errors_';
  if (site.component?.name) {
    const name = site.component.name.text;
    const pick = (ir: IR.PlanIR) => {
      const c = ir.components.find((x) => x.name === name);
      return c && (site.kind === 'rate' ? rateOnly(c) : wholeComponent(c));
    };
    return componentPreviewMarkdown(a, name, pick, site.what, opts);
  }
  if (site.tiers?.name) {
    const tiers = site.tiers.name.text;
    const user = a.ir.components.find((c) => c.rate.k === 'tiers' && c.rate.name === tiers);
    if (!user) return `**Payout preview** · _tiers \`${tiers}\` are used by no component_`;
    return componentPreviewMarkdown(a, user.name, (ir) => tiersComponent(ir, tiers), site.what, opts);
  }
  return '**Payout preview** · _not available here_';
}

function builtinAt(a: FullAnalysis, offset: number): { span: Span; markdown: string } | undefined {
  const i = tokenIndexAt(a.tokens, offset + 1);
  const t = a.tokens[i];
  if (!t || !within(t.span, offset)) return undefined;
  const word = a.text.slice(t.span.start, t.span.end);
  const b = BUILTIN_NAMES.find((x) => x.name === word);
  if (b && (t.category === 'name' || word === 'credit')) return { span: t.span, markdown: '```comp\n' + `${b.name}: ${b.type}` + '\n```\n\n' + b.doc };
  const f = functionInfo(word);
  if (f && a.text.slice(t.span.end).trimStart().startsWith('(')) return { span: t.span, markdown: '```comp\n' + f.sig + '\n```\n\n' + f.doc };
  return undefined;
}

/** Hover at an offset: undefined when there is nothing to say. Never throws. */
export function hover(a: FullAnalysis, offsetIn: number, opts: PreviewOptions = {}): HoverResult | undefined {
  try {
    const offset = clamp(offsetIn, a.text);
    const path = nodePath(a.plan, offset);
    const sym = symbolAt(a, offset);
    const parts: string[] = [];
    let span: Span | undefined;
    let previewed = false;
    if (sym) {
      parts.push(describeSymbol(sym.symbol));
      span = sym.span;
      // curves and scorecards: their points / metrics, and what they pay
      const bonus = a.semantics.bonus;
      const curve = sym.symbol.kind === 'function' ? bonus?.curves.get(sym.symbol.name) : undefined;
      const card = sym.symbol.kind === 'let' ? bonus?.scorecards.get(sym.symbol.name) : undefined;
      if (curve) parts.push(curveMarkdown(a, curve.decl, opts));
      else if (card) parts.push(scorecardMarkdown(a, card.decl, opts));
      previewed = !!(curve || card);
    } else {
      const b = builtinAt(a, offset);
      if (b) {
        parts.push(b.markdown);
        span = b.span;
      }
    }
    if (!sym) {
      const c = constructHover(a, path, offset, opts);
      if (c) {
        parts.push(c.markdown);
        span ??= c.node.span;
      }
    }
    const site = previewed ? undefined : previewSite(a, path, offset);
    if (site) {
      parts.push(previewMarkdown(a, site, opts));
      span ??= site.node.span;
    }
    if (!parts.length || !span) return undefined;
    return { span, markdown: parts.join('\n\n---\n\n') };
  } catch (e) {
    return { span: { start: offsetIn, end: offsetIn }, markdown: `_hover failed: ${(e as Error).message}_` };
  }
}
