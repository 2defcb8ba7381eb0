// One table read from stdin (`--data -`): which table it is, and its text as CSV or JSON. The
// command line spools stdin to a file of its own (../cli/data-options.ts) so that CSV streams
// (./csv-stream.ts) as a file does; reports name `<stdin>`.
import { readSync } from 'node:fs';
import { Codes } from '../diagnostics/codes.js';
import { suggest } from '../diagnostics/diagnostic.js';
import { readCsvRows } from './csv.js';
import { readCsvFd, type StreamOptions } from './csv-stream.js';
import { readJson } from './json.js';
import type { RawTable } from './raw.js';
import { resolveSource, type SourceOptions, type SourceProblem } from './sandbox.js';

export const STDIN_FILE = '<stdin>';

export interface StdinTable {
  /** What was read, whole (absent when reading failed, see `problem`, or when spooled). */
  text?: string;
  /**
   * What was read, in a file: `fd` open for reading (read at positions from 0, so it may be
   * loaded more than once; the file already removed from its folder: it is gone when the process
   * ends), `size` bytes; `json`: stdinIsJson of its text.
   */
  spool?: { fd: number; size: number; json: boolean };
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

/** The first character that is not `\s` or a BOM is `[` (stdinIsJson), told a chunk at a time. */
export class JsonSniff {
  answer: boolean | undefined;
  tell(text: string): void {
    if (this.answer !== undefined) return;
    const m = /[^\s\ufeff]/.exec(text);
    if (m) this.answer = m[0] === '[';
  }
}

/** A spooled stdin read as a table: CSV streamed from its file, JSON (or CSV that is not plain) read whole as before. */
export function readStdinSpool(spool: { fd: number; size: number; json: boolean }, opts: StreamOptions): RawTable | { problem: SourceProblem } {
  if (spool.json) return readJson(STDIN_FILE, readAll(spool.fd, spool.size));
  const s = readCsvFd(STDIN_FILE, spool.fd, opts);
  if ('problem' in s) return s;
  if ('table' in s) return s.table;
  return readCsvRows(STDIN_FILE, readAll(spool.fd, spool.size));
}

function readAll(fd: number, size: number): string {
  const buf = Buffer.allocUnsafe(size);
  let n = 0;
  while (n < size) {
    const got = readSync(fd, buf, n, size - n, n);
    if (got === 0) break;
    n += got;
  }
  return buf.toString('utf8', 0, n);
}
