// The payout preview of a hover: for whom (the plan's `target rep`, a typical rep of the sample
// data, or a rep inferred from the plan), computed for this text and for the last saved one
// (before -> after), and the sample-data figures of the component.
import type { FullAnalysis } from '../analysis.js';
import type * as IR from '../../runtime/ir.js';
import { compareWithSaved, previewTarget, renderTargetPreview, type PreviewOptions, type TargetPreview } from './preview.js';
import { renderSampleSection, sampleFolder } from './preview-sample.js';
import { declaredTarget, inferredTarget, sampleTarget, targetText, type TargetSpec } from './preview-target.js';

/** Who a component's previews are for: the `target rep`, else a typical sample rep, else one inferred from the plan. */
export function targetForComponent(a: FullAnalysis, comp: IR.ComponentIR, opts: PreviewOptions): TargetSpec {
  const declared = declaredTarget(a.plan);
  if (declared) return declared;
  const c = opts.sample?.components[comp.name];
  if (c && c.profile.length) return sampleTarget(comp.name, c.profile, c.role);
  return inferredTarget(a.ir!, comp);
}

/** The preview of the component `pick` chooses, compared with the last saved version of the plan. */
export function previewCompared(a: FullAnalysis, pick: (ir: IR.PlanIR) => IR.ComponentIR | undefined, opts: PreviewOptions): TargetPreview | undefined {
  const comp = a.ir && pick(a.ir);
  if (!comp) return undefined;
  const target = targetForComponent(a, comp, opts);
  const now = previewTarget(a, comp, target, opts.shouldStop);
  const saved = opts.saved;
  if (!saved?.ir || saved.text === a.text) return now;
  const old = pick(saved.ir);
  return compareWithSaved(now, old ? previewTarget(saved, old, target, opts.shouldStop) : undefined);
}

/** Markdown of the preview of a component (narrowed by `pick`), plus its sample-data figures. */
export function componentPreviewMarkdown(a: FullAnalysis, component: string | undefined, pick: (ir: IR.PlanIR) => IR.ComponentIR | undefined, what: string, opts: PreviewOptions): string {
  const parts: string[] = [];
  const p = previewCompared(a, pick, opts);
  parts.push(p ? renderTargetPreview(p, what) : `**Payout preview** · ${what} · _not available here_`);
  const comp = a.ir && pick(a.ir);
  if (p && p.source !== 'target rep' && comp) parts[parts.length - 1] += '\n\n```comp\n' + targetText(a.ir!, targetForComponent(a, comp, opts)) + '\n```';
  if (component && opts.sample) parts.push(renderSampleSection(opts.sample, component, { saved: opts.savedSample, stale: opts.sampleStale }));
  else if (component && opts.sampleData !== undefined && sampleFolder(opts)) parts.push('**Payout on sample data** · _the sample data is being loaded and run: hover again in a moment_');
  return parts.join('\n\n---\n\n');
}
