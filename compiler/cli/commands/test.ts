// comp test [files or folders...] [--format text|junit|json] [--out FILE]
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { glob } from 'tinyglobby';
import { EXIT_ERRORS, UsageError, emit, setExit, useColor } from '../shared.js';

export interface TestOptions {
  format: 'text' | 'junit' | 'json';
  out?: string;
}

/** The `.comptest` files named by the arguments (folders are searched). */
export async function findScenarioFiles(args: string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const arg of args.length ? args : ['.']) {
    if (!existsSync(arg)) throw new UsageError(`no such file or folder: ${arg}`);
    if (statSync(arg).isDirectory()) {
      const rel = await glob('**/*.comptest', { cwd: arg, ignore: ['**/node_modules/**', '**/.git/**', '**/dist/**'], onlyFiles: true, expandDirectories: false });
      for (const r of rel) found.add(path.join(arg, r));
    } else found.add(arg);
  }
  if (found.size === 0) throw new UsageError(`no .comptest files found in ${args.join(' ') || '.'}`, 'scenarios live in files ending in .comptest beside the plan (see `comp test --help`)');
  return [...found].sort();
}

export async function test(args: string[], o: TestOptions): Promise<void> {
  const files = await findScenarioFiles(args);
  const { runScenarioFile } = await import('../../workbench/scenario-run.js');
  const { formatJson, formatJunit, formatText, totals } = await import('../../workbench/scenario-report.js');
  const outcomes = files.map((f) => runScenarioFile(f));
  const sources = new Map(files.map((f) => [path.relative(process.cwd(), path.resolve(f)) || f, readFileSync(f, 'utf8')]));
  // a diagnostic may sit in the plan or a data file: their text is read when a position is needed
  const src = (f: string) => {
    if (!sources.has(f)) {
      try {
        sources.set(f, readFileSync(f, 'utf8'));
      } catch {
        sources.set(f, '');
      }
    }
    return sources.get(f)!;
  };
  emit(o.format === 'json' ? formatJson(outcomes, src) : o.format === 'junit' ? formatJunit(outcomes, src) : formatText(outcomes, src, !o.out && useColor(process.stdout)), o.out);
  const t = totals(outcomes);
  if (t.failed || t.errors) setExit(EXIT_ERRORS);
}

export function register(program: Command): void {
  program
    .command('test')
    .summary('run the scenarios of plans and compare their payouts with the expected ones')
    .description(
      'Run every scenario of the given .comptest files (folders are searched) through the real evaluator and\n' +
        'compare each `expect` line with the statement it names. A failed expectation prints what was expected,\n' +
        'what the plan pays and the trace of that line.\n\n' +
        'A scenario file:\n' +
        '  plan "plan.comp"\n' +
        '  scenario "exactly at quota" {\n' +
        '    period 2026-Q1\n' +
        '    table reps {\n' +
        '      id,name,quarterly_quota\n' +
        '      ada,Ada,150000\n' +
        '    }\n' +
        '    table deals from "deals-at-quota.csv"\n' +
        '    expect ada 2026-Q1 commission = USD 12,000.00\n' +
        '    expect ada 2026-Q1 attainment = 100%\n' +
        '  }',
    )
    .argument('[paths...]', '.comptest files or folders (default: the current folder)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'junit', 'json']).default('text'))
    .option('--out <file>', 'write the report to a file instead of stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ comp test samples/
  $ comp test samples/crm/plan.comptest
  $ comp test plans/ --format junit --out junit.xml
  $ comp test samples/ --format json      (schemas/test.v1.json)

Exit status: 0 every expectation met, 1 a failed expectation or an error in a scenario, 2 usage error.`,
    )
    .action(async (paths: string[], opts: TestOptions) => {
      await test(paths, opts);
    });
}
