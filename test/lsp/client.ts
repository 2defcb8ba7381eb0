// A JSON-RPC client of the real server process (`node bin/comp.js lsp --stdio`), for tests and
// the benchmark: it records every publishDiagnostics with the time it arrived.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';

function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'bin', 'comp.js'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no repository root above ${from}`);
    dir = up;
  }
  return dir;
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

export interface Published {
  uri: string;
  version?: number;
  diagnostics: LspDiagnostic[];
  at: number;
}

export interface LspDiagnostic {
  range: LspRange;
  severity?: number;
  code?: string;
  message: string;
  data?: unknown;
  relatedInformation?: { location: { uri: string; range: LspRange }; message: string }[];
}

export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export class LspClient {
  readonly published: Published[] = [];
  private waiters: (() => void)[] = [];
  stderr = '';

  private constructor(
    readonly proc: ChildProcess,
    readonly rpc: MessageConnection,
  ) {}

  /** `textDocument`: client capabilities added to the defaults (e.g. `{ diagnostic: {} }`: pull diagnostics). */
  static async start(initializationOptions: Record<string, unknown> = {}, cmd?: string[], textDocument: Record<string, unknown> = {}): Promise<LspClient> {
    const bin = join(ROOT, 'bin', 'comp.js');
    if (!existsSync(join(ROOT, 'dist', 'compiler', 'cli', 'main.js'))) throw new Error('dist/ is not built: run `npm run build` (npm test does it first)');
    const command = cmd ?? [process.execPath, bin, 'lsp', '--stdio'];
    const proc = spawn(command[0]!, command.slice(1), { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const rpc = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new LspClient(proc, rpc);
    proc.stderr!.on('data', (d: Buffer) => (client.stderr += d.toString()));
    rpc.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: LspDiagnostic[] }) => {
      client.published.push({ ...p, at: performance.now() });
      const w = client.waiters;
      client.waiters = [];
      for (const f of w) f();
    });
    rpc.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => ({ sampleData: initializationOptions['sampleData'] ?? '' })));
    rpc.onRequest('client/registerCapability', () => null);
    rpc.onNotification('window/logMessage', () => undefined);
    rpc.listen();
    const init = (await rpc.sendRequest('initialize', {
      processId: process.pid,
      // the workspace whose .comp files the server checks: `workspaceRoot`, else none (the repository has hundreds)
      rootUri: pathToFileURL((initializationOptions['workspaceRoot'] as string | undefined) ?? ROOT).href,
      capabilities: { workspace: { configuration: true, workspaceFolders: false }, textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, ...textDocument } },
      initializationOptions: {
        settings: initializationOptions,
        workspaceDiagnostics: initializationOptions['workspaceRoot'] !== undefined,
        ...(initializationOptions['debounceMs'] !== undefined ? { debounceMs: initializationOptions['debounceMs'] } : {}),
      },
    })) as { capabilities: Record<string, unknown>; serverInfo?: { name: string } };
    client.capabilities = init.capabilities;
    client.serverName = init.serverInfo?.name;
    await rpc.sendNotification('initialized', {});
    return client;
  }

  capabilities: Record<string, unknown> = {};
  serverName?: string;

  request<T>(method: string, params: unknown): Promise<T> {
    return this.rpc.sendRequest(method, params) as Promise<T>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.rpc.sendNotification(method, params);
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'comp', version, text } });
  }

  /** Replace the whole text (full sync is allowed with an incremental server). */
  change(uri: string, version: number, text: string): Promise<void> {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  changeRange(uri: string, version: number, range: LspRange, text: string): Promise<void> {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  /** The first publishDiagnostics for `uri` (at `version`, if given) arriving from now or already received after `since`. */
  async diagnostics(uri: string, version?: number, timeoutMs = 10_000, since = 0): Promise<Published> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.published.find((p, i) => i >= since && p.uri === uri && (version === undefined || p.version === version));
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri}@${version} within ${timeoutMs} ms; got ${JSON.stringify(this.published.map((p) => [p.uri, p.version]))}\n${this.stderr}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      await this.notify('exit', null);
    } catch {
      /* already gone */
    }
    await new Promise<void>((r) => {
      if (this.proc.exitCode !== null) return r();
      const t = setTimeout(() => {
        this.proc.kill('SIGKILL');
        r();
      }, 3000);
      this.proc.once('exit', () => {
        clearTimeout(t);
        r();
      });
    });
    this.rpc.dispose();
  }
}

export function uriOf(path: string): string {
  return pathToFileURL(resolve(path)).href;
}

/** Position of the `occurrence`-th `needle` (+ offsetInNeedle) in `text`. */
export function pos(text: string, needle: string, offsetInNeedle = 0, occurrence = 1): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`\`${needle}\` not found`);
  }
  const o = at + offsetInNeedle;
  const before = text.slice(0, o);
  return { line: before.split('\n').length - 1, character: o - (before.lastIndexOf('\n') + 1) };
}

/** Apply LSP text edits to a text. */
export function applyEdits(text: string, edits: { range: LspRange; newText: string }[]): string {
  const lines = text.split('\n');
  const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}
