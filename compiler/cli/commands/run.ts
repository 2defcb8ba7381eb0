// comp run <plan> --data <paths...> [--period P | --from P --to P] [--format table|csv|json] [--out FILE]
import { setFlagsFromString } from 'node:v8';
import { Command, Option } from 'commander';
import { CsvParts, formatCsv, formatTable } from '../report.js';
import { EXIT_ERRORS, UsageError, collectedProblems, compilePlanFile, emit, evaluatePlan, loadData, markJsonWritten, protectInput, readSource, setExit, setProgress } from '../shared.js';
import { addDataOptions, loadOptions, type DataFlags } from '../data-options.js';
import { compileVersionFiles } from '../versions.js';
import { periodFromKey } from '../../../runtime/calendar.js';
import { Progress } from '../progress.js';
import { ENGINES, engineRun, type EngineName } from '../engine.js';
import type { Dataset, PlanIR, RunResult } from '../../../runtime/ir.js';
import type { EvaluateOptions } from '../../../runtime/evaluate.js';

export type RunFormat = 'table' | 'csv' | 'json';

export interface RunOptions extends DataFlags {
  rawCsv?: boolean;
  data: string[];
  period?: string;
  from?: string;
  to?: string;
  format: RunFormat;
  out?: string;
  engine?: EngineName;
  /** Closed periods: paid as recorded, differences as adjustments (compiler/ledger). */
  ledger?: string;
  /** No progress line on stderr (./progress.ts). */
  quiet?: boolean;
}

/** --period P is --from P --to P; giving both forms is a usage error. */
export function periodRange(o: { period?: string; from?: string; to?: string }): { from?: string; to?: string } {
  if (o.period !== undefined) {
    if (o.from !== undefined || o.to !== undefined) throw new UsageError('give either --period or --from/--to, not both');
    return { from: o.period, to: o.period };
  }
  const r: { from?: string; to?: string } = {};
  if (o.from !== undefined) r.from = o.from;
  if (o.to !== undefined) r.to = o.to;
  return r;
}

/** `planFile`: one plan, or several plan files that are its versions (each `effective from ... to ...`). */
export async function run(planFile: string | string[], o: RunOptions): Promise<void> {
  const range = periodRange(o);
  const files = Array.isArray(planFile) ? planFile : [planFile];
  const plan = files.length > 1 ? await compileVersionFiles(files) : await compilePlanFile(files[0]!);
  if (!plan) return setExit(EXIT_ERRORS);
  for (const key of [range.from, range.to]) {
    if (key !== undefined && !periodFromKey(key, plan.ir.periods)) {
      if (plan.ir.periods.calendar) throw new UsageError(`\`${key}\` is not a period of the plan's calendar table`, `write a period's key as the calendar names it: ${plan.ir.periods.calendar.map((r) => r.key).slice(0, 3).join(', ')}, ...`);
      throw new UsageError(`\`${key}\` is not a period`, 'write a month `2026-01`, a quarter `2026-Q1`, a half `2026-H1`, a year `2026`, a fiscal period `FY2027-Q1`, or a week by its first day `2026-01-05`');
    }
  }
  // a progress line on a terminal once the run takes about 2 s (not with --quiet)
  const progress = Progress.forRun(o.quiet);
  setProgress(progress);
  try {
    await runLoaded(files, plan, range, o, progress);
  } finally {
    progress.done();
    setProgress(undefined);
  }
}

async function runLoaded(files: string[], plan: { ir: PlanIR }, range: { from?: string; to?: string }, o: RunOptions, progress: Progress): Promise<void> {
  let dataset: Dataset | undefined;
  let credits;
  let aggregates;
  if (o.engine === 'duckdb') {
    // the engine holds the data; the JavaScript heap grows by at most 30% over what a full
    // collection leaves alive (V8 grows it up to 4x while phase 2 allocates fast): at 10M rows
    // 0.77 -> 0.67-0.70 GB peak for ~3% more CPU. COMP_V8_DEFAULTS=1 keeps V8's.
    if (!process.env.COMP_V8_DEFAULTS) setFlagsFromString('--heap-growing-percent=30');
    const { planLines } = await import('../../sql/lines.js');
    const lines = files.length === 1 ? planLines((plan as Awaited<ReturnType<typeof compilePlanFile>>)!.analysis.plan, readSource(files[0]!)) : {};
    // sums instead of lines when nothing printed shows a line (table, CSV; not the ledger's runs)
    const got = await engineRun(files[0]!, plan.ir, lines, o.data, { ...loadOptions(o), progress: progress.step }, o.format !== 'json' && !o.ledger);
    if (!got) return setExit(EXIT_ERRORS);
    ({ dataset, credits, aggregates } = got);
  } else {
    dataset = await loadData(plan.ir, o.data, { ...loadOptions(o), progress: progress.step });
    if (!dataset) return setExit(EXIT_ERRORS);
  }
  // only the JSON output prints traces: the table and CSV skip building most of their text. CSV is
  // made a period at a time as the run settles it (no statements kept), and written once the run
  // has ended without an error (as the whole text was: nothing is written by a failed run)
  const csv = o.format === 'csv' && !o.ledger ? new CsvParts({ raw: o.rawCsv === true, ir: plan.ir }) : undefined;
  const result = o.ledger ? await runLedger(files, plan.ir, dataset, o, range, credits) : await evaluatePlan(plan.ir, dataset, { ...range, traces: o.format === 'json', deals: o.format === 'json', values: o.format === 'json' ? 'all' : 'shown', credits, aggregates, progress: progress.step, sink: csv });
  progress.done();
  if (process.env.COMP_ENGINE_TRACE) {
    const u = process.cpuUsage();
    const m = process.memoryUsage();
    process.stderr.write(`run: evaluated (${Math.round((u.user + u.system) / 1000)} ms CPU so far; JavaScript heap ${Math.round(m.heapUsed / 2 ** 20)} MB, process ${Math.round(m.rss / 2 ** 20)} MB)\n`);
  }
  if (!result) return setExit(EXIT_ERRORS);
  if ((range.from !== undefined || range.to !== undefined) && result.periods.length === 0) {
    const p = plan.ir.periods;
    const asked = range.from === range.to ? `\`${range.from}\`` : `\`${range.from ?? ''}\` to \`${range.to ?? ''}\``;
    throw new UsageError(`${asked} is outside the plan's periods`, p.from && p.to ? `the plan runs from ${p.from} to ${p.to}` : 'the plan runs from the period of its earliest credit to that of its latest');
  }
  if (o.format === 'json') {
    // the machine contract: schemas/run.v1.json
    emit(JSON.stringify({ kind: 'comp.run', schemaVersion: 1, ...result, warnings: collectedProblems() }, null, 2) + '\n', o.out);
    markJsonWritten();
    return;
  }
  if (csv) return emit(csv.parts, o.out);
  const text = o.format === 'csv' ? formatCsv(result, { raw: o.rawCsv === true, ir: plan.ir }) : formatTable(result, plan.ir);
  emit(text, o.out);
}

async function runLedger(files: string[], ir: PlanIR, dataset: Dataset, o: RunOptions, range: { from?: string; to?: string }, credits: EvaluateOptions['credits']): Promise<RunResult | undefined> {
  const { Ledger } = await import('../../ledger/store.js');
  const { evaluateWithLedger, runInputs } = await import('../ledger-run.js');
  protectInput(o.ledger!);
  const ledger = await Ledger.open(o.ledger!, { create: false });
  try {
    const closes = await ledger.closes();
    const rec = await evaluateWithLedger(ir, dataset, closes, await runInputs(files, ir, o.data), range, o.format === 'json', credits);
    return rec?.result;
  } finally {
    ledger.dispose();
  }
}

export function register(program: Command): void {
  const cmd = program
    .command('run')
    .summary('compute payouts from a plan and its data')
    .description(
      'Check the plan, load and check its input tables, and compute payouts per rep, period and component.\n' +
        'table: one row per rep and period, then a summary; csv: one row per payout line; json: the full result with traces.',
    )
    .argument('<plans...>', 'the .comp plan (or several plan files, each `effective from ... to ...`: versions of one plan)')
    .requiredOption('--data <paths...>', 'data folders and/or files holding the tables the plan declares')
    .option('--period <period>', 'only this period (e.g. 2017-06)')
    .option('--from <period>', 'first period to report')
    .option('--to <period>', 'last period to report')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .option('--out <file>', 'write the output to a file instead of stdout')
    .option('--raw-csv', 'write CSV text cells as they are, even those starting with = + - @ that a spreadsheet runs as a formula')
    .addOption(new Option('--engine <engine>', 'where crediting runs: in process, or as SQL in an embedded DuckDB').choices(ENGINES).default('default'))
    .option('-q, --quiet', 'no progress line on stderr (shown only on a terminal, once a run takes about 2 s)')
    .option('--ledger <file>', 'closed periods: pay them as recorded by `comp close`; differences become adjustment lines in the first open period')
    .addHelpText(
      'after',
      `
Examples:
  $ comp run samples/crm/plan.comp --data samples/crm/data
  $ comp run plan.comp --data data/ --period 2017-06
  $ comp run plan.comp --data data/ --from 2017-04 --to 2017-06 --format csv
  $ comp run plan.comp --data deals.csv reps.json --format json --out payouts.json
  $ comp run plan.comp --data data/ --ledger payroll.ledger

Exit status: 0 payouts computed, 1 errors in the plan or its data, 2 usage error.`,
    );
  addDataOptions(cmd).action(async (planFiles: string[], opts: RunOptions) => {
      await run(planFiles, opts);
    });
}
