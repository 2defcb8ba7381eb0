// comp diff <old plan> <new plan> --data <paths...> [--format table|csv|json|html] [--out FILE]
// comp diff <plan> --rev <revision> --data <paths...>   (the plan at a git revision -> as it is now)
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Command, Option } from 'commander';
import type { PlanIR } from '../../../runtime/ir.js';
import { renderDiagnostic } from '../../diagnostics/render.js';
import { EXIT_ERRORS, UsageError, compilePlanFile, emit, evaluatePlan, loadData, plural, readSource, setExit, useColor, writeErr } from '../shared.js';

export interface DiffOptions {
  data: string[];
  rev?: string;
  format: 'table' | 'csv' | 'json' | 'html';
  out?: string;
  rows: 'rep-period' | 'rep-component';
  rawCsv?: boolean;
}

/** The text of `file` at a git revision (`git show REV:./file`, run in the file's folder). */
export function gitShow(file: string, rev: string): string {
  readSource(file);
  try {
    return execFileSync('git', ['show', `${rev}:./${path.basename(file)}`], { cwd: path.dirname(path.resolve(file)), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const msg = String((e as { stderr?: string }).stderr ?? (e as Error).message).trim().split('\n')[0];
    throw new UsageError(`cannot read ${file} at revision \`${rev}\`: ${msg}`, 'the file must be in a git repository and exist at that revision');
  }
}

async function compileText(label: string, text: string): Promise<PlanIR | undefined> {
  const { analyze } = await import('../../analysis.js');
  const a = analyze(label, text);
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !a.ir) {
    writeErr(errors.map((d) => renderDiagnostic(d, text, { color: useColor(process.stderr) })).join('\n\n') + `\n\n${label}: ${plural(errors.length, 'error')}; nothing was run\n`);
    return undefined;
  }
  return a.ir;
}

export async function diff(plans: string[], o: DiffOptions): Promise<void> {
  let oldIr: PlanIR | undefined;
  let newIr: PlanIR | undefined;
  let oldLabel: string;
  let newLabel: string;
  if (o.rev !== undefined) {
    if (plans.length !== 1) throw new UsageError('with --rev, give one plan: it is compared with itself at that revision');
    const file = plans[0]!;
    oldLabel = `${file} at ${o.rev}`;
    newLabel = file;
    oldIr = await compileText(oldLabel, gitShow(file, o.rev));
    newIr = (await compilePlanFile(file))?.ir;
  } else {
    if (plans.length !== 2) throw new UsageError('give the old plan and the new plan (or one plan and --rev REVISION)');
    [oldLabel, newLabel] = plans as [string, string];
    oldIr = (await compilePlanFile(oldLabel))?.ir;
    newIr = (await compilePlanFile(newLabel))?.ir;
  }
  if (!oldIr || !newIr) return setExit(EXIT_ERRORS);
  if (oldIr.currency !== newIr.currency) throw new UsageError(`the plans pay in different currencies (${oldIr.currency} and ${newIr.currency})`);
  const oldData = await loadData(oldIr, o.data);
  const newData = oldData && (await loadData(newIr, o.data));
  if (!oldData || !newData) return setExit(EXIT_ERRORS);
  const oldR = await evaluatePlan(oldIr, oldData, { traces: false });
  const newR = oldR && (await evaluatePlan(newIr, newData, { traces: false }));
  if (!oldR || !newR) return setExit(EXIT_ERRORS);
  const w = await import('../../workbench/diff.js');
  const d = w.diffRuns(oldR, newR, oldLabel, newLabel);
  emit(o.format === 'json' ? w.diffJson(d) : o.format === 'csv' ? w.diffCsv(d, { rows: o.rows, raw: o.rawCsv === true }) : o.format === 'html' ? w.diffHtml(d) : w.diffTable(d), o.out);
}

export function register(program: Command): void {
  program
    .command('diff')
    .summary('run two plans on the same data and report who gains and who loses')
    .description(
      'Run the old and the new plan on the same data and compare what they pay: totals, per component, the\n' +
        'distribution of the change per rep (gains or losses above 10%...), the biggest movers, and every rep and\n' +
        'period, and every rep and component, that changes. With --rev, the old plan is the same file at a git revision (for pull requests).',
    )
    .argument('<plans...>', 'the old and the new plan, or one plan with --rev')
    .requiredOption('--data <paths...>', 'data folders and/or files holding the tables the plans declare')
    .option('--rev <revision>', 'compare the plan with itself at this git revision (e.g. main, HEAD~1)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json', 'html']).default('table'))
    .addOption(new Option('--rows <rows>', 'CSV rows: per rep and period, or per rep and component').choices(['rep-period', 'rep-component']).default('rep-period'))
    .option('--raw-csv', 'write CSV text cells as they are, even those starting with = + - @ that a spreadsheet runs as a formula')
    .option('--out <file>', 'write the report to a file instead of stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ comp diff plan-2026.comp plan-2027.comp --data data/
  $ comp diff plan.comp --rev main --data data/ --format html --out change.html
  $ comp diff old.comp new.comp --data data/ --format csv --out change.csv
  $ comp diff old.comp new.comp --data data/ --format csv --rows rep-component

Exit status: 0 compared, 1 errors in a plan or the data, 2 usage error.`,
    )
    .action(async (plans: string[], opts: DiffOptions) => {
      await diff(plans, opts);
    });
}
