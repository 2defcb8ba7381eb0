// Code lenses, inlay hints and the explain request: the payout figures of the preview workers.
//   comp/explain   { uri, rep?, period?, component? } -> { text }   (`comp explain` on the sample data)
//   comp/run       { uri } -> { text }   (`comp run` on the sample data)
//   comp/planInfo  { uri } -> { plan, range, frequency, periods: string[], reps: string[], sample? }
import type { CodeLens, InlayHint } from 'vscode-languageserver';
import type { InlayHint as IdeInlay, Lens } from '../../compiler/ide/lenses.js';
import { toRange, toSpan } from '../convert.js';
import type { ServerState } from '../state.js';

export const EXPLAIN_COMMAND = 'comp.explainPayout';

export function registerFigures(state: ServerState): void {
  const c = state.connection;
  c.onCodeLens(async (p): Promise<CodeLens[]> => {
    const doc = state.documents.get(p.textDocument.uri);
    if (!doc) return [];
    const r = await state.previews.run('lenses', state.docInfo(doc), {}, 100);
    if (!('value' in r)) return [];
    return (r.value as Lens[]).map((l) => ({
      range: toRange(doc, l.span),
      command: { title: l.title, command: EXPLAIN_COMMAND, arguments: [doc.uri, l.component] },
    }));
  });
  c.languages.inlayHint.on(async (p): Promise<InlayHint[]> => {
    const doc = state.documents.get(p.textDocument.uri);
    if (!doc) return [];
    const r = await state.previews.run('inlays', state.docInfo(doc), { range: toSpan(doc, p.range) }, 100);
    if (!('value' in r)) return [];
    return (r.value as IdeInlay[]).map((h) => ({ position: doc.positionAt(h.offset), label: h.label, tooltip: h.tooltip, paddingLeft: true }));
  });
  c.onRequest('comp/explain', async (p: { uri: string; rep?: string; period?: string; component?: string }) => {
    const doc = state.documents.get(p.uri);
    if (!doc) return { text: 'The plan is not open.' };
    const r = await state.previews.run('explain', state.docInfo(doc), { rep: p.rep || undefined, period: p.period || undefined, component: p.component || undefined });
    if ('value' in r) return { text: r.value as string };
    return { text: 'error' in r ? `explain failed: ${r.error}` : 'cancelled: the plan changed' };
  });
  c.onRequest('comp/run', async (p: { uri: string }) => {
    const doc = state.documents.get(p.uri);
    if (!doc) return { text: 'The plan is not open.' };
    const r = await state.previews.run('run', state.docInfo(doc));
    if ('value' in r) return { text: r.value as string };
    return { text: 'error' in r ? `run failed: ${r.error}` : 'cancelled: the plan changed' };
  });
  c.onRequest('comp/planInfo', async (p: { uri: string }) => {
    const doc = state.documents.get(p.uri);
    if (!doc) return { reps: [], periods: [] };
    const a = state.analysis(doc);
    const ir = a.ir;
    await state.previews.refresh(state.docInfo(doc));
    const s = state.previews.latestSummary(doc.uri);
    const range = ir ? [ir.periods.from, ir.periods.to].filter(Boolean).join(' to ') : undefined;
    return { plan: ir?.name, range: range || undefined, frequency: ir?.periods.frequency, periods: s?.periods ?? [], reps: s?.repKeys ?? [], sample: s?.shown };
  });
}
