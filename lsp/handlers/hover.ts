// Hover: computed by the quick preview worker (lsp/previews.ts) with the latest sample figures.
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import type { HoverResult } from '../../compiler/ide/hover.js';
import { toRange } from '../convert.js';
import type { ServerState } from '../state.js';

/**
 * How long a hover after an edit waits for the sample data's re-run of the new text (which takes
 * seconds on a large export) before answering with the figures of the text before, labelled so.
 * The payout preview of the target is always of the new text.
 */
export const HOVER_SAMPLE_WAIT_MS = 40;

export function registerHover(state: ServerState): void {
  state.connection.onHover(async (p: HoverParams): Promise<Hover | null> => {
    const doc = state.documents.get(p.textDocument.uri);
    if (!doc) return null;
    try {
      const r = await state.previews.run('hover', state.docInfo(doc), { offset: doc.offsetAt(p.position) }, HOVER_SAMPLE_WAIT_MS);
      if ('error' in r) state.connection.console.error(`hover failed: ${r.error}`);
      if (process.env.COMP_LSP_TIMING) state.log(`hover: ${JSON.stringify(r).slice(0, 200)}`);
      if (!('value' in r) || !r.value) return null;
      const h = r.value as HoverResult;
      const now = state.documents.get(p.textDocument.uri);
      if (!now || now.version !== doc.version) return null; // the text moved on
      return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toRange(doc, h.span) };
    } catch (e) {
      state.connection.console.error(`hover failed: ${(e as Error).stack ?? e}`);
      return null;
    }
  });
}
