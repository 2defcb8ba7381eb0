// `comp run h1.comp h2.comp`: plan files that are versions of one plan (docs/language.md section 18).
import type { PlanIR } from '../../runtime/ir.js';
import type { FullAnalysis } from '../analysis.js';
import { renderDiagnostic } from '../diagnostics/render.js';
import { mergeVersionFiles } from '../lower/time-money.js';
import { compilePlanFile, readSource, useColor, writeErr } from './shared.js';

export async function compileVersionFiles(files: string[]): Promise<{ ir: PlanIR } | undefined> {
  const compiled = [];
  for (const f of files) {
    const c = await compilePlanFile(f);
    if (!c) return undefined;
    const a = c.analysis as FullAnalysis;
    compiled.push({ file: f, plan: a.plan, sem: a.semantics, ir: c.ir });
  }
  const merged = mergeVersionFiles(compiled);
  if (!merged.ir) {
    const color = useColor(process.stderr);
    writeErr(merged.diagnostics.map((d) => renderDiagnostic(d, readSource(d.file), { color })).join('\n\n') + '\n');
    writeErr(`\n${merged.diagnostics.length} error${merged.diagnostics.length === 1 ? '' : 's'} in the versions of the plan; nothing was run\n`);
    return undefined;
  }
  return { ir: merged.ir };
}
