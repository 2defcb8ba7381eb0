// Payout previews off the request path: two worker threads (see preview-worker.ts; a third,
// started when first needed, checks the workspace's closed files), the sample
// summary of each document's latest version, and the last saved text for "before -> after".
// Nothing here blocks the server's thread: typing, diagnostics and completion never wait for a
// preview. When workers cannot be started (no entry script), jobs run in this thread, one per
// turn of the event loop.
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { SampleSummary } from '../compiler/ide/preview-sample.js';
import type { Diagnostic } from '../compiler/diagnostics/diagnostic.js';
import { runJob, type JobKind, type JobResult, type PreviewJob, type SummaryValue } from './preview-worker.js';

type Role = 'quick' | 'data' | 'files';

/**
 * The data worker's young generation (V8's nursery; its default is 3 x 16 MB here). A sample re-run
 * holds every credit line of the sample data while it runs, so each scavenge at the default size
 * copies thousands of live objects; a larger nursery scavenges about half as often after an edit
 * (samples/crm: 134 -> 74 scavenges over 60 re-runs, evaluation p50 ~43 -> ~28 ms CPU). Committed
 * only as it fills. The sample re-run bench (test/bench/lsp-latency.ts) runs in a worker with it.
 */
export const DATA_WORKER_LIMITS = { maxYoungGenerationSizeMb: 96 };

class Lane {
  private worker?: Worker;
  private pending = new Map<number, (r: JobResult) => void>();

  constructor(
    private readonly role: Role,
    private readonly epoch: Int32Array,
    private readonly entry: string | undefined,
    private readonly log: (m: string) => void,
    lazy = false,
    private readonly limits?: { maxYoungGenerationSizeMb: number },
  ) {
    if (entry && !lazy) this.start(entry);
  }

  private started = false;

  private start(entry: string): void {
    this.started = true;
    try {
      const w = new Worker(entry, {
        workerData: { compPreviewWorker: this.role, epoch: this.epoch.buffer },
        argv: ['lsp', '--stdio'],
        ...(this.limits ? { resourceLimits: this.limits } : {}),
        // never the protocol's stdout
        stdout: true,
        stderr: true,
      });
      w.stdout.on('data', (d: Buffer) => process.stderr.write(d));
      w.stderr.on('data', (d: Buffer) => process.stderr.write(d));
      w.on('message', (r: JobResult) => {
        const f = this.pending.get(r.id);
        this.pending.delete(r.id);
        f?.(r);
      });
      w.on('error', (e) => this.log(`preview worker (${this.role}) failed: ${e.stack ?? e}`));
      w.on('exit', () => {
        if (this.worker !== w) return;
        this.worker = undefined;
        for (const [id, f] of this.pending) f({ id, error: 'the preview worker stopped' });
        this.pending.clear();
      });
      w.unref();
      this.worker = w;
    } catch (e) {
      this.log(`preview worker (${this.role}) not started, previews run in the server's thread: ${(e as Error).message}`);
    }
  }

  run(job: PreviewJob): Promise<JobResult> {
    if (!this.started && this.entry) this.start(this.entry);
    return new Promise((resolve) => {
      if (this.worker) {
        this.pending.set(job.id, resolve);
        this.worker.postMessage(job);
        return;
      }
      setImmediate(() => resolve(runJob(job, () => Atomics.load(this.epoch, 0) !== job.epoch)));
    });
  }

  async stop(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }
}

export interface DocInfo {
  uri: string;
  version: number;
  text: string;
  planPath?: string;
  sampleData: string;
}

interface SummaryEntry {
  version: number;
  text: string;
  summary?: SampleSummary;
  /** Internal errors of lowering this text (the server's thread leaves the lowering to the workers). */
  internal: Diagnostic[];
}

/** How long a hover waits for the first sample run of a document before answering without it. */
const FIRST_SAMPLE_WAIT_MS = 8000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref?.());

export class PreviewService {
  readonly epoch = new Int32Array(new SharedArrayBuffer(4));
  private readonly quick: Lane;
  private readonly data: Lane;
  private nextId = 1;
  /** The latest sample summary computed per document, and the one being computed. */
  private readonly summaries = new Map<string, SummaryEntry>();
  private readonly inFlight = new Map<string, { version: number; text: string; done: Promise<void> }>();
  /** The last saved text of each document, and its sample summary once computed. */
  private readonly saved = new Map<string, { text: string; summary?: SampleSummary | null; pending?: boolean }>();

  /** Closed files of the workspace, checked from disk (lsp/handlers/workspace.ts). */
  private readonly files: Lane;

  constructor(entry: string | undefined, log: (m: string) => void) {
    this.quick = new Lane('quick', this.epoch, entry, log);
    this.data = new Lane('data', this.epoch, entry, log, false, DATA_WORKER_LIMITS);
    this.files = new Lane('files', this.epoch, entry, log, true);
  }

  /** Check a closed file's text in the files worker (never cancelled by edits of open documents). */
  checkFile(uri: string, text: string, planPath: string | undefined, sampleData: string): Promise<JobResult> {
    return this.files.run({ id: this.nextId++, kind: 'check', uri, version: 0, text, planPath, sampleData, epoch: 0 });
  }

  /** A document changed: running and queued preview work for older texts stops at its next check. */
  changed(): void {
    Atomics.add(this.epoch, 0, 1);
  }

  /** The text on disk when a document is opened, then the text at each save. */
  setSaved(uri: string, text: string | undefined): void {
    if (text === undefined) return;
    const old = this.saved.get(uri);
    if (old?.text === text) return;
    this.saved.set(uri, { text });
  }

  savedFromDisk(uri: string, path: string | undefined, fallback: string): void {
    let text = fallback;
    try {
      if (path) text = readFileSync(path, 'utf8');
    } catch {
      /* unsaved */
    }
    this.setSaved(uri, text);
  }

  forget(uri: string): void {
    this.summaries.delete(uri);
    this.inFlight.delete(uri);
    this.saved.delete(uri);
  }

  private job(kind: JobKind, doc: DocInfo, extra: Partial<PreviewJob> = {}): PreviewJob {
    const saved = this.saved.get(doc.uri);
    return {
      id: this.nextId++,
      kind,
      uri: doc.uri,
      version: doc.version,
      text: doc.text,
      savedText: saved && saved.text !== doc.text ? saved.text : undefined,
      planPath: doc.planPath,
      sampleData: doc.sampleData,
      epoch: Atomics.load(this.epoch, 0),
      ...extra,
    };
  }

  /** Compute the sample summary of this version in the data worker (once per version). */
  refresh(doc: DocInfo, onDone?: () => void): Promise<void> {
    const cur = this.summaries.get(doc.uri);
    if (cur && cur.text === doc.text) return Promise.resolve();
    const fl = this.inFlight.get(doc.uri);
    if (fl && fl.text === doc.text) return fl.done;
    const done = this.data.run(this.job('summary', doc)).then((r) => {
      if (this.inFlight.get(doc.uri)?.text === doc.text) this.inFlight.delete(doc.uri);
      if ('value' in r) {
        const v = r.value as SummaryValue;
        this.summaries.set(doc.uri, { version: doc.version, text: doc.text, summary: v.summary ?? undefined, internal: v.internal });
        onDone?.();
      }
    });
    this.inFlight.set(doc.uri, { version: doc.version, text: doc.text, done });
    this.refreshSaved(doc);
    return done;
  }

  /** The sample summary of the last saved text (for before -> after), computed once per save. */
  private refreshSaved(doc: DocInfo): void {
    const s = this.saved.get(doc.uri);
    if (!s || s.summary !== undefined || s.pending) return;
    if (s.text === doc.text) return; // the same as the current text: its summary is the current one
    s.pending = true;
    void this.data.run({ ...this.job('summary', { ...doc, text: s.text, version: -1 }), savedText: undefined, uri: `${doc.uri}#saved`, epoch: Atomics.load(this.epoch, 0) }).then((r) => {
      s.pending = false;
      if ('value' in r) s.summary = (r.value as SummaryValue).summary ?? null;
    });
  }

  /** The sample figures to show with this text: fresh, else the latest (labelled), waiting up to `waitMs` for fresh ones. */
  async sampleFor(doc: DocInfo, waitMs: number): Promise<Partial<PreviewJob>> {
    let cur = this.summaries.get(doc.uri);
    if (!cur || cur.text !== doc.text) {
      const fl = this.refresh(doc);
      // With no figures at all yet (the first hover after opening), the first run is worth
      // waiting for: only this request waits, never typing or diagnostics.
      await Promise.race([fl, sleep(cur ? waitMs : Math.max(waitMs, FIRST_SAMPLE_WAIT_MS))]);
      cur = this.summaries.get(doc.uri);
    }
    const saved = this.saved.get(doc.uri);
    if (saved && saved.text === cur?.text) saved.summary = cur.summary ?? null;
    const savedSample = saved && saved.text !== doc.text && saved.summary ? saved.summary : undefined;
    if (!cur?.summary) return { savedSample };
    const stale = cur.text !== doc.text ? 'Figures of the text before your last edit: the sample data is being re-run.' : undefined;
    return { sample: cur.summary, sampleStale: stale, savedSample };
  }

  latestSummary(uri: string): SampleSummary | undefined {
    return this.summaries.get(uri)?.summary;
  }

  /** The internal errors of lowering this text, once a worker has lowered it. */
  internalErrors(uri: string, text: string): Diagnostic[] {
    const s = this.summaries.get(uri);
    return s && s.text === text ? s.internal : [];
  }

  async run(kind: JobKind, doc: DocInfo, extra: Partial<PreviewJob> = {}, waitMs = 250): Promise<JobResult> {
    const onData = kind === 'summary' || kind === 'explain' || kind === 'run';
    const sample = onData ? {} : await this.sampleFor(doc, waitMs);
    const lane = onData ? this.data : this.quick;
    return lane.run(this.job(kind, doc, { ...sample, ...extra }));
  }

  async stop(): Promise<void> {
    await Promise.all([this.quick.stop(), this.data.stop(), this.files.stop()]);
  }
}
