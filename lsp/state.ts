// The server's state: open documents, settings, and the analysis of a document's current
// version (compiler/analysis caches it by (uri, version)).
import type { Connection } from 'vscode-languageserver';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type FullAnalysis } from '../compiler/analysis.js';
import type { PreviewOptions } from '../compiler/ide/preview.js';
import { uriToPath } from './convert.js';
import { PreviewService, type DocInfo } from './previews.js';
import type { Workspace } from './handlers/workspace.js';

export interface Settings {
  /** Sample data folder for payout previews ('' = a `data/` folder next to the plan, if any). */
  sampleData: string;
  /** Quiet time after the last edit before diagnostics are computed. */
  debounceMs: number;
}

/**
 * The open documents. Scenario files (`*.comptest`) are synchronised too, but only
 * handlers/scenarios.ts reads them (`scenario(uri)`): `get` and `all` see plans only, so that no
 * plan feature (hover, completion, lenses, symbols...) reads a scenario file as a plan.
 */
export class PlanDocuments extends TextDocuments<TextDocument> {
  override get(uri: string): TextDocument | undefined {
    return uri.endsWith('.comptest') ? undefined : super.get(uri);
  }
  override all(): TextDocument[] {
    return super.all().filter((d) => !d.uri.endsWith('.comptest'));
  }
  /** A scenario file, open in the editor. */
  scenario(uri: string): TextDocument | undefined {
    return uri.endsWith('.comptest') ? super.get(uri) : undefined;
  }
}

export class ServerState {
  readonly documents = new PlanDocuments(TextDocument);
  settings: Settings = { sampleData: '', debounceMs: 50 };
  supportsConfiguration = false;
  /** Client capabilities the server adapts to (set on initialize). */
  client = { codeLensRefresh: false, inlayHintRefresh: false, pullDiagnostics: false, diagnosticRefresh: false };
  /** Bumped when every document's diagnostics may change (settings): the result ids of pulled diagnostics. */
  diagnosticsEpoch = 0;
  readonly previews: PreviewService;
  /** The workspace's .comp files (set by startServer). */
  workspace!: Workspace;

  constructor(
    readonly connection: Connection,
    workerEntry?: string,
  ) {
    this.previews = new PreviewService(workerEntry, (m) => this.connection.console.log(m));
  }

  /** What the preview workers need to know of a document. */
  docInfo(doc: TextDocument): DocInfo {
    return { uri: doc.uri, version: doc.version, text: doc.getText(), planPath: uriToPath(doc.uri), sampleData: this.settings.sampleData };
  }

  /** Ask a pulling client to pull every document's diagnostics again. */
  refreshDiagnostics(): void {
    this.diagnosticsEpoch++;
    if (this.client.diagnosticRefresh) this.connection.languages.diagnostics.refresh();
  }

  /** Ask the client to re-read code lenses and inlay hints (new sample figures). */
  refreshFigures(): void {
    if (this.client.codeLensRefresh) void this.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    if (this.client.inlayHintRefresh) void this.connection.sendRequest('workspace/inlayHint/refresh').catch(() => undefined);
  }

  /** The latest analysis of each open document (possibly of an older version). */
  readonly lastAnalysis = new Map<string, FullAnalysis>();

  analysis(doc: TextDocument): FullAnalysis {
    // the IR is lowered on first use (the preview workers lower each version themselves)
    const a = analyze(doc.uri, doc.getText(), doc.version, { deferIr: true });
    this.lastAnalysis.set(doc.uri, a);
    return a;
  }

  /**
   * For completion right after a keystroke, without waiting for a re-analysis: the analysis of
   * this version if there is one; else the previous version's, when the edit lies wholly before
   * or wholly after the word being completed (which starts at `from`): read against the new text
   * when everything before the word is unchanged, or at the moved offset when the edit is
   * before it; else a fresh analysis.
   */
  analysisForCompletion(doc: TextDocument, from: number, offset: number): { a: FullAnalysis; offset: number } {
    const last = this.lastAnalysis.get(doc.uri);
    const text = doc.getText();
    if (last && last.version === doc.version && last.text === text) return { a: last, offset };
    if (last) {
      const old = last.text;
      let p = 0;
      const n = Math.min(old.length, text.length);
      while (p < n && old.charCodeAt(p) === text.charCodeAt(p)) p++;
      if (p >= from) return { a: { ...last, text }, offset };
      let s = 0;
      while (s < n - p && old.charCodeAt(old.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
      const changedEnd = text.length - s;
      if (changedEnd <= from) return { a: last, offset: offset - (text.length - old.length) };
    }
    return { a: this.analysis(doc), offset };
  }

  /** The analysis of an open document by URI. */
  analysisOf(uri: string): { doc: TextDocument; a: FullAnalysis } | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    return { doc, a: this.analysis(doc) };
  }

  previewOptions(uri: string): PreviewOptions {
    return { sampleData: this.settings.sampleData, planPath: uriToPath(uri) };
  }

  log(message: string): void {
    this.connection.console.log(message);
  }

  updateSettings(raw: unknown): void {
    if (!raw || typeof raw !== 'object') return;
    const r = raw as Record<string, unknown>;
    const comp = (r['comp'] && typeof r['comp'] === 'object' ? r['comp'] : r['settings'] && typeof r['settings'] === 'object' ? r['settings'] : r) as Record<string, unknown>;
    if (typeof comp['sampleData'] === 'string') this.settings.sampleData = comp['sampleData'];
    if (typeof comp['debounceMs'] === 'number' && comp['debounceMs'] >= 0) this.settings.debounceMs = comp['debounceMs'];
  }
}

/** Runs a handler; an exception becomes a logged message and an empty answer. */
export function safely<T>(state: ServerState, what: string, f: () => T, fallback: T): T {
  try {
    return f();
  } catch (e) {
    state.connection.console.error(`${what} failed: ${(e as Error).stack ?? String(e)}`);
    return fallback;
  }
}
