// Rename: the declaration and every use of a declared name.
import type { FullAnalysis } from '../analysis.js';
import type { Span } from '../syntax/span.js';
import { RESERVED } from '../../grammar/tokens.js';
import { clamp, symbolAt, type TextEdit } from './util.js';
import { referencesOf } from './references.js';

const BUILTIN = new Set(['rep', 'period', 'deal', 'event', 'credit']);

/** The name that would be renamed at offset, or undefined (builtins, the plan title, nothing). Payout curves are
 *  functions with a declaration (a name span): they are renamed; built-in functions have none. */
export function prepareRename(a: FullAnalysis, offset: number): { span: Span; placeholder: string } | undefined {
  const hit = symbolAt(a, clamp(offset, a.text));
  if (!hit || !hit.symbol.nameSpan || hit.symbol.kind === 'plan' || hit.symbol.kind === 'builtin') return undefined;
  return { span: hit.span, placeholder: a.text.slice(hit.span.start, hit.span.end) };
}

export type RenameResult = { edits: TextEdit[] } | { error: string };

export function rename(a: FullAnalysis, offset: number, newName: string): RenameResult {
  const prep = prepareRename(a, offset);
  if (!prep) return { error: 'nothing to rename here' };
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(newName)) return { error: `\`${newName}\` is not a name: letters, digits and \`_\`, starting with a letter` };
  if ((RESERVED as readonly string[]).includes(newName) || BUILTIN.has(newName)) return { error: `\`${newName}\` is a reserved word` };
  const hit = symbolAt(a, clamp(offset, a.text))!;
  const sym = hit.symbol;
  const clash = a.symbols.find((s) => s !== sym && s.name === newName && (sym.kind === 'field' ? s.kind === 'field' && s.container === sym.container : s.kind !== 'field' && s.kind !== 'plan'));
  if (clash) return { error: `\`${newName}\` is already declared` };
  return { edits: referencesOf(a, sym, true).map((span) => ({ span, newText: newName })) };
}
