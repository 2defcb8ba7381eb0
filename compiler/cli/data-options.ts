// The options every command that reads data shares: where a table's file may come from
// (`--allow-path`), how much may be read (`--max-input-size`), which table stdin holds
// (`--data -` with `--stdin-table`).
import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Command } from 'commander';
import type { LoadOptions } from '../data/load.js';
import { DEFAULT_MAX_BYTES, tooLarge } from '../data/sandbox.js';
import { JsonSniff, type StdinTable } from '../data/stdin.js';
import { UsageError } from './shared.js';

export interface DataFlags {
  data: string[];
  allowPath?: string[];
  maxInputSize?: string;
  stdinTable?: string;
}

export function addDataOptions(cmd: Command): Command {
  return cmd
    .option('--allow-path <folders...>', 'also read table files that resolve into these folders (a plan reads only inside the --data folders)')
    .option('--max-input-size <size>', 'largest data file read, e.g. 512MB (default 256MB)')
    .option('--stdin-table <table>', 'with `--data -`: the table read from stdin (default: the one table not found elsewhere)');
}

/** `512MB`, `64KiB`, `1000` (bytes). */
export function parseSize(text: string): number {
  const m = /^(\d+)\s*(b|kb|kib|k|mb|mib|m|gb|gib|g)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`--max-input-size: \`${text}\` is not a size`, 'write it as 512MB, 64KB or a number of bytes');
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const n = Number(m[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--max-input-size: \`${text}\` is out of range`);
  return n;
}

/** Reads a chunk of stdin into buf (0 at its end). */
function readChunk(buf: Buffer): number {
  for (;;) {
    try {
      return readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EOF') return 0;
      throw new UsageError(`cannot read stdin: ${code ?? (e as Error).message}`);
    }
  }
}

/** Read all of stdin (up to the size limit) synchronously. */
export function readStdin(max: number): { text: string } | { problem: ReturnType<typeof tooLarge> } {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.alloc(1 << 16);
  for (;;) {
    const n = readChunk(buf);
    if (n === 0) break;
    total += n;
    if (total > max) return { problem: tooLarge('<stdin>', total, max) };
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
}

/**
 * A file of the run's own for stdin (a new folder under the system's temporary folder, mode
 * 0600), opened for writing and for reading, then removed from its folder at once: its bytes
 * are freed when the run ends however it ends (an error, a signal, a kill). Undefined when it
 * cannot be made (then stdin is read whole, as before).
 */
function spoolFile(): { w: number; r: number } | undefined {
  let dir: string;
  try {
    dir = mkdtempSync(path.join(tmpdir(), 'comp-stdin-'));
  } catch {
    return undefined;
  }
  const file = path.join(dir, 'stdin');
  let w = -1;
  let r = -1;
  try {
    w = openSync(file, 'wx', 0o600);
    r = openSync(file, 'r');
    unlinkSync(file);
    rmdirSync(dir);
    return { w, r };
  } catch {
    // (a system that cannot remove an open file: leave no file behind, read stdin whole)
    for (const fd of [w, r]) if (fd >= 0) closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
}

/**
 * Stdin spooled to a file of the run's own (see spoolFile), counting its bytes against the size
 * limit as they come (the same reads and the same report at the limit as readStdin), so that CSV
 * on stdin streams as a file does (compiler/data/stdin.ts readStdinSpool).
 */
export function spoolStdin(max: number): StdinTable {
  const f = spoolFile();
  if (!f) {
    const r = readStdin(max);
    return 'problem' in r ? { problem: r.problem } : { text: r.text };
  }
  const sniff = new JsonSniff();
  const decoder = new StringDecoder('utf8');
  let total = 0;
  const buf = Buffer.alloc(1 << 16);
  try {
    for (;;) {
      const n = readChunk(buf);
      if (n === 0) break;
      total += n;
      if (total > max) {
        closeSync(f.r);
        return { problem: tooLarge('<stdin>', total, max) };
      }
      if (sniff.answer === undefined) sniff.tell(decoder.write(buf.subarray(0, n)));
      for (let at = 0; at < n; ) at += writeSync(f.w, buf, at, n - at);
    }
    if (sniff.answer === undefined) sniff.tell(decoder.end());
  } catch (e) {
    closeSync(f.r);
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read stdin: cannot write its copy in ${tmpdir()}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  } finally {
    closeSync(f.w);
  }
  return { spool: { fd: f.r, size: total, json: sniff.answer === true } };
}

/** The loader's options from the command line; reads stdin when `--data -` is given. */
export function loadOptions(o: DataFlags): LoadOptions {
  const maxBytes = o.maxInputSize !== undefined ? parseSize(o.maxInputSize) : DEFAULT_MAX_BYTES;
  const opts: LoadOptions = { maxBytes };
  if (o.allowPath?.length) opts.allow = o.allowPath;
  const dashes = o.data.filter((d) => d === '-').length;
  if (dashes > 1) throw new UsageError('`--data -` may be given once: stdin holds one table');
  if (o.stdinTable !== undefined && dashes === 0) throw new UsageError('--stdin-table needs `--data -`');
  if (dashes === 1) {
    opts.stdin = spoolStdin(maxBytes);
    if (o.stdinTable !== undefined) opts.stdin.table = o.stdinTable;
  }
  return opts;
}
