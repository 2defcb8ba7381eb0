import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentSymbols, type OutlineKind, type OutlineSymbol } from '../../compiler/ide/symbols.js';
import { toRange } from '../convert.js';
import { safely, type ServerState } from '../state.js';

const KIND: Record<OutlineKind, SymbolKind> = {
  plan: SymbolKind.File,
  header: SymbolKind.Property,
  table: SymbolKind.Struct,
  roster: SymbolKind.Struct,
  field: SymbolKind.Field,
  credit: SymbolKind.Event,
  let: SymbolKind.Variable,
  tiers: SymbolKind.Enum,
  band: SymbolKind.EnumMember,
  component: SymbolKind.Class,
  clause: SymbolKind.Property,
  draw: SymbolKind.Object,
  target: SymbolKind.Object,
  curve: SymbolKind.Function,
  point: SymbolKind.EnumMember,
  scorecard: SymbolKind.Object,
  metric: SymbolKind.Field,
  version: SymbolKind.Namespace,
};

function convert(doc: TextDocument, s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: KIND[s.kind],
    range: toRange(doc, s.span),
    selectionRange: toRange(doc, s.selectionSpan),
    children: s.children.map((c) => convert(doc, c)),
  };
}

export function registerSymbols(state: ServerState): void {
  state.connection.onDocumentSymbol((p): DocumentSymbol[] =>
    safely(state, 'documentSymbol', () => {
      const x = state.analysisOf(p.textDocument.uri);
      if (!x) return [];
      return documentSymbols(x.a).map((s) => convert(x.doc, s));
    }, []),
  );
}
