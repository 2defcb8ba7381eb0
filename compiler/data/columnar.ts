// CSV read into columns: one array of cell texts per header column, the start offset and line of
// each record, and nothing per cell. Positions of single cells (for the reports of bad cells) are
// found when asked, by scanning the one record again (a LineIndex is built on first use).
//
// This is the fast path of ./csv.ts: it takes a file only when its text is plainly RFC 4180 —
// line breaks all `\n` or all `\r\n`, quotes only around whole fields and doubled inside them —
// so that its values are exactly what csv-parse gives. Anything else (a stray or unclosed quote,
// mixed or bare `\r` line breaks) returns undefined and ./csv.ts reads the file the careful way.
import { LineIndex } from '../syntax/lines.js';
import { readHeader, type Position, type RawColumn, type RawGrid, type RawProblem, type RawTable } from './raw.js';

/** Consistent line breaks: no `\r`, or every `\r` is part of a `\r\n` and every `\n` of one. */
function plainBreaks(text: string): boolean {
  let cr = text.indexOf('\r');
  if (cr < 0) return true;
  let nCr = 0;
  for (; cr >= 0; cr = text.indexOf('\r', cr + 1)) {
    if (text.charCodeAt(cr + 1) !== 10) return false;
    nCr++;
  }
  let nLf = 0;
  for (let lf = text.indexOf('\n'); lf >= 0; lf = text.indexOf('\n', lf + 1)) nLf++;
  return nLf === nCr;
}

class CsvGrid implements RawGrid {
  private index?: LineIndex;
  constructor(
    private readonly source: string,
    readonly length: number,
    private readonly cols: (string | undefined)[][],
    private readonly starts: number[],
    readonly lines: number[],
  ) {}

  text(col: number, r: number): string | undefined {
    return this.cols[col]![r];
  }

  release(col: number): void {
    this.cols[col] = [];
  }

  invalid(): undefined {
    return undefined;
  }

  line(r: number): number {
    return this.lines[r]!;
  }

  private pos(offset: number): Position {
    const p = (this.index ??= new LineIndex(this.source)).position(offset);
    return { line: p.line + 1, column: p.column + 1 };
  }

  rowAt(r: number): Position {
    return this.pos(this.starts[r]!);
  }

  cellAt(col: number, r: number): Position {
    const offs = fieldOffsets(this.source, this.starts[r]!);
    return this.pos(offs[col] ?? this.starts[r]!);
  }
}

/** The offsets of the fields of the record starting at `i` (a record the fast scan accepted). */
function fieldOffsets(text: string, i: number): number[] {
  const out: number[] = [];
  const n = text.length;
  for (;;) {
    out.push(i);
    if (text.charCodeAt(i) === 34) {
      let j = i + 1;
      for (;;) {
        j = text.indexOf('"', j);
        if (j < 0) return out;
        if (text.charCodeAt(j + 1) === 34) j += 2;
        else break;
      }
      i = j + 1;
    }
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 44 || c === 10 || c === 13) break;
      i++;
    }
    if (i >= n || text.charCodeAt(i) !== 44) return out;
    i++;
  }
}

/** The number of `\n` in `text` from `from` (an estimate of the records left). */
function lineBreaks(text: string, from: number): number {
  let n = 1;
  for (let i = text.indexOf('\n', from); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Distinct texts interned per column, at most. */
const DICT_MAX = 4096;

/** A string of its own (not a slice keeping the whole file's text alive). */
function own(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/**
 * Reads `source` into columns, or returns undefined when the text needs the careful reader
 * (./csv.ts). Problems found here are only rows with more or fewer values than the header.
 */
export function readCsvColumns(file: string, source: string): RawTable | undefined {
  if (!plainBreaks(source)) return undefined;
  const n = source.length;
  let i = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const starts: number[] = [];
  const lines: number[] = [];
  const counts: number[] = [];
  let header: string[] | undefined;
  let cols: (string | undefined)[][] = [];
  // per column, its distinct texts while there are few (stages, products, reps, dates): one
  // string each, of its own, so that a column's million cells are a few hundred strings and the
  // loaded values hold no slice of the file's text
  let dicts: (Map<string, string> | null)[] = [];
  let width = 0;
  let rows = 0;
  const rec: string[] = [];
  while (i < n) {
    const c0 = source.charCodeAt(i);
    if (c0 === 10) {
      i++;
      line++;
      continue;
    }
    if (c0 === 13) {
      i += 2;
      line++;
      continue;
    }
    const start = i;
    const startLine = line;
    rec.length = 0;
    for (;;) {
      let value: string;
      if (source.charCodeAt(i) === 34) {
        let j = i + 1;
        let parts: string | undefined;
        for (;;) {
          const q = source.indexOf('"', j);
          if (q < 0) return undefined; // never closed
          for (let k = source.indexOf('\n', j); k >= 0 && k < q; k = source.indexOf('\n', k + 1)) line++;
          if (source.charCodeAt(q + 1) === 34) {
            parts = (parts ?? '') + source.slice(j, q + 1);
            j = q + 2;
            continue;
          }
          value = (parts ?? '') + source.slice(j, q);
          i = q + 1;
          break;
        }
        const c = source.charCodeAt(i);
        if (i < n && c !== 44 && c !== 10 && c !== 13) return undefined; // text after a closing quote
      } else {
        const from = i;
        while (i < n) {
          const c = source.charCodeAt(i);
          if (c === 44 || c === 10 || c === 13) break;
          if (c === 34) return undefined; // a quote inside an unquoted value
          i++;
        }
        value = source.slice(from, i);
      }
      rec.push(value);
      if (i >= n) break;
      const c = source.charCodeAt(i);
      if (c === 44) {
        i++;
        if (i >= n) {
          rec.push(''); // a trailing comma at the very end
          break;
        }
        continue;
      }
      i += c === 13 ? 2 : 1;
      line++;
      break;
    }
    if (!header) {
      header = rec.slice();
      width = header.length;
      // each column made at its final size (about one record per line break): no growth by copies
      const est = lineBreaks(source, i);
      cols = header.map(() => new Array<string | undefined>(est));
      dicts = header.map(() => new Map<string, string>());
      starts.push(start);
      lines.push(startLine);
      continue;
    }
    for (let k = 0; k < width; k++) {
      if (k >= rec.length) {
        cols[k]![rows] = undefined;
        continue;
      }
      const v = rec[k]!;
      const dict = dicts[k];
      if (dict === null || dict === undefined) {
        cols[k]![rows] = v;
        continue;
      }
      let u = dict.get(v);
      if (u === undefined) {
        if (dict.size >= DICT_MAX) {
          dicts[k] = null; // a column of many distinct texts (keys, amounts): kept as read
          cols[k]![rows] = v;
          continue;
        }
        u = own(v);
        dict.set(u, u);
      }
      cols[k]![rows] = u;
    }
    starts.push(start);
    lines.push(startLine);
    counts.push(rec.length);
    rows++;
  }

  const problems: RawProblem[] = [];
  const table: RawTable = { file, kind: 'csv', columns: [], rows: [], problems, start: { line: 1, column: 1 } };
  if (!header) {
    problems.push({ line: 1, column: 1, message: 'the file is empty: a CSV input needs a header row' });
    return table;
  }
  const headStart = starts.shift()!;
  lines.shift();
  for (const col of cols) if (col.length > rows) col.length = rows;
  const grid = new CsvGrid(source, rows, cols, starts, lines);
  const headOffsets = fieldOffsets(source, headStart);
  const index = new LineIndex(source.slice(0, Math.min(n, (starts[0] ?? n) + 1)));
  const at = (o: number): Position => {
    const p = index.position(o);
    return { line: p.line + 1, column: p.column + 1 };
  };
  table.start = at(headStart);
  readHeader(table, header, (k) => at(headOffsets[k]!));
  for (let r = 0; r < rows; r++) {
    const got = counts[r]!;
    if (got === width) continue;
    problems.push({ ...grid.rowAt(r), message: `this row has ${got} ${got === 1 ? 'value' : 'values'}, the header has ${width} columns` });
  }
  table.grid = grid;
  return table;
}
