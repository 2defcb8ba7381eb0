// The options every command that reads data shares: where a table's file may come from
// (`--allow-path`), how much may be read (`--max-input-size`), which table stdin holds
// (`--data -` with `--stdin-table`).
import { readSync } from 'node:fs';
import type { Command } from 'commander';
import type { LoadOptions } from '../data/load.js';
import { DEFAULT_MAX_BYTES, tooLarge } from '../data/sandbox.js';
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

/** Read all of stdin (up to the size limit) synchronously. */
export function readStdin(max: number): { text: string } | { problem: ReturnType<typeof tooLarge> } {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.alloc(1 << 16);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EOF') break;
      throw new UsageError(`cannot read stdin: ${code ?? (e as Error).message}`);
    }
    if (n === 0) break;
    total += n;
    if (total > max) return { problem: tooLarge('<stdin>', total, max) };
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
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
    const r = readStdin(maxBytes);
    opts.stdin = 'problem' in r ? { problem: r.problem } : { text: r.text };
    if (o.stdinTable !== undefined) opts.stdin.table = o.stdinTable;
  }
  return opts;
}
