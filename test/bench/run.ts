// `npm run bench`: LSP latency on a 1,000-line plan, and parser / checker / evaluator throughput
// on samples/crm. Every figure is printed with a ratio against a baseline measured in the same
// run on the same machine, so the numbers can be compared across machines.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from '../../compiler/syntax/parse.js';
import { CompLexer } from '../../grammar/tokens.js';
import { analyze } from '../../compiler/analysis.js';
import { check } from '../../compiler/semantics/checker.js';
import { hover } from '../../compiler/ide/hover.js';
import { loadDataset } from '../../compiler/data/load.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import { LspClient, ROOT, pos, uriOf } from '../lsp/client.js';
import { scaleBench } from './scale.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(f: () => void, runs = 15): number {
  f();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

const ms = (x: number) => `${x.toFixed(1)} ms`;
const ratio = (x: number, base: number, what: string) => `${(x / base).toFixed(1)}x ${what}`;

/** A plan of about `lines` lines: the CRM sample plus generated lets, tiers and components. */
export function bigPlan(lines: number): string {
  let text = readFileSync(join(ROOT, 'samples', 'crm', 'plan.comp'), 'utf8');
  text += '\ntarget rep { monthly_quota: USD 50,000  role: "AE"  csat.score: 4.6 }\n';
  let i = 0;
  while (text.split('\n').length < lines) {
    i++;
    text += `\n## Generated component ${i}.\ntiers ladder_${i} marginal {\n  from 0%   to 100% pays ${i % 9 + 1}%\n  from 100% to 150% pays ${i % 9 + 2}%\n  from 150%         pays ${i % 9 + 3}%\n}\n\nlet bonus_base_${i} = rep.monthly_quota * ${i % 5 + 1}%\n\ncomponent spiff_${i} "Spiff ${i}" {\n  for rep.role = "AE"\n  on credit\n  basis period total\n  rate ladder_${i}\n  gate csat.score >= 3.5\n  cap bonus_base_${i} + USD 1,000 per period\n}\n`;
  }
  return text;
}

async function lspLatency(): Promise<void> {
  const text = bigPlan(1000);
  const nLines = text.split('\n').length;
  const parseAlone = time(() => parse(text));
  const analyzeAlone = time(() => analyze('bench.comp', text));
  const client = await LspClient.start({ sampleData: join(ROOT, 'samples', 'crm', 'data') });
  const uri = uriOf(join(ROOT, 'samples', 'crm', 'bench-1000.comp'));
  try {
    await client.open(uri, text, 1);
    await client.diagnostics(uri, 1, 30_000);
    // Edits: change one character in a let, then wait for that version's diagnostics.
    const lat: number[] = [];
    const at = pos(text, 'let bonus_base_1 = rep.monthly_quota * ', 'let bonus_base_1 = rep.monthly_quota * '.length);
    for (let v = 2; v < 22; v++) {
      const since = client.published.length;
      const t0 = performance.now();
      await client.changeRange(uri, v, { start: at, end: { line: at.line, character: at.character + 1 } }, String(v % 9 + 1));
      const p = await client.diagnostics(uri, v, 10_000, since);
      lat.push(p.at - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
    const diag = median(lat);
    console.log(`diagnostics after edit on a ${nLines}-line plan: ${ms(diag)} median, ${ms(Math.max(...lat))} max over ${lat.length} edits (${ratio(diag, parseAlone, `the time to parse it alone, ${ms(parseAlone)}`)}; ${ratio(diag, analyzeAlone, `a full in-process analysis, ${ms(analyzeAlone)}`)}; includes the server's debounce)`);
    // Hover with a payout preview (target rep, 6 evaluator runs + 1 for the quota).
    const hpos = pos(text, 'rate accelerator', 7);
    const hl: number[] = [];
    for (let k = 0; k < 10; k++) {
      const t0 = performance.now();
      await client.request('textDocument/hover', { textDocument: { uri }, position: hpos });
      hl.push(performance.now() - t0);
    }
    const hmed = median(hl.slice(1));
    console.log(`hover with payout preview (target rep + sample data, warm) on the ${nLines}-line plan: ${ms(hmed)} median, first ${ms(hl[0]!)} (${ratio(hmed, parseAlone, 'the parse time')})`);
    const cl: number[] = [];
    for (let k = 0; k < 10; k++) {
      const t0 = performance.now();
      await client.request('textDocument/completion', { textDocument: { uri }, position: hpos });
      cl.push(performance.now() - t0);
    }
    console.log(`completion on the ${nLines}-line plan: ${ms(median(cl))} median (${ratio(median(cl), parseAlone, 'the parse time')})`);
  } finally {
    await client.stop();
  }
}

function throughput(): void {
  const plan = readFileSync(join(ROOT, 'samples', 'crm', 'plan.comp'), 'utf8');
  const kb = plan.length / 1024;
  // Baseline: tokenising by a regex of the whole text (a floor for any parser).
  const base = time(() => plan.match(/"[^"\n]*"|#[^\n]*|[A-Za-z][A-Za-z0-9_]*|\d[\d,.%]*|\S/g), 50);
  const p = time(() => parse(plan), 30);
  const parsed = parse(plan);
  const c = time(() => check(parsed.plan, 'plan.comp', plan), 30);
  console.log(`parser on samples/crm/plan.comp (${kb.toFixed(1)} KB): ${ms(p)} (${(kb / (p / 1000)).toFixed(0)} KB/s; ${ratio(p, base, `a regex tokenisation of the same text, ${ms(base)}`)})`);
  console.log(`checker on samples/crm/plan.comp: ${ms(c)} (${ratio(c, p, 'the parse time')})`);
  const a = analyze('plan.comp', plan);
  if (!a.ir) throw new Error('samples/crm/plan.comp has errors');
  const t0 = performance.now();
  const { dataset, errors } = loadDataset(a.ir, [join(ROOT, 'samples', 'crm', 'data')]);
  const load = performance.now() - t0;
  if (errors.some((e) => e.severity === 'error')) throw new Error('sample data errors');
  const rows = Object.values(dataset).reduce((n, r) => n + r.length, 0);
  const compiled = compilePlan(a.ir);
  const ev = time(() => evaluate(compiled, dataset), 5);
  console.log(`evaluator on samples/crm (${rows} rows): ${ms(ev)} (${(rows / (ev / 1000)).toFixed(0)} rows/s; ${ratio(ev, load, `loading and checking the data, ${ms(load)}`)})`);
  const h = time(() => hover(a, plan.indexOf('rate accelerator') + 7, { sampleData: join(ROOT, 'samples', 'crm', 'data') }), 10);
  console.log(`hover preview in process (sample data cached): ${ms(h)} (${ratio(h, p, 'the parse time')})`);
}

/** CPU ms (user + system) of this process while f runs: the machine may be loaded, wall time lies. */
function cpuMs(f: () => void, runs = 15): number {
  f();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    f();
    const d = process.cpuUsage(c);
    xs.push((d.user + d.system) / 1000);
  }
  return median(xs);
}

/** CPU ms of waited-for child processes so far (Linux: /proc/self/stat cutime + cstime, in ticks). */
function childrenCpuMs(): number | undefined {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8');
    const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[13]) + Number(rest[14])) * 10; // fields 16 and 17; USER_HZ = 100
  } catch {
    return undefined;
  }
}

/** Median CPU ms of a child `node ARGS` run (undefined where /proc is missing). */
function childCpu(args: string[], runs = 5): number | undefined {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const before = childrenCpuMs();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0 && r.status !== 1) throw new Error(`node ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
    const after = childrenCpuMs();
    if (before === undefined || after === undefined) return undefined;
    xs.push(after - before);
  }
  return median(xs);
}

function cpuFigures(): void {
  // Analysis of a 1,000-line plan, in CPU time, against tokenising it with the same lexer.
  const text = bigPlan(1000);
  const lex = cpuMs(() => CompLexer.tokenize(text), 30);
  const p = cpuMs(() => parse(text), 30);
  const a = cpuMs(() => analyze('bench.comp', text), 30);
  console.log(`CPU: tokenising the 1,000-line plan ${ms(lex)}; parse ${ms(p)} (${ratio(p, lex, 'tokenising')}); analyze ${ms(a)} (${ratio(a, lex, 'tokenising')})`);
  // The CLI as a user starts it, against a bare `node -e 0`.
  const bare = childCpu(['-e', '0']);
  const check = childCpu(['bin/comp.js', 'check', 'samples/crm/plan.comp']);
  process.env.COMP_NO_BUNDLE = '1';
  const unbundled = childCpu(['bin/comp.js', 'check', 'samples/crm/plan.comp'], 3);
  delete process.env.COMP_NO_BUNDLE;
  const runTable = childCpu(['bin/comp.js', 'run', 'samples/crm/plan.comp', '--data', 'samples/crm/data'], 3);
  const runJson = childCpu(['bin/comp.js', 'run', 'samples/crm/plan.comp', '--data', 'samples/crm/data', '--format', 'json'], 3);
  if (bare === undefined || check === undefined || unbundled === undefined || runTable === undefined || runJson === undefined) {
    console.log('CPU of CLI runs: not measured (no /proc/self/stat)');
    return;
  }
  console.log(`CPU: node -e 0 ${ms(bare)}; comp check samples/crm/plan.comp ${ms(check)} (${ratio(check, bare, 'bare node')}; unbundled modules ${ms(unbundled)}, ${ratio(unbundled, bare, 'bare node')})`);
  console.log(`CPU: comp run samples/crm (table) ${ms(runTable)} (${ratio(runTable, bare, 'bare node')}); --format json, with traces, ${ms(runJson)} (${ratio(runJson, bare, 'bare node')})`);
}

// BENCH=scale: only the scaled workload; BENCH=editor: only the editor and start-up figures;
// BENCH=preview: only the sample re-run after an edit and the sample hovers over LSP;
// BENCH=startup: only `comp check` / `comp run` start-up CPU on samples/crm (test/bench/startup.ts);
// BENCH=duckdb: only the SQL engine on Parquet (test/bench/engines.ts);
// BENCH=bigcsv: only a ~1 GB CSV streamed through `comp run` (test/bench/bigcsv.ts; not in the default run).
const only = process.env.BENCH;
if (!only || only === 'editor') {
  throughput();
  cpuFigures();
  await lspLatency();
  await (await import('./lsp-latency.js')).lspLatencyBench();
}
if (only === 'preview') {
  const lsp = await import('./lsp-latency.js');
  await lsp.sampleRerun();
  await lsp.sampleHoverBench();
}
if (!only || only === 'startup') (await import('./startup.js')).startupBench();
if (!only || only === 'scale') scaleBench();
if (only === 'bigcsv') (await import('./bigcsv.js')).bigCsvBench();
if (!only || only === 'duckdb') await (await import('./engines.js')).engineBench();
