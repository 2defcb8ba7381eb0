import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../../compiler/ide/semantic-tokens.js';
import { safely, type ServerState } from '../state.js';

export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

export function registerSemanticTokens(state: ServerState): void {
  state.connection.languages.semanticTokens.on((p): SemanticTokens =>
    safely(state, 'semanticTokens', () => {
      const x = state.analysisOf(p.textDocument.uri);
      const b = new SemanticTokensBuilder();
      if (!x) return b.build();
      for (const t of semanticTokens(x.a)) {
        const pos = x.doc.positionAt(t.span.start);
        const mods = t.modifiers.reduce((m, name) => m | (1 << TOKEN_MODIFIERS.indexOf(name)), 0);
        b.push(pos.line, pos.character, t.span.end - t.span.start, TOKEN_TYPES.indexOf(t.type), mods);
      }
      return b.build();
    }, { data: [] }),
  );
}
