// Diagnostics of open plans, the same checker as `comp check`. Pushed (publishDiagnostics) on
// open at once and on change (debounced, adaptively: see debounceFor; results for a stale version
// are dropped); or, when the client supports it, pulled (textDocument/diagnostic): the client
// asks when it wants them and the answer is of the version it has. Closed files of the workspace
// are always pushed (workspace.ts).
import { DiagnosticSeverity, DocumentDiagnosticReportKind, type Diagnostic as LspDiagnostic, type DiagnosticRelatedInformation, type DocumentDiagnosticReport } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { docsAnchor } from '../../compiler/diagnostics/codes.js';
import type { FullAnalysis } from '../../compiler/analysis.js';
import path from 'node:path';
import { dataFileDiagnostics } from '../../compiler/ide/links.js';
import { sampleFolder } from '../../compiler/ide/preview-sample.js';
import { prepareSampleSheets, tableSources } from '../../compiler/ide/preview-sheets.js';
import { toRange, uriToPath } from '../convert.js';
import { safely, type ServerState } from '../state.js';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint } as const;

export function toLspDiagnostic(doc: TextDocument, d: Diagnostic): LspDiagnostic {
  const related: DiagnosticRelatedInformation[] = (d.related ?? []).map((r) => ({ location: { uri: doc.uri, range: toRange(doc, r.span) }, message: r.message }));
  return {
    range: toRange(doc, d.span),
    severity: SEVERITY[d.severity] ?? DiagnosticSeverity.Error,
    code: d.code,
    codeDescription: { href: `https://github.com/comp-lang/comp/blob/main/${docsAnchor(d.code)}` },
    source: 'comp',
    message: d.hint ? `${d.message}\nhint: ${d.hint}` : d.message,
    relatedInformation: related.length ? related : undefined,
    data: d.data,
  };
}

/** A document's diagnostics as published: the analysis's, and the data files missing from the sample data. */
export function diagnosticsOf(state: ServerState, doc: TextDocument, a: FullAnalysis): LspDiagnostic[] {
  const extra = dataFileDiagnostics(a, state.previewOptions(doc.uri));
  // the lowering's internal error (the workers lower the plan: see analyze's deferIr)
  const internal = state.previews.internalErrors(doc.uri, a.text).filter((d) => !a.diagnostics.some((x) => x.code === d.code));
  return [...a.diagnostics, ...extra, ...internal].map((d) => toLspDiagnostic(doc, d));
}

/** The shortest quiet time after an edit, however fast the analysis. */
export const MIN_DEBOUNCE_MS = 10;

/**
 * Adaptive debounce: wait about as long as the document's last analysis took, within
 * [MIN_DEBOUNCE_MS, the `debounceMs` setting]. A cheap analysis is published almost at once;
 * while typing, the work spent on versions that are superseded stays about half the CPU at most.
 */
export function debounceFor(settingMs: number, lastAnalysisMs: number | undefined): number {
  if (settingMs <= MIN_DEBOUNCE_MS || lastAnalysisMs === undefined) return settingMs;
  return Math.min(settingMs, Math.max(MIN_DEBOUNCE_MS, Math.ceil(lastAnalysisMs)));
}

export function registerDiagnostics(state: ServerState): void {
  const timers = new Map<string, NodeJS.Timeout>();
  /** CPU milliseconds of each document's last analysis (see debounceFor). */
  const cost = new Map<string, number>();

  /** After a version's diagnostics: its payout figures in the data worker (code lenses and inlay hints refreshed when they arrive). */
  const afterDiagnostics = (doc: TextDocument) => {
    const { uri, version } = doc;
    // XLSX workbooks in the sample data are read asynchronously: once read (or changed), the
    // document links and COMP8400 of this plan see their sheets, and its diagnostics are renewed
    const folder = sampleFolder(state.previewOptions(uri));
    const planPath = uriToPath(uri);
    if (folder && planPath) {
      void prepareSampleSheets(path.resolve(path.dirname(planPath), folder), tableSources(state.analysis(doc)))
        .then((fresh) => {
          const cur = state.documents.get(uri);
          if (!fresh || !cur) return;
          if (state.client.pullDiagnostics) state.refreshDiagnostics();
          else void state.connection.sendDiagnostics({ uri, version: cur.version, diagnostics: diagnosticsOf(state, cur, state.analysis(cur)) });
        })
        .catch(() => undefined);
    }
    void state.previews.refresh(state.docInfo(doc), () => {
      state.refreshFigures();
      // lowering this version failed in the worker (an internal error): report it too
      const cur = state.documents.get(uri);
      if (cur?.version === version && state.previews.internalErrors(uri, cur.getText()).length) {
        if (state.client.pullDiagnostics) state.refreshDiagnostics();
        else void state.connection.sendDiagnostics({ uri, version, diagnostics: diagnosticsOf(state, cur, state.analysis(cur)) });
      }
    });
  };

  // Pull: the client asks for an open document's diagnostics (after opening it, after each change).
  state.connection.languages.diagnostics.on((p): DocumentDiagnosticReport => {
    const doc = state.documents.get(p.textDocument.uri);
    if (!doc || doc.uri.endsWith('.comptest')) return { kind: DocumentDiagnosticReportKind.Full, items: [] }; // scenario files: pushed by scenarios.ts
    const resultId = `${state.diagnosticsEpoch}:${doc.version}:${state.previews.internalErrors(doc.uri, doc.getText()).length}`;
    if (p.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    const items = safely(state, 'diagnostics', () => diagnosticsOf(state, doc, state.analysis(doc)), []);
    afterDiagnostics(doc);
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  });

  const publish = (uri: string, version: number) => {
    if (state.client.pullDiagnostics) return;
    const doc = state.documents.get(uri);
    if (!doc || doc.version !== version) return; // stale: a newer version is on its way
    const started = Date.now();
    const cpu0 = process.cpuUsage();
    let diagnostics: LspDiagnostic[];
    try {
      const a = state.analysis(doc);
      diagnostics = diagnosticsOf(state, doc, a);
      const used = process.cpuUsage(cpu0);
      cost.set(uri, (used.user + used.system) / 1000);
    } catch (e) {
      state.connection.console.error(`analysis failed: ${(e as Error).stack ?? e}`);
      return;
    }
    const now = state.documents.get(uri);
    if (!now || now.version !== version) return;
    void state.connection.sendDiagnostics({ uri, version, diagnostics });
    // Once the diagnostics are out, the data worker runs this version on the sample data (if
    // any); code lenses and inlay hints are refreshed when its figures arrive.
    if (doc.version === version) afterDiagnostics(doc);
    if (process.env.COMP_LSP_TIMING) state.log(`diagnostics ${uri}@${version} in ${Date.now() - started} ms`);
  };

  const scheduled = new Map<string, number>();
  const schedule = (doc: TextDocument, delay: number) => {
    if (doc.uri.endsWith('.comptest')) return; // scenario files: handlers/scenarios.ts
    const old = timers.get(doc.uri);
    if (old) clearTimeout(old);
    const version = doc.version;
    scheduled.set(doc.uri, version);
    if (delay <= 0) {
      timers.delete(doc.uri);
      publish(doc.uri, version);
      return;
    }
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        publish(doc.uri, version);
      }, delay),
    );
  };

  state.documents.onDidOpen((e) => {
    state.previews.savedFromDisk(e.document.uri, uriToPath(e.document.uri), e.document.getText());
    // pulled from now on: what the workspace check pushed for the closed file goes
    if (state.client.pullDiagnostics) void state.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    else schedule(e.document, 0);
  });
  state.documents.onDidSave((e) => state.previews.setSaved(e.document.uri, e.document.getText()));
  // Also fired on open, after onDidOpen: that version is already scheduled.
  state.documents.onDidChangeContent((e) => {
    if (scheduled.get(e.document.uri) === e.document.version) return;
    state.previews.changed();
    if (!state.client.pullDiagnostics) schedule(e.document, debounceFor(state.settings.debounceMs, cost.get(e.document.uri)));
  });
  state.documents.onDidClose((e) => {
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    scheduled.delete(e.document.uri);
    cost.delete(e.document.uri);
    state.previews.forget(e.document.uri);
    state.lastAnalysis.delete(e.document.uri);
    // closed: the file as it is on disk is still part of the workspace
    if (state.workspace.enabled && state.workspace.roots.length && uriToPath(e.document.uri) && e.document.uri.endsWith('.comp')) state.workspace.enqueue(e.document.uri);
    else void state.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
}

/** Re-publish every open document (settings changed); pulling clients are asked to pull again. */
export function republishAll(state: ServerState): void {
  if (state.client.pullDiagnostics) return state.refreshDiagnostics();
  for (const doc of state.documents.all()) {
    const a = state.analysis(doc);
    void state.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: diagnosticsOf(state, doc, a) });
  }
}
