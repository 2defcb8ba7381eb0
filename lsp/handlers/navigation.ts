// Go to definition, find references, rename.
import { ResponseError, type Location, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import { definition } from '../../compiler/ide/definition.js';
import { references } from '../../compiler/ide/references.js';
import { prepareRename, rename } from '../../compiler/ide/rename.js';
import { toRange } from '../convert.js';
import { safely, type ServerState } from '../state.js';

export function registerNavigation(state: ServerState): void {
  const c = state.connection;
  c.onDefinition((p): Location | null =>
    safely(state, 'definition', () => {
      const x = state.analysisOf(p.textDocument.uri);
      if (!x) return null;
      const d = definition(x.a, x.doc.offsetAt(p.position));
      return d ? { uri: x.doc.uri, range: toRange(x.doc, d.span) } : null;
    }, null),
  );
  c.onReferences((p): Location[] =>
    safely(state, 'references', () => {
      const x = state.analysisOf(p.textDocument.uri);
      if (!x) return [];
      return references(x.a, x.doc.offsetAt(p.position), p.context.includeDeclaration).map((s) => ({ uri: x.doc.uri, range: toRange(x.doc, s) }));
    }, []),
  );
  c.onPrepareRename((p): { range: Range; placeholder: string } | null =>
    safely(state, 'prepareRename', () => {
      const x = state.analysisOf(p.textDocument.uri);
      if (!x) return null;
      const r = prepareRename(x.a, x.doc.offsetAt(p.position));
      return r ? { range: toRange(x.doc, r.span), placeholder: r.placeholder } : null;
    }, null),
  );
  c.onRenameRequest((p): WorkspaceEdit | ResponseError<void> | null => {
    const x = state.analysisOf(p.textDocument.uri);
    if (!x) return null;
    const r = safely(state, 'rename', () => rename(x.a, x.doc.offsetAt(p.position), p.newName), { error: 'rename failed' } as const);
    if ('error' in r) return new ResponseError(-32602, r.error);
    return { changes: { [x.doc.uri]: r.edits.map((e) => ({ range: toRange(x.doc, e.span), newText: e.newText })) } };
  });
}
