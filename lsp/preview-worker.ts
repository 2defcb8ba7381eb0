// The preview workers' side: payout previews (hover, code lenses, inlay hints), sample-data runs
// and `comp explain` traces, computed off the language server's request path. The server
// (lsp/previews.ts) starts two workers of this module: "quick" (previews on synthetic data, a
// few milliseconds each) and "data" (the whole plan on its sample data: loads once, then re-runs
// per plan version), so a long sample run never holds up a hover.
//
// Cancellation: the server bumps a shared counter whenever a document changes; a job started
// under an older count stops at its next check (between evaluations) and answers `cancelled`.
import { readFileSync, readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { analyze, type FullAnalysis } from '../compiler/analysis.js';
import { hover } from '../compiler/ide/hover.js';
import { codeLenses, inlayHints } from '../compiler/ide/lenses.js';
import { PreviewCancelled, type PreviewOptions } from '../compiler/ide/preview.js';
import path from 'node:path';
import { explainOnSample, runOnSample, sampleFolder, summarizeSample, warmSampleRuns, SAMPLE_WARM_RUNS, type SampleSummary } from '../compiler/ide/preview-sample.js';
import { prepareSampleSheets, tableSources } from '../compiler/ide/preview-sheets.js';
import { documentSymbols, type OutlineSymbol } from '../compiler/ide/symbols.js';
import { dataFileDiagnostics } from '../compiler/ide/links.js';
import type { Span } from './convert.js';
import { Codes } from '../compiler/diagnostics/codes.js';
import type { Diagnostic } from '../compiler/diagnostics/diagnostic.js';

export type JobKind = 'hover' | 'lenses' | 'inlays' | 'summary' | 'explain' | 'run' | 'check';

export interface PreviewJob {
  id: number;
  kind: JobKind;
  uri: string;
  version: number;
  text: string;
  /** The last saved text, when it differs from `text` (before -> after). */
  savedText?: string;
  planPath?: string;
  sampleData: string;
  offset?: number;
  range?: Span;
  sample?: SampleSummary;
  sampleStale?: string;
  savedSample?: SampleSummary;
  /** The shared change counter when the job was sent. */
  epoch: number;
  rep?: string;
  period?: string;
  component?: string;
}

const INTERNAL_ERROR = Codes.InternalError.code;

/** What a `summary` job answers: the sample summary (null: no sample data or no IR) and the lowering's internal errors. */
export interface SummaryValue {
  summary: SampleSummary | null;
  internal: Diagnostic[];
}

/** What a `check` job answers (a closed file of the workspace): its diagnostics and its outline. */
export interface CheckValue {
  diagnostics: Diagnostic[];
  outline: OutlineSymbol[];
}

export type JobResult = { id: number; cancelled: true } | { id: number; error: string } | { id: number; value: unknown };

const saved = new Map<string, FullAnalysis>();

function savedAnalysis(job: PreviewJob): FullAnalysis | undefined {
  if (job.savedText === undefined) return undefined;
  const hit = saved.get(job.uri);
  if (hit && hit.text === job.savedText) return hit;
  const a = analyze(`${job.uri}#saved`, job.savedText);
  saved.set(job.uri, a);
  if (saved.size > 32) saved.delete(saved.keys().next().value!);
  return a;
}

/**
 * For the editor tests only: a slow preview on demand. When COMP_LSP_PREVIEW_DELAY_FILE names a
 * file holding a number of milliseconds, each hover preview in a worker first sleeps that long
 * (ignoring cancellation, the worst case), so a test can type while a preview runs.
 */
function testDelay(kind: JobKind): void {
  const file = process.env.COMP_LSP_PREVIEW_DELAY_FILE;
  if (!file || kind !== 'hover' || isMainThread) return;
  let ms = 0;
  try {
    ms = Number(readFileSync(file, 'utf8').trim());
  } catch {
    return;
  }
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(ms, 120_000));
}

/** Run one job (in a worker, or in the server's own thread when workers are unavailable). */
export function runJob(job: PreviewJob, shouldStop: () => boolean): JobResult {
  try {
    testDelay(job.kind);
    if (job.kind === 'check') return { id: job.id, value: checkFile(job) }; // never cancelled: a file on disk
    if (shouldStop()) return { id: job.id, cancelled: true };
    const a = analyze(job.uri, job.text, job.version);
    const opts: PreviewOptions = {
      sampleData: job.sampleData,
      planPath: job.planPath,
      sample: job.sample,
      sampleStale: job.sampleStale,
      savedSample: job.savedSample,
      saved: savedAnalysis(job),
      shouldStop,
    };
    switch (job.kind) {
      case 'hover':
        return { id: job.id, value: hover(a, job.offset ?? 0, opts) ?? null };
      case 'lenses':
        return { id: job.id, value: codeLenses(a, opts) };
      case 'inlays':
        return { id: job.id, value: inlayHints(a, job.range ?? { start: 0, end: a.text.length }, opts) };
      case 'summary': {
        // the lowering the server's thread leaves to the workers: its internal error, if any, goes back with the figures
        const ir = a.ir;
        const internal = a.diagnostics.filter((d) => d.code === INTERNAL_ERROR);
        const value: SummaryValue = { summary: ir ? (summarizeSample(ir, opts) ?? null) : null, internal };
        return { id: job.id, value };
      }
      case 'run':
        return { id: job.id, value: a.ir ? runOnSample(a.ir, opts) : 'The plan has errors: fix them to run it.' };
      case 'explain':
        return { id: job.id, value: a.ir ? explainOnSample(a.ir, opts, job.rep, job.period, job.component) : 'The plan has errors: fix them to explain a payout.' };
    }
  } catch (e) {
    if (e instanceof PreviewCancelled) return { id: job.id, cancelled: true };
    return { id: job.id, error: (e as Error).stack ?? String(e) };
  }
}

function warmAfterFirst(job: PreviewJob, shouldStop: () => boolean): void {
  try {
    const ir = analyze(job.uri, job.text, job.version).ir;
    if (ir) warmSampleRuns(ir, { sampleData: job.sampleData, planPath: job.planPath, shouldStop }, 1);
  } catch {
    /* only a warm-up */
  }
}

/** A closed file of the workspace, as `comp check` sees it, plus the sample data's file warnings. */
function checkFile(job: PreviewJob): CheckValue {
  const a = analyze(job.uri, job.text);
  const diagnostics = [...a.diagnostics, ...dataFileDiagnostics(a, { sampleData: job.sampleData, planPath: job.planPath })];
  return { diagnostics, outline: documentSymbols(a) };
}

/** Read the workbooks of the job's sample folder, for the plan's tables (cached). */
async function prepareSheets(job: PreviewJob): Promise<void> {
  const folder = sampleFolder({ sampleData: job.sampleData, planPath: job.planPath });
  if (!folder || !job.planPath) return;
  const base = path.resolve(path.dirname(job.planPath), folder);
  const a = analyze(job.uri, job.text, job.kind === 'check' ? undefined : job.version);
  // the plan's declarations (document links, COMP8400) and, for a clean plan, its IR's tables (the sample run)
  await prepareSampleSheets(base, tableSources(a));
  if (job.kind !== 'check' && !a.diagnostics.some((d) => d.severity === 'error') && a.ir) await prepareSampleSheets(base, a.ir.tables);
}

/** The worker's message loop (started by the server with workerData.compPreviewWorker set). */
export function runPreviewWorker(): void {
  const role = (workerData as { compPreviewWorker?: string }).compPreviewWorker;
  // Background work yields to the protocol thread: the workspace check always, the sample data's
  // re-runs after its first run (the first figures are awaited by a hover). Hover previews keep
  // their priority: someone is waiting for them.
  if (role === 'files') lowerThreadPriority();
  let first = role === 'data';
  const epoch = new Int32Array((workerData as { epoch: SharedArrayBuffer }).epoch);
  // one job at a time, in order; a sample folder's XLSX workbooks are read (asynchronously) before
  // the job that needs them, then served from compiler/ide/preview-sheets.ts's cache
  let queue = Promise.resolve();
  let pending = 0;
  // warm-up runs one at a time, each only while no job waits and the plan is the latest
  const warm = (job: PreviewJob, stop: () => boolean, left: number): void => {
    if (left > 0)
      setImmediate(() => {
        if (pending > 0 || stop()) return;
        warmAfterFirst(job, stop);
        warm(job, stop, left - 1);
      });
  };
  parentPort!.on('message', (job: PreviewJob) => {
    pending++;
    queue = queue.then(async () => {
      const stop = () => Atomics.load(epoch, 0) !== job.epoch;
      await prepareSheets(job).catch(() => undefined);
      parentPort!.postMessage(runJob(job, stop));
      pending--;
      if (first && job.kind === 'summary') {
        first = false;
        lowerThreadPriority();
        // the first figures are out: warm the re-runs after edits (compiler/ide/preview-sample.ts
        // warmSampleRuns), run by run while the worker has nothing else to do
        warm(job, stop, SAMPLE_WARM_RUNS);
      }
    });
  });
}

/**
 * This worker yields the CPU to the server's protocol thread (diagnostics, completion): on Linux
 * a thread has a niceness of its own, set here on this thread's id (/proc/thread-self), +5.
 * Elsewhere, or when not permitted, nothing changes.
 */
function lowerThreadPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0 && tid !== process.pid) setPriority(tid, Math.min(19, Math.max(getPriority(tid), 0) + 5));
  } catch {
    /* not Linux, or not allowed */
  }
}

/** True in a thread the server started as a preview worker. */
export function isPreviewWorker(): boolean {
  return !!parentPort && !!(workerData as { compPreviewWorker?: string } | undefined)?.compPreviewWorker;
}
