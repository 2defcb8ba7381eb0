// Payout previews on sample data: the plan's data files (a `data/` folder next to the plan, or
// the `comp.sampleData` setting) loaded once and checked by the real loader, the whole plan run by
// the real evaluator, and the result summarised per component over the plan year (total, reps
// paid with their attainment and band, and the median values of the reps a component pays, the
// "typical rep" previews use when the plan has no `target rep`).
//
// A summary is plain JSON: the language server computes it in a worker and hands it to the
// worker that renders hovers, code lenses and inlay hints.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type * as IR from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import { compilePlan, evaluate, repsToEvaluate, type Phase1Memo } from '../../runtime/evaluate.js';
import { formatPercent } from '../../runtime/format.js';
import { loadDataset } from '../data/load.js';
import { readDataFile, resolveSource } from '../data/sandbox.js';
import { formatExplain, formatSummary, formatTable } from '../cli/report.js';
import { forRole, valueToJson, type TargetEntryJson } from './preview-target.js';
import { money, yearRange } from './preview-format.js';
import { PreviewCancelled, type PreviewOptions } from './preview.js';
import { sampleSheets } from './preview-sheets.js';

export interface RepSample {
  rep: string;
  /** The plan year's payout of the component (sum of its lines), as decimal text. */
  amount: string;
  /** Credit over quota over the plan year, when the plan has `quota` and `attainment`. */
  attainment?: string;
  /** The tier band that attainment falls in ("100% to 150%"), for components paid on attainment tiers. */
  band?: string;
}

export interface ComponentSample {
  label: string;
  total: string;
  /** Reps with a line of this component (paid or not), sorted by payout, largest first. */
  reps: RepSample[];
  /** Median values of the reps the component pays (a "typical rep" for previews). */
  profile: TargetEntryJson[];
  role?: string;
}

export interface SampleSummary {
  /** The sample folder, and how it is shown (relative to the plan). */
  folder: string;
  shown: string;
  problem?: string;
  currency: string;
  periods: string[];
  components: Record<string, ComponentSample>;
  total: string;
  reps: number;
  /** The roster keys and the periods, for "explain" pickers. */
  repKeys: string[];
}

// ------------------------------------------------------------------ loading, cached

interface SampleCacheEntry {
  signature: string;
  tablesJson: string;
  dataset?: IR.Dataset;
  errors: string[];
  /** The latest run of each kind (figures only, traced) and its plan's key (see sampleRun). */
  results: Map<'figures' | 'traced', { key: string; r: IR.RunResult | string }>;
  /** Phase 1's credit lines over this dataset, kept across runs while `phase1Key` is unchanged. */
  phase1: Phase1Memo;
  sheets: import('../data/xlsx.js').Sheets | undefined;
}

const sampleCache = new Map<string, SampleCacheEntry>();

/**
 * The text of a file the plan names (`fx rates from "fx.csv"`), read from the sample data folder
 * under the same rules as a table (compiler/data/sandbox.ts): only inside the folder, only a
 * regular file, a size limit. Undefined when it may not be read.
 */
export function readSampleFile(folder: string, file: string): string | undefined {
  const found = resolveSource({ name: file, source: file }, [folder], { maxBytes: 4 * 1024 * 1024 });
  if (!found.file || found.problem) return undefined;
  const r = readDataFile(found.file, { maxBytes: 4 * 1024 * 1024 });
  return 'text' in r ? r.text : undefined;
}

/** The sample data folder for a plan: the setting, else `data/` next to the plan. */
export function sampleFolder(opts: PreviewOptions): string | undefined {
  const setting = opts.sampleData?.trim();
  // a relative setting (an editor that does not resolve it) is relative to the plan's folder
  if (setting) return opts.planPath && !path.isAbsolute(setting) ? path.resolve(path.dirname(opts.planPath), setting) : setting;
  if (opts.planPath) {
    const d = path.join(path.dirname(opts.planPath), 'data');
    try {
      if (statSync(d).isDirectory()) return d;
    } catch {
      /* none */
    }
  }
  return undefined;
}

function folderSignature(folder: string): string {
  try {
    const st = statSync(folder);
    if (!st.isDirectory()) return `${folder}:${st.mtimeMs}:${st.size}`;
    const parts = [`${folder}:${st.mtimeMs}`];
    for (const name of readdirSync(folder).sort()) {
      try {
        const s = statSync(path.join(folder, name));
        parts.push(`${name}:${s.mtimeMs}:${s.size}`);
      } catch {
        /* vanished */
      }
    }
    return parts.join('|');
  } catch {
    return `${folder}:missing`;
  }
}

/** The loaded and checked sample data for the plan's tables (cached by folder mtimes), or a problem. */
function sampleEntry(ir: IR.PlanIR, folder: string): SampleCacheEntry | string {
  const signature = folderSignature(folder);
  if (signature.endsWith(':missing')) return `the sample data folder \`${folder}\` does not exist`;
  const tablesJson = JSON.stringify(ir.tables);
  let entry = sampleCache.get(folder);
  // workbooks in the folder: read beforehand by the preview worker (preview-sheets.ts)
  const sheets = sampleSheets(folder, ir.tables);
  if (!entry || entry.signature !== signature || entry.tablesJson !== tablesJson || entry.sheets !== sheets) {
    const loaded = loadDataset(ir, [folder], sheets ? { sheets } : {});
    const errs = loaded.errors.filter((e) => e.severity === 'error');
    entry = {
      signature,
      tablesJson,
      dataset: errs.length ? undefined : loaded.dataset,
      errors: errs.map((e) => `${path.basename(e.file)}:${e.line}:${e.column}: ${e.message}`),
      results: new Map(),
      phase1: { key: '' },
      sheets,
    };
    sampleCache.set(folder, entry);
  }
  return entry;
}

/**
 * The key of a run's figures: the IR without the plan places of run errors (`at`: file, line and
 * column), which move with every line typed above them and never change a figure or a message.
 */
function figuresKey(ir: IR.PlanIR): string {
  return JSON.stringify(ir, (k, v: unknown) => (k === 'at' && v && typeof v === 'object' && 'line' in v && 'column' in v ? undefined : v));
}

/**
 * What phase 1 (crediting) reads of the plan: its credit rules (with their places: run errors
 * carry them), tables, roster, periods, FX, assignments and currency, and the lets when a credit
 * rule names one. Edits elsewhere (components, draws, most lets) re-run from the same credit lines.
 */
function phase1Key(ir: IR.PlanIR): string {
  const credits = JSON.stringify(ir.credits);
  const lets = credits.includes('"k":"let"') ? [ir.lets, ir.versions?.map((v) => v.lets)] : null;
  return JSON.stringify([credits, ir.tables, ir.roster, ir.periods, ir.fx ?? null, ir.assignments ?? null, ir.currency, lets]);
}

export interface SampleRunOptions {
  /** Build the traces (`comp explain`); without them, the figures only, as `comp run` prints a table. */
  traced?: boolean;
  /** Asked between the evaluation's periods: true stops the run (`PreviewCancelled`). */
  shouldStop?: () => boolean;
  /** Evaluate only these reps (`repsToEvaluate`: an answer about one rep), not everyone. */
  onlyReps?: Set<string>;
}

/**
 * Load (cached) and evaluate the whole plan on sample data. The latest run of each kind is cached
 * by the plan: a run of the figures only (the summary, `comp run`) under `figuresKey`, a traced
 * one (`comp explain`) under the IR's text.
 */
export function sampleRun(ir: IR.PlanIR, folder: string, opts: SampleRunOptions = {}): { result?: IR.RunResult; problem?: string; dataset?: IR.Dataset } {
  const entry = sampleEntry(ir, folder);
  if (typeof entry === 'string') return { problem: entry };
  if (!entry.dataset) return { problem: `the sample data has ${entry.errors.length} error${entry.errors.length === 1 ? '' : 's'} (first: ${entry.errors[0]})` };
  const kind = opts.traced ? 'traced' : 'figures';
  const only = opts.onlyReps ? `[${[...opts.onlyReps].sort().join('\u0000')}]` : '*';
  const key = `${kind}:${only}:${opts.traced ? JSON.stringify(ir) : figuresKey(ir)}`;
  const hit = entry.results.get(kind);
  let r = hit?.key === key ? hit.r : undefined;
  if (r === undefined) {
    const stop = opts.shouldStop;
    // what `comp run` does for a table: no trace text, no deal lines (the same amounts and values)
    const evalOpts = { ...(opts.traced ? {} : { traces: false, deals: false }), ...(opts.onlyReps ? { onlyReps: opts.onlyReps } : {}) };
    entry.phase1.key = phase1Key(ir);
    try {
      const out = evaluate(compilePlan(ir), entry.dataset, {
        ...evalOpts,
        phase1: entry.phase1,
        // a newer text is waiting: stop between periods (the next version's run starts sooner)
        ...(stop ? { progress: () => { if (stop()) throw new PreviewCancelled(); } } : {}),
      });
      r = out.result ?? (out.errors[0] ? `${out.errors[0].message}` : 'the evaluation failed');
    } catch (e) {
      if (e instanceof PreviewCancelled) throw e;
      r = (e as Error).message;
    }
    // one plan version of each kind at a time (the saved one is summarised once, then kept as JSON)
    entry.results.set(kind, { key, r });
  }
  return typeof r === 'string' ? { problem: r, dataset: entry.dataset } : { result: r, dataset: entry.dataset };
}

/**
 * Warm the evaluator for the re-runs after edits (the data worker, once its first figures are
 * out): `times` more untraced runs of the plan on the cached sample data, their results dropped,
 * so that the first edits do not pay V8's compilation of the evaluator's and the summary's hot
 * paths (most of a cold re-run's CPU is that compilation, on V8's own threads). Stops as soon as
 * `opts.shouldStop` says a job is waiting.
 */
/** How many runs warm the data worker after its first figures (`warmSampleRuns`). */
export const SAMPLE_WARM_RUNS = 16;

export function warmSampleRuns(ir: IR.PlanIR, opts: PreviewOptions, times: number): void {
  const folder = sampleFolder(opts);
  if (!folder) return;
  const entry = sampleEntry(ir, folder);
  if (typeof entry === 'string' || !entry.dataset) return;
  const stop = opts.shouldStop;
  const shown = opts.planPath ? path.relative(path.dirname(opts.planPath), folder) || '.' : folder;
  entry.phase1.key = phase1Key(ir);
  for (let i = 0; i < times && !stop?.(); i++) {
    try {
      const out = evaluate(compilePlan(ir), entry.dataset, {
        traces: false,
        deals: false,
        phase1: entry.phase1,
        ...(stop ? { progress: () => { if (stop()) throw new PreviewCancelled(); } } : {}),
      });
      if (out.result) summarize(ir, out.result, entry.dataset, { folder, shown, currency: ir.currency, periods: [], components: {}, total: '0', reps: 0, repKeys: [] });
    } catch {
      return;
    }
  }
}

/** Load and check the sample data ahead of the first preview (the slow part). */
export function warmSamplePreview(ir: IR.PlanIR | undefined, opts: PreviewOptions): void {
  if (!ir) return;
  const folder = sampleFolder(opts);
  if (folder) sampleEntry(ir, folder);
}

// ------------------------------------------------------------------ summary

const isDec = (v: unknown): v is Decimal => Decimal.isDecimal(v);
const keyOf = (v: IR.Value): string | undefined => (typeof v === 'string' ? v : v && typeof v === 'object' && (v as IR.RowValue).kind === 'row' ? (v as IR.RowValue).key : undefined);

/** The median of decimals, the most common of anything else (ties: the first in sorted order). */
function typical(values: IR.Value[]): IR.Value | undefined {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (!present.length) return undefined;
  if (present.every(isDec)) {
    const s = [...(present as Decimal[])].sort((a, b) => a.cmp(b));
    return s[Math.floor((s.length - 1) / 2)]!;
  }
  const counts = new Map<string, { n: number; v: IR.Value }>();
  for (const v of present) {
    const k = JSON.stringify(valueToJson(v));
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { n: 1, v });
  }
  return [...counts.entries()].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1))[0]![1].v;
}

function profileOf(ir: IR.PlanIR, dataset: IR.Dataset, reps: Set<string>): TargetEntryJson[] {
  const out: TargetEntryJson[] = [];
  for (const t of ir.tables) {
    const rows = (dataset[t.name] ?? []).filter((r) => (t.roster ? reps.has(r.key) : t.repField ? reps.has(keyOf(r.values[t.repField]!) ?? '') : false));
    if (!rows.length) continue;
    for (const f of t.fields) {
      if (f.name === t.key || f.name === t.repField || f.name === t.periodField || f.type.t === 'ref' || f.type.t === 'period') continue;
      const v = typical(rows.map((r) => r.values[f.name]!));
      if (v !== undefined) out.push({ table: t.roster ? undefined : t.name, field: f.name, value: valueToJson(v) });
    }
  }
  return out;
}

function bandOf(comp: IR.ComponentIR, attainment: Decimal): string | undefined {
  if (comp.rate.k !== 'tiers' || comp.rate.axis !== 'attainment') return undefined;
  for (const b of comp.rate.bands) {
    if (attainment.gte(b.from) && (b.to === undefined || attainment.lt(b.to))) {
      return b.to === undefined ? `from ${formatPercent(new Decimal(b.from))}` : `${formatPercent(new Decimal(b.from))} to ${formatPercent(new Decimal(b.to))}`;
    }
  }
  return undefined;
}

/** Run the plan on its sample data and summarise it per component over the plan year. */
export function summarizeSample(ir: IR.PlanIR, opts: PreviewOptions): SampleSummary | undefined {
  const folder = sampleFolder(opts);
  if (!folder) return undefined;
  const shown = opts.planPath ? path.relative(path.dirname(opts.planPath), folder) || '.' : folder;
  const base: SampleSummary = { folder, shown, currency: ir.currency, periods: [], components: {}, total: '0', reps: 0, repKeys: [] };
  const { result, problem, dataset } = sampleRun(ir, folder, { shouldStop: opts.shouldStop });
  if (!result || !dataset) return { ...base, problem };
  // the same run (a text whose figures cannot differ: see figuresKey) has the same summary
  const memo = summaries.get(result);
  if (memo && memo.shown === shown) return memo.value;
  const value = summarize(ir, result, dataset, base);
  summaries.set(result, { shown, value });
  return value;
}

/**
 * The summary of a fresh load and run, through no cache of this module: what summarizeSample must
 * equal after any sequence of edits (test/ide/preview-fresh.test.ts).
 */
export function freshSampleSummary(ir: IR.PlanIR, opts: PreviewOptions): SampleSummary | undefined {
  const folder = sampleFolder(opts);
  if (!folder) return undefined;
  const shown = opts.planPath ? path.relative(path.dirname(opts.planPath), folder) || '.' : folder;
  const base: SampleSummary = { folder, shown, currency: ir.currency, periods: [], components: {}, total: '0', reps: 0, repKeys: [] };
  const loaded = loadDataset(ir, [folder], sampleSheets(folder, ir.tables) ? { sheets: sampleSheets(folder, ir.tables)! } : {});
  if (loaded.errors.some((e) => e.severity === 'error')) return undefined;
  const out = evaluate(compilePlan(ir), loaded.dataset, { traces: false, deals: false });
  return out.result ? summarize(ir, out.result, loaded.dataset, base) : undefined;
}

const summaries = new WeakMap<IR.RunResult, { shown: string; value: SampleSummary }>();
const profileCache = new WeakMap<IR.Dataset, Map<string, TargetEntryJson[]>>();

function summarize(ir: IR.PlanIR, result: IR.RunResult, dataset: IR.Dataset, base: SampleSummary): SampleSummary {
  const periods = result.periods.map((p) => p.key);
  const year = new Set(periods.slice(-12));
  // attainment over the year: the sum of credit (attainment x quota) over the sum of quota
  const att = new Map<string, { credit: Decimal; quota: Decimal }>();
  for (const s of result.statements) {
    if (!year.has(s.period)) continue;
    const q = s.values?.['quota'];
    const a = s.values?.['attainment'];
    if (q === undefined || a === undefined || Number.isNaN(Number(q)) || Number.isNaN(Number(a))) continue;
    const x = att.get(s.rep) ?? { credit: new Decimal(0), quota: new Decimal(0) };
    x.credit = x.credit.plus(new Decimal(a).times(q));
    x.quota = x.quota.plus(q);
    att.set(s.rep, x);
  }
  let total = new Decimal(0);
  // the typical rep of a set of reps, kept with the loaded data across runs (a dataset is
  // reloaded when the plan's tables change): components and edits paying the same reps share it
  let profiles = profileCache.get(dataset);
  if (!profiles) profileCache.set(dataset, (profiles = new Map()));
  const profileFor = (reps: Set<string>): TargetEntryJson[] => {
    const k = [...reps].sort().join('\0');
    let p = profiles.get(k);
    if (!p) profiles.set(k, (p = profileOf(ir, dataset, reps)));
    return p;
  };
  // each component's payout per rep over the year, in one pass over the statements
  const perComponent = new Map<string, Map<string, Decimal>>(ir.components.map((c) => [c.name, new Map()]));
  for (const s of result.statements) {
    if (!year.has(s.period)) continue;
    for (const l of s.lines) {
      const per = l.kind === 'component' ? perComponent.get(l.name) : undefined;
      if (per) per.set(s.rep, (per.get(s.rep) ?? new Decimal(0)).plus(l.amount));
    }
  }
  for (const comp of ir.components) {
    const per = perComponent.get(comp.name)!;
    let ctotal = new Decimal(0);
    const reps: RepSample[] = [];
    for (const [rep, amount] of per) {
      ctotal = ctotal.plus(amount);
      const x = att.get(rep);
      const attainment = !comp.measure.team && x && x.quota.gt(0) ? x.credit.div(x.quota) : undefined;
      reps.push({ rep, amount: amount.toFixed(), attainment: attainment?.toFixed(4), band: attainment ? bandOf(comp, attainment) : undefined });
    }
    reps.sort((a, b) => new Decimal(b.amount).cmp(a.amount) || (a.rep < b.rep ? -1 : 1));
    const paid = new Set(reps.filter((r) => !new Decimal(r.amount).isZero()).map((r) => r.rep));
    base.components[comp.name] = { label: comp.label, total: ctotal.toFixed(), reps, profile: profileFor(paid.size ? paid : new Set(reps.map((r) => r.rep))), role: forRole(comp) };
    total = total.plus(ctotal);
  }
  const repKeys = (dataset[ir.roster] ?? []).map((r) => r.key).sort();
  return { ...base, periods: periods.filter((p) => year.has(p)), total: total.toFixed(), reps: repKeys.length, repKeys };
}

/** Reps paid a non-zero amount by a component over the plan year. */
export function paidReps(c: ComponentSample): number {
  return c.reps.filter((r) => !new Decimal(r.amount).isZero()).length;
}

/** The sample-data part of a hover: the year's total (before -> after), and the reps with attainment and band. */
export function renderSampleSection(s: SampleSummary, component: string, opts: { saved?: SampleSummary; stale?: string; limit?: number } = {}): string {
  const head = `**Payout on sample data** (\`${s.shown}\`)`;
  if (s.problem) return `${head}: _${s.problem}_`;
  const c = s.components[component];
  if (!c || !paidReps(c)) return `${head}: _\`${component}\` pays no sample rep in ${yearRange(s.periods)}_`;
  const before = opts.saved?.components[component];
  const total = money(s.currency, new Decimal(c.total));
  const change = before && !new Decimal(before.total).eq(c.total) ? `${money(s.currency, new Decimal(before.total))} → **${total}**` : `**${total}**`;
  const lines = [`${head} · \`${component}\` over the plan year ${yearRange(s.periods)}: ${change} to ${paidReps(c)} rep${paidReps(c) === 1 ? '' : 's'}`];
  if (opts.stale) lines.push('', `_${opts.stale}_`);
  const withAtt = c.reps.some((r) => r.attainment !== undefined);
  const withBand = c.reps.some((r) => r.band !== undefined);
  const old = new Map((before?.reps ?? []).map((r) => [r.rep, r.amount]));
  lines.push('', `| rep |${withAtt ? ' attainment |' : ''}${withBand ? ' band |' : ''} payout |`, `|---|${withAtt ? '---:|' : ''}${withBand ? '---|' : ''}---:|`);
  const limit = opts.limit ?? 12;
  for (const r of c.reps.slice(0, limit)) {
    const amount = money(s.currency, new Decimal(r.amount));
    const was = old.get(r.rep);
    const pay = before && was !== undefined && !new Decimal(was).eq(r.amount) ? `${money(s.currency, new Decimal(was))} → ${amount}` : amount;
    lines.push(`| ${r.rep} |${withAtt ? ` ${r.attainment !== undefined ? formatPercent(new Decimal(r.attainment).toDecimalPlaces(3), 1) : ''} |` : ''}${withBand ? ` ${r.band ?? ''} |` : ''} ${pay} |`);
  }
  if (c.reps.length > limit) lines.push(`| … ${c.reps.length - limit} more |${withAtt ? ' |' : ''}${withBand ? ' |' : ''} |`);
  return lines.join('\n');
}

/** The statement `explain` answers for: the rep and period asked, else the one paid most by the component (or in all). */
function statementToExplain(result: IR.RunResult, rep?: string, period?: string, component?: string): IR.Statement | undefined {
  if (rep || period) return result.statements.find((s) => (!rep || s.rep === rep) && (!period || s.period === period));
  // the rep paid most by the component (or in all), in the period it paid them most
  let st: IR.Statement | undefined;
  let best: Decimal | undefined;
  for (const s of result.statements) {
    for (const l of s.lines) {
      if (l.kind !== 'component' || (component && l.name !== component)) continue;
      if (!best || new Decimal(l.amount).gt(best)) (best = new Decimal(l.amount)), (st = s);
    }
  }
  return st;
}

/** `comp explain` for one rep and period on the sample data: the trace of every step, as text. */
export function explainOnSample(ir: IR.PlanIR, opts: PreviewOptions, rep?: string, period?: string, component?: string): string {
  const folder = sampleFolder(opts);
  if (!folder) return 'No sample data: add a `data/` folder next to the plan or set `comp.sampleData`.';
  let target = rep;
  let targetPeriod = period;
  if (!rep) {
    // which statement, chosen on the figures of the summary's run (usually cached; the same
    // statements, lines and amounts as a traced run): then only its rep's team is traced
    const figures = sampleRun(ir, folder, { shouldStop: opts.shouldStop });
    if (!figures.result) return `The plan could not be run on the sample data: ${figures.problem}`;
    const chosen = statementToExplain(figures.result, rep, period, component);
    if (!chosen) return `No statement for ${rep ?? 'any rep'} in ${period ?? 'any period'} on the sample data.`;
    target = chosen.rep;
    targetPeriod = chosen.period;
  }
  // one rep: that rep and the reps its figures read (its team), as `comp explain` does
  const entry = sampleEntry(ir, folder);
  const onlyReps = typeof entry !== 'string' && entry.dataset ? repsToEvaluate(ir, entry.dataset, target!) : undefined;
  const { result, problem } = sampleRun(ir, folder, { traced: true, shouldStop: opts.shouldStop, ...(onlyReps ? { onlyReps } : {}) });
  if (!result) return `The plan could not be run on the sample data: ${problem}`;
  const st = statementToExplain(result, target, targetPeriod);
  if (!st) return `No statement for ${rep ?? 'any rep'} in ${period ?? 'any period'} on the sample data.`;
  return formatExplain(result, st);
}

/** `comp run` on the sample data: the statements table and the summary, as the CLI prints them. */
export function runOnSample(ir: IR.PlanIR, opts: PreviewOptions): string {
  const folder = sampleFolder(opts);
  if (!folder) return 'No sample data: add a `data/` folder next to the plan or set `comp.sampleData`.';
  const { result, problem } = sampleRun(ir, folder, { shouldStop: opts.shouldStop });
  if (!result) return `The plan could not be run on the sample data: ${problem}`;
  return `${formatTable(result, ir)}\n${formatSummary(result)}`;
}
