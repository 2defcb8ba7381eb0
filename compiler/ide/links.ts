// The data files a plan reads: document links from `from "reps.csv"` to the file in the sample
// data folder (a `data/` folder next to the plan or the `comp.sampleData` setting), and a warning
// (COMP8400) for a file the folder does not have, or (COMP8401) for one the data sandbox refuses
// (a link out of the folder, two candidates, not a regular file). Without sample data nothing is
// said: the files are given to `comp run --data` at run time.
import { statSync } from 'node:fs';
import path from 'node:path';
import type { FullAnalysis } from '../analysis.js';
import { Codes, diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Span } from '../syntax/span.js';
import { DEFAULT_MAX_BYTES, resolveSource, tooLarge } from '../data/sandbox.js';
import type { PreviewOptions } from './preview.js';
import { sampleFolder } from './preview-sample.js';
import { sampleSheets, tableSources, workbookOf } from './preview-sheets.js';

export interface DataLink {
  /** The file name inside the quotes. */
  span: Span;
  file: string;
  /** The file previews read (the `.csv`/`.json` twin when that is the one there), or where it was looked for. */
  target: string;
  exists: boolean;
  /** Found but not read, under the data sandbox's rules (compiler/data/sandbox.ts): why. */
  problem?: string;
}

/**
 * A link per table file of the plan, resolved in the sample data folder as `comp run --data
 * <folder>` resolves it (compiler/data/sandbox.ts): only inside the folder after following links,
 * the `.csv`/`.json` twin, never two candidates, only a regular file under the size limit.
 */
export function dataLinks(a: FullAnalysis, opts: PreviewOptions): DataLink[] {
  const folder = sampleFolder(opts);
  if (!folder || !opts.planPath) return [];
  const base = path.resolve(path.dirname(opts.planPath), folder);
  const out: DataLink[] = [];
  for (const it of a.plan.items) {
    if (it.kind !== 'TableDecl') continue;
    const src = it.source;
    if (!src || typeof src.value !== 'string' || !src.value) continue;
    const span = { start: src.span.start + 1, end: Math.max(src.span.start + 1, src.span.end - 1) };
    const found = resolveSource({ name: it.name?.text ?? src.value, source: src.value }, [base]);
    if (found.problem) {
      out.push({ span, file: src.value, target: path.resolve(base, src.value), exists: true, problem: diag(found.problem.def, a.file, span, found.problem.args).message });
      continue;
    }
    if (!found.file) {
      // a sheet of a workbook in the folder (read by the preview worker beforehand)
      const sheet = sampleSheets(base, tableSources(a))?.tables.get(it.name?.text ?? '');
      if (sheet) out.push({ span, file: src.value, target: workbookOf(sheet.file), exists: true });
      else out.push({ span, file: src.value, target: path.resolve(base, src.value), exists: false });
      continue;
    }
    out.push({ span, file: src.value, target: found.file, exists: true, problem: notReadable(found.file) });
  }
  return out;
}

/** Why a file found in the folder would not be read (not a regular file, over the size limit), as the sandbox says it. */
function notReadable(file: string): string | undefined {
  const here = { start: 0, end: 0 };
  try {
    const st = statSync(file);
    const kind = st.isDirectory() ? 'a directory' : !st.isFile() ? 'not a regular file' : undefined;
    if (kind) return diag(Codes.NotAFile, file, here, { file: path.basename(file), kind }).message;
    if (st.size > DEFAULT_MAX_BYTES) {
      const p = tooLarge(path.basename(file), st.size, DEFAULT_MAX_BYTES);
      return diag(p.def, file, here, p.args).message;
    }
    return undefined;
  } catch (e) {
    return `it cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
}

/** COMP8400 for each table file missing from the sample data folder; COMP8401 for one found but not read. */
export function dataFileDiagnostics(a: FullAnalysis, opts: PreviewOptions): Diagnostic[] {
  const folder = sampleFolder(opts);
  if (!folder) return [];
  const shown = opts.planPath ? path.relative(path.dirname(opts.planPath), folder) || '.' : folder;
  const out: Diagnostic[] = [];
  for (const l of dataLinks(a, opts)) {
    if (!l.exists) out.push(diag(Codes.SampleDataFileMissing, a.file, l.span, { file: l.file, folder: shown }, { hint: `add ${l.file} to \`${shown}\`, or correct the name` }));
    else if (l.problem) out.push(diag(Codes.SampleDataFileRefused, a.file, l.span, { file: l.file, folder: shown, problem: l.problem }, { hint: 'previews read the sample data as `comp run --data` does: a regular file inside the folder (links followed), one per table' }));
  }
  return out;
}
