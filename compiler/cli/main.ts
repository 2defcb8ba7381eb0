// The `comp` command line. bin/comp.js imports this module, which runs the program.
//
// Each command lives in its own file under ./commands and exports `register(program)`; to add
// one, add its module to COMMANDS below. Reserved for their owner: `comp fmt`
// (commands/fmt.ts) and `comp lsp` (commands/lsp.ts).
//
// Exit status: 0 success, 1 errors in a plan or its data, 2 usage errors (unknown option,
// missing argument, no files found, unknown rep or period).
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import * as check from './commands/check.js';
import * as explain from './commands/explain.js';
import * as run from './commands/run.js';
import * as fmt from './commands/fmt.js';
import * as lsp from './commands/lsp.js';
import * as test from './commands/test.js';
import * as doc from './commands/doc.js';
import * as sql from './commands/sql.js';
import * as statement from './commands/statement.js';
import * as diff from './commands/diff.js';
import * as model from './commands/model.js';
import { EXIT_USAGE, UsageError, writeErr } from './shared.js';

export interface CommandModule {
  register(program: Command): void;
}

/** In the order `comp --help` lists them. */
export const COMMANDS: CommandModule[] = [check, run, explain, test, diff, model, doc, statement, sql, fmt, lsp];

function version(): string {
  // dist/compiler/cli/main.js, or dist/comp.mjs when bundled (scripts/bundle.mjs)
  for (const rel of ['../../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'comp-lang') return pkg.version ?? '0.0.0';
    } catch {
      // not here
    }
  }
  return '0.0.0';
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('comp')
    .description('Sales compensation plans as code: check .comp plans, compute payouts and explain them.')
    .version(version(), '-V, --version')
    // Settings made before .command() are inherited by every command.
    .exitOverride()
    .showHelpAfterError('(add --help for usage and examples)')
    .configureHelp({ sortSubcommands: false })
    .addHelpText(
      'after',
      `
Examples:
  $ comp check plans/
  $ comp run samples/crm/plan.comp --data samples/crm/data
  $ comp run plan.comp --data data/ --period 2017-06 --format csv --out payouts.csv
  $ comp explain plan.comp --data data/ --rep "Darcel Schlecht" --period 2017-06

Exit status: 0 success, 1 errors in a plan or its data, 2 usage error.`,
    );
  for (const c of COMMANDS) c.register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  if (argv.length <= 2) {
    program.outputHelp({ error: true });
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      return EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      writeErr(`error: ${e.message}\n${e.hint ? `hint: ${e.hint}\n` : ''}`);
      return EXIT_USAGE;
    }
    writeErr(`internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 70;
  }
}

process.exitCode = await main(process.argv);
