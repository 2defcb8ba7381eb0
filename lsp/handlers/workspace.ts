// The workspace, not only the open files: diagnostics for every .comp file of the workspace
// folders on start and when a file changes on disk (closed files are checked from disk, one at a
// time in a worker thread, so requests never wait), workspace symbols, and document links from
// `from "reps.csv"` to the file in the sample data.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { FileChangeType, SymbolKind, type DocumentLink, type SymbolInformation, type WorkspaceSymbol } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { glob } from 'tinyglobby';
import type { FullAnalysis } from '../../compiler/analysis.js';
import { documentSymbols, type OutlineSymbol } from '../../compiler/ide/symbols.js';
import { dataLinks } from '../../compiler/ide/links.js';
import { toRange, uriToPath } from '../convert.js';
import { safely, type ServerState } from '../state.js';
import { toLspDiagnostic } from './diagnostics.js';
import type { CheckValue } from '../preview-worker.js';

/** Most .comp files checked in one workspace. */
export const WORKSPACE_LIMIT = 2000;

const KIND: Record<string, SymbolKind> = { table: SymbolKind.Struct, roster: SymbolKind.Struct, let: SymbolKind.Variable, tiers: SymbolKind.Enum, component: SymbolKind.Class, curve: SymbolKind.Function, scorecard: SymbolKind.Object, credit: SymbolKind.Event };

interface FileSymbols {
  uri: string;
  symbols: SymbolInformation[];
}

export class Workspace {
  roots: string[] = [];
  enabled = true;
  /** Symbols of every checked file (open files: their latest analysis). */
  readonly symbols = new Map<string, FileSymbols>();
  private queue: string[] = [];
  private running = false;

  constructor(private readonly state: ServerState) {}

  /** Check every .comp file of the workspace folders that is not open. */
  async checkAll(): Promise<number> {
    if (!this.enabled || !this.roots.length) return 0;
    const files = new Set<string>();
    for (const root of this.roots) {
      try {
        const found = await glob(['**/*.comp'], { cwd: root, absolute: true, ignore: ['**/node_modules/**', '**/dist/**', '**/.git/**'] });
        for (const f of found.sort()) if (files.size < WORKSPACE_LIMIT) files.add(f);
      } catch (e) {
        this.state.log(`workspace scan of ${root} failed: ${(e as Error).message}`);
      }
    }
    for (const f of files) this.enqueue(pathToFileURL(f).href);
    return files.size;
  }

  enqueue(uri: string): void {
    if (!this.queue.includes(uri)) this.queue.push(uri);
    if (!this.running) {
      this.running = true;
      setTimeout(() => this.drain(), 0);
    }
  }

  /** One file at a time, checked in the files worker: requests and open documents never wait for it. */
  private drain(): void {
    const uri = this.queue.shift();
    if (!uri) {
      this.running = false;
      return;
    }
    const next = () => setTimeout(() => this.drain(), 0);
    if (this.state.documents.get(uri)) return void next();
    this.checkClosed(uri)
      .catch((e) => this.state.log(`workspace check of ${uri} failed: ${(e as Error).stack ?? e}`))
      .finally(next);
  }

  /** Publish the diagnostics of a closed file from disk (none when it is gone). */
  async checkClosed(uri: string): Promise<void> {
    const path = uriToPath(uri);
    let text: string;
    try {
      text = await readFile(path!, 'utf8');
    } catch {
      this.symbols.delete(uri);
      void this.state.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const r = await this.state.previews.checkFile(uri, text, path, this.state.settings.sampleData);
    if (this.state.documents.get(uri)) return; // opened meanwhile: its own diagnostics win
    if ('error' in r) return this.state.log(`workspace check of ${uri} failed: ${r.error}`);
    if (!('value' in r)) return;
    const v = r.value as CheckValue;
    const doc = TextDocument.create(uri, 'comp', 0, text);
    this.rememberOutline(doc, v.outline);
    void this.state.connection.sendDiagnostics({ uri, diagnostics: v.diagnostics.map((d) => toLspDiagnostic(doc, d)) });
  }

  remember(doc: TextDocument, a: FullAnalysis): void {
    this.rememberOutline(doc, documentSymbols(a));
  }

  private rememberOutline(doc: TextDocument, outline: OutlineSymbol[]): void {
    const out: SymbolInformation[] = [];
    const walk = (s: OutlineSymbol, container?: string) => {
      const kind = KIND[s.kind];
      if (kind !== undefined) out.push({ name: s.name, kind, containerName: container, location: { uri: doc.uri, range: toRange(doc, s.selectionSpan) } });
      for (const c of s.children) walk(c, s.name);
    };
    for (const s of outline) walk(s);
    this.symbols.set(doc.uri, { uri: doc.uri, symbols: out });
  }

  query(q: string): WorkspaceSymbol[] {
    const needle = q.toLowerCase();
    const matches = (name: string) => {
      let i = 0;
      for (const ch of name.toLowerCase()) if (ch === needle[i]) i++;
      return i === needle.length;
    };
    const out: WorkspaceSymbol[] = [];
    for (const f of this.symbols.values()) for (const s of f.symbols) if (matches(s.name)) out.push(s);
    return out.slice(0, 500);
  }
}

export function registerWorkspace(state: ServerState): void {
  const c = state.connection;
  c.onDidChangeWatchedFiles((p) => {
    for (const ch of p.changes) {
      if (ch.uri.endsWith('.comp')) {
        if (state.documents.get(ch.uri)) continue;
        if (ch.type === FileChangeType.Deleted) {
          state.workspace.symbols.delete(ch.uri);
          void c.sendDiagnostics({ uri: ch.uri, diagnostics: [] });
        } else if (state.workspace.enabled) state.workspace.enqueue(ch.uri);
      }
    }
  });
  c.onWorkspaceSymbol((p) => safely(state, 'workspaceSymbol', () => {
    for (const doc of state.documents.all()) state.workspace.remember(doc, state.analysis(doc));
    return state.workspace.query(p.query);
  }, []));
  c.onDocumentLinks((p): DocumentLink[] =>
    safely(state, 'documentLink', () => {
      const x = state.analysisOf(p.textDocument.uri);
      if (!x) return [];
      return dataLinks(x.a, state.previewOptions(x.doc.uri))
        .filter((l) => l.exists)
        .map((l) => ({ range: toRange(x.doc, l.span), target: pathToFileURL(l.target).href, tooltip: `Open ${l.file} (sample data)` }));
    }, []),
  );
  // `comp/checkWorkspace`: check every .comp file again; answers how many.
  c.onRequest('comp/checkWorkspace', async () => ({ files: await state.workspace.checkAll() }));
}
