// A CSV file read in chunks straight into columns: the file's text is never held whole (a 1 GB
// export streams; V8's strings stop at ~512 MB). Bytes are read in fixed-size chunks and scanned
// as bytes: the delimiters (`,` `"` `\r` `\n`) are ASCII and never part of a UTF-8 sequence, so
// a character split across two chunks is never cut by the scan, and each cell's bytes are
// decoded only once its field is complete. A record split across two chunks is scanned again
// from its start once the next chunk is in (the unfinished record is carried over).
//
// It reads exactly what ./columnar.ts reads from the same file's text (values, lines, problems
// and positions: a property test holds the two together at every chunk size), and like it takes
// only plain RFC 4180 files: anything else (a stray or unclosed quote, mixed or bare `\r` line
// breaks) answers `careful`, and ./load.ts reads that file whole with the careful reader.
//
// Per record it keeps its start (byte offset) and line; positions of single cells are found when
// a report asks, by reading that record from the file again (the UTF-16 column counted from the
// decoded bytes of its line, as the one-string reader counts it).
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { readHeader, type Position, type RawGrid, type RawProblem, type RawTable } from './raw.js';
import { openDataFile, type SourceOptions, type SourceProblem, tooLarge } from './sandbox.js';
import { BAD, Fields, NEED, NO_CELL, scanRecord, TextColumn, type Scan } from './csv-scan.js';

/** Bytes read at a time. */
export const CHUNK_BYTES = 1 << 20;

export type StreamResult =
  | { table: RawTable }
  | { problem: SourceProblem }
  /** Not plain RFC 4180: read it with the careful reader. `at`: the first place found, `why`: what. */
  | { careful: true; size: number; at: () => Position; why: string };

export interface StreamOptions extends SourceOptions {
  /** Bytes per read (tests set tiny ones to hit the borders). */
  chunkBytes?: number;
  /** The header names (trimmed) whose texts are kept: a column no field reads is scanned, never decoded (default: all). */
  columns?: ReadonlySet<string>;
  /**
   * Header names (trimmed) of number columns, each with its mode (./scaled.ts): such a column,
   * once it has many distinct texts, is read as exact scaled integers from its cells' bytes.
   */
  numbers?: ReadonlyMap<string, number>;
  /** Told how far the read is (`comp run`'s progress line). */
  progress?: (what: string) => void;
}

/** Growable typed array of numbers. */
class Nums<T extends Float64Array | Int32Array> {
  n = 0;
  constructor(
    public a: T,
    private readonly make: (n: number) => T,
  ) {}
  push(x: number): void {
    if (this.n === this.a.length) {
      const b = this.make(this.a.length * 2 + 16);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = x;
  }
  done(): T {
    return this.a.length === this.n ? this.a : (this.a.slice(0, this.n) as T);
  }
}

const MB = (n: number) => `${(n / (1024 * 1024)).toFixed(0)} MB`;

/** Reads a CSV file into columns (or answers that it needs the careful reader). */
export function readCsvFile(file: string, opts: StreamOptions = {}): StreamResult {
  const opened = openDataFile(file, opts);
  if ('problem' in opened) return opened;
  const { fd, size, max } = opened;
  try {
    return scanFile(file, file, fd, size, max, opts);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads CSV from an open descriptor of a regular file, from its start (stdin spooled to a file
 * already removed from its folder, ../cli/data-options.ts), reported as `name`. The descriptor
 * stays open: positions are found by reading it again (it is not closed here).
 */
export function readCsvFd(name: string, fd: number, opts: StreamOptions = {}): StreamResult {
  const size = fstatSync(fd).size;
  return scanFile(name, fd, fd, size, Math.max(size, opts.maxBytes ?? size), opts);
}

/** `file`: the name reports give; `src`: where positions are read again (a path, or an open descriptor); `fd`: read from its current offset. */
function scanFile(file: string, src: string | number, fd: number, size: number, max: number, opts: StreamOptions): StreamResult {
  const chunk = Math.max(1, opts.chunkBytes ?? CHUNK_BYTES);
  let buf = Buffer.allocUnsafe(Math.max(chunk, 4));
  let base = 0; // file offset of buf[0]
  let len = 0; // bytes in buf
  let eof = false;
  let total = 0;
  let tooBig = false;
  /** Keeps buf[from..len), reads the next chunk after it. */
  const more = (from: number): number => {
    if (from > 0) {
      buf.copy(buf, 0, from, len);
      base += from;
      len -= from;
    }
    if (buf.length - len < chunk) {
      const b = Buffer.allocUnsafe(Math.max(buf.length * 2, len + chunk));
      buf.copy(b, 0, 0, len);
      buf = b;
    }
    const got = readSync(fd, buf, len, chunk, total); // at its position: a descriptor may be read again (a spooled stdin)
    if (got === 0) eof = true;
    len += got;
    total += got;
    if (total > max) tooBig = true;
    opts.progress?.(`reading ${file}: ${MB(total)} of ${MB(size)}`);
    return from;
  };
  more(0);
  while (!eof && len < 3) more(0);
  if (tooBig) return { problem: tooLarge(file, total, max) };
  const bom = len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;

  // the scan's state, committed at the end of each record
  let i = bom;
  let line = 1;
  let crlf = 0; // `\r\n` line breaks
  let lf = 0; // `\n` alone
  const st: Scan = { lines: 0, crlf: 0, lf: 0, why: '', at: 0, crAt: -1, lfAt: -1 };
  const rec = new Fields();

  const starts = new Nums(new Float64Array(1024), (n) => new Float64Array(n));
  const lines = new Nums(new Int32Array(1024), (n) => new Int32Array(n));
  // rows whose number of values is not the header's: [row, count] pairs (most files have none)
  const odd: number[] = [];
  let header: string[] | undefined;
  let headStart = 0;
  let headLine = 1;
  let cols: (TextColumn | null)[] = [];
  let width = 0;
  let rows = 0;
  const mixed = () => crlf > 0 && lf > 0;
  for (;;) {
    if (tooBig) return { problem: tooLarge(file, total, max) };
    if (i >= len) {
      if (eof) break;
      more(i); // nothing to keep
      i = 0;
      st.crAt = st.lfAt = -1;
      continue;
    }
    const c0 = buf[i]!;
    if (c0 === 10) {
      i++;
      line++;
      lf++;
      if (mixed()) return careful(file, size, base + i - 1, 'line breaks are mixed (`\\r\\n` and `\\n`)');
      continue;
    }
    if (c0 === 13) {
      if (i + 1 >= len && !eof) {
        more(i);
        i = 0;
        st.crAt = st.lfAt = -1;
        continue;
      }
      if (i + 1 >= len || buf[i + 1] !== 10) return careful(file, size, base + i, 'a line break is a bare `\\r`');
      i += 2;
      line++;
      crlf++;
      if (mixed()) return careful(file, size, base + i - 2, 'line breaks are mixed (`\\r\\n` and `\\n`)');
      continue;
    }
    st.lines = 0;
    st.crlf = 0;
    st.lf = 0;
    const end = scanRecord(buf, len, eof, i, rec, st);
    if (end === NEED) {
      more(i);
      i = 0;
      st.crAt = st.lfAt = -1;
      continue;
    }
    if (end === BAD) return careful(file, size, base + st.at, st.why);
    const start = base + i;
    const startLine = line;
    i = end;
    line += st.lines;
    crlf += st.crlf;
    lf += st.lf;
    if (crlf > 0 && lf > 0) return careful(file, size, start, 'line breaks are mixed (`\\r\\n` and `\\n`)');
    if (!header) {
      header = [];
      for (let k = 0; k < rec.n; k++) header.push(rec.text(buf, k));
      width = header.length;
      headStart = start;
      headLine = startLine;
      // each column made at about its final size (records estimated from the first chunk's line breaks)
      let breaks = 1;
      for (let k = buf.indexOf(10, i); k >= 0 && k < len; k = buf.indexOf(10, k + 1)) breaks++;
      const est = eof ? breaks : Math.ceil(((breaks * Math.max(0, size - (base + i))) / Math.max(1, len - i)) * 1.05) + 16;
      // (past ~32M, `new Array(n)` is a dictionary: a larger column grows as it is filled)
      cols = header.map((h) => (!opts.columns || opts.columns.has(h.trim()) ? new TextColumn(est, opts.numbers?.get(h.trim()) ?? 0) : null));
      continue;
    }
    const nf = rec.n;
    for (let k = 0; k < width; k++) cols[k]?.set(rows, buf, rec, k);
    starts.push(start);
    lines.push(startLine);
    if (nf !== width) odd.push(rows, nf);
    rows++;
  }

  const problems: RawProblem[] = [];
  const table: RawTable = { file, kind: 'csv', columns: [], rows: [], problems, start: { line: 1, column: 1 } };
  if (!header) {
    problems.push({ line: 1, column: 1, message: 'the file is empty: a CSV input needs a header row' });
    return { table };
  }
  for (const col of cols) col?.finish(rows);
  const grid = new FileGrid(src, bom, rows, cols, starts.done(), lines.done());
  table.start = grid.position(headStart, headLine, headStart);
  const headOffsets = grid.fieldOffsets(headStart);
  readHeader(table, header, (k) => grid.position(headStart, headLine, headOffsets[k]!));
  for (let k = 0; k < odd.length; k += 2) {
    const got = odd[k + 1]!;
    problems.push({ ...grid.rowAt(odd[k]!), message: `this row has ${got} ${got === 1 ? 'value' : 'values'}, the header has ${width} columns` });
  }
  table.grid = grid;
  return { table };

  function careful(file: string, size: number, offset: number, why: string): StreamResult {
    // where the file stops being plain, found again only if a report needs it
    return { careful: true, size, at: () => positionIn(src, offset), why };
  }
}

/** Bytes of a file at an offset, a block at a time (the last block kept). */
class Blocks {
  private block = Buffer.alloc(0);
  private at = -1;
  /** `src`: a path (opened for each read), or an open descriptor (read at positions, never closed here). */
  constructor(private readonly src: string | number) {}

  /** The file's bytes from `from`, at least `need` of them when the file has them (fewer at its end). */
  get(from: number, need: number): { buf: Buffer; off: number; len: number } {
    if (this.at < 0 || from < this.at || from + need > this.at + this.block.length) {
      const n = Math.max(need, 1 << 16);
      const b = Buffer.allocUnsafe(n);
      let got = 0;
      const fd = typeof this.src === 'number' ? this.src : openSync(this.src, constants.O_RDONLY);
      try {
        for (;;) {
          const k = readSync(fd, b, got, n - got, from + got);
          if (k === 0) break;
          got += k;
          if (got === n) break;
        }
      } finally {
        if (fd !== this.src) closeSync(fd);
      }
      this.block = b.subarray(0, got);
      this.at = from;
    }
    return { buf: this.block, off: from - this.at, len: this.block.length - (from - this.at) };
  }
}

/** The position of byte `offset` of a file, counting from its start (the rare reports of files left to the careful reader). */
function positionIn(src: string | number, offset: number): Position {
  const blocks = new Blocks(src);
  let line = 1;
  let lineStart = 0;
  for (let at = 0; at < offset; ) {
    const { buf, off, len } = blocks.get(at, Math.min(1 << 16, offset - at));
    const n = Math.min(len, offset - at);
    if (n <= 0) break;
    for (let k = buf.indexOf(10, off); k >= 0 && k < off + n; k = buf.indexOf(10, k + 1)) {
      line++;
      lineStart = at + (k - off) + 1;
    }
    at += n;
  }
  const { buf, off } = new Blocks(src).get(lineStart, offset - lineStart);
  const col = buf.toString('utf8', off, off + (offset - lineStart)).length;
  return { line, column: col + 1 };
}

/** The columns of a streamed file; a cell's position is found by reading its record again. */
class FileGrid implements RawGrid {
  private readonly blocks: Blocks;
  constructor(
    src: string | number,
    private readonly bom: number,
    readonly length: number,
    private readonly cols: (TextColumn | null)[],
    private readonly starts: Float64Array,
    readonly lines: Int32Array,
  ) {
    this.blocks = new Blocks(src);
  }

  text(col: number, r: number): string | undefined {
    return this.cols[col]?.text(r);
  }

  release(col: number): void {
    this.cols[col] = null;
  }

  coded(col: number): { codes: Uint16Array; distinct: readonly string[]; none: number; short: boolean } | undefined {
    const c = this.cols[col];
    return c?.codes ? { codes: c.codes, distinct: c.distinct, none: NO_CELL, short: c.short } : undefined;
  }

  texts(col: number): { texts: (string | undefined)[]; hashes: Int32Array; plain: boolean } | undefined {
    const c = this.cols[col];
    return c?.texts && c.hashes ? { texts: c.texts, hashes: c.hashes, plain: c.plain } : undefined;
  }

  numbers(col: number): { units: Float64Array; places: Uint8Array; texts: (string | undefined)[] } | undefined {
    const c = this.cols[col];
    return c?.units && c.places && c.texts ? { units: c.units, places: c.places, texts: c.texts } : undefined;
  }

  invalid(): undefined {
    return undefined;
  }

  line(r: number): number {
    return this.lines[r]!;
  }

  rowAt(r: number): Position {
    return this.position(this.starts[r]!, this.lines[r]!, this.starts[r]!);
  }

  cellAt(col: number, r: number): Position {
    const s = this.starts[r]!;
    const offs = this.fieldOffsets(s);
    return this.position(s, this.lines[r]!, offs[col] ?? s);
  }

  /** The bytes of a record from its start, enough to hold it (a plain record: scanned as ./columnar.ts fieldOffsets). */
  private record(start: number): { buf: Buffer; off: number; len: number } {
    for (let need = 1 << 12; ; need *= 4) {
      const got = this.blocks.get(start, need);
      if (got.len < need || recordEnd(got.buf, got.off, got.off + got.len) >= 0) return got;
    }
  }

  /** The file offsets of the fields of the record starting at `start`. */
  fieldOffsets(start: number): number[] {
    const { buf, off, len } = this.record(start);
    const out: number[] = [];
    const n = off + len;
    let i = off;
    for (;;) {
      out.push(start + (i - off));
      if (buf[i] === 34) {
        let j = i + 1;
        for (;;) {
          j = buf.indexOf(34, j);
          if (j < 0 || j >= n) return out;
          if (buf[j + 1] === 34) j += 2;
          else break;
        }
        i = j + 1;
      }
      while (i < n) {
        const c = buf[i]!;
        if (c === 44 || c === 10 || c === 13) break;
        i++;
      }
      if (i >= n || buf[i] !== 44) return out;
      i++;
    }
  }

  /** 1-based line and UTF-16 column of byte `offset`, inside the record at `start` (line `line`). */
  position(start: number, line: number, offset: number): Position {
    const { buf, off } = this.record(start);
    let lineStart = start === this.bom ? 0 : start;
    const to = off + (offset - start);
    for (let k = buf.indexOf(10, off); k >= 0 && k < to; k = buf.indexOf(10, k + 1)) {
      line++;
      lineStart = start + (k - off) + 1;
    }
    if (lineStart < start) {
      // the first record after a BOM: its line starts with the BOM (one UTF-16 unit, as the text counts it)
      return { line, column: 1 + 1 + buf.toString('utf8', off, to).length };
    }
    return { line, column: 1 + buf.toString('utf8', off + (lineStart - start), to).length };
  }
}

/** The end of the plain record in buf[from..to), or -1 when it goes on past `to`. */
function recordEnd(buf: Buffer, from: number, to: number): number {
  let i = from;
  let quoted = false;
  while (i < to) {
    const c = buf[i]!;
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) return i;
    i++;
  }
  return -1;
}
