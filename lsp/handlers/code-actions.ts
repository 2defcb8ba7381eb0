import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { codeActions } from '../../compiler/ide/code-actions.js';
import { toRange, toSpan } from '../convert.js';
import { safely, type ServerState } from '../state.js';

export function registerCodeActions(state: ServerState): void {
  state.connection.onCodeAction((p: CodeActionParams): CodeAction[] =>
    safely(state, 'codeAction', () => {
      const x = state.analysisOf(p.textDocument.uri);
      if (!x) return [];
      const { doc, a } = x;
      const range = toSpan(doc, p.range);
      const sent = p.context.diagnostics ?? [];
      const match = (code: string, span: { start: number; end: number }): LspDiagnostic | undefined => {
        const r = toRange(doc, span);
        return sent.find((d) => d.code === code && d.range.start.line === r.start.line && d.range.start.character === r.start.character);
      };
      return codeActions(a, range).map((ca) => {
        const lspDiag = ca.diagnostic ? match(ca.diagnostic.code, ca.diagnostic.span) : undefined;
        return {
          title: ca.title,
          kind: ca.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.Refactor,
          diagnostics: lspDiag ? [lspDiag] : undefined,
          isPreferred: ca.preferred,
          edit: { changes: { [doc.uri]: ca.edits.map((e) => ({ range: toRange(doc, e.span), newText: e.newText })) } },
        };
      });
    }, []),
  );
}
