// The blended (effective) rate of a component as a value (docs/language.md section 6):
// `effective_rate(commission)` is what the component's rate or tiers paid in the rep's period over
// the credit it paid on (for `basis year to date`, both to date), a percent. It may be read in a
// let, another component, a gate, `show`. The component is evaluated first (once); a component
// that reads its own effective rate, directly or through lets, scorecards, tiers or other
// components' effective rates, has none (COMP2009 with the cycle). A component without a rate
// (`pays ...`) has no effective rate (COMP3202); an unknown name is COMP2201. A period without
// credit has no rate: a division by zero unless written with `otherwise` (COMP3010, quick fix).
import type * as A from '../syntax/ast.js';
import type { Span } from '../syntax/span.js';
import { Codes, diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Resolution, Semantics } from './model.js';
import type { SymbolInfo } from './symbols.js';
import { T, type Type } from './types.js';

export const EFFECTIVE_RATE = 'effective_rate';

export interface EffectiveRateHost {
  s: Semantics;
  file: string;
  plan: A.Plan;
  err(d: Diagnostic): void;
  src(span: Span): string;
  addRef(span: Span, sym: SymbolInfo | undefined): void;
  componentSymbol(name: string): SymbolInfo | undefined;
  didYouMean(name: string, candidates: Iterable<string>, otherwise?: string): { hint?: string; data?: Record<string, unknown> };
}

/** Every component of the plan and of its versions, by name (the first one written). */
function components(plan: A.Plan): Map<string, A.ComponentDecl[]> {
  const out = new Map<string, A.ComponentDecl[]>();
  const add = (c: A.ComponentDecl): void => {
    if (!c.name) return;
    const list = out.get(c.name.text) ?? [];
    list.push(c);
    out.set(c.name.text, list);
  };
  for (const item of plan.items) {
    if (item.kind === 'ComponentDecl') add(item);
    else if (item.kind === 'VersionDecl') for (const x of item.items) if (x.kind === 'ComponentDecl') add(x);
  }
  return out;
}

/** `effective_rate(NAME)`: checks the call; the type of the value (a percent). */
export function checkEffectiveRate(h: EffectiveRateHost, e: A.Call, ctx: { rep: boolean; where: string; guarded?: boolean }): Type {
  const sig = '`effective_rate(COMPONENT)`';
  if (!ctx.rep) {
    h.err(diag(Codes.NotAvailableHere, h.file, e.span, { name: EFFECTIVE_RATE, where: ctx.where }, { hint: 'the effective rate is a value of the rep and period: read it in a `let` or a component' }));
    return T.unknown;
  }
  const arg = e.args[0];
  if (e.args.length !== 1 || e.by || e.where || e.mode) {
    h.err(diag(Codes.WrongArgumentCount, h.file, e.span, { name: EFFECTIVE_RATE, expected: 'the name of one component', found: String(e.args.length) }, { hint: sig }));
    return T.unknown;
  }
  if (arg?.kind !== 'NameRef') {
    if (arg && arg.kind !== 'ErrorExpr') h.err(diag(Codes.TypeMismatch, h.file, arg.span, { expected: 'the name of a component', found: `\`${h.src(arg.span)}\`` }, { hint: sig }));
    return T.unknown;
  }
  const all = components(h.plan);
  const name = arg.name.text;
  const decls = all.get(name);
  if (!decls) {
    h.err(diag(Codes.UnknownComponent, h.file, arg.span, { name }, h.didYouMean(name, all.keys())));
    return T.unknown;
  }
  h.addRef(arg.name.span, h.componentSymbol(name));
  const rateless = decls.find((c) => !c.clauses.some((cl) => cl.kind === 'RateClause'));
  if (rateless) {
    h.err(diag(Codes.EffectiveRateNoRate, h.file, arg.span, { name, why: 'pays an amount, not a rate on its credit' }, { related: [{ file: h.file, span: rateless.span, message: 'the component' }], hint: 'an effective rate is what a `rate` or tiers paid over the credit it paid on' }));
    return T.unknown;
  }
  h.s.res.set(e, { k: 'mechanic', name: EFFECTIVE_RATE } as Resolution);
  if (!ctx.guarded) {
    h.err(
      diag(Codes.PossibleDivisionByZero, h.file, e.span, { divisor: `the credit \`${name}\` paid on` }, {
        hint: `a period without credit has no effective rate: say what it is then, \`${h.src(e.span)} otherwise 0%\``,
        data: { fix: 'otherwise', insertAt: e.span.end, text: ' otherwise 0%' },
      }),
    );
  }
  return T.percent;
}

/**
 * Components whose value depends on their own effective rate: through their clauses, the lets,
 * scorecards and named tiers they read, and the effective rates of other components. Reported
 * once per cycle at the call that closes it (COMP2009).
 */
export function checkEffectiveRateCycles(h: EffectiveRateHost): void {
  const all = components(h.plan);
  const isCall = (n: { kind?: string }): n is A.Call => n.kind === 'Call' && (h.s.res.get(n as A.Call) as Resolution | undefined)?.k === 'mechanic' && (n as A.Call).callee.text === EFFECTIVE_RATE;
  const reported = new Set<string>();
  for (const [start, decls] of all) {
    const seen = new Set<string>();
    let found: { path: string[]; at: A.Call } | undefined;
    const visit = (node: unknown, path: string[]): void => {
      if (found || !node || typeof node !== 'object') return;
      if (Array.isArray(node)) {
        for (const n of node) visit(n, path);
        return;
      }
      const o = node as { kind?: string };
      if (isCall(o)) {
        const target = (o.args[0] as A.NameRef).name.text;
        if (target === start) {
          found = { path: [...path, `effective_rate(${target})`], at: o };
          return;
        }
        if (!seen.has(`component:${target}`)) {
          seen.add(`component:${target}`);
          visit(all.get(target)?.map((c) => c.clauses), [...path, `effective_rate(${target})`]);
        }
        return;
      }
      if (o.kind === 'NameRef') {
        const r = h.s.res.get(o as A.NameRef) as Resolution | undefined;
        if (!r || (r.k !== 'let' && r.k !== 'scorecard' && r.k !== 'tiers')) return;
        const key = `${r.k}:${r.name}`;
        if (seen.has(key)) return;
        seen.add(key);
        const body = r.k === 'let' ? h.s.lets.get(r.name)?.decl.value : r.k === 'tiers' ? h.s.tiers.get(r.name)?.table : h.plan.items.find((i) => i.kind === 'ScorecardDecl' && i.name?.text === r.name);
        visit(body, [...path, r.name]);
        return;
      }
      for (const [k, v] of Object.entries(o)) if (k !== 'span' && v && typeof v === 'object') visit(v, path);
    };
    visit(decls.map((c) => c.clauses), [start]);
    if (found && !reported.has(start)) {
      const f = found as { path: string[]; at: A.Call };
      reported.add(start);
      h.err(diag(Codes.CyclicDefinition, h.file, f.at.span, { name: start, cycle: f.path.join(' -> ') }, { hint: 'a component cannot be paid on its own effective rate: compute the rate from the tiers in a `let` instead' }));
    }
  }
}
