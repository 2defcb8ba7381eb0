import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionParams } from 'vscode-languageserver';
import { complete, type CompletionKind } from '../../compiler/ide/completion.js';
import { safely, type ServerState } from '../state.js';

const KIND: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  snippet: CompletionItemKind.Snippet,
  field: CompletionItemKind.Field,
  variable: CompletionItemKind.Variable,
  table: CompletionItemKind.Struct,
  tiers: CompletionItemKind.Enum,
  function: CompletionItemKind.Function,
  component: CompletionItemKind.Class,
  builtin: CompletionItemKind.Constant,
};

export function registerCompletion(state: ServerState): void {
  state.connection.onCompletion((p: CompletionParams): CompletionItem[] =>
    safely(state, 'completion', () => {
      const doc = state.documents.get(p.textDocument.uri);
      if (!doc) return [];
      const offset = doc.offsetAt(p.position);
      // the word being typed (and a `.` before it) starts at `from`; completion never waits for a re-analysis after a keystroke there
      const text = doc.getText();
      let from = offset;
      while (from > 0 && /[A-Za-z0-9_.]/.test(text[from - 1]!)) from--;
      const x = state.analysisForCompletion(doc, Math.max(0, from - 1), offset);
      return complete(x.a, x.offset).map((c) => ({
        label: c.label,
        kind: KIND[c.kind],
        detail: c.detail,
        documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
        insertText: c.insertText,
        insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      }));
    }, []),
  );
}
