// Semantic tokens: each token's role from the parser (keyword, name, literal...) refined by the
// checker's references (a let, a field, a table, tiers, a component).
import type { FullAnalysis, SymbolKind } from '../analysis.js';
import type { Span } from '../syntax/span.js';

export const TOKEN_TYPES = ['keyword', 'variable', 'property', 'type', 'class', 'enum', 'function', 'number', 'string', 'comment', 'operator', 'parameter'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'documentation', 'defaultLibrary'] as const;
export type SemanticType = (typeof TOKEN_TYPES)[number];
export type SemanticModifier = (typeof TOKEN_MODIFIERS)[number];

export interface SemanticToken {
  span: Span;
  type: SemanticType;
  modifiers: SemanticModifier[];
}

const BY_SYMBOL: Record<SymbolKind, SemanticType> = {
  table: 'type',
  roster: 'type',
  field: 'property',
  let: 'variable',
  tiers: 'enum',
  component: 'class',
  builtin: 'parameter',
  function: 'function',
  plan: 'string',
};

/** The word just before `offset` (skipping blanks). */
function prevWord(a: FullAnalysis, offset: number): string | undefined {
  return /([A-Za-z_]+)\s*$/.exec(a.text.slice(Math.max(0, offset - 40), offset))?.[1];
}

export function semanticTokens(a: FullAnalysis): SemanticToken[] {
  const refs = new Map<number, SymbolKind>();
  for (const r of a.references) refs.set(r.span.start, r.symbol.kind);
  const decls = new Map<number, SymbolKind>();
  for (const s of a.symbols) if (s.nameSpan && s.kind !== 'plan') decls.set(s.nameSpan.start, s.kind);
  const out: SemanticToken[] = [];
  for (const t of a.tokens) {
    const word = a.text.slice(t.span.start, t.span.end);
    let type: SemanticType | undefined;
    const modifiers: SemanticModifier[] = [];
    switch (t.category) {
      case 'keyword':
        type = word === 'credit' || word === 'true' || word === 'false' ? 'parameter' : 'keyword';
        if (type === 'parameter') modifiers.push('defaultLibrary');
        break;
      case 'name': {
        // `employed from FIELD` in a roster: `employed` is not a keyword token (grammar/tokens.ts) but is one here
        if (word === 'employed' && /^[ \t]+from\b/.test(a.text.slice(t.span.end, t.span.end + 8))) {
          type = 'keyword';
          break;
        }
        const d = decls.get(t.span.start);
        const r = refs.get(t.span.start);
        if (d) {
          type = BY_SYMBOL[d];
          modifiers.push('declaration');
        } else if (r) type = BY_SYMBOL[r];
        else if (['rep', 'period', 'deal', 'event', 'mentee', 'days_employed', 'days_in_period', 'months_employed', 'months_in_period'].includes(word) || ((word === 'quota' || word === 'attainment') && prevWord(a, t.span.start) === 'team')) {
          type = 'parameter';
          modifiers.push('defaultLibrary');
        } else if (a.text.slice(t.span.end).trimStart().startsWith('(')) type = 'function';
        else type = 'variable';
        break;
      }
      case 'number':
      case 'percent':
      case 'date':
      case 'period':
        type = 'number';
        break;
      case 'money':
        type = 'type';
        break;
      case 'string':
        type = 'string';
        break;
      case 'comment':
        type = 'comment';
        if (word.startsWith('##')) modifiers.push('documentation');
        break;
      case 'operator':
        type = 'operator';
        break;
      default:
        type = undefined;
    }
    if (type) out.push({ span: t.span, type, modifiers });
  }
  return out;
}
