// comp doc <plan> [--data <paths...>] [--rep R] [--out FILE]
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { EXIT_ERRORS, compilePlanFile, emit, evaluatePlan, loadData, setExit, unknownChoice } from '../shared.js';

export interface DocOptions {
  data?: string[];
  rep?: string;
  out?: string;
}

/** `--data`, else a `data/` folder beside the plan. */
export function defaultData(planFile: string, data?: string[]): string[] | undefined {
  if (data?.length) return data;
  const d = path.join(path.dirname(planFile), 'data');
  return existsSync(d) && statSync(d).isDirectory() ? [d] : undefined;
}

export async function doc(planFile: string, o: DocOptions): Promise<void> {
  const plan = await compilePlanFile(planFile);
  if (!plan) return setExit(EXIT_ERRORS);
  const inputs = defaultData(planFile, o.data);
  let dataset;
  let result;
  if (inputs) {
    dataset = await loadData(plan.ir, inputs);
    if (!dataset) return setExit(EXIT_ERRORS);
    result = await evaluatePlan(plan.ir, dataset);
    if (!result) return setExit(EXIT_ERRORS);
    if (o.rep !== undefined && !result.statements.some((s) => s.rep === o.rep)) throw unknownChoice('rep', o.rep, [...new Set(result.statements.map((s) => s.rep))].sort());
  }
  const { renderDoc } = await import('../../workbench/doc.js');
  const input: import('../../workbench/doc.js').DocInput = { analysis: plan.analysis, ir: plan.ir };
  if (dataset && result) {
    input.data = dataset;
    input.result = result;
  }
  if (o.rep !== undefined) input.rep = o.rep;
  emit(renderDoc(input), o.out);
}

export function register(program: Command): void {
  program
    .command('doc')
    .summary('render a plan as the document a rep signs (HTML)')
    .description(
      'Render the plan as a self-contained HTML document: its terms, every component in plain words, tier\n' +
        'tables, payout curves, gates, caps, clawbacks, draws, versions, and examples at 50%, 100% and 150% of\n' +
        'quota computed by the evaluator (with --data, or a data/ folder beside the plan).',
    )
    .argument('<plan>', 'the .comp plan')
    .option('--data <paths...>', 'data folders and/or files (default: data/ beside the plan, if any)')
    .option('--rep <rep>', 'the rep of the worked examples (default: the rep paid by the most components)')
    .option('--out <file>', 'write the document to a file instead of stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ comp doc samples/crm/plan.comp --out plan.html
  $ comp doc plan.comp --data data/ --rep alice --out plan.html

Exit status: 0 written, 1 errors in the plan or its data, 2 usage error.`,
    )
    .action(async (planFile: string, opts: DocOptions) => {
      await doc(planFile, opts);
    });
}
