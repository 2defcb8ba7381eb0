import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import { foldingRanges } from '../../compiler/ide/folding.js';
import { safely, type ServerState } from '../state.js';

export function registerFolding(state: ServerState): void {
  state.connection.onFoldingRanges((p): FoldingRange[] =>
    safely(state, 'foldingRange', () => {
      const x = state.analysisOf(p.textDocument.uri);
      if (!x) return [];
      return foldingRanges(x.a).map((f) => ({ startLine: f.startLine, endLine: f.endLine, kind: f.kind === 'comment' ? FoldingRangeKind.Comment : f.kind === 'region' ? FoldingRangeKind.Region : undefined }));
    }, []),
  );
}
