// comp statement <plan> --data <paths...> --period P [--rep R] [--out FILE | --out-dir DIR]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { Decimal } from '../../../runtime/decimal.js';
import { EXIT_ERRORS, UsageError, compilePlanFile, emit, evaluatePlan, loadData, setExit, unknownChoice, writeErr } from '../shared.js';

export interface StatementOptions {
  data: string[];
  rep?: string;
  period: string;
  out?: string;
  outDir?: string;
  next: string;
}

export async function statement(planFile: string, o: StatementOptions): Promise<void> {
  if (!o.rep && !o.outDir) throw new UsageError('give --rep for one statement, or --out-dir to write one page per rep');
  if (!/^\d+(\.\d+)?$/.test(o.next.replace(/,/g, ''))) throw new UsageError(`--next takes an amount, e.g. 10000 (found \`${o.next}\`)`);
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
  const input = { analysis: plan.analysis, ir: plan.ir, data: dataset, result, period: o.period, next: new Decimal(o.next.replace(/,/g, '')) };
  if (o.rep !== undefined && !o.outDir) return emit(renderStatement({ ...input, rep: o.rep }), o.out);
  mkdirSync(o.outDir!, { recursive: true });
  for (const rep of o.rep !== undefined ? [o.rep] : reps) {
    const file = path.join(o.outDir!, `${rep.replace(/[^A-Za-z0-9._-]+/g, '_')}-${o.period}.html`);
    writeFileSync(file, renderStatement({ ...input, rep }));
  }
  writeErr(`wrote ${o.rep !== undefined ? 1 : reps.length} statement${o.rep !== undefined || reps.length === 1 ? '' : 's'} to ${o.outDir}\n`);
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
    .option('--out <file>', 'write the page to a file instead of stdout')
    .option('--out-dir <dir>', 'write one page per rep, named REP-PERIOD.html')
    .addHelpText(
      'after',
      `
Examples:
  $ comp statement samples/crm/plan.comp --data samples/crm/data --rep "Darcel Schlecht" --period 2017-06 --out s.html
  $ comp statement plan.comp --data data/ --period 2026-03 --out-dir statements/

Exit status: 0 written, 1 errors in the plan or its data, 2 usage error (unknown rep or period).`,
    )
    .action(async (planFile: string, opts: StatementOptions) => {
      await statement(planFile, opts);
    });
}
