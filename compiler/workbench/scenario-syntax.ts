// Scenario files (`*.comptest`): named scenarios with their data and the payouts they must give.
//
//   plan "plan.comp"                       # the plan, relative to this file
//   data "data"                            # optional: default data for every scenario
//
//   scenario "exactly at quota" {
//     period 2026-Q1                       # optional: `period P` or `from P to P`
//     data "other-data"                    # optional: this scenario's data folder or files
//     table reps {                         # inline rows: CSV lines, the header first
//       id,name,quarterly_quota
//       ada,Ada,150000
//     }
//     table deals from "deals-130.csv"     # a table from a small file (any name)
//     expect ada 2026-Q1 commission = USD 18,000.00
//     expect ada 2026-Q1 attainment = 130%
//     expect ada 2026-Q1 paid = USD 18,000.00
//     expect error COMP6006                # the data must be rejected with this code
//   }
//
// Tables a scenario does not give are empty. The parser is line based (inline rows are CSV, not
// tokens) and never throws: it returns what it understood and diagnostics in the project's style.
import { diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import { Codes } from '../diagnostics/codes.js';
import type { Span } from '../syntax/span.js';

export interface Located<T> {
  value: T;
  span: Span;
}

export interface InlineTable {
  name: Located<string>;
  /** The CSV text (header first), without the block's indentation. */
  csv: string;
  /** 1-based line of the header line in the scenario file, and the indentation removed. */
  firstLine: number;
  indent: number;
}

export interface FileTable {
  name: Located<string>;
  file: Located<string>;
}

/** What an expectation reads from a statement. */
export type ExpectTarget =
  | { k: 'paid' | 'earned' | 'clawed back' | 'owed' | 'draw balance' | 'held' }
  /** A component line, or (when the plan has no such component) a `let` value. */
  | { k: 'name'; name: string };

export interface ExpectedValue {
  /** Decimal text; percents are fractions ('1.3' for 130%). */
  value: string;
  unit: 'money' | 'percent' | 'number';
  currency?: string;
  /** As written, for messages. */
  text: string;
}

export interface Expectation {
  kind: 'value';
  rep: Located<string>;
  period: Located<string>;
  target: Located<ExpectTarget>;
  expected: Located<ExpectedValue>;
  /** The whole line, for messages. */
  text: string;
  span: Span;
  line: number;
}

export interface ErrorExpectation {
  kind: 'error';
  code: Located<string>;
  text: string;
  span: Span;
  line: number;
}

export interface Scenario {
  name: Located<string>;
  line: number;
  data?: Located<string>[];
  from?: Located<string>;
  to?: Located<string>;
  inline: InlineTable[];
  files: FileTable[];
  expects: (Expectation | ErrorExpectation)[];
}

export interface ScenarioFile {
  file: string;
  plan?: Located<string>;
  data?: Located<string>[];
  scenarios: Scenario[];
  diagnostics: Diagnostic[];
}

// ------------------------------------------------------------------ words of one line

interface Word {
  text: string;
  start: number;
  end: number;
  kind: 'string' | 'word' | 'symbol';
}

/** Split a line into words: quoted text, `=`, `{`, `}`, and runs of other non-space characters. */
function words(line: string, base: number): { words: Word[]; unterminated?: number } {
  const out: Word[] = [];
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '#') break;
    if (ch === '"') {
      let j = i + 1;
      let s = '';
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && j + 1 < line.length) j++;
        s += line[j];
        j++;
      }
      if (j >= line.length) return { words: out, unterminated: base + i };
      out.push({ text: s, start: base + i, end: base + j + 1, kind: 'string' });
      i = j + 1;
      continue;
    }
    if (ch === '=' || ch === '{' || ch === '}') {
      out.push({ text: ch, start: base + i, end: base + i + 1, kind: 'symbol' });
      i++;
      continue;
    }
    let j = i;
    while (j < line.length && !/[\s"={}#]/.test(line[j]!)) j++;
    out.push({ text: line.slice(i, j), start: base + i, end: base + j, kind: 'word' });
    i = j;
  }
  return { words: out };
}

const PERIOD = /^(?:\d{4}(?:-(?:\d{2}|Q[1-4]|H[12]|\d{2}-\d{2}))?|FY\d{4}(?:-(?:Q[1-4]|H[12]))?)$/;
const NUMBER = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const SPECIAL: Record<string, 'paid' | 'earned' | 'owed' | 'held'> = { paid: 'paid', earned: 'earned', owed: 'owed', held: 'held' };

function span(w: Word | Word[]): Span {
  const list = Array.isArray(w) ? w : [w];
  return { start: list[0]!.start, end: list[list.length - 1]!.end };
}

function loc<T>(value: T, w: Word | Word[]): Located<T> {
  return { value, span: span(w) };
}

/** `USD 3,900.00`, `-USD 5.00`, `USD -5.00`, `130%`, `12.5`. */
export function parseExpectedValue(ws: Word[]): ExpectedValue | string {
  const text = ws.map((w) => w.text).join(' ');
  let list = ws.map((w) => w.text);
  let neg = false;
  if (list[0]?.startsWith('-') && /^-[A-Z]{3}$/.test(list[0])) {
    neg = true;
    list = [list[0].slice(1), ...list.slice(1)];
  }
  if (list.length === 2 && /^[A-Z]{3}$/.test(list[0]!) && NUMBER.test(list[1]!)) {
    const v = list[1]!.replace(/,/g, '');
    return { value: neg ? negate(v) : v, unit: 'money', currency: list[0]!, text };
  }
  if (list.length === 1 && list[0]!.endsWith('%') && NUMBER.test(list[0]!.slice(0, -1))) {
    const n = list[0]!.slice(0, -1).replace(/,/g, '');
    return { value: shiftLeft2(n), unit: 'percent', text };
  }
  if (list.length === 1 && NUMBER.test(list[0]!)) return { value: list[0]!.replace(/,/g, ''), unit: 'number', text };
  return 'expected an amount (`USD 3,900.00`), a percent (`130%`) or a number';
}

function negate(v: string): string {
  return v.startsWith('-') ? v.slice(1) : `-${v}`;
}

/** '130' -> '1.3' without JS numbers: move the decimal point two places left. */
function shiftLeft2(n: string): string {
  const neg = n.startsWith('-');
  let s = neg ? n.slice(1) : n;
  const dot = s.indexOf('.');
  let int = dot < 0 ? s : s.slice(0, dot);
  const frac = dot < 0 ? '' : s.slice(dot + 1);
  int = int.padStart(3, '0');
  s = `${int.slice(0, -2)}.${int.slice(-2)}${frac}`.replace(/^0+(?=\d)/, '').replace(/\.?0+$/, '');
  if (s === '' || s === '.') s = '0';
  return neg && s !== '0' ? `-${s}` : s;
}

// ------------------------------------------------------------------ the file

export function parseScenarios(file: string, text: string): ScenarioFile {
  const out: ScenarioFile = { file, scenarios: [], diagnostics: [] };
  const problem = (s: Span, what: string, hint?: string) => out.diagnostics.push(diag(Codes.ScenarioSyntax, file, s, { problem: what }, hint ? { hint } : {}));
  const lines = text.split('\n');
  const starts: number[] = [];
  let off = 0;
  for (const l of lines) {
    starts.push(off);
    off += l.length + 1;
  }
  let current: Scenario | undefined;
  let openAt: Span | undefined;
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i]!;
    const base = starts[i]!;
    const { words: ws, unterminated } = words(raw, base);
    const lineNo = i + 1;
    i++;
    if (unterminated !== undefined) {
      out.diagnostics.push(diag(Codes.UnterminatedText, file, { start: unterminated, end: base + raw.length }));
      continue;
    }
    if (ws.length === 0) continue;
    const head = ws[0]!;
    const lineSpan = span(ws);
    const lineText = ws.map((w) => (w.kind === 'string' ? `"${w.text}"` : w.text)).join(' ');
    if (!current) {
      if (head.text === 'plan' && head.kind === 'word') {
        if (ws.length !== 2 || ws[1]!.kind !== 'string') problem(lineSpan, '`plan` takes the plan file in quotes', 'plan "plan.comp"');
        else out.plan = loc(ws[1]!.text, ws[1]!);
      } else if (head.text === 'data' && head.kind === 'word') {
        const paths = ws.slice(1);
        if (!paths.length || paths.some((w) => w.kind !== 'string')) problem(lineSpan, '`data` takes folders or files in quotes', 'data "data"');
        else out.data = paths.map((w) => loc(w.text, w));
      } else if (head.text === 'scenario' && head.kind === 'word') {
        if (ws.length !== 3 || ws[1]!.kind !== 'string' || ws[2]!.text !== '{') {
          problem(lineSpan, 'a scenario starts with `scenario "name" {`', 'scenario "exactly at quota" {');
          continue;
        }
        current = { name: loc(ws[1]!.text, ws[1]!), line: lineNo, inline: [], files: [], expects: [] };
        openAt = span(ws[2]!);
        if (out.scenarios.some((s) => s.name.value === ws[1]!.text)) out.diagnostics.push(diag(Codes.DuplicateScenario, file, span(ws[1]!), { name: ws[1]!.text }));
      } else problem(span(head), `\`${head.text}\` cannot start a line here: expected \`plan\`, \`data\` or \`scenario\``);
      continue;
    }
    // inside a scenario
    if (head.text === '}' && ws.length === 1) {
      out.scenarios.push(current);
      current = undefined;
      continue;
    }
    switch (head.kind === 'word' ? head.text : '') {
      case 'period':
        if (ws.length !== 2 || !PERIOD.test(ws[1]!.text)) problem(lineSpan, '`period` takes one period, e.g. `period 2026-03`');
        else current.from = current.to = loc(ws[1]!.text, ws[1]!);
        break;
      case 'from':
        if (ws.length !== 4 || ws[2]!.text !== 'to' || !PERIOD.test(ws[1]!.text) || !PERIOD.test(ws[3]!.text)) problem(lineSpan, 'expected `from PERIOD to PERIOD`, e.g. `from 2026-01 to 2026-06`');
        else {
          current.from = loc(ws[1]!.text, ws[1]!);
          current.to = loc(ws[3]!.text, ws[3]!);
        }
        break;
      case 'data': {
        const paths = ws.slice(1);
        if (!paths.length || paths.some((w) => w.kind !== 'string')) problem(lineSpan, '`data` takes folders or files in quotes', 'data "data"');
        else current.data = paths.map((w) => loc(w.text, w));
        break;
      }
      case 'table': {
        const name = ws[1];
        if (!name || name.kind !== 'word') {
          problem(lineSpan, '`table` takes a table name of the plan', 'table deals { ... } or table deals from "deals.csv"');
          break;
        }
        if (ws.length === 4 && ws[2]!.text === 'from' && ws[3]!.kind === 'string') {
          current.files.push({ name: loc(name.text, name), file: loc(ws[3]!.text, ws[3]!) });
          break;
        }
        if (ws.length !== 3 || ws[2]!.text !== '{') {
          problem(lineSpan, 'expected `table NAME {` (rows follow) or `table NAME from "file.csv"`');
          break;
        }
        // raw CSV lines up to a line holding only `}`
        const body: string[] = [];
        const first = i + 1; // 1-based line of the first row line
        let closed = false;
        while (i < lines.length) {
          const l = lines[i]!;
          i++;
          if (l.trim() === '}') {
            closed = true;
            break;
          }
          body.push(l.replace(/\r$/, ''));
        }
        if (!closed) out.diagnostics.push(diag(Codes.UnclosedBlock, file, span(ws[2]!)));
        const nonEmpty = body.filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
        const indent = nonEmpty.length ? Math.min(...nonEmpty.map((l) => l.length - l.trimStart().length)) : 0;
        // keep blank and comment lines out, but keep line numbers: comments become empty lines
        const csv = body.map((l) => (l.trim().startsWith('#') ? '' : l.slice(indent))).join('\n');
        if (!nonEmpty.length) problem(span(ws), `table \`${name.text}\` has no header line`, 'the first line names the columns: id,owner,amount');
        current.inline.push({ name: loc(name.text, name), csv, firstLine: first, indent });
        break;
      }
      case 'expect':
        parseExpect(ws, lineText, lineSpan, lineNo, current, problem);
        break;
      default:
        problem(span(head), `\`${head.text}\` cannot start a line in a scenario: expected \`period\`, \`from\`, \`data\`, \`table\`, \`expect\` or \`}\``);
    }
  }
  if (current) {
    out.diagnostics.push(diag(Codes.UnclosedBlock, file, openAt!));
    out.scenarios.push(current);
  }
  if (!out.plan) out.diagnostics.push(diag(Codes.ScenarioSyntax, file, { start: 0, end: Math.min(text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'), text.length) }, { problem: 'the file does not say which plan it tests' }, { hint: 'add a first line `plan "plan.comp"`' }));
  return out;
}

function parseExpect(ws: Word[], text: string, lineSpan: Span, line: number, sc: Scenario, problem: (s: Span, what: string, hint?: string) => void): void {
  if (ws[1]?.text === 'error') {
    const code = ws[2];
    if (ws.length !== 3 || !code || !/^COMP\d{4}$/.test(code.text)) return problem(lineSpan, '`expect error` takes a diagnostic code, e.g. `expect error COMP6006`');
    sc.expects.push({ kind: 'error', code: loc(code.text, code), text, span: lineSpan, line });
    return;
  }
  const hint = 'expect alice 2026-03 commission = USD 3,900.00';
  const eq = ws.findIndex((w) => w.kind === 'symbol' && w.text === '=');
  if (eq < 0) return problem(lineSpan, 'an expectation needs `=` and the expected value', hint);
  const rep = ws[1];
  const period = ws[2];
  if (!rep || !period || eq < 4) return problem(lineSpan, 'expected `expect REP PERIOD WHAT = VALUE`', hint);
  if (!PERIOD.test(period.text)) return problem(span(period), `\`${period.text}\` is not a period (2026-03, 2026-Q1, FY2027...)`, hint);
  const what = ws.slice(3, eq);
  const name = what.map((w) => w.text).join(' ');
  let target: ExpectTarget;
  if (SPECIAL[name]) target = { k: SPECIAL[name]! };
  else if (name === 'clawed back' || name === 'draw balance') target = { k: name };
  else if (what.every((w) => w.kind === 'word' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(w.text))) target = { k: 'name', name }; // `let team attainment` has spaces
  else return problem(span(what), `\`${name}\` is not something a statement has`, 'a component, a `let` of the plan, or paid, earned, clawed back, owed, held, draw balance');
  const valueWords = ws.slice(eq + 1);
  if (!valueWords.length) return problem(span(ws[eq]!), 'the expected value is missing after `=`', hint);
  const v = parseExpectedValue(valueWords);
  if (typeof v === 'string') return problem(span(valueWords), v, hint);
  sc.expects.push({ kind: 'value', rep: loc(rep.text, rep), period: loc(period.text, period), target: loc(target, what), expected: loc(v, valueWords), text, span: lineSpan, line });
}
