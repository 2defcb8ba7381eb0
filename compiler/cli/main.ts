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
import * as close from './commands/close.js';
import * as ledger from './commands/ledger.js';
import { LedgerError } from '../ledger/store.js';
import { EXIT_ERRORS, EXIT_USAGE, UsageError, collectProblem, collectedProblems, jsonWritten, setJsonMode, writeErr, writeOut } from './shared.js';

export interface CommandModule {
  register(program: Command): void;
}

/** In the order `comp --help` lists them. */
export const COMMANDS: CommandModule[] = [check, run, explain, test, diff, model, doc, statement, sql, close, ledger, fmt, lsp];

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

/** `--format json` anywhere on the command line: errors are printed as JSON on stdout too. */
function wantsJson(argv: string[]): boolean {
  return argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
}

const problem = (code: string, message: string, hint?: string) => ({ code, severity: 'error', message, file: null, line: null, column: null, hint: hint ?? null });

async function runProgram(argv: string[]): Promise<number> {
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
      collectProblem(problem('COMP8304', e.message.replace(/^error: /, '')));
      return EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      writeErr(`error: ${e.message}\n${e.hint ? `hint: ${e.hint}\n` : ''}`);
      collectProblem(problem(e.code, e.message, e.hint));
      return EXIT_USAGE;
    }
    if (e instanceof LedgerError) {
      writeErr(`error[${e.code}]: ${e.message}\n${e.hint ? `  hint: ${e.hint}\n` : ''}`);
      collectProblem(problem(e.code, e.message, e.hint));
      return EXIT_ERRORS;
    }
    writeErr(`internal error: ${(e as Error).stack ?? String(e)}\n`);
    collectProblem(problem('COMP8349', `internal error: ${(e as Error).message}`));
    return 70;
  }
}

/**
 * A reader that stops early (`comp run ... | head`) closes the pipe: the rest of the output has
 * nowhere to go. That ends the command quietly with its status so far, never with a stack trace.
 */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    });
  }
}

export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe();
  setJsonMode(wantsJson(argv));
  // a command that printed its own document (its JSON result, on any exit status) gets no second one
  let printed = false;
  if (wantsJson(argv)) {
    const write = process.stdout.write.bind(process.stdout) as (...a: unknown[]) => boolean;
    process.stdout.write = ((...a: unknown[]) => {
      printed = true;
      return write(...a);
    }) as typeof process.stdout.write;
  }
  const code = await runProgram(argv);
  // --format json: a failed command's problems as one document on stdout (schemas/errors.v1.json)
  if (wantsJson(argv) && code !== 0 && !jsonWritten() && !printed) {
    writeOut(JSON.stringify({ kind: 'comp.errors', schemaVersion: 1, exitCode: code, problems: collectedProblems() }, null, 2) + '\n');
  }
  return code;
}

void main(process.argv).then((code) => {
  process.exitCode = code;
});
