// Each plan version's complete plan, checked like a plan of its own (docs/language.md, "Plan
// versions"). Apart from versions.ts (the declarations' own checks, called from the checker) because
// this one runs the checker: the analysis calls it after the plan's own check.
import type * as A from '../syntax/ast.js';
import type { Span } from '../syntax/span.js';
import { Codes, type Diagnostic } from '../diagnostics/diagnostic.js';
import { check, type Semantics } from './checker.js';
import { timeMoneyOf } from './time-money-info.js';
import { validDate } from './versions.js';

type Replaceable = A.LetDecl | A.TiersDecl | A.ComponentDecl | A.DrawDecl;

function nameOf(i: A.Item): string | undefined {
  if (i.kind === 'LetDecl' || i.kind === 'TiersDecl' || i.kind === 'ComponentDecl') return i.name ? `${i.kind}:${i.name.text}` : undefined;
  return undefined;
}

/** The items of the plan as amended by `v`. */
function amend(items: A.Item[], v: A.VersionDecl): A.Item[] {
  const out = [...items];
  const replacesDraws = v.items.some((i) => i.kind === 'DrawDecl');
  const kept = replacesDraws ? out.filter((i) => i.kind !== 'DrawDecl') : out;
  for (const item of v.items as Replaceable[]) {
    const n = nameOf(item);
    const at = n === undefined ? -1 : kept.findIndex((i) => nameOf(i) === n);
    if (at >= 0) kept[at] = item;
    else kept.push(item);
  }
  return kept;
}

const inside = (s: Span, outer: Span) => s.start >= outer.start && s.end <= outer.end;

/**
 * Checks each version's complete plan (called by the analysis after the plan's own check).
 * Returns the diagnostics found inside version blocks; fills `versionPlans` for lowering, adds the
 * versions' references and symbols to the plan's semantics (for the editor), and drops the plan's
 * "unused" warnings for names that a version uses.
 */
export function checkVersions(plan: A.Plan, sem: Semantics, file: string, text: string): Diagnostic[] {
  const info = timeMoneyOf(sem);
  const decls = [...info.versions].filter((v) => v.effective && validDate(v.effective.text)).sort((a, b) => (a.effective!.text < b.effective!.text ? -1 : a.effective!.text > b.effective!.text ? 1 : 0));
  if (decls.length === 0) return [];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  let items: A.Item[] = plan.items.filter((i) => i.kind !== 'VersionDecl');
  const usedInVersions = new Set<string>();
  info.versionPlans = [];
  for (const v of decls) {
    items = amend(items, v);
    const vplan: A.Plan = { ...plan, items };
    const vsem = check(vplan, file, text);
    for (const d of vsem.diagnostics) {
      if (!inside(d.span, v.span)) continue;
      const k = `${d.code}\u0000${d.span.start}\u0000${d.span.end}\u0000${d.message}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(d);
    }
    for (const r of vsem.references) {
      usedInVersions.add(`${r.symbol.kind}:${r.symbol.name}`);
      if (inside(r.span, v.span)) {
        const sym = sem.symbols.find((x) => x.kind === r.symbol.kind && x.name === r.symbol.name && x.container === r.symbol.container) ?? r.symbol;
        sem.references.push({ span: r.span, symbol: sym });
      }
    }
    for (const sym of vsem.symbols) if (sym.span && inside(sym.span, v.span)) sem.symbols.push(sym);
    info.versionPlans.push({ decl: v, name: v.title?.value ?? v.effective!.text, effective: v.effective!.text, plan: vplan, semantics: vsem });
  }
  // A let or tiers of the plan used only by a version is used.
  sem.diagnostics = sem.diagnostics.filter((d) => {
    if (d.code !== Codes.UnusedDeclaration.code) return true;
    const name = text.slice(d.span.start, d.span.end);
    return !(usedInVersions.has(`let:${name}`) || usedInVersions.has(`tiers:${name}`));
  });
  return out;
}
