// Scenario files (`*.comptest`, run by `comp test`): on open and on save, every scenario runs
// through the workbench (the real evaluator) and failed expectations, unknown names and bad rows
// are published as diagnostics of the scenario file. Plans (`*.comp`) are left to diagnostics.ts.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { runScenarioFile } from '../../compiler/workbench/scenario-run.js';
import { toLspDiagnostic } from './diagnostics.js';
import { safely, type ServerState } from '../state.js';

export function isScenarioFile(uri: string): boolean {
  return uri.endsWith('.comptest');
}

/** The diagnostics of a scenario file's text: its own, then each scenario's, located in the file. */
export function scenarioDiagnostics(doc: TextDocument): LspDiagnostic[] {
  const file = fileURLToPath(doc.uri);
  const out = runScenarioFile(path.basename(file), { text: doc.getText(), cwd: path.dirname(file) });
  const mine = (d: { file: string }) => d.file === out.file;
  const list: LspDiagnostic[] = out.diagnostics.filter(mine).map((d) => toLspDiagnostic(doc, d));
  const text = doc.getText();
  for (const s of out.scenarios) {
    for (const d of s.diagnostics.filter(mine)) list.push(toLspDiagnostic(doc, d));
    for (const f of s.failures) list.push({ ...toLspDiagnostic(doc, f.diagnostic), relatedInformation: undefined });
    if (s.problems.length) {
      // problems located in other files (a data file, the plan): shown on the scenario's name
      const at = text.indexOf(`"${s.name}"`);
      const start = doc.positionAt(Math.max(0, at));
      const end = doc.positionAt(Math.max(0, at) + s.name.length + 2);
      list.push({ range: { start, end }, severity: DiagnosticSeverity.Error, source: 'comp', message: s.problems.join('\n') });
    }
  }
  return list;
}

export function registerScenarioDiagnostics(state: ServerState): void {
  const publish = (doc: TextDocument | undefined) => {
    if (!doc || !isScenarioFile(doc.uri)) return;
    const diagnostics = safely(state, 'scenario run', () => scenarioDiagnostics(doc), undefined);
    if (diagnostics) void state.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  };
  state.documents.onDidSave((e) => publish(e.document));
  // after the open's own handlers, so that these are the diagnostics the editor keeps
  state.documents.onDidOpen((e) => setTimeout(() => publish(state.documents.scenario(e.document.uri)), 0));
}
