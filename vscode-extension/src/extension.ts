// The VS Code client for .comp plans: starts the bundled language server (dist/server.js)
// over node IPC and passes it the extension's settings. Everything else (diagnostics, hover,
// definitions, completion, code lenses, inlay hints) is the server's. The commands (check the
// workspace, run the plan, explain a payout, format) and the status bar item (the plan's
// periods) ask the server through its `comp/...` requests.
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
  registerCommands(context);
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
      // scenario files: the server runs them on open and save (lsp/handlers/scenarios.ts)
      { scheme: 'file', language: 'comptest' },
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

// ------------------------------------------------------------------ commands and status bar

interface PlanInfo {
  plan?: string;
  range?: string;
  frequency?: string;
  periods: string[];
  reps: string[];
  sample?: string;
}

function activePlan(): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && doc.languageId === 'comp' ? doc : undefined;
}

/** Open a text in a read-only panel beside the plan. */
async function showText(title: string, text: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ content: text, language: 'plaintext' });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  void title;
}

function registerCommands(context: vscode.ExtensionContext): void {
  const request = <T>(method: string, params: unknown): Promise<T> => {
    if (!client) throw new Error('the comp language server is not running');
    return client.sendRequest<T>(method, params);
  };
  const status = vscode.window.createStatusBarItem('comp.period', vscode.StatusBarAlignment.Left, 50);
  status.name = 'comp plan period';
  context.subscriptions.push(status);
  const updateStatus = async () => {
    const doc = activePlan();
    if (!doc) return status.hide();
    try {
      const info = await request<PlanInfo>('comp/planInfo', { uri: doc.uri.toString() });
      if (!info.range) return status.hide();
      status.text = `$(calendar) ${info.range}${info.frequency ? ` · ${info.frequency}ly` : ''}`;
      status.tooltip = `${info.plan ?? 'plan'}: payout periods ${info.range}${info.sample ? ` · sample data \`${info.sample}\`` : ''}`;
      status.command = 'comp.runPlan';
      status.show();
    } catch {
      status.hide();
    }
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(() => void updateStatus()),
    vscode.workspace.onDidSaveTextDocument((d) => d.languageId === 'comp' && void updateStatus()),
    vscode.workspace.onDidOpenTextDocument((d) => d.languageId === 'comp' && setTimeout(() => void updateStatus(), 500)),
    vscode.commands.registerCommand('comp.checkWorkspace', async () => {
      const r = await request<{ files: number }>('comp/checkWorkspace', {});
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      void vscode.window.showInformationMessage(`comp: checked ${r.files} plan${r.files === 1 ? '' : 's'} in the workspace.`);
    }),
    vscode.commands.registerCommand('comp.runPlan', async () => {
      const doc = activePlan();
      if (!doc) return void vscode.window.showWarningMessage('comp: open a .comp plan first.');
      const r = await request<{ text: string }>('comp/run', { uri: doc.uri.toString() });
      await showText('comp run', r.text);
    }),
    vscode.commands.registerCommand('comp.explainPayout', async (uri?: string, component?: string) => {
      const target = uri ?? activePlan()?.uri.toString();
      if (!target) return void vscode.window.showWarningMessage('comp: open a .comp plan first.');
      let rep: string | undefined;
      let period: string | undefined;
      if (!component) {
        // from the command palette: ask for the rep and the period
        const info = await request<PlanInfo>('comp/planInfo', { uri: target });
        rep = info.reps.length ? await vscode.window.showQuickPick(info.reps, { placeHolder: 'Explain the payout of which rep?' }) : await vscode.window.showInputBox({ prompt: 'Rep (the roster key)' });
        if (!rep) return;
        period = info.periods.length ? await vscode.window.showQuickPick([...info.periods].reverse(), { placeHolder: 'In which period?' }) : await vscode.window.showInputBox({ prompt: 'Period (e.g. 2017-06)' });
        if (!period) return;
      }
      const r = await request<{ text: string }>('comp/explain', { uri: target, rep, period, component });
      await showText('comp explain', r.text);
    }),
    vscode.commands.registerCommand('comp.format', async () => {
      await vscode.commands.executeCommand('editor.action.formatDocument');
    }),
  );
  void updateStatus();
}
