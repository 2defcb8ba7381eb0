// One table read from stdin (`--data -`): which table it is, and its text as CSV or JSON.
import { Codes } from '../diagnostics/codes.js';
import { suggest } from '../diagnostics/diagnostic.js';
import { resolveSource, type SourceOptions, type SourceProblem } from './sandbox.js';

export const STDIN_FILE = '<stdin>';

export interface StdinTable {
  /** What was read (absent when reading failed: see `problem`). */
  text?: string;
  problem?: SourceProblem;
  /** `--stdin-table`: the table stdin holds; by default the one table not found in the other inputs. */
  table?: string;
}

/** Is stdin's text a JSON array (else CSV)? */
export function stdinIsJson(text: string): boolean {
  return /^[\s\ufeff]*\[/.test(text);
}

/** The table stdin holds, or a problem to report. */
export function stdinTableFor(tables: { name: string; source: string }[], inputs: string[], opts: SourceOptions & { stdin?: StdinTable }): { table?: string; problem?: SourceProblem } {
  const stdin = opts.stdin;
  if (!stdin) return {};
  if (stdin.problem) return { problem: stdin.problem };
  const names = tables.map((t) => t.name);
  if (stdin.table !== undefined) {
    if (names.includes(stdin.table)) return { table: stdin.table };
    const s = suggest(stdin.table, names);
    return { problem: { def: Codes.MissingInputFile, file: STDIN_FILE, args: { table: stdin.table, looked: STDIN_FILE }, hint: `the plan has no table \`${stdin.table}\`${s ? `; did you mean \`${s}\`?` : `; its tables: ${names.join(', ')}`}` } };
  }
  const others = inputs.filter((i) => i !== '-');
  const missing = tables.filter((t) => !resolveSource(t, others, opts).file).map((t) => t.name);
  if (missing.length === 1) return { table: missing[0]! };
  return {
    problem: {
      def: Codes.MissingInputFile,
      file: STDIN_FILE,
      args: { table: missing.length ? missing.join(', ') : '(none)', looked: STDIN_FILE },
      hint: missing.length ? 'stdin holds one table: name it with --stdin-table' : 'every table is already found in the other inputs: name the one stdin holds with --stdin-table',
    },
  };
}
