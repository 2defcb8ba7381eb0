// Plan versions at run time (docs/language.md, "Plan versions"): each version is compiled as a
// plan of its own (the plan's tables and credit rules, the version's lets, components and draws);
// a period is paid by the version in force on its first day.
import type { PlanIR, VersionIR } from '../ir.js';

export interface CompiledVersion<P> {
  ir: VersionIR;
  plan: P;
}

export function compileVersions<P>(ir: PlanIR, compile: (ir: PlanIR) => P): CompiledVersion<P>[] {
  return [...(ir.versions ?? [])]
    .sort((a, b) => (a.effective < b.effective ? -1 : a.effective > b.effective ? 1 : 0))
    .map((v) => ({ ir: v, plan: compile({ ...ir, lets: v.lets, components: v.components, draws: v.draws, versions: undefined }) }));
}

/** The version in force on `iso` (the latest effective on or before it), or undefined for the plan itself. */
export function versionAt<P>(versions: CompiledVersion<P>[] | undefined, iso: string): CompiledVersion<P> | undefined {
  let best: CompiledVersion<P> | undefined;
  for (const v of versions ?? []) if (v.ir.effective <= iso) best = v;
  return best;
}
