// Where a table's file may come from, and how it is read.
//
// A plan names its tables' files (`from "deals.csv"`), but a plan is not trusted to read the
// machine: a table's file resolves only inside the data folders given on the command line (or a
// folder allowed with `--allow-path`), after following links; a file named on the command line is
// read as given. Only regular files are read (never a directory, a named pipe, a device or a
// socket), and only up to a size limit. The CLI and the editor's sample data both go through here.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Codes, type DiagnosticDef } from '../diagnostics/codes.js';

/** 256 MiB: far above any CRM export a plan is run on, far below what would exhaust memory. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

export interface SourceOptions {
  /** Extra folders a table's file may resolve into (`--allow-path`). */
  allow?: string[];
  /** Largest file read, in bytes (default DEFAULT_MAX_BYTES). */
  maxBytes?: number;
}

export interface SourceProblem {
  def: DiagnosticDef;
  file: string;
  args: Record<string, string | number>;
  hint?: string;
}

export interface ResolvedSource {
  table: string;
  file?: string;
  looked: string[];
  /** The file was found but may not be read (outside the folders, two candidates). */
  problem?: SourceProblem;
}

function real(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** Is `p` the folder `root` or inside it (both already real paths)? */
export function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The other spellings of a table's source: `deals.csv` <-> `deals.json`, then `deals.parquet`. */
export function twinNames(source: string): string[] {
  const stem = source.replace(/\.(csv|json)$/, '');
  if (stem === source) return [];
  return [`${stem}.csv`, `${stem}.json`, `${stem}.parquet`].filter((n) => n !== source);
}

/** The real paths a table's file may resolve into: the data folders and the allowed folders. */
export function roots(inputs: string[], opts: SourceOptions = {}): string[] {
  const out: string[] = [];
  for (const p of [...inputs.filter(isDir), ...(opts.allow ?? [])]) {
    const r = real(p);
    if (r && !out.includes(r)) out.push(r);
  }
  return out;
}

/**
 * Find a table's file: each input in order; a folder holds `source` (or its .csv/.json twin);
 * a file named on the command line matches by name. A file found in a folder must resolve
 * (links followed) inside one of the data folders or allowed folders.
 */
export function resolveSource(table: { name: string; source: string }, inputs: string[], opts: SourceOptions = {}): ResolvedSource {
  const names = [table.source, ...twinNames(table.source)];
  const looked: string[] = [];
  const allowed = roots(inputs, opts);
  let outside: ResolvedSource | undefined;
  for (const input of inputs) {
    if (input === '-') continue;
    if (isDir(input)) {
      const found: string[] = [];
      for (const n of names) {
        const p = path.join(input, n);
        looked.push(p);
        if (exists(p)) found.push(p);
      }
      if (found.length === 0) continue;
      const file = found[0]!;
      const r = real(file);
      if (!r || !allowed.some((root) => inside(root, r))) {
        // refused here; a later input may still hold the table
        outside ??= {
          table: table.name,
          looked,
          problem: {
            def: Codes.OutsideDataFolders,
            file: table.source,
            args: { table: table.name, source: table.source },
            hint: 'a table is read only from inside the folders given with --data; name the file itself with --data, or allow its folder with --allow-path',
          },
        };
        continue;
      }
      const csv = found.find((f) => f.endsWith('.csv'));
      const json = found.find((f) => f.endsWith('.json'));
      if (csv && json) {
        return {
          table: table.name,
          looked,
          problem: { def: Codes.TwinDataFiles, file: json, args: { table: table.name, a: csv, b: json }, hint: `remove one of them, or name the one to read with --data` },
        };
      }
      return { table: table.name, file, looked };
    } else {
      const base = path.basename(input);
      if (names.some((n) => path.basename(n) === base) && exists(input)) return { table: table.name, file: input, looked };
    }
  }
  if (outside) return outside;
  if (looked.length === 0) looked.push(...names);
  return { table: table.name, looked };
}

export type ReadResult = { text: string } | { problem: SourceProblem };

function kindOf(st: import('node:fs').Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function sizeText(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MiB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KiB`;
  return `${n} bytes`;
}

/**
 * Read a table's file as UTF-8: only a regular file, only up to `maxBytes`. The file is opened
 * without blocking (a named pipe cannot hold the command) and checked on the open descriptor.
 */
export function readDataFile(file: string, opts: SourceOptions = {}): ReadResult {
  const r = readDataBytes(file, opts);
  return 'problem' in r ? r : { text: r.bytes.toString('utf8') };
}

/**
 * Opens a data file for reading after the same checks as readDataFile (a regular file, not over
 * the size limit); the caller reads it (./csv-stream.ts: in chunks) and closes `fd`.
 */
export function openDataFile(file: string, opts: SourceOptions = {}): { fd: number; size: number; max: number } | { problem: SourceProblem } {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { problem: cannotRead(file, e) };
  }
  try {
    const st = fstatSync(fd);
    const kind = kindOf(st);
    if (kind) {
      closeSync(fd);
      return { problem: { def: Codes.NotAFile, file, args: { file, kind }, hint: 'a table is read from a regular CSV or JSON file' } };
    }
    if (st.size > max) {
      closeSync(fd);
      return { problem: tooLarge(file, st.size, max) };
    }
    return { fd, size: st.size, max };
  } catch (e) {
    closeSync(fd);
    return { problem: cannotRead(file, e) };
  }
}

function cannotRead(file: string, e: unknown): SourceProblem {
  return { def: Codes.MalformedFile, file, args: { problem: `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` } };
}

/** The same checks as readDataFile, for a binary file (an XLSX workbook). */
export function readDataBytes(file: string, opts: SourceOptions = {}): { bytes: Buffer } | { problem: SourceProblem } {
  const opened = openDataFile(file, opts);
  if ('problem' in opened) return opened;
  const { fd, size, max } = opened;
  try {
    const buf = Buffer.alloc(Math.min(size, max) + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n > max) return { problem: tooLarge(file, n, max) };
      if (n === buf.length) break;
    }
    return { bytes: buf.subarray(0, n) };
  } catch (e) {
    return { problem: cannotRead(file, e) };
  } finally {
    closeSync(fd);
  }
}

export function tooLarge(file: string, size: number, max: number): SourceProblem {
  return { def: Codes.FileTooLarge, file, args: { file, size: sizeText(size), max: sizeText(max) }, hint: 'split the table, or raise the limit with --max-input-size' };
}

/** Files named on the command line, and data files (by extension) in the data folders, that no table reads. */
export function unreadFiles(inputs: string[], read: Set<string>): string[] {
  const out: string[] = [];
  const readReal = new Set([...read].map((f) => real(f) ?? f));
  for (const input of inputs) {
    if (input === '-') continue;
    if (!isDir(input)) {
      if (!readReal.has(real(input) ?? input)) out.push(input);
      continue;
    }
    let names: string[];
    try {
      names = readdirSync(input).sort();
    } catch {
      continue;
    }
    for (const n of names) {
      if (!/\.(csv|json|parquet|xlsx)$/i.test(n)) continue;
      const p = path.join(input, n);
      if (!readReal.has(real(p) ?? p) && !isDir(p)) out.push(p);
    }
  }
  return out;
}
