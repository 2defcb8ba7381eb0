// LSP latency over stdio, with the JSON-RPC client of test/lsp/client.ts against the real server
// process (`node bin/comp.js lsp --stdio`), as an editor sees it:
//   - diagnostics after an edit (one character in a let), on 1,000- and 5,000-line plans, p50/p95,
//     pushed (publishDiagnostics) and pulled (textDocument/diagnostic, as VS Code asks);
//   - completion sent right after a keystroke (before that version's diagnostics), p50/p95;
//   - a sample-data hover after an edit on samples/crm (its data/ folder): time to the answer,
//     and whether its sample figures were of the edited text or labelled as of the text before;
//   - a keystroke while a preview is running: its diagnostics' latency.
// Each figure has a ratio against a baseline measured in the same run (an in-process parse of the
// same text), so runs on different machines compare.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parse } from '../../compiler/syntax/parse.js';
import { LspClient, ROOT, pos, uriOf, type LspRange } from '../lsp/client.js';
import { isMainThread, workerData } from 'node:worker_threads';

const ms = (x: number) => `${x.toFixed(1)} ms`;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** The CRM sample, a target rep, then generated tiers and components up to `lines` lines. */
export function generatedPlan(lines: number): string {
  let text = readFileSync(join(ROOT, 'samples', 'crm', 'plan.comp'), 'utf8');
  text += '\ntarget rep { monthly_quota: USD 50,000  role: "AE"  csat.score: 4.6 }\n';
  let i = 0;
  while (text.split('\n').length < lines) {
    i++;
    text += `\n## Generated component ${i}.\ntiers ladder_${i} marginal {\n  from 0%   to 100% pays ${(i % 9) + 1}%\n  from 100% to 150% pays ${(i % 9) + 2}%\n  from 150%         pays ${(i % 9) + 3}%\n}\n\nlet bonus_base_${i} = rep.monthly_quota * ${(i % 5) + 1}%\n\ncomponent spiff_${i} "Spiff ${i}" {\n  for rep.role = "AE"\n  on credit\n  basis period total\n  rate ladder_${i}\n  gate csat.score >= 3.5\n  cap bonus_base_${i} + USD 1,000 per period\n}\n`;
  }
  return text;
}

/**
 * CPU seconds the server's main thread (the protocol thread, where diagnostics and completion
 * are computed) has used, from /proc (Linux; undefined elsewhere). Unlike the latencies it does
 * not grow with the machine's load: the figure to compare on a busy machine.
 */
function mainThreadCpuMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
  } catch {
    return undefined;
  }
}

function parseTime(text: string): number {
  parse(text);
  const xs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    parse(text);
    xs.push(performance.now() - t);
  }
  return pct(xs, 50);
}

async function editLatency(lines: number, edits: number): Promise<void> {
  const text = generatedPlan(lines);
  const n = text.split('\n').length;
  const base = parseTime(text);
  const client = await LspClient.start({});
  // a folder without sample data: this measures the analysis, not the sample runs of previews
  const uri = uriOf(join(tmpdir(), `comp-bench-${lines}.comp`));
  try {
    await client.open(uri, text, 1);
    await client.diagnostics(uri, 1, 60_000);
    const needle = 'let bonus_base_1 = rep.monthly_quota * ';
    const at = pos(text, needle, needle.length);
    const range: LspRange = { start: at, end: { line: at.line, character: at.character + 1 } };
    const diag: number[] = [];
    const comp: number[] = [];
    // completion where the keystroke was (the word after the edit) and elsewhere (a rate below it)
    const elsewhere = pos(text, 'rate ladder_1', 6);
    const cpu0 = mainThreadCpuMs(client.proc.pid);
    for (let v = 2; v < edits + 2; v++) {
      const since = client.published.length;
      const t0 = performance.now();
      await client.changeRange(uri, v, range, String((v % 5) + 1));
      // completion at once, before this version's diagnostics
      const c0 = performance.now();
      await client.request('textDocument/completion', { textDocument: { uri }, position: v % 2 ? elsewhere : { line: at.line, character: at.character + 1 } });
      comp.push(performance.now() - c0);
      const p = await client.diagnostics(uri, v, 60_000, since);
      diag.push(p.at - t0);
      await new Promise((r) => setTimeout(r, 30));
    }
    const cpu1 = mainThreadCpuMs(client.proc.pid);
    const cpu = cpu0 !== undefined && cpu1 !== undefined ? `; the server's main thread used ${ms((cpu1 - cpu0) / edits)} of CPU per edit (its diagnostics and a completion)` : '';
    console.log(
      `LSP diagnostics after an edit, ${n}-line plan: p50 ${ms(pct(diag, 50))}, p95 ${ms(pct(diag, 95))} over ${edits} edits (p95 ${(pct(diag, 95) / base).toFixed(1)}x an in-process parse of it, ${ms(base)})${cpu}`,
    );
    console.log(`LSP completion right after a keystroke (at it and elsewhere), ${n}-line plan: p50 ${ms(pct(comp, 50))}, p95 ${ms(pct(comp, 95))} (p95 ${(pct(comp, 95) / base).toFixed(2)}x the parse)`);
  } finally {
    await client.stop();
  }
}

/** Pull diagnostics (VS Code's way with this server): a keystroke, then textDocument/diagnostic at once; time to the answer. */
async function pullLatency(lines: number, edits: number): Promise<void> {
  const text = generatedPlan(lines);
  const n = text.split('\n').length;
  const base = parseTime(text);
  const client = await LspClient.start({}, undefined, { diagnostic: { dynamicRegistration: false } });
  const uri = uriOf(join(tmpdir(), `comp-bench-pull-${lines}.comp`));
  try {
    await client.open(uri, text, 1);
    let prev = (await client.request<{ resultId?: string }>('textDocument/diagnostic', { textDocument: { uri } })).resultId;
    const needle = 'let bonus_base_1 = rep.monthly_quota * ';
    const at = pos(text, needle, needle.length);
    const range: LspRange = { start: at, end: { line: at.line, character: at.character + 1 } };
    const lat: number[] = [];
    for (let v = 2; v < edits + 2; v++) {
      const t0 = performance.now();
      await client.changeRange(uri, v, range, String((v % 5) + 1));
      const r = await client.request<{ kind: string; resultId?: string }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: prev });
      lat.push(performance.now() - t0);
      if (r.kind !== 'full') throw new Error(`a pull after an edit answered ${r.kind}`);
      prev = r.resultId;
      await new Promise((r2) => setTimeout(r2, 30));
    }
    console.log(`LSP pulled diagnostics after an edit (textDocument/diagnostic), ${n}-line plan: p50 ${ms(pct(lat, 50))}, p95 ${ms(pct(lat, 95))} over ${edits} edits (p95 ${(pct(lat, 95) / base).toFixed(2)}x an in-process parse, ${ms(base)})`);
  } finally {
    await client.stop();
  }
}

interface HoverAnswer {
  contents: { value: string };
}

async function sampleHover(rounds: number): Promise<void> {
  const file = join(ROOT, 'samples', 'crm', 'plan.comp');
  const text = readFileSync(file, 'utf8');
  const base = parseTime(text);
  const client = await LspClient.start({});
  const uri = uriOf(file);
  try {
    await client.open(uri, text, 1);
    await client.diagnostics(uri, 1, 60_000);
    const hpos = pos(text, 'from 100% to 150%', 2);
    // the first figures: loading and running the sample data once
    const t0 = performance.now();
    for (;;) {
      const h = await client.request<HoverAnswer | null>('textDocument/hover', { textDocument: { uri }, position: hpos });
      if (h && h.contents.value.includes('Payout on sample data') && !h.contents.value.includes('being loaded')) break;
      if (performance.now() - t0 > 120_000) throw new Error('no sample figures in 2 minutes');
      await new Promise((r) => setTimeout(r, 100));
    }
    const first = performance.now() - t0;
    const lat: number[] = [];
    let fresh = 0;
    const needle = 'rate 3%';
    const at = pos(text, needle, 5);
    let v = 1;
    for (let k = 0; k < rounds; k++) {
      v++;
      await client.changeRange(uri, v, { start: at, end: { line: at.line, character: at.character + 1 } }, String((k % 3) + 3));
      const h0 = performance.now();
      const h = await client.request<HoverAnswer | null>('textDocument/hover', { textDocument: { uri }, position: hpos });
      lat.push(performance.now() - h0);
      if (h && h.contents.value.includes('Payout on sample data') && !h.contents.value.includes('before your last edit')) fresh++;
      await client.diagnostics(uri, v, 60_000);
      await new Promise((r) => setTimeout(r, 300));
    }
    console.log(
      `LSP sample-data hover after an edit on samples/crm: p50 ${ms(pct(lat, 50))}, p95 ${ms(pct(lat, 95))} over ${rounds} edits; ${fresh}/${rounds} with the edited text's sample figures (the others labelled as of the text before); first figures after opening ${ms(first)} (${(pct(lat, 95) / base).toFixed(1)}x a parse of the plan, ${ms(base)})`,
    );
    // a keystroke while a preview runs: its diagnostics do not wait for the preview
    const diag: number[] = [];
    for (let k = 0; k < rounds; k++) {
      v++;
      const pending = client.request('textDocument/hover', { textDocument: { uri }, position: hpos });
      const since = client.published.length;
      const t1 = performance.now();
      await client.changeRange(uri, v, { start: at, end: { line: at.line, character: at.character + 1 } }, String((k % 3) + 3));
      const p = await client.diagnostics(uri, v, 60_000, since);
      diag.push(p.at - t1);
      await pending;
    }
    console.log(`LSP diagnostics of a keystroke made while a hover preview runs, samples/crm: p50 ${ms(pct(diag, 50))}, p95 ${ms(pct(diag, 95))} (${(pct(diag, 95) / base).toFixed(1)}x a parse)`);
    // an edit, then hovers every 10 ms until one shows the edited text's sample figures
    const fresh2: number[] = [];
    for (let k = 0; k < rounds; k++) {
      v++;
      await client.diagnostics(uri, v - 1, 60_000).catch(() => undefined);
      await client.changeRange(uri, v, { start: at, end: { line: at.line, character: at.character + 1 } }, String((k % 4) + 3));
      const t2 = performance.now();
      for (;;) {
        const h = await client.request<HoverAnswer | null>('textDocument/hover', { textDocument: { uri }, position: hpos });
        if (h && h.contents.value.includes('Payout on sample data') && !h.contents.value.includes('before your last edit')) break;
        if (performance.now() - t2 > 60_000) throw new Error('no fresh sample figures in a minute');
        await new Promise((r) => setTimeout(r, 10));
      }
      fresh2.push(performance.now() - t2);
    }
    console.log(`LSP fresh sample figures in a hover after an edit (debounce, analysis, the sample re-run and the hover), samples/crm: p50 ${ms(pct(fresh2, 50))}, p95 ${ms(pct(fresh2, 95))} (${(pct(fresh2, 50) / base).toFixed(1)}x a parse)`);
  } finally {
    await client.stop();
  }
}

/**
 * The data worker's work after an edit of samples/crm, in a worker thread made as the language
 * server makes its data worker (lsp/previews.ts: DATA_WORKER_LIMITS): analyze the edited text and
 * re-run the plan on the sample data (loaded once, kept across edits) into the summary that
 * hovers, code lenses and inlay hints show. CPU per edit, against a parse of the plan.
 */
export async function sampleRerun(edits = 20): Promise<void> {
  const { Worker } = await import('node:worker_threads');
  const { DATA_WORKER_LIMITS } = await import('../../lsp/previews.js');
  const w = new Worker(new URL(import.meta.url), { workerData: { benchSampleRerun: edits }, resourceLimits: DATA_WORKER_LIMITS });
  await new Promise<void>((resolve, reject) => {
    w.on('error', reject);
    w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the sample re-run worker exited with ${code}`))));
  });
}

async function sampleRerunHere(edits: number): Promise<void> {
  const { analyze } = await import('../../compiler/analysis.js');
  const { summarizeSample, warmSampleRuns, SAMPLE_WARM_RUNS } = await import('../../compiler/ide/preview-sample.js');
  const file = join(ROOT, 'samples', 'crm', 'plan.comp');
  const text = readFileSync(file, 'utf8');
  const opts = { planPath: file };
  const cpu = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  // the baseline: a parse of the plan, in CPU too (median of 30)
  const ps: number[] = [];
  for (let i = 0; i < 31; i++) {
    const c0 = cpu();
    parse(text);
    if (i > 0) ps.push(cpu() - c0);
  }
  const base = pct(ps, 50);
  let c = cpu();
  const ir0 = analyze(file, text, 1).ir!;
  summarizeSample(ir0, opts);
  const first = cpu() - c;
  // as the data worker does once its first figures are out (lsp/preview-worker.ts)
  c = cpu();
  if (process.env.COMP_BENCH_NO_WARM !== '1') warmSampleRuns(ir0, opts, SAMPLE_WARM_RUNS);
  const warm = cpu() - c;
  const xs: number[] = [];
  for (let i = 0; i < edits; i++) {
    // a new rate each time: the figures change, nothing is served from the cache of runs
    const t = text.replace('rate 3%', `rate ${3 + ((i % 7) + 1) / 10}%`);
    c = cpu();
    const a = analyze(file, t, i + 2);
    if (!a.ir) throw new Error('the edited plan has errors');
    const s = summarizeSample(a.ir, opts);
    if (!s || s.problem) throw new Error(`no sample figures: ${s?.problem}`);
    xs.push(cpu() - c);
  }
  console.log(
    `sample re-run after an edit of samples/crm (analysis + run on the cached data + summary; the data worker's job), CPU: p50 ${ms(pct(xs, 50))}, p95 ${ms(pct(xs, 95))} over ${edits} edits in a worker as the server's data worker (${(pct(xs, 50) / base).toFixed(1)}x a parse of the plan, ${ms(base)} CPU; target < 50 ms); the first, loading the data: ${ms(first)}, then ${SAMPLE_WARM_RUNS} warm-up runs: ${ms(warm)}`,
  );
}

export async function lspLatencyBench(): Promise<void> {
  const { loadavg, cpus } = await import('node:os');
  console.log(`LSP latency bench: load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores (latencies grow with the load; CPU per edit does not)`);
  await editLatency(1000, 30);
  await editLatency(5000, 20);
  await pullLatency(1000, 30);
  await pullLatency(5000, 20);
  await sampleRerun();
  await sampleHover(10);
}

/** BENCH=preview: the sample hovers alone. */
export async function sampleHoverBench(): Promise<void> {
  const { loadavg, cpus } = await import('node:os');
  console.log(`sample hover bench: load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
  await sampleHover(10);
}

// the worker of sampleRerun
if (!isMainThread && (workerData as { benchSampleRerun?: number } | null)?.benchSampleRerun) await sampleRerunHere((workerData as { benchSampleRerun: number }).benchSampleRerun);
