// comp explain <plan> --data <paths...> --rep R --period P
import { Command, Option } from 'commander';
import { formatExplain } from '../report.js';
import { EXIT_ERRORS, compilePlanFile, emit, evaluatePlan, loadData, readSource, setExit, unknownChoice } from '../shared.js';
import { addDataOptions, loadOptions, type DataFlags } from '../data-options.js';
import { ENGINES, engineRun, type EngineName } from '../engine.js';
import type { Dataset } from '../../../runtime/ir.js';
import type { PrecomputedCredits } from '../../../runtime/evaluate.js';

export interface ExplainOptions extends DataFlags {
  data: string[];
  rep: string;
  period: string;
  out?: string;
  engine?: EngineName;
}

export async function explain(planFile: string, o: ExplainOptions): Promise<void> {
  const plan = await compilePlanFile(planFile);
  if (!plan) return setExit(EXIT_ERRORS);
  let dataset: Dataset | undefined;
  let credits: PrecomputedCredits | undefined;
  if (o.engine === 'duckdb') {
    // a trace shows every credit line: the engine returns lines (no sums), as for `run --format json`;
    // only those of the reps evaluated below, and whatever else the output reads (compiler/engines/duckdb.ts)
    const { planLines } = await import('../../sql/lines.js');
    const { repsToEvaluate } = await import('../../../runtime/evaluate.js');
    const only = (roster: Dataset): Set<string> | undefined => repsToEvaluate(plan.ir, roster, o.rep);
    const got = await engineRun(planFile, plan.ir, planLines(plan.analysis.plan, readSource(planFile)), o.data, loadOptions(o), false, only);
    if (!got) return setExit(EXIT_ERRORS);
    ({ dataset, credits } = got);
  } else dataset = await loadData(plan.ir, o.data, loadOptions(o));
  if (!dataset) return setExit(EXIT_ERRORS);
  const reps = (dataset[plan.ir.roster] ?? []).map((r) => r.key);
  if (!reps.includes(o.rep)) throw unknownChoice('rep', o.rep, [...reps].sort());
  // Every period up to the one asked for is evaluated: balances carry from one to the next.
  // Only the rep asked for (and the reps below it in the team) is evaluated, unless the plan reads
  // other reps' results another way (runtime/engine/reps.ts); crediting always covers all rows.
  const { repsToEvaluate } = await import('../../../runtime/evaluate.js');
  const result = await evaluatePlan(plan.ir, dataset, { onlyReps: repsToEvaluate(plan.ir, dataset, o.rep), credits });
  if (!result) return setExit(EXIT_ERRORS);
  const periods = result.periods.map((p) => p.key);
  if (!periods.includes(o.period)) throw unknownChoice('period', o.period, periods);
  const statement = result.statements.find((s) => s.rep === o.rep && s.period === o.period);
  if (!statement) throw unknownChoice('rep', o.rep, [...new Set(result.statements.filter((s) => s.period === o.period).map((s) => s.rep))].sort());
  emit(formatExplain(result, statement), o.out);
}

export function register(program: Command): void {
  const cmd = program
    .command('explain')
    .summary("explain one rep's statement for one period")
    .description("Print one rep's statement for one period and the tree of every step that produced each number.")
    .argument('<plan>', 'the .comp plan')
    .requiredOption('--data <paths...>', 'data folders and/or files holding the tables the plan declares')
    .requiredOption('--rep <rep>', 'the rep (the roster key)')
    .requiredOption('--period <period>', 'the period (e.g. 2017-06)')
    .option('--out <file>', 'write the explanation to a file instead of stdout')
    .addOption(new Option('--engine <engine>', 'where crediting runs: in process, or as SQL in an embedded DuckDB').choices(ENGINES).default('default'))
    .addHelpText(
      'after',
      `
Examples:
  $ comp explain samples/crm/plan.comp --data samples/crm/data --rep "Darcel Schlecht" --period 2017-06
  $ comp explain plan.comp --data data/ --rep alice --period 2026-Q1
  $ comp explain plan.comp --data deals.parquet reps.parquet --rep alice --period 2026-Q1 --engine duckdb

Exit status: 0 explained, 1 errors in the plan or its data, 2 usage error (unknown rep or period).`,
    );
  addDataOptions(cmd).action(async (planFile: string, opts: ExplainOptions) => {
      await explain(planFile, opts);
    });
}
