import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import { hover } from '../../compiler/ide/hover.js';
import { toRange } from '../convert.js';
import { safely, type ServerState } from '../state.js';

export function registerHover(state: ServerState): void {
  state.connection.onHover((p: HoverParams): Hover | null =>
    safely(state, 'hover', () => {
      const x = state.analysisOf(p.textDocument.uri);
      if (!x) return null;
      const h = hover(x.a, x.doc.offsetAt(p.position), state.previewOptions(p.textDocument.uri));
      if (!h) return null;
      return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toRange(x.doc, h.span) };
    }, null),
  );
}
