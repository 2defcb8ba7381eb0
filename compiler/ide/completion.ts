// Completion: fields after a dot, declared names and functions in expressions, keywords and
// snippets where a declaration or a clause starts. Plain data; the server maps kinds to LSP.
import type { FullAnalysis } from '../analysis.js';
import type * as A from '../syntax/ast.js';
import type { Type } from '../semantics/types.js';
import { BUILTIN_NAMES, functionInfo } from '../semantics/checker.js';
import { clamp, kindOf, nodePath, tokenIndexAt } from './util.js';

export type CompletionKind = 'keyword' | 'snippet' | 'field' | 'variable' | 'table' | 'tiers' | 'function' | 'component' | 'builtin';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  /** Text to insert (a snippet with $1 placeholders when `snippet`). */
  insertText?: string;
  snippet?: boolean;
}

const FUNCTIONS = ['min', 'max', 'abs', 'days_between', 'months_between', 'months_since', 'ramp'];

const ITEM_KEYWORDS = ['plan', 'currency', 'periods', 'rounding', 'roster', 'table', 'credit', 'let', 'tiers', 'component', 'draw recoverable', 'guarantee', 'target rep'];
const CLAUSE_KEYWORDS = ['for', 'on', 'basis per deal', 'basis period total', 'basis running total', 'rate', 'gate', 'multiplier', 'cap', 'clawback'];
const EXPR_KEYWORDS = ['credit', 'team credit', 'if', 'then', 'else', 'otherwise', 'and', 'or', 'not', 'true', 'false'];
const FIELD_TYPES = ['text', 'date', 'period', 'boolean', 'integer', 'decimal', 'percent', 'money', 'rep'];

export const SNIPPETS: CompletionItem[] = [
  {
    label: 'component',
    kind: 'snippet',
    detail: 'component with a rate',
    insertText: 'component ${1:commission} "${2:Commission}" {\n  for ${3:rep.role = "AE"}\n  on credit\n  basis ${4:period total}\n  rate ${5:10%}\n}',
    snippet: true,
  },
  {
    label: 'tiers',
    kind: 'snippet',
    detail: 'marginal tier table',
    insertText: 'tiers ${1:accelerator} ${2|marginal,retroactive|} {\n  from 0%   to 100% pays ${3:8%}\n  from 100%         pays ${4:12%}\n}',
    snippet: true,
  },
  {
    label: 'credit',
    kind: 'snippet',
    detail: 'credit rule',
    insertText: 'credit ${1:deals}\n  where deal.${2:stage} = "${3:Won}"\n  amount deal.${4:amount}\n  date deal.${5:close_date}\n  to deal.${6:owner}',
    snippet: true,
  },
  {
    label: 'roster',
    kind: 'snippet',
    detail: 'roster of reps',
    insertText: 'roster ${1:reps} from "${2:reps.csv}" {\n  id: text key\n  manager: rep optional\n  role: text\n  monthly_quota: money positive\n  team by manager\n}',
    snippet: true,
  },
  { label: 'table', kind: 'snippet', detail: 'input table', insertText: 'table ${1:deals} from "${2:deals.csv}" {\n  id: text key\n  ${3:owner}: rep\n}', snippet: true },
  { label: 'let', kind: 'snippet', detail: 'let declaration', insertText: 'let ${1:name} = ${2:value}', snippet: true },
  { label: 'attainment', kind: 'snippet', detail: 'quota and attainment', insertText: 'let quota = rep.${1:monthly_quota}\nlet attainment = credit / quota otherwise 0%', snippet: true },
  { label: 'target rep', kind: 'snippet', detail: 'the rep payout previews are computed for', insertText: 'target rep { monthly_quota: ${1:USD 50,000}  role: "${2:AE}" }', snippet: true },
  { label: 'clawback', kind: 'snippet', detail: 'clawback clause', insertText: 'clawback ${1:cancellations} within ${2:90} days ${3|full,prorated by|}', snippet: true },
];

function fieldsOf(a: FullAnalysis, table: string, detailOwner: string): CompletionItem[] {
  const t = a.semantics.tables.get(table);
  if (!t) return [];
  return [...t.fields.values()].map((f) => {
    const sym = a.symbols.find((s) => s.kind === 'field' && s.name === f.name && s.container === table);
    return { label: f.name, kind: 'field' as const, detail: `${detailOwner}.${f.name}: ${sym?.type ?? ''}`.trim(), documentation: f.decl.doc };
  });
}

function membersOfType(a: FullAnalysis, t: Type | undefined): CompletionItem[] | undefined {
  if (!t) return undefined;
  if (t.k === 'row' || t.k === 'table') return fieldsOf(a, t.table, t.table);
  if (t.k === 'period') return [
    { label: 'start', kind: 'field', detail: 'period.start: date' },
    { label: 'end', kind: 'field', detail: 'period.end: date' },
  ];
  return undefined;
}

/** Completions after `x.`: the fields of what `x` is. */
function afterDot(a: FullAnalysis, dot: number): CompletionItem[] {
  // The checker typed the expression before the dot, when it parsed as one.
  const path = nodePath(a.plan, dot);
  for (let i = path.length - 1; i >= 0; i--) {
    const n = path[i]!;
    if (kindOf(n) === 'FieldAccess') {
      const fa = n as A.FieldAccess;
      if (fa.target.span.end <= dot) {
        const items = membersOfType(a, a.semantics.types.get(fa.target));
        if (items) return items;
      }
    }
  }
  // Otherwise, by the word before the dot.
  const before = a.text.slice(0, dot);
  const m = /([A-Za-z][A-Za-z0-9_]*)\s*$/.exec(before);
  const word = m?.[1];
  if (!word) return [];
  const roster = a.semantics.roster?.name;
  if (word === 'rep' && roster) return fieldsOf(a, roster, 'rep');
  if (word === 'period') return membersOfType(a, { k: 'period' } as Type) ?? [];
  if (a.semantics.tables.has(word)) return fieldsOf(a, word, word);
  for (const c of a.semantics.credits) if (c.alias === word) return fieldsOf(a, c.table, word);
  for (const c of a.semantics.clawbacks.values()) if (word === 'event') return fieldsOf(a, c.events, 'event');
  if (word === 'deal' && a.semantics.credits[0]) return fieldsOf(a, a.semantics.credits[0].table, 'deal');
  return [];
}

function names(a: FullAnalysis): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const s of a.symbols) {
    if (s.kind === 'let') out.push({ label: s.name, kind: 'variable', detail: `let ${s.name}: ${s.type}`, documentation: s.doc });
    else if (s.kind === 'table' || s.kind === 'roster') out.push({ label: s.name, kind: 'table', detail: s.type, documentation: s.doc });
    else if (s.kind === 'tiers') out.push({ label: s.name, kind: 'tiers', detail: 'tiers', documentation: s.doc });
  }
  for (const b of BUILTIN_NAMES) out.push({ label: b.name, kind: 'builtin', detail: b.type, documentation: b.doc });
  for (const f of FUNCTIONS) {
    const info = functionInfo(f);
    out.push({ label: f, kind: 'function', detail: info?.sig, documentation: info?.doc, insertText: `${f}($1)`, snippet: true });
  }
  return out;
}

const kw = (words: string[]): CompletionItem[] => words.map((w) => ({ label: w, kind: 'keyword' as const }));

/** Completions at an offset. Never throws. */
export function complete(a: FullAnalysis, offsetIn: number): CompletionItem[] {
  try {
    const offset = clamp(offsetIn, a.text);
    // The word being typed starts at `start`.
    let start = offset;
    while (start > 0 && /[A-Za-z0-9_]/.test(a.text[start - 1]!)) start--;
    let k = start;
    while (k > 0 && (a.text[k - 1] === ' ' || a.text[k - 1] === '\t')) k--;
    if (a.text[k - 1] === '.') return afterDot(a, k - 1);
    // Inside a comment or a string: nothing.
    const ti = tokenIndexAt(a.tokens, offset);
    const tok = a.tokens[ti];
    if (tok && (tok.category === 'comment' || tok.category === 'string') && offset > tok.span.start && offset <= tok.span.end) {
      if (tok.category === 'comment' || a.text[tok.span.end - 1] !== '"' || offset < tok.span.end) return [];
    }
    const lineStart = a.text.lastIndexOf('\n', start - 1) + 1;
    const lineBefore = a.text.slice(lineStart, start).trim();
    const path = nodePath(a.plan, Math.max(0, start - 1));
    const inComponent = path.some((n) => kindOf(n) === 'ComponentDecl') && braceDepth(a, start) > 0;
    const inTable = path.some((n) => kindOf(n) === 'TableDecl') && braceDepth(a, start) > 0;
    if (inTable) {
      if (/:\s*$/.test(lineBefore) || /:\s*\S*$/.test(lineBefore)) {
        const types = kw(FIELD_TYPES);
        for (const t of a.semantics.tables.keys()) types.push({ label: t, kind: 'table', detail: 'a reference to a row of ' + t });
        return types;
      }
      if (lineBefore === '') return kw(['team by']);
      return kw(['key', 'optional', 'positive', 'where']);
    }
    if (lineBefore === '') {
      if (inComponent) return [...kw(CLAUSE_KEYWORDS), ...SNIPPETS.filter((s) => s.label === 'clawback')];
      if (braceDepth(a, start) === 0) {
        const inCredit = path.some((n) => kindOf(n) === 'CreditRule');
        const items = [...kw(ITEM_KEYWORDS), ...SNIPPETS];
        if (inCredit) items.push(...kw(['where', 'amount', 'date', 'to', 'split by']));
        return items;
      }
      return kw(['from', 'to', 'pays']);
    }
    if (/^rate\s*$/.test(lineBefore) && inComponent) {
      return [...names(a).filter((x) => x.kind === 'tiers'), ...kw(['marginal', 'retroactive'])];
    }
    return [...names(a), ...kw(EXPR_KEYWORDS)];
  } catch {
    return [];
  }
}

function braceDepth(a: FullAnalysis, offset: number): number {
  let d = 0;
  for (const t of a.tokens) {
    if (t.span.start >= offset) break;
    if (t.type === 'LBrace') d++;
    else if (t.type === 'RBrace') d = Math.max(0, d - 1);
  }
  return d;
}
