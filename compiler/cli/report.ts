// Printing a RunResult: an aligned table, CSV (one row per payout line), JSON, and the
// explanation of one statement. Pure functions of the result: the same result prints the same
// bytes.
import type { PlanIR, RunResult, Statement, TraceNode } from '../../runtime/ir.js';
import type { StatementSink } from '../../runtime/evaluate.js';
import { Decimal } from '../../runtime/decimal.js';
import { formatPercent, groupThousands } from '../../runtime/format.js';
import { csvRows, displayWidth, escapeControls, padDisplay } from './cells.js';

const DRAW_KINDS = new Set(['draw', 'recovery', 'guarantee']);

function sum(values: string[]): string | undefined {
  if (values.length === 0) return undefined;
  return values.reduce((a, v) => a.plus(new Decimal(v)), new Decimal(0)).toFixed();
}

/** Same decimals as the result's own amounts (e.g. '1234.50'), grouped: '1,234.50'. */
function amount(v: string | undefined, dp: number): string {
  if (v === undefined) return '';
  const d = new Decimal(v);
  const s = d.toFixed(Math.max(dp, d.decimalPlaces()));
  return groupThousands(/^-0(\.0*)?$/.test(s) ? s.slice(1) : s);
}

function decimalsOf(result: RunResult): number {
  const sample = result.statements[0]?.paid ?? result.summary.totalPaid;
  const dot = sample.indexOf('.');
  return dot < 0 ? 0 : sample.length - dot - 1;
}

interface Column {
  title: string;
  right: boolean;
  cell: (s: Statement) => string;
}

/** The components shown as columns: the plan's, in plan order, then any others found in lines. */
function componentColumns(result: RunResult, ir: PlanIR | undefined): { name: string; label: string }[] {
  const cols: { name: string; label: string }[] = ir ? ir.components.map((c) => ({ name: c.name, label: c.label || c.name })) : [];
  const seen = new Set(cols.map((c) => c.name));
  for (const s of result.statements)
    for (const l of s.lines)
      if (l.kind === 'component' && !seen.has(l.name)) {
        seen.add(l.name);
        cols.push({ name: l.name, label: l.label || l.name });
      }
  return cols;
}

function pad(text: string, width: number, right: boolean): string {
  return padDisplay(text, width, right);
}

function renderColumns(columns: Column[], rawRows: string[][]): string {
  // text from the data may hold terminal escapes: shown, never obeyed; widths as displayed (CJK: 2)
  const rows = rawRows.map((r) => r.map(escapeControls));
  const widths = columns.map((c, i) => Math.max(displayWidth(c.title), ...rows.map((r) => displayWidth(r[i]!))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]!, columns[i]!.right))
      .join('  ')
      .trimEnd() + '\n';
  let out = line(columns.map((c) => c.title));
  out += line(widths.map((w) => '-'.repeat(w)));
  for (const r of rows) out += line(r);
  return out;
}

/** The lets a plan shows as columns (`show units, margin`), with their types. */
export function shownValues(ir: PlanIR | undefined): { name: string; type: string }[] {
  if (!ir?.show) return [];
  const types = new Map(ir.lets.map((l) => [l.name, l.type as string]));
  return ir.show.map((name) => ({ name, type: types.get(name) ?? '' }));
}

/** A shown value as the table prints it: money with the result's decimals, percents as percents. */
function shownCell(v: string | undefined, type: string, dp: number): string {
  if (v === undefined) return '';
  if (!/^-?\d+(\.\d+)?$/.test(v)) return v;
  if (type === 'money') return amount(v, dp);
  if (type === 'percent') return formatPercent(new Decimal(v));
  return v;
}

/** Payouts per rep, period and component, then the summary. */
export function formatTable(result: RunResult, ir?: PlanIR): string {
  const dp = decimalsOf(result);
  const comps = componentColumns(result, ir);
  const columns: Column[] = [
    { title: 'Rep', right: false, cell: (s) => s.rep },
    { title: 'Period', right: false, cell: (s) => s.period },
    ...shownValues(ir).map((v) => ({ title: v.name, right: true, cell: (s: Statement) => shownCell(s.values?.[v.name], v.type, dp) })),
    ...comps.map((c) => ({
      title: c.label,
      right: true,
      cell: (s: Statement) => amount(sum(s.lines.filter((l) => l.kind === 'component' && l.name === c.name).map((l) => l.amount)), dp),
    })),
    { title: 'Clawbacks', right: true, cell: (s) => (new Decimal(s.clawedBack).isZero() ? '' : amount(s.clawedBack, dp)) },
    { title: 'Draw', right: true, cell: (s) => amount(sum(s.lines.filter((l) => DRAW_KINDS.has(l.kind)).map((l) => l.amount)), dp) },
    { title: 'Paid', right: true, cell: (s) => amount(s.paid, dp) },
    { title: 'Owed', right: true, cell: (s) => (new Decimal(s.owed).isZero() ? '' : amount(s.owed, dp)) },
  ];
  // `comp run --ledger`: corrections to closed periods, paid in the first open one
  if (result.statements.some((s) => s.lines.some((l) => l.kind === 'adjustment')))
    columns.splice(columns.length - 2, 0, { title: 'Adjustments', right: true, cell: (s) => amount(sum(s.lines.filter((l) => l.kind === 'adjustment').map((l) => l.amount)), dp) });
  // `payout currency`: what is paid in the rep's own currency (docs/language.md section 19)
  if (result.statements.some((s) => s.payout)) columns.push({ title: 'Paid in', right: true, cell: (s) => (s.payout ? `${s.payout.currency} ${amount(s.payout.paid, dp)}` : '') });
  const rows = result.statements.map((s) => columns.map((c) => c.cell(s)));
  return `${result.plan} (${result.currency})\n\n` + renderColumns(columns, rows) + '\n' + formatSummary(result);
}

export function formatSummary(result: RunResult): string {
  const dp = decimalsOf(result);
  const cur = result.currency;
  const sm = result.summary;
  const periods = result.periods;
  const span = periods.length ? ` (${periods[0]!.key} to ${periods[periods.length - 1]!.key})` : '';
  const balances = (list: { rep: string; amount: string }[]) =>
    list.length === 0 ? 'none' : list.map((b) => `${b.rep} ${cur} ${amount(b.amount, dp)}`).join(', ');
  const rows: [string, string][] = [
    ['Reps', String(sm.reps)],
    ['Periods', `${sm.periods}${span}`],
    ['Total paid', `${cur} ${amount(sm.totalPaid, dp)}`],
    ['Total clawed back', `${cur} ${amount(sm.totalClawedBack, dp)}`],
    ['Balances owed', balances(sm.balancesOwed)],
  ];
  if (sm.drawBalances.length) rows.push(['Draw balances', balances(sm.drawBalances)]);
  const w = Math.max(...rows.map((r) => r[0].length)) + 1;
  return 'Summary\n' + rows.map(([k, v]) => `  ${(k + ':').padEnd(w)}  ${escapeControls(v)}\n`).join('');
}

const CSV_HEADER = ['rep', 'period', 'kind', 'name', 'label', 'amount', 'exact'];
const CSV_TEXT = new Set([0, 1, 2, 3, 4]);

/**
 * One row per payout line: rep, period, kind, name, label, amount (rounded), exact. Text cells
 * that a spreadsheet would run as a formula are neutralised unless `raw` (./cells.ts).
 */
export function formatCsv(result: RunResult, opts: { raw?: boolean; ir?: PlanIR } = {}): string {
  return csvRows(CSV_HEADER, [], CSV_TEXT) + csvStatements(result.statements, opts);
}

/** formatCsv's rows of some statements, no header: statements in parts give the text in parts. */
export function csvStatements(statements: readonly Statement[], opts: { raw?: boolean; ir?: PlanIR } = {}): string {
  const rows: string[][] = [];
  const shown = shownValues(opts.ir);
  for (const s of statements) {
    // `show units, margin`: one `value` row per shown let, before the payout lines
    for (const v of shown) {
      const text = s.values?.[v.name];
      if (text !== undefined) rows.push([s.rep, s.period, 'value', v.name, v.name, text, text]);
    }
    for (const l of s.lines) rows.push([s.rep, s.period, l.kind, l.name, l.label, l.amount, l.exact]);
  }
  return csvRows(undefined, rows, CSV_TEXT, opts.raw);
}

/**
 * formatCsv made as a run goes (runtime `EvaluateOptions.sink`): the rows of each batch of
 * statements as text once they are settled; the statements are not kept. `parts` joined is
 * formatCsv's text.
 */
export class CsvParts implements StatementSink {
  readonly parts: string[] = [csvRows(CSV_HEADER, [], CSV_TEXT)];
  constructor(private readonly opts: { raw?: boolean; ir?: PlanIR } = {}) {}
  add(statements: Statement[]): void {
    this.parts.push(csvStatements(statements, this.opts));
  }
  restart(): void {
    this.parts.length = 1;
  }
}

export function formatJson(result: RunResult): string {
  return JSON.stringify(result, null, 2) + '\n';
}

function traceLines(nodes: TraceNode[], depth: number, out: string[]): void {
  for (const n of nodes) {
    out.push(`${'  '.repeat(depth)}${escapeControls(n.text)}`);
    if (n.children?.length) traceLines(n.children, depth + 1, out);
  }
}

/**
 * One statement: its payout lines, then the trace tree, indented. Text from the data (rep names,
 * deal keys and values quoted in the trace) has its control characters shown as `\xHH`: a
 * terminal prints it, never obeys it; labels align by display width.
 */
export function formatExplain(result: RunResult, s: Statement): string {
  const dp = decimalsOf(result);
  const cur = result.currency;
  const rows: [string, string][] = s.lines.map((l) => [escapeControls(l.label || l.name), amount(l.amount, dp)]);
  rows.push(['Earned', amount(s.earned, dp)], ['Clawed back', amount(s.clawedBack, dp)], ['Paid', amount(s.paid, dp)]);
  if (!new Decimal(s.owed).isZero()) rows.push(['Owed after this period', amount(s.owed, dp)]);
  if (!new Decimal(s.drawBalance).isZero()) rows.push(['Draw balance', amount(s.drawBalance, dp)]);
  const lw = Math.max(...rows.map((r) => displayWidth(r[0])));
  const aw = Math.max(...rows.map((r) => r[1].length));
  const out: string[] = [escapeControls(`${result.plan}: statement for ${s.rep}, ${s.period} (${cur})`), ''];
  for (const [k, v] of rows) out.push(`  ${padDisplay(k, lw, false)}  ${v.padStart(aw)}`);
  out.push('', 'Explanation');
  traceLines(s.trace, 1, out);
  return out.join('\n') + '\n';
}
