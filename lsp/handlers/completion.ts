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
      const x = state.analysisOf(p.textDocument.uri);
      if (!x) return [];
      return complete(x.a, x.doc.offsetAt(p.position)).map((c) => ({
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
