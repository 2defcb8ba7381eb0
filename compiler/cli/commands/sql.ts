// comp sql <plan> --dialect duckdb|spark|postgres [--out FILE] [--driver FILE]
import { Command, Option } from 'commander';
import { Codes } from '../../diagnostics/codes.js';
import { EXIT_ERRORS, compilePlanFile, emit, printDataErrors, readSource, setExit, writeErr } from '../shared.js';

export interface SqlOptions {
  dialect: 'duckdb' | 'spark' | 'postgres';
  out?: string;
  driver?: string;
}

export async function sql(planFile: string, o: SqlOptions): Promise<void> {
  const plan = await compilePlanFile(planFile);
  if (!plan) return setExit(EXIT_ERRORS);
  const { compilePlanSql, SqlCompileError } = await import('../../sql/compile.js');
  const { DIALECTS } = await import('../../sql/dialect.js');
  const { planLines } = await import('../../sql/lines.js');
  const d = DIALECTS[o.dialect];
  let text: string;
  try {
    text = compilePlanSql(plan.ir, d, planLines(plan.analysis.plan, readSource(planFile))).text;
  } catch (e) {
    if (!(e instanceof SqlCompileError)) throw e;
    printDataErrors([{ code: Codes.SqlUnsupported.code, message: `${e.construct} cannot be compiled to ${d.title} (${e.where})`, file: planFile, line: e.line ?? 1, column: 1 }]);
    writeErr('\n1 error; no SQL was written\n');
    return setExit(EXIT_ERRORS);
  }
  emit(text, o.out);
  if (o.driver) {
    const { sparkDriver } = await import('../../sql/spark-driver.js');
    emit(sparkDriver(plan.ir, o.out ?? 'plan.sql'), o.driver);
  }
}

export function register(program: Command): void {
  program
    .command('sql')
    .summary('compile a plan to SQL for a data warehouse')
    .description(
      "Compile the plan's crediting (rule filters, amounts, dates, splits) and each component's measure per rep and\n" +
        'period to one readable SQL query: CTEs named after the plan, comments pointing at plan lines, exact decimals.\n' +
        'Rates, gates, caps and settlement across periods are applied by `comp run` on what the query computes.',
    )
    .argument('<plan>', 'the .comp plan')
    .addOption(new Option('--dialect <dialect>', 'SQL dialect').choices(['duckdb', 'spark', 'postgres']).default('duckdb'))
    .option('--out <file>', 'write the SQL to a file instead of stdout')
    .option('--driver <file>', 'spark: also write a PySpark driver script that runs the SQL over Parquet tables')
    .addHelpText(
      'after',
      `
Examples:
  $ comp sql samples/crm/plan.comp --dialect duckdb
  $ comp sql plan.comp --dialect spark --out plan.sql --driver run_plan.py
  $ comp sql plan.comp --dialect postgres | psql payroll

Exit status: 0 SQL written, 1 errors in the plan or a construct the dialect cannot run (COMP9501), 2 usage error.`,
    )
    .action(async (planFile: string, opts: SqlOptions) => {
      if (opts.driver && opts.dialect !== 'spark') {
        const { UsageError } = await import('../shared.js');
        throw new UsageError('--driver writes a PySpark script: use it with --dialect spark');
      }
      await sql(planFile, opts);
    });
}
