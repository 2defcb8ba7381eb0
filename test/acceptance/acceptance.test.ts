// Acceptance cases A1-A16 (test/acceptance/README.md), run end to end through the public CLI:
//
//   node bin/comp.js run <case>/plan.comp --data <case>/data --format json   -> RunResult on stdout, exit 0
//   node bin/comp.js check <case>/plan.comp --format json                  -> { diagnostics: [...] }
//
// A case is any folder under `cases/` holding a `plan.comp`, with `expected.json` (figures)
// and/or `expected-diagnostics.json` (diagnostics). Money compares as exact decimal strings.
// Nothing is skipped: a missing CLI build is a failure with a message saying so.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';

// ------------------------------------------------------------------ expected-file shapes

/** A line key: `commission` = the component line named commission; `KIND:NAME` = a line of that
 *  kind (`clawback:commission`, `draw:...`); amounts are exact rounded strings. */
type LineKey = string;

interface ExpectedStatement {
  rep: string;
  period: string;
  note?: string;
  paid?: string;
  earned?: string;
  clawedBack?: string;
  owed?: string;
  drawBalance?: string;
  lines?: Record<LineKey, string>;
  /** Lines that must not be there (or be zero): a component that does not apply, no clawback. */
  absentLines?: LineKey[];
  /** A figure asserted through a line: `line` must equal `value` x `rate` exactly (A14 quotas). */
  derived?: { name: string; value: string; line: LineKey; rate: string }[];
  /** Deal key -> that deal's amount, asserted through the trace (some node naming the deal). */
  perDeal?: Record<string, string>;
  /** Trace nodes of `kind` (optionally naming `mentions`) whose subtree shows `amount`. */
  trace?: { kind: string; amount: string; mentions?: string }[];
}

interface ExpectedRun {
  case: string;
  rule?: string;
  statements: ExpectedStatement[];
  summary?: {
    totalPaid?: string;
    totalClawedBack?: string;
    /** rep -> amount; every non-zero balance in the result must be listed. */
    balancesOwed?: Record<string, string>;
    drawBalances?: Record<string, string>;
  };
}

interface ExpectedDiagnostic {
  /** `check`: comp check on the plan alone; `run`: comp run with the data (must exit 1 on errors). */
  via: 'check' | 'run';
  code: string;
  severity?: 'error' | 'warning' | 'info' | 'hint';
  /** Each string must occur in the message (or hint). */
  contains?: string[];
  line?: number;
  /** The code must NOT be reported. */
  absent?: boolean;
  note?: string;
}

// ------------------------------------------------------------------ result shapes (runtime/ir.ts)

interface TraceNode {
  kind: string;
  text: string;
  value?: string;
  children?: TraceNode[];
}
interface PayoutLine {
  kind: string;
  name: string;
  label: string;
  amount: string;
  exact: string;
}
interface Statement {
  rep: string;
  period: string;
  lines: PayoutLine[];
  earned: string;
  clawedBack: string;
  paid: string;
  owed: string;
  drawBalance: string;
  trace: TraceNode[];
}
interface RunResult {
  plan: string;
  statements: Statement[];
  summary: {
    totalPaid: string;
    totalClawedBack: string;
    balancesOwed: { rep: string; amount: string }[];
    drawBalances: { rep: string; amount: string }[];
  };
}
interface Diagnostic {
  code: string;
  severity: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  hint?: string;
}

// ------------------------------------------------------------------ locations

const HERE = dirname(fileURLToPath(import.meta.url));
const CASES = join(HERE, 'cases');

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'bin', 'comp.js'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`acceptance: no project root (package.json + bin/comp.js) above ${start}`);
    dir = up;
  }
}

const ROOT = findRoot(HERE);
/** COMP_ACCEPTANCE_CLI=<script.js> runs another CLI entry point (to test this harness itself). */
const OVERRIDE = process.env.COMP_ACCEPTANCE_CLI;
const BIN = OVERRIDE ?? join(ROOT, 'bin', 'comp.js');
const CLI_MAIN = OVERRIDE ?? join(ROOT, 'dist', 'compiler', 'cli', 'main.js');
const TIMEOUT = 120_000;

function requireCli(): void {
  if (!existsSync(CLI_MAIN)) {
    throw new Error(
      `The comp CLI is not built: ${relative(ROOT, CLI_MAIN)} does not exist.\n` +
        '`npm test` compiles dist/ with tsc before vitest; run `npm run build` ' +
        '(compiler/cli/main.ts must exist and compile). The acceptance cases cannot run without it.',
    );
  }
}

interface CliOutput {
  status: number | null;
  stdout: string;
  stderr: string;
  command: string;
}

function comp(args: string[]): CliOutput {
  requireCli();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: TIMEOUT - 5_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw new Error(`could not run comp ${args.join(' ')}: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, command: `comp ${args.map((a) => relative(ROOT, a) || a).join(' ')}` };
}

function excerpt(out: CliOutput): string {
  const cut = (s: string) => (s.length > 4000 ? `${s.slice(0, 4000)}\n... (${s.length} chars)` : s);
  return `$ ${out.command}\nexit ${out.status}\n--- stdout\n${cut(out.stdout)}\n--- stderr\n${cut(out.stderr)}`;
}

// ------------------------------------------------------------------ discovery

interface Case {
  dir: string;
  /** e.g. 'A07-clawback-netting/case-2-carried-forward' */
  id: string;
  expected?: ExpectedRun;
  diagnostics?: ExpectedDiagnostic[];
}

function discover(dir: string): Case[] {
  const out: Case[] = [];
  if (!existsSync(dir)) return out;
  const names = readdirSync(dir).sort();
  if (names.includes('plan.comp')) {
    const c: Case = { dir, id: relative(CASES, dir).split('\\').join('/') };
    const ej = join(dir, 'expected.json');
    const dj = join(dir, 'expected-diagnostics.json');
    if (existsSync(ej)) c.expected = JSON.parse(readFileSync(ej, 'utf8')) as ExpectedRun;
    if (existsSync(dj)) c.diagnostics = JSON.parse(readFileSync(dj, 'utf8')) as ExpectedDiagnostic[];
    out.push(c);
  }
  for (const n of names) {
    const p = join(dir, n);
    if (n !== 'data' && statSync(p).isDirectory()) out.push(...discover(p));
  }
  return out;
}

const cases = discover(CASES);

// ------------------------------------------------------------------ comparisons

function dec(s: string): Decimal | undefined {
  try {
    return new Decimal(s.replace(/,/g, '').replace(/^[A-Z]{3}\s*/, ''));
  } catch {
    return undefined;
  }
}

function parseRate(s: string): Decimal {
  const t = s.trim();
  return t.endsWith('%') ? new Decimal(t.slice(0, -1)).div(100) : new Decimal(t);
}

function places(s: string): number {
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

function lineKey(key: LineKey): { kind: string; name: string } {
  const i = key.indexOf(':');
  return i < 0 ? { kind: 'component', name: key } : { kind: key.slice(0, i), name: key.slice(i + 1) };
}

function findLines(st: Statement, key: LineKey): PayoutLine[] {
  const { kind, name } = lineKey(key);
  return (st.lines ?? []).filter((l) => l.kind === kind && (name === '' || l.name === name));
}

function describeLines(st: Statement): string {
  return (st.lines ?? []).map((l) => `${l.kind}:${l.name}=${l.amount}`).join(', ') || '(no lines)';
}

/** The texts in which an amount may be written in a trace line: 12000.00 or 12,000.00. */
function amountPatterns(amount: string): RegExp[] {
  const d = new Decimal(amount);
  const fixed = d.abs().toFixed(Math.max(2, places(amount)));
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  // Always with the decimals: a bare `20` would also match dates and ids.
  const forms = new Set([`${int}.${frac}`, `${grouped}.${frac}`]);
  const sign = d.isNegative() ? '-' : '';
  return [...forms].map(
    (f) => new RegExp(`(?<![\\d.,])${sign ? '-\\s*' : ''}${f.replace(/[.,]/g, (c) => `\\${c}`)}(?![\\d%]|[.,]\\d)`),
  );
}

function nodeShows(node: TraceNode, amount: string): boolean {
  const want = new Decimal(amount);
  if (node.value !== undefined) {
    const v = dec(String(node.value));
    if (v && v.eq(want)) return true;
  }
  return amountPatterns(amount).some((re) => re.test(node.text ?? ''));
}

function subtreeShows(node: TraceNode, amount: string): boolean {
  return nodeShows(node, amount) || (node.children ?? []).some((c) => subtreeShows(c, amount));
}

function allNodes(nodes: TraceNode[] | undefined, out: TraceNode[] = []): TraceNode[] {
  for (const n of nodes ?? []) {
    out.push(n);
    allNodes(n.children, out);
  }
  return out;
}

function mentions(text: string, key: string): boolean {
  const k = key.replace(/[.*+?^${}()|[\]\\-]/g, (c) => `\\${c}`);
  return new RegExp(`(?<![\\w-])${k}(?![\\w-])`).test(text ?? '');
}

function parseRun(out: CliOutput): RunResult {
  if (out.status !== 0) throw new Error(`comp run failed (expected exit 0):\n${excerpt(out)}`);
  let r: RunResult;
  try {
    r = JSON.parse(out.stdout) as RunResult;
  } catch (e) {
    throw new Error(`comp run --format json did not print JSON (${(e as Error).message}):\n${excerpt(out)}`);
  }
  if (!r || !Array.isArray(r.statements)) throw new Error(`comp run printed JSON without \`statements\`:\n${excerpt(out)}`);
  return r;
}

function findStatement(r: RunResult, e: ExpectedStatement, problems: string[]): Statement | undefined {
  const st = r.statements.find((s) => s.rep === e.rep && s.period === e.period);
  if (!st) {
    const have = r.statements.map((s) => `${s.rep}@${s.period}`).join(', ');
    problems.push(`${e.rep} ${e.period}: no statement (statements: ${have || 'none'})`);
  }
  return st;
}

function checkFigures(r: RunResult, exp: ExpectedRun): string[] {
  const problems: string[] = [];
  for (const e of exp.statements) {
    const st = findStatement(r, e, problems);
    if (!st) continue;
    const at = `${e.rep} ${e.period}`;
    for (const f of ['paid', 'earned', 'clawedBack', 'owed', 'drawBalance'] as const) {
      const want = e[f];
      if (want !== undefined && st[f] !== want) problems.push(`${at}: ${f} is ${JSON.stringify(st[f])}, expected "${want}"`);
    }
    for (const [key, want] of Object.entries(e.lines ?? {})) {
      const ls = findLines(st, key);
      if (ls.length === 0) problems.push(`${at}: no line ${key} (expected "${want}"; lines: ${describeLines(st)})`);
      else if (ls.length === 1) {
        if (ls[0].amount !== want) problems.push(`${at}: line ${key} is ${JSON.stringify(ls[0].amount)}, expected "${want}" (exact ${ls[0].exact})`);
      } else {
        const sum = ls.reduce((a, l) => a.plus(dec(l.amount) ?? NaN), new Decimal(0)).toFixed(places(want));
        if (sum !== want) problems.push(`${at}: ${ls.length} lines ${key} sum to ${sum}, expected "${want}"`);
      }
    }
    for (const key of e.absentLines ?? []) {
      const ls = findLines(st, key).filter((l) => !(dec(l.amount)?.isZero() ?? false));
      if (ls.length > 0) problems.push(`${at}: line ${key} should not be paid, found ${ls.map((l) => l.amount).join(', ')}`);
    }
    for (const d of e.derived ?? []) {
      const ls = findLines(st, d.line);
      const want = new Decimal(d.value).times(parseRate(d.rate));
      if (ls.length !== 1) problems.push(`${at}: ${d.name} ${d.value} is read from line ${d.line}, found ${ls.length} such lines (${describeLines(st)})`);
      else if (!(dec(ls[0].amount)?.eq(want) ?? false))
        problems.push(`${at}: ${d.name} should be ${d.value} (line ${d.line} = ${d.value} x ${d.rate} = ${want.toFixed(2)}), line is ${ls[0].amount}`);
    }
  }
  const s = exp.summary;
  if (s) {
    if (s.totalPaid !== undefined && r.summary?.totalPaid !== s.totalPaid)
      problems.push(`summary.totalPaid is ${JSON.stringify(r.summary?.totalPaid)}, expected "${s.totalPaid}"`);
    if (s.totalClawedBack !== undefined && r.summary?.totalClawedBack !== s.totalClawedBack)
      problems.push(`summary.totalClawedBack is ${JSON.stringify(r.summary?.totalClawedBack)}, expected "${s.totalClawedBack}"`);
    for (const f of ['balancesOwed', 'drawBalances'] as const) {
      const want = s[f];
      if (!want) continue;
      const have = new Map((r.summary?.[f] ?? []).map((b) => [b.rep, b.amount]));
      for (const [rep, amount] of Object.entries(want))
        if (have.get(rep) !== amount) problems.push(`summary.${f}[${rep}] is ${JSON.stringify(have.get(rep))}, expected "${amount}"`);
      for (const [rep, amount] of have)
        if (!(rep in want) && !(dec(amount)?.isZero() ?? false)) problems.push(`summary.${f} lists ${rep} ${amount}, expected none`);
    }
  }
  return problems;
}

function checkTrace(r: RunResult, exp: ExpectedRun): string[] {
  const problems: string[] = [];
  for (const e of exp.statements) {
    if (!e.perDeal && !e.trace) continue;
    const st = findStatement(r, e, problems);
    if (!st) continue;
    const at = `${e.rep} ${e.period}`;
    const nodes = allNodes(st.trace);
    for (const [deal, amount] of Object.entries(e.perDeal ?? {})) {
      const naming = nodes.filter((n) => mentions(n.text, deal));
      if (naming.length === 0) problems.push(`${at}: no trace node names deal ${deal} (its amount should be ${amount})`);
      else if (!naming.some((n) => subtreeShows(n, amount)))
        problems.push(`${at}: the trace of deal ${deal} does not show ${amount}: ${naming.map((n) => JSON.stringify(n.text)).join('; ')}`);
    }
    for (const t of e.trace ?? []) {
      const ofKind = nodes.filter((n) => n.kind?.toLowerCase() === t.kind.toLowerCase() && (!t.mentions || mentions(n.text, t.mentions)));
      if (ofKind.length === 0) problems.push(`${at}: no trace node of kind '${t.kind}'${t.mentions ? ` naming ${t.mentions}` : ''} (should show ${t.amount})`);
      else if (!ofKind.some((n) => subtreeShows(n, t.amount)))
        problems.push(`${at}: no '${t.kind}' trace node shows ${t.amount}: ${ofKind.map((n) => JSON.stringify(n.text)).join('; ')}`);
    }
  }
  return problems;
}

function readDiagnostics(out: CliOutput): Diagnostic[] | undefined {
  for (const text of [out.stdout, out.stderr]) {
    try {
      const j = JSON.parse(text) as { diagnostics?: Diagnostic[] } | Diagnostic[];
      if (Array.isArray(j)) return j;
      if (j && Array.isArray(j.diagnostics)) return j.diagnostics;
    } catch {
      /* not JSON */
    }
  }
  return undefined;
}

function checkDiagnostics(c: Case): string[] {
  const problems: string[] = [];
  const plan = join(c.dir, 'plan.comp');
  for (const via of ['check', 'run'] as const) {
    const wanted = (c.diagnostics ?? []).filter((d) => (d.via ?? 'check') === via);
    if (wanted.length === 0) continue;
    const out =
      via === 'check'
        ? comp(['check', plan, '--format', 'json'])
        : comp(['run', plan, '--data', join(c.dir, 'data'), '--format', 'json']);
    const mustFail = wanted.some((d) => !d.absent && (d.severity ?? 'error') === 'error');
    if (mustFail && out.status !== 1) problems.push(`comp ${via} should exit 1 (an error is expected), exited ${out.status}`);
    if (!mustFail && out.status !== 0 && out.status !== 1) problems.push(`comp ${via} crashed (exit ${out.status})`);
    const diags = readDiagnostics(out);
    const allText = `${out.stdout}\n${out.stderr}`;
    for (const d of wanted) {
      const matches = (x: Diagnostic) =>
        x.code === d.code &&
        (!d.severity || x.severity === d.severity) &&
        (d.line === undefined || x.line === d.line) &&
        (d.contains ?? []).every((s) => `${x.message ?? ''} ${x.hint ?? ''}`.includes(s));
      if (diags) {
        if (d.absent) {
          const found = diags.filter((x) => x.code === d.code);
          if (found.length) problems.push(`comp ${via}: ${d.code} should not be reported, got: ${found.map((x) => `${x.line}:${x.column} ${x.message}`).join('; ')}`);
        } else if (!diags.some(matches)) {
          const got = diags.map((x) => `${x.code} ${x.severity} ${x.file ?? ''}:${x.line ?? ''}:${x.column ?? ''} ${x.message}`).join('\n    ');
          problems.push(
            `comp ${via}: expected ${d.code}${d.severity ? ` (${d.severity})` : ''}${d.line ? ` on line ${d.line}` : ''} mentioning ${JSON.stringify(d.contains ?? [])}; got:\n    ${got || '(no diagnostics)'}`,
          );
        }
      } else if (via === 'run') {
        // `comp run` on failure: the format of its diagnostics is not pinned down; accept text.
        const ok = d.absent ? !allText.includes(d.code) : allText.includes(d.code) && (d.contains ?? []).every((s) => allText.includes(s));
        if (!ok) problems.push(`comp run: expected ${d.absent ? 'no ' : ''}${d.code} mentioning ${JSON.stringify(d.contains ?? [])}:\n${excerpt(out)}`);
      } else {
        problems.push(`comp check --format json did not print { "diagnostics": [...] }:\n${excerpt(out)}`);
      }
    }
  }
  return problems;
}

// ------------------------------------------------------------------ tests

/** Fails with every problem listed (vitest would truncate a long array diff). */
function report(what: string, problems: string[]): void {
  if (problems.length > 0) throw new Error(`${what} (${problems.length}):\n  - ${problems.join('\n  - ')}`);
}

describe('acceptance cases A1-A16 (test/acceptance/README.md)', () => {
  it('has a folder, a plan and expectations for each of A1..A16', () => {
    const missing: string[] = [];
    for (let n = 1; n <= 16; n++) {
      const prefix = `A${String(n).padStart(2, '0')}-`;
      const mine = cases.filter((c) => c.id.startsWith(prefix));
      if (!mine.some((c) => c.expected || c.diagnostics)) missing.push(`A${n} (${prefix}*)`);
    }
    expect(missing, 'cases without a folder under test/acceptance/cases').toEqual([]);
  });

  it('has a built CLI to run them with', () => {
    requireCli();
  });

  for (const c of cases) {
    describe(c.id, () => {
      let cached: RunResult | undefined;
      const run = (): RunResult =>
        (cached ??= parseRun(comp(['run', join(c.dir, 'plan.comp'), '--data', join(c.dir, 'data'), '--format', 'json'])));

      if (c.expected) {
        const exp = c.expected;
        it(`pays the figures of ${exp.case}`, () => {
          const problems = checkFigures(run(), exp);
          report(`${c.id}: figures that differ from expected.json`, problems);
        }, TIMEOUT);

        it('passes comp check without errors', () => {
          const out = comp(['check', join(c.dir, 'plan.comp'), '--format', 'json']);
          const diags = readDiagnostics(out);
          if (!diags) throw new Error(`comp check --format json did not print { "diagnostics": [...] }:\n${excerpt(out)}`);
          const errors = diags.filter((d) => d.severity === 'error');
          report(
            `${c.id}: comp check reports errors on a plan that must run`,
            errors.map((d) => `${d.code} ${d.line ?? ''}:${d.column ?? ''} ${d.message}`),
          );
        }, TIMEOUT);

        if (exp.statements.some((s) => s.perDeal || s.trace)) {
          it(`explains ${exp.case} in the trace (per-deal amounts, bands, caps)`, () => {
            const problems = checkTrace(run(), exp);
            report(`${c.id}: trace expectations not met`, problems);
          }, TIMEOUT);
        }
      }

      if (c.diagnostics) {
        const summary = c.diagnostics.map((d) => `${d.absent ? 'no ' : ''}${d.code}`).join(', ');
        it(`reports the expected diagnostics (${summary})`, () => {
          const problems = checkDiagnostics(c);
          report(`${c.id}: diagnostics that differ from expected-diagnostics.json`, problems);
        }, TIMEOUT);
      }
    });
  }
});
