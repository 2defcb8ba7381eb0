// Completion: fields after a dot, declared names and functions in expressions, keywords and
// snippets where a declaration or a clause starts. Plain data; the server maps kinds to LSP.
import type { FullAnalysis } from '../analysis.js';
import type * as A from '../syntax/ast.js';
import type { Type } from '../semantics/types.js';
import { BUILTIN_NAMES, functionInfo } from '../semantics/builtins.js';
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

const FUNCTIONS = ['min', 'max', 'abs', 'days_between', 'months_between', 'months_since', 'ramp', 'round'];
/** Functions of proration and currencies (checked in proration.ts / currency.ts, not in the checker's table). */
const MORE_FUNCTIONS: { name: string; sig: string; insert: string; doc: string }[] = [
  { name: 'sum', sig: 'sum(deal.FIELD [where COND])', insert: 'sum(${1:deal.units})', doc: "The sum of a field over the rep's rows of the period (credited rows, or a table's rows of the rep dated in the period)." },
  { name: 'count', sig: 'count(deal [where COND])', insert: 'count(${1:deal} where ${2:deal.product = \"A\"})', doc: "How many of the rep's rows of the period meet COND." },
  { name: 'prorate', sig: 'prorate(VALUE, by days employed | by months employed)', insert: 'prorate(${1:value}, by ${2|days,months|} employed)', doc: 'VALUE x days (months) employed / days (months) in the period.' },
  { name: 'seasonal', sig: 'seasonal(ANNUAL, by quarter W1, W2, W3, W4)', insert: 'seasonal(${1:rep.annual_quota}, by quarter ${2:25%}, ${3:25%}, ${4:25%}, ${5:25%})', doc: "The share of an annual value that falls in the period; the weights sum to 100%." },
  { name: 'effective_rate', sig: 'effective_rate(COMPONENT)', insert: 'effective_rate(${1:commission}) otherwise 0%', doc: "The blended (effective) rate of a component in the rep's period: what its rate or tiers paid over the credit it paid on (to date with `basis year to date`)." },
  { name: 'convert', sig: 'convert(AMOUNT, [from TEXT,] to CUR, on DATE)', insert: 'convert(${1:deal.amount}, to ${2:USD}, on ${3:deal.close_date})', doc: 'Converts at the FX rate in force on DATE (the latest on or before it).' },
];
/** Built-in values of the new constructs, in a rep's context. */
const MORE_BUILTINS: { name: string; type: string; doc: string }[] = [
  { name: 'team quota', type: 'money', doc: "The sum of the team members' quotas (or `let team quota = ...`)." },
  { name: 'team attainment', type: 'percent', doc: '`team credit / team quota` (write `otherwise 0%`).' },
  { name: 'days_employed', type: 'integer', doc: 'Days of the period employed and not on leave.' },
  { name: 'days_in_period', type: 'integer', doc: 'Days in the period.' },
  { name: 'months_employed', type: 'integer', doc: 'Whole calendar months of the period employed and not on leave.' },
  { name: 'months_in_period', type: 'integer', doc: 'Months in the period (1 monthly, 3 quarterly, 12 annual).' },
];

const ITEM_KEYWORDS = [
  'plan', 'currency', 'periods', 'rounding', 'roster', 'table', 'credit', 'let', 'tiers', 'component', 'draw recoverable', 'guarantee', 'target rep',
  'curve', 'scorecard', 'version', 'fiscal year starts', 'fx rates from', 'payout currency', 'effective from',
  'opening owed', 'opening draw balance', 'negative balance carried forward', 'negative balance due', 'negative balance written off', 'show',
  'calendar',
];
const CLAUSE_KEYWORDS = [
  'for', 'on', 'basis per deal', 'basis period total', 'basis running total', 'basis year to date', 'basis quarter to date', 'rate', 'rate by', 'gate', 'multiplier', 'cap', 'clawback',
  'pays', 'pool', 'minimum', 'advance', 'hold back', 'true-up can be negative', 'cancelled deals leave attainment', 'cancelled deals stay in attainment',
  'opening credit',
];
/** What a version may change. */
const VERSION_KEYWORDS = ['let', 'tiers', 'component', 'draw recoverable', 'guarantee'];
const ROSTER_KEYWORDS = ['team by', 'employed from', 'leave from', 'assignments from'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const EXPR_KEYWORDS = ['credit', 'team credit', 'team credit at all levels', 'team credit at level', 'team quota at level', 'team attainment at level', 'if', 'then', 'else', 'otherwise', 'and', 'or', 'not', 'true', 'false'];
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
  {
    label: 'calendar',
    kind: 'snippet',
    detail: 'calendar table (4-4-5)',
    insertText: 'calendar ${1:retail} {\n  "${2:FY26-P01}" from ${3:2026-02-01} to ${4:2026-02-28}\n}',
    snippet: true,
  },
  { label: 'table', kind: 'snippet', detail: 'input table', insertText: 'table ${1:deals} from "${2:deals.csv}" {\n  id: text key\n  ${3:owner}: rep\n}', snippet: true },
  { label: 'let', kind: 'snippet', detail: 'let declaration', insertText: 'let ${1:name} = ${2:value}', snippet: true },
  { label: 'attainment', kind: 'snippet', detail: 'quota and attainment', insertText: 'let quota = rep.${1:monthly_quota}\nlet attainment = credit / quota otherwise 0%', snippet: true },
  { label: 'target rep', kind: 'snippet', detail: 'the rep payout previews are computed for', insertText: 'target rep { monthly_quota: ${1:USD 50,000}  role: "${2:AE}" }', snippet: true },
  { label: 'clawback', kind: 'snippet', detail: 'clawback clause', insertText: 'clawback ${1:cancellations} within ${2:90} days ${3|full,prorated by|}', snippet: true },
  {
    label: 'clawback schedule',
    kind: 'snippet',
    detail: 'clawback with a schedule of shares',
    insertText: 'clawback ${1:cancellations} schedule {\n    within ${2:6} months  takes ${3:100%}\n    within ${4:12} months takes ${5:50%}\n  }',
    snippet: true,
  },
  {
    label: 'curve',
    kind: 'snippet',
    detail: 'payout curve',
    insertText: 'curve ${1:payout} ${2|linear,steps|} {\n  at 50%  pays ${3:25%}\n  at 100% pays ${4:100%}\n  at 150% pays ${5:200%}\n  below 50% pays 0%\n  above 150% ${6|capped,slope 1|}\n}',
    snippet: true,
  },
  {
    label: 'scorecard',
    kind: 'snippet',
    detail: 'KPI / MBO scorecard',
    insertText:
      'scorecard ${1:mbo} {\n  metric ${2:retention} weight ${3:60%} actual ${4:kpis.retention} target ${5:90%} higher is better cap ${6:120%}\n  metric ${7:churn}     weight ${8:40%} actual ${9:kpis.churn}     target ${10:5%}  lower is better  cap ${11:150%}\n  all metrics at least ${12:50%} of target\n}',
    snippet: true,
  },
  {
    label: 'spiff',
    kind: 'snippet',
    detail: 'SPIFF: an amount per deal in a date window',
    insertText:
      'component ${1:spiff} "${2:SPIFF}" {\n  pays ${3:USD 500} per deal where deal.${4:product} = "${5:GTX Pro}" and deal.close_date >= ${6:2026-02-01} and deal.close_date <= ${7:2026-02-28}\n}',
    snippet: true,
  },
  {
    label: 'guarantee for new hires',
    kind: 'snippet',
    detail: 'new-hire guarantee',
    insertText: 'guarantee ${1:USD 3,000} per period for first ${2:3} months after rep.${3:hire_date}',
    snippet: true,
  },
  {
    label: 'version',
    kind: 'snippet',
    detail: 'plan version from a date',
    insertText: 'version "${1:H2 2026}" effective ${2:2026-07-01} {\n  ${3:let rate = 12%}\n}',
    snippet: true,
  },
  { label: 'pool', kind: 'snippet', detail: 'team pool clause', insertText: 'pool ${1:USD 1,000} per team split ${2|equally,by credit share|}', snippet: true },
];

/** Snippets offered on a component's clause line. */
const CLAUSE_SNIPPETS = ['clawback', 'clawback schedule', 'pool'];

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
    else if (s.type.startsWith('calendar table')) continue; // a calendar is no value
    else if (s.kind === 'table' || s.kind === 'roster') out.push({ label: s.name, kind: 'table', detail: s.type, documentation: s.doc });
    else if (s.kind === 'tiers') out.push({ label: s.name, kind: 'tiers', detail: 'tiers', documentation: s.doc });
  }
  for (const b of BUILTIN_NAMES) out.push({ label: b.name, kind: 'builtin', detail: b.type, documentation: b.doc });
  for (const b of MORE_BUILTINS) if (!out.some((x) => x.label === b.name)) out.push({ label: b.name, kind: 'builtin', detail: b.type, documentation: b.doc });
  for (const f of FUNCTIONS) {
    const info = functionInfo(f);
    out.push({ label: f, kind: 'function', detail: info?.sig, documentation: info?.doc, insertText: `${f}($1)`, snippet: true });
  }
  for (const f of MORE_FUNCTIONS) out.push({ label: f.name, kind: 'function', detail: f.sig, documentation: f.doc, insertText: f.insert, snippet: true });
  // payout curves are called like functions
  for (const [name, c] of a.semantics.bonus?.curves ?? []) {
    out.push({ label: name, kind: 'function', detail: `curve ${name}(attainment): percent`, documentation: c.decl.doc, insertText: `${name}(\${1:attainment})`, snippet: true });
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
    const block = openBlock(a, start);
    // blocks of the new constructs, by the words that open them
    if (block === 'curve') {
      if (lineBefore === '') return kw(['at', 'below', 'above']);
      if (/^above\s+\S+\s*$/.test(lineBefore)) return kw(['slope', 'capped']);
      if (/^(at|below)\s+\S+\s*$/.test(lineBefore)) return kw(['pays']);
      return [];
    }
    if (block === 'scorecard') {
      if (lineBefore === '') return kw(['metric', 'all metrics at least']);
      if (/^metric\b/.test(lineBefore)) return [...kw(['weight', 'actual', 'target', 'higher is better', 'lower is better', 'cap']), ...names(a)];
      if (/^all\b/.test(lineBefore)) return kw(['of target']);
      return [];
    }
    if (block === 'schedule') {
      if (lineBefore === '') return kw(['within']);
      if (/^within\b/.test(lineBefore)) return kw(['months', 'days', 'takes']);
      return [];
    }
    if (block === 'rate by') {
      if (lineBefore === '') return kw(['otherwise pays']);
      return kw(['pays']);
    }
    if (block === 'version' && lineBefore === '') {
      return [...kw(VERSION_KEYWORDS), ...SNIPPETS.filter((s) => ['component', 'tiers', 'let', 'spiff', 'guarantee for new hires'].includes(s.label))];
    }
    // `effective_rate(` : the components of the plan
    if (/\beffective_rate\(\s*\w*$/.test(a.text.slice(lineStart, start))) {
      return a.symbols.filter((s) => s.kind === 'component').map((s) => ({ label: s.name, kind: 'component' as const, detail: `component ${s.name}`, documentation: s.doc }));
    }
    if (block === 'calendar') {
      // `"FY26-P01" from 2026-02-01 to 2026-02-28`
      if (/^"[^"]*"\s*$/.test(lineBefore)) return kw(['from']);
      if (/^"[^"]*"\s+from\s+\S+\s*$/.test(lineBefore)) return kw(['to']);
      return [];
    }
    if (braceDepth(a, start) === 0 && /^periods\s*$/.test(lineBefore)) return kw(['monthly', 'semimonthly', 'quarterly', 'annual', 'weekly', 'every', 'from calendar']);
    if (braceDepth(a, start) === 0 && /^periods\s+from\s+calendar\s*$/.test(lineBefore)) {
      // by the text: the half-written header may have cost the parse its next declaration
      const names = new Set([...a.text.matchAll(/^\s*calendar\s+([A-Za-z][A-Za-z0-9_]*)\s*\{/gm)].map((m) => m[1]!));
      return [...names].map((n) => ({ label: n, kind: 'table' as const, detail: 'a calendar table' }));
    }
    if (braceDepth(a, start) === 0 && /^fiscal\s+year\s+starts\s*$/.test(lineBefore)) return kw(MONTHS);
    if (inTable) {
      const roster = path.some((n) => kindOf(n) === 'TableDecl' && (n as A.TableDecl).roster);
      if (/:\s*$/.test(lineBefore) || /:\s*\S*$/.test(lineBefore)) {
        const types = kw(FIELD_TYPES);
        for (const t of a.semantics.tables.keys()) types.push({ label: t, kind: 'table', detail: 'a reference to a row of ' + t });
        return types;
      }
      if (lineBefore === '') return kw(roster ? ROSTER_KEYWORDS : ['team by']);
      if (/^employed\s+from\s+\S+\s*$/.test(lineBefore)) return kw(['to']);
      if (/^(leave|assignments)\s+from\s*$/.test(lineBefore) || /^employed\s+from(\s+\S+\s+to)?\s*$/.test(lineBefore)) {
        if (/^employed/.test(lineBefore)) return fieldsOf(a, a.semantics.roster?.name ?? '', 'rep');
        return [...a.semantics.tables.keys()].map((t) => ({ label: t, kind: 'table' as const }));
      }
      return kw(['key', 'optional', 'positive', 'where']);
    }
    if (lineBefore === '') {
      if (inComponent) return [...kw(CLAUSE_KEYWORDS), ...SNIPPETS.filter((s) => CLAUSE_SNIPPETS.includes(s.label))];
      if (braceDepth(a, start) === 0) {
        const inCredit = path.some((n) => kindOf(n) === 'CreditRule');
        const items = [...kw(ITEM_KEYWORDS), ...SNIPPETS];
        if (inCredit) items.push(...kw(['where', 'amount', 'date', 'to', 'split by']));
        return items;
      }
      return kw(['from', 'to', 'pays']);
    }
    if (/^rate\s*$/.test(lineBefore) && inComponent) {
      return [...names(a).filter((x) => x.kind === 'tiers'), ...kw(['marginal', 'retroactive', 'by'])];
    }
    if (inComponent) {
      // the words after a clause's value
      if (/^basis\s*$/.test(lineBefore)) return kw(['per deal', 'period total', 'running total', 'year to date', 'quarter to date']);
      if (/^pays\s+.+\s$/.test(a.text.slice(lineStart, start).trimStart()) && !/\bper\b/.test(lineBefore)) return [...kw(['per deal', 'per deal in full', 'per unit of', 'per mentee', 'where']), ...names(a), ...kw(EXPR_KEYWORDS)];
      if (/^pool\s+.+\s$/.test(a.text.slice(lineStart, start).trimStart()) && !/\bper\b/.test(lineBefore)) return kw(['per team split equally', 'per team split by credit share']);
      if (/^minimum\s+.+\s$/.test(a.text.slice(lineStart, start).trimStart()) && !/\bper\b/.test(lineBefore)) return kw(['per period']);
      if (/^advance\s+\S+\s*$/.test(lineBefore)) return kw(['settle at quarter end', 'settle at year end']);
      if (/^hold\s+back\s+\S+\s*$/.test(lineBefore)) return kw(['until']);
      if (/^cancelled\s+deals\s*$/.test(lineBefore)) return kw(['leave attainment', 'stay in attainment']);
      if (/^clawback\s+\S+\s*$/.test(lineBefore)) return [...kw(['within', 'schedule']), ...SNIPPETS.filter((x) => x.label === 'clawback schedule')];
      if (/^clawback\s+\S+\s+within\s+\d+\s+(?:days|months)\s*$/.test(lineBefore)) return kw(['full', 'prorated by', 'prorated by unused term', 'takes', 'net against later payouts']);
    }
    return [...names(a), ...kw(EXPR_KEYWORDS)];
  } catch {
    return [];
  }
}

/**
 * The block the innermost `{` open before `offset` belongs to, by the words of its line:
 * 'curve', 'scorecard', 'version', 'schedule' (a clawback schedule), 'rate by', 'component'...
 */
function openBlock(a: FullAnalysis, offset: number): string | undefined {
  const stack: number[] = [];
  a.tokens.forEach((t, i) => {
    if (t.span.start >= offset) return;
    if (t.type === 'LBrace') stack.push(i);
    else if (t.type === 'RBrace') stack.pop();
  });
  const open = stack[stack.length - 1];
  if (open === undefined) return undefined;
  const prev = a.tokens[open - 1];
  if (prev && prev.type === 'Kw_schedule') return 'schedule';
  // the first token of the line of the `{`
  const lineStart = a.text.lastIndexOf('\n', a.tokens[open]!.span.start - 1) + 1;
  let i = open;
  while (i > 0 && a.tokens[i - 1]!.span.start >= lineStart) i--;
  const first = a.text.slice(a.tokens[i]!.span.start, a.tokens[i]!.span.end);
  const second = a.tokens[i + 1] ? a.text.slice(a.tokens[i + 1]!.span.start, a.tokens[i + 1]!.span.end) : '';
  if (first === 'rate' && second === 'by') return 'rate by';
  return first;
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
