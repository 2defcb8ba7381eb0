// The comp language server: a thin protocol layer over compiler/analysis and compiler/ide.
// `startServer()` creates the connection from the process arguments (--stdio, --node-ipc,
// --socket=N), as `comp lsp --stdio` and the VS Code extension start it.
import { createConnection, TextDocumentSyncKind, DidChangeConfigurationNotification, type Connection, type InitializeResult } from 'vscode-languageserver/node.js';
import { ServerState } from './state.js';
import { registerDiagnostics, republishAll } from './handlers/diagnostics.js';
import { registerHover } from './handlers/hover.js';
import { registerCompletion } from './handlers/completion.js';
import { registerNavigation } from './handlers/navigation.js';
import { registerSymbols } from './handlers/symbols.js';
import { registerFolding } from './handlers/folding.js';
import { registerFormatting } from './handlers/formatting.js';
import { registerCodeActions } from './handlers/code-actions.js';
import { LEGEND, registerSemanticTokens } from './handlers/semantic-tokens.js';
import { registerFigures } from './handlers/figures.js';
import { registerScenarioDiagnostics } from './handlers/scenarios.js';
import { Workspace, registerWorkspace } from './handlers/workspace.js';
import { uriToPath } from './convert.js';

export const SERVER_NAME = 'comp language server';

/**
 * `workerEntry`: the script that, started as a worker thread with `workerData.compPreviewWorker`,
 * runs lsp/preview-worker.ts (bin/comp.js through `comp lsp`, or the extension's dist/server.js).
 * Without it previews run in the server's thread.
 */
export function startServer(connection: Connection = createConnection(), workerEntry?: string): ServerState {
  const state = new ServerState(connection, workerEntry);
  state.workspace = new Workspace(state);

  connection.onInitialize((params): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as Record<string, unknown>;
    state.updateSettings(init['settings'] ?? init);
    if (typeof init['debounceMs'] === 'number') state.settings.debounceMs = init['debounceMs'];
    state.supportsConfiguration = !!params.capabilities.workspace?.configuration;
    const ws = params.capabilities.workspace as { codeLens?: { refreshSupport?: boolean }; inlayHint?: { refreshSupport?: boolean }; diagnostics?: { refreshSupport?: boolean } } | undefined;
    state.client.codeLensRefresh = !!ws?.codeLens?.refreshSupport;
    state.client.inlayHintRefresh = !!ws?.inlayHint?.refreshSupport;
    // pull diagnostics where the client supports them (`pullDiagnostics: false` keeps pushing)
    state.client.pullDiagnostics = !!params.capabilities.textDocument?.diagnostic && init['pullDiagnostics'] !== false;
    state.client.diagnosticRefresh = !!ws?.diagnostics?.refreshSupport;
    // the workspace folders whose .comp files are all checked (`workspaceDiagnostics: false` turns it off)
    state.workspace.enabled = init['workspaceDiagnostics'] !== false;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    state.workspace.roots = folders.map((u) => uriToPath(u)).filter((x): x is string => !!x);
    return {
      serverInfo: { name: SERVER_NAME, version: '0.1.0' },
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.'], resolveProvider: false },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor'] },
        semanticTokensProvider: { legend: LEGEND, full: true },
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: true,
        workspaceSymbolProvider: true,
        documentLinkProvider: { resolveProvider: false },
        ...(state.client.pullDiagnostics ? { diagnosticProvider: { identifier: 'comp', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
    };
  });

  connection.onInitialized(() => {
    void state.workspace.checkAll();
    if (state.supportsConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'comp' }).catch(() => undefined);
      void pullConfiguration(state);
    }
  });

  connection.onDidChangeConfiguration((p) => {
    const s = p.settings as Record<string, unknown> | undefined;
    if (s && typeof s === 'object' && s['comp']) state.updateSettings(s['comp']);
    else if (state.supportsConfiguration) void pullConfiguration(state);
  });

  registerDiagnostics(state);
  registerHover(state);
  registerCompletion(state);
  registerNavigation(state);
  registerSymbols(state);
  registerFolding(state);
  registerFormatting(state);
  registerCodeActions(state);
  registerSemanticTokens(state);
  registerFigures(state);
  registerScenarioDiagnostics(state);
  registerWorkspace(state);

  state.documents.listen(connection);
  connection.onShutdown(() => state.previews.stop());
  connection.listen();
  return state;
}

async function pullConfiguration(state: ServerState): Promise<void> {
  try {
    const conf = await state.connection.workspace.getConfiguration({ section: 'comp' });
    const before = state.settings.sampleData;
    state.updateSettings(conf);
    if (before !== state.settings.sampleData) republishAll(state);
  } catch {
    /* the client has no configuration for us */
  }
}
