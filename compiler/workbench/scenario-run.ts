// Running scenario files: each scenario's tables are gathered into a folder of their own (inline
// rows, small files, a data folder), loaded by the project's data loader, evaluated by the
// runtime's public entry points (compilePlan / evaluate), and each `expect` line is compared with
// the statement it names. Problems in the scenario file itself are diagnostics with spans.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyze } from '../analysis.js';
import { diag, suggest, type Diagnostic } from '../diagnostics/diagnostic.js';
import { Codes } from '../diagnostics/codes.js';
import { loadDataset, resolveSource } from '../data/load.js';
import { LineIndex } from '../syntax/lines.js';
import type { DataError, PlanIR, RunResult, Statement, TraceNode } from '../../runtime/ir.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import { Decimal } from '../../runtime/decimal.js';
import { formatPercent, groupThousands } from '../../runtime/format.js';
import { parseScenarios, type Expectation, type Scenario, type ScenarioFile } from './scenario-syntax.js';

export interface Failure {
  expect: Expectation;
  expected: string;
  actual: string;
  /** The trace of the statement line the expectation reads, rendered as indented lines. */
  trace: string[];
  /** The same as a diagnostic on the `expect` line (for the language server). */
  diagnostic: Diagnostic;
}

export interface ScenarioOutcome {
  name: string;
  line: number;
  status: 'pass' | 'fail' | 'error';
  expectations: number;
  failures: Failure[];
  /** Rendered problems: scenario-file diagnostics or located data/evaluation errors. */
  problems: string[];
  /** Diagnostics located in the scenario file (for the language server). */
  diagnostics: Diagnostic[];
}

export interface FileOutcome {
  file: string;
  plan?: string;
  /** Diagnostics of the scenario file or its plan, rendered; when present, no scenario ran. */
  problems: string[];
  diagnostics: Diagnostic[];
  scenarios: ScenarioOutcome[];
}

function money(currency: string, v: string | Decimal): string {
  const d = new Decimal(v);
  const s = d.toFixed(Math.max(2, d.decimalPlaces()));
  const t = groupThousands(s.startsWith('-') ? s.slice(1) : s);
  return `${s.startsWith('-') && !d.isZero() ? '-' : ''}${currency} ${t}`;
}

function renderTrace(nodes: TraceNode[], depth = 0, out: string[] = []): string[] {
  for (const n of nodes) {
    out.push(`${'  '.repeat(depth)}${n.text}`);
    if (n.children?.length) renderTrace(n.children, depth + 1, out);
  }
  return out;
}

/** Every component and let name of a plan, versions included. */
function planNames(ir: PlanIR): { components: Map<string, string>; lets: Set<string> } {
  const components = new Map<string, string>();
  const lets = new Set<string>();
  for (const c of [...ir.components, ...(ir.versions ?? []).flatMap((v) => v.components)]) components.set(c.name, c.label || c.name);
  for (const l of [...ir.lets, ...(ir.versions ?? []).flatMap((v) => v.lets)]) lets.add(l.name);
  return { components, lets };
}

interface Mapped {
  file: string;
  lineOffset: number;
  colOffset: number;
  /** Inline rows: located in the scenario file. */
  inline: boolean;
}

/** Gather one scenario's tables into a fresh folder; returns it and how to map locations back. */
function gather(
  sf: ScenarioFile,
  sc: Scenario,
  ir: PlanIR,
  dir: string,
  scenarioDir: string,
  diags: Diagnostic[],
): { folder: string; map: Map<string, Mapped> } | undefined {
  const folder = mkdtempSync(path.join(tmpdir(), 'comp-scenario-'));
  const map = new Map<string, Mapped>();
  const tableNames = ir.tables.map((t) => t.name);
  const given = new Set<string>();
  const unknown = (name: { value: string; span: { start: number; end: number } }) => {
    const s = suggest(name.value, tableNames);
    diags.push(diag(Codes.ScenarioUnknownName, sf.file, name.span, { problem: `the plan has no table \`${name.value}\`` }, { hint: s ? `did you mean \`${s}\`?` : `tables: ${tableNames.join(', ')}` }));
  };
  for (const it of sc.inline) {
    const t = ir.tables.find((x) => x.name === it.name.value);
    if (!t) {
      unknown(it.name);
      continue;
    }
    const target = path.join(folder, path.basename(t.source));
    writeFileSync(target, it.csv + '\n');
    map.set(target, { file: sf.file, lineOffset: it.firstLine - 1, colOffset: it.indent, inline: true });
    given.add(t.name);
  }
  for (const ft of sc.files) {
    const t = ir.tables.find((x) => x.name === ft.name.value);
    if (!t) {
      unknown(ft.name);
      continue;
    }
    const src = path.resolve(scenarioDir, ft.file.value);
    if (!existsSync(src) || statSync(src).isDirectory()) {
      diags.push(diag(Codes.ScenarioFileMissing, sf.file, ft.file.span, { problem: `no such file: ${path.relative(dir, src) || src}` }));
      continue;
    }
    const target = path.join(folder, path.basename(t.source).replace(/\.(csv|json)$/i, '') + (src.toLowerCase().endsWith('.json') ? '.json' : '.csv'));
    copyFileSync(src, target);
    map.set(target, { file: path.relative(dir, src) || src, lineOffset: 0, colOffset: 0, inline: false });
    given.add(t.name);
  }
  const dataPaths = (sc.data ?? sf.data ?? []).map((d) => ({ d, p: path.resolve(scenarioDir, d.value) }));
  for (const { d, p } of dataPaths) if (!existsSync(p)) diags.push(diag(Codes.ScenarioFileMissing, sf.file, d.span, { problem: `no such data folder or file: ${d.value}` }));
  for (const t of ir.tables) {
    if (given.has(t.name)) continue;
    const found = resolveSource(t, dataPaths.map((x) => x.p));
    const target = path.join(folder, path.basename(t.source).replace(/\.(csv|json)$/i, '') + (found.file?.toLowerCase().endsWith('.json') ? '.json' : '.csv'));
    if (found.file) {
      copyFileSync(found.file, target);
      map.set(target, { file: path.relative(dir, found.file) || found.file, lineOffset: 0, colOffset: 0, inline: false });
    } else {
      // not given: an empty table (its header only)
      writeFileSync(target, t.fields.map((f) => f.name).join(',') + '\n');
      map.set(target, { file: `${sf.file} (empty ${t.name})`, lineOffset: 0, colOffset: 0, inline: false });
    }
  }
  return { folder, map };
}

/** A data or evaluation problem, moved back to where the analyst wrote it. */
function relocate(e: DataError & { hint?: string }, map: Map<string, Mapped>, sf: ScenarioFile, index: LineIndex, text: string): { rendered: string; diagnostic?: Diagnostic } {
  const m = map.get(e.file);
  if (m?.inline) {
    const line = e.line + m.lineOffset - 1; // 0-based
    const lineStart = index.offset({ line, column: 0 });
    const lineEnd = text.indexOf('\n', lineStart);
    const start = Math.min(lineStart + e.column - 1 + m.colOffset, lineEnd < 0 ? text.length : lineEnd);
    const end = (() => {
      let k = start;
      while (k < text.length && text[k] !== ',' && text[k] !== '\n') k++;
      return Math.max(k, start + 1);
    })();
    const d: Diagnostic = { code: e.code, severity: 'error', message: e.message, file: sf.file, span: { start, end } };
    if (e.hint) d.hint = e.hint;
    return { rendered: '', diagnostic: d };
  }
  const file = m ? m.file : e.file;
  return { rendered: `${file}:${e.line}:${e.column}: error[${e.code}]: ${e.message}${e.hint ? `\n  hint: ${e.hint}` : ''}` };
}

function traceFor(s: Statement, target: Expectation['target']['value'], components: Map<string, string>): TraceNode[] {
  const byKind = (k: string) => s.trace.filter((n) => n.kind === k);
  if (target.k === 'name') {
    const label = components.get(target.name);
    if (label !== undefined) {
      const nodes = s.trace.filter((n) => n.kind === 'component' && (n.text.startsWith(`${label}:`) || n.text.startsWith(`${target.name}:`)));
      return nodes.length ? nodes : s.trace;
    }
    return byKind('lets');
  }
  if (target.k === 'clawed back') return s.trace.filter((n) => n.kind === 'clawback' || n.kind === 'settlement');
  return byKind('settlement').length ? byKind('settlement') : s.trace;
}

/** The actual value an expectation reads, as a Decimal (undefined: the statement has no such value). */
function actualOf(s: Statement, ex: Expectation, currency: string): { value?: Decimal; shown: string; currency?: string } {
  const t = ex.target.value;
  const m = (v: string, cur = currency) => ({ value: new Decimal(v), shown: money(cur, v), currency: cur });
  switch (t.k) {
    case 'paid':
      if (s.payout && ex.expected.value.currency === s.payout.currency && s.payout.currency !== currency) return m(s.payout.paid, s.payout.currency);
      return m(s.paid);
    case 'earned':
      return m(s.earned);
    case 'clawed back':
      return m(s.clawedBack);
    case 'owed':
      return m(s.owed);
    case 'held':
      return m(s.held ?? '0');
    case 'draw balance':
      return m(s.drawBalance);
    case 'name': {
      const lines = s.lines.filter((l) => l.kind === 'component' && l.name === t.name);
      if (lines.length) return m(lines.reduce((a, l) => a.plus(new Decimal(l.amount)), new Decimal(0)).toFixed());
      const v = s.values?.[t.name];
      if (v !== undefined) {
        if (ex.expected.value.unit === 'percent') return { value: new Decimal(v), shown: formatPercent(new Decimal(v)) };
        if (ex.expected.value.unit === 'money') return m(v);
        return { value: new Decimal(v), shown: v };
      }
      return { shown: 'no line (the component does not pay this rep in this period)', value: new Decimal(0), currency };
    }
  }
}

function expectedShown(ex: Expectation): string {
  const v = ex.expected.value;
  if (v.unit === 'money') return money(v.currency!, v.value);
  if (v.unit === 'percent') return formatPercent(new Decimal(v.value));
  return v.value;
}

export interface RunOptions {
  /** The scenario file's text, when it is not to be read from disk (the editor's buffer). */
  text?: string;
  /** Paths in messages are relative to this folder (default: the current one). */
  cwd?: string;
}

export function runScenarioFile(file: string, opts: RunOptions = {}): FileOutcome {
  const dir = opts.cwd ?? process.cwd();
  const text = opts.text ?? readFileSync(file, 'utf8');
  const shown = path.relative(dir, path.resolve(dir, file)) || file;
  const sf = parseScenarios(shown, text);
  const index = new LineIndex(text);
  const out: FileOutcome = { file: shown, problems: [], diagnostics: [...sf.diagnostics], scenarios: [] };
  const scenarioDir = path.dirname(path.resolve(dir, file));
  if (!sf.plan) return out;
  const planPath = path.resolve(scenarioDir, sf.plan.value);
  out.plan = path.relative(dir, planPath) || planPath;
  if (!existsSync(planPath)) {
    out.diagnostics.push(diag(Codes.ScenarioFileMissing, shown, sf.plan.span, { problem: `no such plan: ${sf.plan.value}` }));
    return out;
  }
  const planText = readFileSync(planPath, 'utf8');
  const analysis = analyze(out.plan, planText);
  const planErrors = analysis.diagnostics.filter((d) => d.severity === 'error');
  if (planErrors.length || !analysis.ir) {
    out.diagnostics.push(diag(Codes.ScenarioFileMissing, shown, sf.plan.span, { problem: `the plan ${sf.plan.value} has ${planErrors.length} error${planErrors.length === 1 ? '' : 's'}: run \`comp check ${out.plan}\`` }));
    return out;
  }
  if (sf.diagnostics.some((d) => d.severity === 'error')) return out;
  const ir = analysis.ir;
  const compiled = compilePlan(ir);
  const names = planNames(ir);
  for (const sc of sf.scenarios) out.scenarios.push(runScenario(sf, sc, ir, compiled, names, dir, scenarioDir, index, text));
  return out;
}

function runScenario(
  sf: ScenarioFile,
  sc: Scenario,
  ir: PlanIR,
  compiled: ReturnType<typeof compilePlan>,
  names: ReturnType<typeof planNames>,
  dir: string,
  scenarioDir: string,
  index: LineIndex,
  text: string,
): ScenarioOutcome {
  const o: ScenarioOutcome = { name: sc.name.value, line: sc.line, status: 'pass', expectations: sc.expects.length, failures: [], problems: [], diagnostics: [] };
  const values = sc.expects.filter((e): e is Expectation => e.kind === 'value');
  const errorCodes = sc.expects.filter((e) => e.kind === 'error');
  // names the plan does not know
  for (const ex of values) {
    const t = ex.target.value;
    if (t.k === 'name' && !names.components.has(t.name) && !names.lets.has(t.name)) {
      const s = suggest(t.name, [...names.components.keys(), ...names.lets]);
      o.diagnostics.push(diag(Codes.ScenarioUnknownName, sf.file, ex.target.span, { problem: `the plan has no component or \`let\` named \`${t.name}\`` }, { hint: s ? `did you mean \`${s}\`?` : 'or: paid, earned, clawed back, owed, held, draw balance' }));
    }
    if (ex.expected.value.unit === 'money' && ex.expected.value.currency !== ir.currency && t.k !== 'paid') {
      o.diagnostics.push(diag(Codes.ScenarioUnknownName, sf.file, ex.expected.span, { problem: `the plan pays in ${ir.currency}, not ${ex.expected.value.currency}` }, { hint: `write the amount in ${ir.currency}` }));
    }
  }
  const g = gather(sf, sc, ir, dir, scenarioDir, o.diagnostics);
  if (!g || o.diagnostics.length) {
    if (g) rmSync(g.folder, { recursive: true, force: true });
    o.status = 'error';
    return o;
  }
  try {
    const loaded = loadDataset(ir, [g.folder]);
    const errs = loaded.errors.filter((e) => e.severity === 'error');
    let result: RunResult | undefined;
    const seen: string[] = [];
    const report = (list: (DataError & { hint?: string })[]) => {
      for (const e of list) {
        seen.push(e.code);
        const r = relocate(e, g.map, sf, index, text);
        if (r.diagnostic) o.diagnostics.push(r.diagnostic);
        else o.problems.push(r.rendered);
      }
    };
    if (errs.length) report(errs);
    else {
      const range: { from?: string; to?: string } = {};
      if (sc.from) range.from = sc.from.value;
      if (sc.to) range.to = sc.to.value;
      const ev = evaluate(compiled, loaded.dataset, range);
      if (ev.errors.length || !ev.result) report(ev.errors);
      else result = ev.result;
    }
    if (errorCodes.length) {
      // the scenario pins a rejection: every expected code must occur, and nothing else is checked
      for (const ex of errorCodes) {
        if (ex.kind !== 'error') continue;
        if (!seen.includes(ex.code.value)) {
          const actual = seen.length ? [...new Set(seen)].join(', ') : 'no error';
          o.failures.push({
            expect: { kind: 'value', rep: ex.code, period: ex.code, target: { value: { k: 'paid' }, span: ex.span }, expected: { value: { value: '0', unit: 'number', text: ex.code.value }, span: ex.code.span }, text: ex.text, span: ex.span, line: ex.line },
            expected: `error ${ex.code.value}`,
            actual,
            trace: [],
            diagnostic: diag(Codes.ExpectationFailed, sf.file, ex.span, { problem: `expected the data to be rejected with ${ex.code.value}; found ${actual}` }),
          });
        }
      }
      o.problems = [];
      o.diagnostics = [];
      o.status = o.failures.length ? 'fail' : 'pass';
      return o;
    }
    if (!result) {
      o.status = 'error';
      return o;
    }
    const periods = new Set(result.periods.map((p) => p.key));
    const reps = new Set(result.statements.map((s) => s.rep));
    for (const ex of values) {
      const s = result.statements.find((x) => x.rep === ex.rep.value && x.period === ex.period.value);
      if (!s) {
        if (!periods.has(ex.period.value)) {
          o.diagnostics.push(diag(Codes.ScenarioUnknownName, sf.file, ex.period.span, { problem: `the scenario does not evaluate ${ex.period.value}` }, { hint: periods.size ? `periods: ${[...periods].slice(0, 12).join(', ')}${periods.size > 12 ? ', ...' : ''}` : 'no period of the plan is in the scenario\'s `period` or `from ... to ...`' }));
        } else if (!reps.has(ex.rep.value)) {
          const sug = suggest(ex.rep.value, [...reps]);
          o.diagnostics.push(diag(Codes.ScenarioUnknownName, sf.file, ex.rep.span, { problem: `no rep \`${ex.rep.value}\` in this scenario's roster` }, { hint: sug ? `did you mean \`${sug}\`?` : `reps: ${[...reps].join(', ') || 'none'}` }));
        } else o.diagnostics.push(diag(Codes.ScenarioUnknownName, sf.file, ex.span, { problem: `no statement for \`${ex.rep.value}\` in ${ex.period.value}` }));
        continue;
      }
      const a = actualOf(s, ex, result.currency);
      const exp = new Decimal(ex.expected.value.value);
      const ok = a.value !== undefined && a.value.eq(exp) && (ex.expected.value.unit !== 'money' || a.currency === ex.expected.value.currency);
      if (ok) continue;
      const expected = expectedShown(ex);
      o.failures.push({
        expect: ex,
        expected,
        actual: a.shown,
        trace: renderTrace(traceFor(s, ex.target.value, names.components)),
        diagnostic: diag(Codes.ExpectationFailed, sf.file, ex.expected.span, { problem: `expected ${expected}, the plan pays ${a.shown}` }, { hint: `\`comp test ${sf.file}\` prints the trace of this line` }),
      });
    }
    o.status = o.diagnostics.length ? 'error' : o.failures.length ? 'fail' : 'pass';
    return o;
  } finally {
    rmSync(g.folder, { recursive: true, force: true });
  }
}
