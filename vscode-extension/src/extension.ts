// The VS Code client for .comp plans: starts the bundled language server (dist/server.js)
// over node IPC and passes it the extension's settings. Everything else (diagnostics, hover,
// definitions, completion) is the server's.
//
// This file imports only `vscode`, `vscode-languageclient` and node built-ins (see
// ARCHITECTURE.md); it is bundled by scripts/build.mjs into dist/extension.js.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** Settings sent to the server: in initializationOptions and on every configuration change. */
export interface CompSettings {
  /** Absolute path of the sample data used for payout previews, or '' for none. */
  sampleData: string;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('comp', { log: true });
  context.subscriptions.push(output);

  context.subscriptions.push(
    vscode.commands.registerCommand('comp.restartServer', async () => {
      if (client) await client.restart();
    }),
  );

  client = createClient(context, output);
  context.subscriptions.push(client);
  try {
    await client.start();
  } catch (err) {
    output.error(`could not start the comp language server: ${String(err)}`);
    void vscode.window.showErrorMessage(`comp: the language server did not start (${String(err)}). See the "comp" output.`);
  }
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'comp' },
      { scheme: 'untitled', language: 'comp' },
    ],
    outputChannel: output,
    initializationOptions: { settings: readSettings() },
    synchronize: {
      // Sends workspace/didChangeConfiguration with the `comp` section when it changes.
      configurationSection: 'comp',
      // Sample data edited on disk: the server refreshes its payout previews.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{comp,csv,json}'),
    },
    middleware: {
      workspace: {
        // The server may pull settings (workspace/configuration): resolve relative paths here,
        // where the workspace folder is known.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((value, i) => {
            const item = params.items[i];
            if (!item || (item.section !== 'comp' && item.section !== undefined)) return value;
            if (value && typeof value === 'object' && 'sampleData' in value) {
              const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
              return { ...value, sampleData: resolveSampleData((value as { sampleData: unknown }).sampleData, scope) };
            }
            return value;
          });
        },
      },
    },
  };

  return new LanguageClient('comp', 'comp language server', serverOptions, clientOptions);
}

function readSettings(scope?: vscode.Uri): CompSettings {
  const config = vscode.workspace.getConfiguration('comp', scope);
  return { sampleData: resolveSampleData(config.get<string>('sampleData', ''), scope) };
}

function resolveSampleData(value: unknown, scope?: vscode.Uri): string {
  if (typeof value !== 'string' || value.trim() === '') return '';
  const raw = value.trim().replace(/^~(?=$|[\\/])/, process.env.HOME ?? '~');
  if (path.isAbsolute(raw)) return raw;
  const folder =
    (scope && vscode.workspace.getWorkspaceFolder(scope)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(folder.uri.fsPath, raw) : raw;
}
