// Rename: the declaration and every use of a declared name, or a refusal that says why when the
// rename would change what the plan reads (data columns, files, names the language looks up).
import type { FullAnalysis, SymbolInfo } from '../analysis.js';
import type * as A from '../syntax/ast.js';
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

/** Lets the language reads by name: tiers on attainment need `quota` and `attainment` (COMP4007). */
const LOOKED_UP = new Set(['quota', 'attainment', 'team quota', 'team attainment']);

/** Why renaming this symbol (to newName) would change what the plan means, or undefined when it is safe. */
export function renameRefusal(a: FullAnalysis, sym: SymbolInfo, newName?: string): string | undefined {
  if (sym.kind === 'let' && LOOKED_UP.has(sym.name)) {
    return `\`${sym.name}\` is looked up by name (tiers on attainment and \`attainment\` need it, COMP4007): renaming it would break them. Keep the name; to call it something else too, add \`let new_name = ${sym.name}\`.`;
  }
  if (newName && LOOKED_UP.has(newName)) return `\`${newName}\` has a meaning of its own in the language (tiers on attainment read it): choose another name`;
  if (sym.kind === 'field') {
    const t = a.plan.items.find((i): i is A.TableDecl => i.kind === 'TableDecl' && i.name?.text === sym.container);
    const file = t?.source?.value ?? `${sym.container}.csv`;
    return `\`${sym.name}\` is the name of a column of ${file}: renamed in the plan it would read a column the data does not have. Rename the column in the data first, then here.`;
  }
  if (sym.kind === 'table' || sym.kind === 'roster') {
    const t = a.plan.items.find((i): i is A.TableDecl => i.kind === 'TableDecl' && i.name?.text === sym.name);
    if (t && !t.source) return `\`${sym.name}\` reads ${sym.name}.csv by its name: write \`from "${sym.name}.csv"\` after it first, so the renamed table still reads the same file.`;
  }
  return undefined;
}

export type RenameResult = { edits: TextEdit[] } | { error: string };

export function rename(a: FullAnalysis, offset: number, newName: string): RenameResult {
  const prep = prepareRename(a, offset);
  if (!prep) return { error: 'nothing to rename here' };
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(newName)) return { error: `\`${newName}\` is not a name: letters, digits and \`_\`, starting with a letter` };
  if ((RESERVED as readonly string[]).includes(newName) || BUILTIN.has(newName)) return { error: `\`${newName}\` is a reserved word` };
  const hit = symbolAt(a, clamp(offset, a.text))!;
  const sym = hit.symbol;
  const refused = renameRefusal(a, sym, newName);
  if (refused) return { error: refused };
  const clash = a.symbols.find((s) => s !== sym && s.name === newName && (sym.kind === 'field' ? s.kind === 'field' && s.container === sym.container : s.kind !== 'field' && s.kind !== 'plan'));
  if (clash) return { error: `\`${newName}\` is already declared` };
  return { edits: referencesOf(a, sym, true).map((span) => ({ span, newText: newName })) };
}
