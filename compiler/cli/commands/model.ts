// comp model <plan> --data <paths...> [--quota 50,80,100] [--shift P] [--scale F] [--normal M,SD --seed N]
//            [--format table|csv|json|html] [--out FILE]
import { Command, Option } from 'commander';
import { Decimal } from '../../../runtime/decimal.js';
import type { ScenarioSpec } from '../../workbench/model.js';
import { EXIT_ERRORS, UsageError, compilePlanFile, emit, evaluatePlan, loadData, setExit } from '../shared.js';

export interface ModelOptions {
  data: string[];
  quota?: string;
  shift?: string[];
  scale?: string[];
  normal?: string;
  seed: string;
  format: 'table' | 'csv' | 'json' | 'html';
  out?: string;
}

const NUM = /^-?\d+(\.\d+)?$/;

function percent(text: string, what: string): Decimal {
  const t = text.trim().replace(/%$/, '');
  if (!NUM.test(t)) throw new UsageError(`${what}: \`${text}\` is not a percent (e.g. 95 or 95%)`);
  return new Decimal(t).div(100);
}

export function scenarios(o: ModelOptions): ScenarioSpec[] {
  const out: ScenarioSpec[] = [];
  const given = o.quota !== undefined || o.shift?.length || o.scale?.length || o.normal !== undefined;
  for (const q of (o.quota ?? (given ? '' : '50,80,100,120,150')).split(',').filter((x) => x.trim())) out.push({ k: 'quota', level: percent(q, '--quota') });
  for (const s of o.shift ?? []) out.push({ k: 'shift', points: percent(s, '--shift') });
  for (const s of o.scale ?? []) {
    if (!NUM.test(s.trim())) throw new UsageError(`--scale: \`${s}\` is not a factor (e.g. 1.1)`);
    out.push({ k: 'scale', factor: new Decimal(s.trim()) });
  }
  if (o.normal !== undefined) {
    const [m, sd, ...rest] = o.normal.split(',');
    if (m === undefined || sd === undefined || rest.length) throw new UsageError('--normal takes the mean and the standard deviation of attainment, e.g. --normal 95,20');
    if (!/^\d+$/.test(o.seed)) throw new UsageError(`--seed takes a whole number (found \`${o.seed}\`)`);
    out.push({ k: 'normal', mean: percent(m, '--normal'), sd: percent(sd, '--normal'), seed: Number(o.seed) });
  }
  return out;
}

export async function modelCommand(planFile: string, o: ModelOptions): Promise<void> {
  const specs = scenarios(o);
  const plan = await compilePlanFile(planFile);
  if (!plan) return setExit(EXIT_ERRORS);
  const dataset = await loadData(plan.ir, o.data);
  if (!dataset) return setExit(EXIT_ERRORS);
  const actual = await evaluatePlan(plan.ir, dataset);
  if (!actual) return setExit(EXIT_ERRORS);
  const w = await import('../../workbench/model.js');
  const r = w.model(plan.ir, dataset, actual, specs);
  emit(o.format === 'json' ? w.modelJson(r) : o.format === 'csv' ? w.modelCsv(r) : o.format === 'html' ? w.modelHtml(r) : w.modelTable(r), o.out);
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function register(program: Command): void {
  program
    .command('model')
    .summary('what a plan costs and pays under attainment scenarios')
    .description(
      'Run the plan on synthetic deals built from its tables (one per rep and period, a copy of a real deal) for\n' +
        'each scenario, with the real evaluator: total cost, cost of sales (payout / credited revenue), pay at target\n' +
        'against actual, the share of reps in each band, the payout curve of a typical rep and the effective rate.\n' +
        'Without scenario options: every rep at 50%, 80%, 100%, 120% and 150% of quota.',
    )
    .argument('<plan>', 'the .comp plan')
    .requiredOption('--data <paths...>', "data folders and/or files (the roster, quotas and last year's deals)")
    .option('--quota <levels>', 'every rep at these percents of quota, e.g. 50,80,100,120,150')
    .option('--shift <points>', "last year's attainment of each rep and period plus these points (repeatable), e.g. 10 or -5", collect)
    .option('--scale <factor>', "last year's attainment times this factor (repeatable), e.g. 1.1", collect)
    .option('--normal <mean,sd>', 'attainment drawn from a normal distribution, e.g. 95,20 (percents)')
    .option('--seed <n>', 'the seed of --normal (the same seed draws the same attainments)', '1')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json', 'html']).default('table'))
    .option('--out <file>', 'write the report to a file instead of stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ comp model samples/crm/plan.comp --data samples/crm/data
  $ comp model plan.comp --data data/ --shift 10 --scale 1.2 --format html --out cost.html
  $ comp model plan.comp --data data/ --normal 95,20 --seed 7 --format csv

Exit status: 0 modelled, 1 errors in the plan or its data, 2 usage error.`,
    )
    .action(async (planFile: string, opts: ModelOptions) => {
      await modelCommand(planFile, opts);
    });
}
