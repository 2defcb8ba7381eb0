// The data files a plan reads: document links from `from "reps.csv"` to the file in the sample
// data folder (a `data/` folder next to the plan or the `comp.sampleData` setting), and a warning
// (COMP8400) for a file the folder does not have. Without sample data nothing is said: the
// files are given to `comp run --data` at run time.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FullAnalysis } from '../analysis.js';
import { Codes, diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Span } from '../syntax/span.js';
import type { PreviewOptions } from './preview.js';
import { sampleFolder } from './preview-sample.js';

export interface DataLink {
  /** The file name inside the quotes. */
  span: Span;
  file: string;
  /** Absolute path in the sample folder. */
  target: string;
  exists: boolean;
}

export function dataLinks(a: FullAnalysis, opts: PreviewOptions): DataLink[] {
  const folder = sampleFolder(opts);
  if (!folder || !opts.planPath) return [];
  const base = path.resolve(path.dirname(opts.planPath), folder);
  const out: DataLink[] = [];
  for (const it of a.plan.items) {
    const src = it.kind === 'TableDecl' ? it.source : undefined;
    if (!src || typeof src.value !== 'string' || !src.value) continue;
    const target = path.resolve(base, src.value);
    // only files inside the sample folder: a plan never points the editor elsewhere
    if (path.relative(base, target).startsWith('..')) continue;
    out.push({ span: { start: src.span.start + 1, end: Math.max(src.span.start + 1, src.span.end - 1) }, file: src.value, target, exists: existsSync(target) });
  }
  return out;
}

/** COMP8400 for each table file missing from the sample data folder. */
export function dataFileDiagnostics(a: FullAnalysis, opts: PreviewOptions): Diagnostic[] {
  const folder = sampleFolder(opts);
  if (!folder) return [];
  const shown = opts.planPath ? path.relative(path.dirname(opts.planPath), folder) || '.' : folder;
  return dataLinks(a, opts)
    .filter((l) => !l.exists)
    .map((l) => diag(Codes.SampleDataFileMissing, a.file, l.span, { file: l.file, folder: shown }, { hint: `add ${l.file} to \`${shown}\`, or correct the name` }));
}
