// comp statement <plan> --data <paths...> --period P [--rep R] [--format html|json|pdf] [--out FILE | --out-dir DIR]
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { Decimal } from '../../../runtime/decimal.js';
import { EXIT_ERRORS, UsageError, collectProblem, compilePlanFile, emit, evaluatePlan, loadData, setExit, unknownChoice, writeErr, writeFileAtomic } from '../shared.js';

export interface StatementOptions {
  data: string[];
  rep?: string;
  period: string;
  out?: string;
  outDir?: string;
  next: string;
  format: 'html' | 'json' | 'pdf';
}

export async function statement(planFile: string, o: StatementOptions): Promise<void> {
  if (!o.rep && !o.outDir) throw new UsageError('give --rep for one statement, or --out-dir to write one page per rep');
  if (!/^\d+(\.\d+)?$/.test(o.next.replace(/,/g, ''))) throw new UsageError(`--next takes an amount, e.g. 10000 (found \`${o.next}\`)`);
  if (o.format === 'pdf' && !o.out && !o.outDir) throw new UsageError('--format pdf writes a file: give --out FILE (or --out-dir DIR)');
  const plan = await compilePlanFile(planFile);
  if (!plan) return setExit(EXIT_ERRORS);
  const dataset = await loadData(plan.ir, o.data);
  if (!dataset) return setExit(EXIT_ERRORS);
  const result = await evaluatePlan(plan.ir, dataset);
  if (!result) return setExit(EXIT_ERRORS);
  const periods = result.periods.map((p) => p.key);
  if (!periods.includes(o.period)) throw unknownChoice('period', o.period, periods);
  const reps = [...new Set(result.statements.filter((s) => s.period === o.period).map((s) => s.rep))].sort();
  if (o.rep !== undefined && !reps.includes(o.rep)) throw unknownChoice('rep', o.rep, reps);
  const { renderStatement } = await import('../../workbench/statement.js');
  const { statementData } = await import('../../workbench/statement-data.js');
  const input = { analysis: plan.analysis, ir: plan.ir, data: dataset, result, period: o.period, next: new Decimal(o.next.replace(/,/g, '')) };
  const list = o.rep !== undefined ? [o.rep] : reps;
  const html = (rep: string) => renderStatement({ ...input, rep });
  if (o.format === 'json' && !o.outDir) return emit(JSON.stringify(statementData({ ...input, rep: o.rep! }), null, 2) + '\n', o.out);
  if (o.format === 'html' && !o.outDir) return emit(html(o.rep!), o.out);
  const target = (rep: string) => (o.outDir ? path.join(o.outDir, `${rep.replace(/[^A-Za-z0-9._-]+/g, '_')}-${o.period}.${o.format}`) : o.out!);
  if (o.outDir) mkdirSync(o.outDir, { recursive: true });
  if (o.format === 'pdf') {
    const { openPrinter, PdfUnavailable } = await import('../../workbench/pdf.js');
    let printer;
    try {
      printer = await openPrinter();
    } catch (e) {
      if (e instanceof PdfUnavailable) {
        writeErr(`error[COMP8456]: ${e.message}\n`);
        collectProblem({ code: 'COMP8456', severity: 'error', message: e.message, file: null, line: null, column: null, hint: 'or write --format html and print it from a browser' });
        return setExit(EXIT_ERRORS);
      }
      throw e;
    }
    try {
      for (const rep of list) writeFileAtomic(target(rep), await printer.print(html(rep)));
    } finally {
      await printer.close();
    }
  } else for (const rep of list) writeFileAtomic(target(rep), o.format === 'json' ? JSON.stringify(statementData({ ...input, rep }), null, 2) + '\n' : html(rep));
  const n = list.length;
  writeErr(`wrote ${n} statement${n === 1 ? '' : 's'} to ${o.outDir ?? o.out}\n`);
}

export function register(program: Command): void {
  program
    .command('statement')
    .summary("a rep's statement for a period as a self-contained HTML page")
    .description(
      "Write one rep's statement for one period as HTML (no script; charts as inline SVG): what was earned and paid,\n" +
        'each component in plain words with its deals and how it was computed, the year to date, attainment against\n' +
        'quota, and what the next deal of --next would pay (computed by the evaluator).',
    )
    .argument('<plan>', 'the .comp plan')
    .requiredOption('--data <paths...>', 'data folders and/or files holding the tables the plan declares')
    .requiredOption('--period <period>', 'the period (e.g. 2017-06)')
    .option('--rep <rep>', 'the rep (the roster key); without it, one page per rep into --out-dir')
    .option('--next <amount>', 'the extra credit of "what the next deal would pay"', '10000')
    .addOption(new Option('--format <format>', 'html: the page; json: its figures (schemas/statement.v1.json); pdf: the page printed by headless Chromium').choices(['html', 'json', 'pdf']).default('html'))
    .option('--out <file>', 'write the page to a file instead of stdout (required for pdf)')
    .option('--out-dir <dir>', 'write one page per rep, named REP-PERIOD.html (.json, .pdf)')
    .addHelpText(
      'after',
      `
Examples:
  $ comp statement samples/crm/plan.comp --data samples/crm/data --rep "Darcel Schlecht" --period 2017-06 --out s.html
  $ comp statement plan.comp --data data/ --period 2026-03 --out-dir statements/
  $ comp statement plan.comp --data data/ --period 2026-03 --rep ada --format pdf --out ada.pdf

Exit status: 0 written, 1 errors in the plan or its data (or no Chromium for pdf: COMP8456), 2 usage error (unknown rep or period).`,
    )
    .action(async (planFile: string, opts: StatementOptions) => {
      await statement(planFile, opts);
    });
}
