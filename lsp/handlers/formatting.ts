import type { TextEdit } from 'vscode-languageserver';
import { formatEdits } from '../../compiler/ide/format.js';
import { toRange } from '../convert.js';
import { safely, type ServerState } from '../state.js';

export function registerFormatting(state: ServerState): void {
  state.connection.onDocumentFormatting((p): TextEdit[] =>
    safely(state, 'formatting', () => {
      const doc = state.documents.get(p.textDocument.uri);
      if (!doc) return [];
      const indent = p.options.insertSpaces === false ? '\t' : ' '.repeat(2);
      const edits = formatEdits(doc.getText(), { indent });
      return (edits ?? []).map((e) => ({ range: toRange(doc, e.span), newText: e.newText }));
    }, []),
  );
}
