// CSV input with a position for every cell.
//
// Values come from csv-parse (header row, RFC 4180 quoting). Positions come from a quote-aware
// scan of the same text: the scan finds where each record and each field starts, so every cell
// gets a 1-based line and column (a quoted field points at its opening quote). When csv-parse
// rejects the file (an unclosed or stray quote), each record is parsed on its own so that one bad
// record is reported as COMP6012 and every other record is still read and checked.
import { parse } from 'csv-parse/sync';
import { LineIndex } from '../syntax/lines.js';
import { readCsvColumns } from './columnar.js';
import { readHeader, type RawCell, type RawProblem, type RawRow, type RawTable } from './raw.js';

interface ScannedRecord {
  /** Offset of the record's first character. */
  start: number;
  /** Offset just after the record's last character (before its line break). */
  end: number;
  /** Offset of each field's first character. */
  fields: number[];
  /** The record has a quote that is never closed (recovered at the end of its first line). */
  unclosedAt?: number;
}

/** Split text into records and fields the way RFC 4180 does, remembering offsets. */
function scan(text: string, from: number): ScannedRecord[] {
  const out: ScannedRecord[] = [];
  const n = text.length;
  let i = from;
  while (i < n) {
    // Skip blank lines (csv-parse does the same with skip_empty_lines).
    if (text.charCodeAt(i) === 10) {
      i++;
      continue;
    }
    if (text.charCodeAt(i) === 13 && (i + 1 >= n || text.charCodeAt(i + 1) === 10)) {
      i += i + 1 < n ? 2 : 1;
      continue;
    }
    const rec: ScannedRecord = { start: i, end: i, fields: [] };
    let atEnd = false;
    while (!atEnd) {
      rec.fields.push(i);
      if (text.charCodeAt(i) === 34 /* " */) {
        let j = i + 1;
        let closed = false;
        while (j < n) {
          if (text.charCodeAt(j) === 34) {
            if (text.charCodeAt(j + 1) === 34) {
              j += 2;
              continue;
            }
            closed = true;
            j++;
            break;
          }
          j++;
        }
        if (!closed) {
          // Recover: this record ends at the end of the line the quote opened on.
          rec.unclosedAt = i;
          let e = text.indexOf('\n', i);
          if (e < 0) e = n;
          rec.end = e > i && text.charCodeAt(e - 1) === 13 ? e - 1 : e;
          i = e < n ? e + 1 : n;
          atEnd = true;
          break;
        }
        i = j;
      }
      // Unquoted field, or the rest after a closing quote (csv-parse reports stray text).
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 44 /* , */ || c === 10 || (c === 13 && (i + 1 >= n || text.charCodeAt(i + 1) === 10))) break;
        i++;
      }
      if (i >= n) {
        rec.end = n;
        atEnd = true;
      } else if (text.charCodeAt(i) === 44) {
        i++;
        if (i >= n) {
          // A trailing comma at the very end: one more (empty) field.
          rec.fields.push(i);
          rec.end = n;
          atEnd = true;
        }
      } else {
        rec.end = i;
        i += text.charCodeAt(i) === 13 ? 2 : 1;
        atEnd = true;
      }
    }
    out.push(rec);
  }
  return out;
}

const PARSE_OPTIONS = { relax_column_count: true, skip_empty_lines: true, relax_quotes: false } as const;

function csvProblem(e: unknown): string {
  const code = (e as { code?: string }).code ?? '';
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted value is never closed with `"`';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'unexpected text after a closing quote: a value with quotes inside must be quoted and its quotes doubled ("")';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote inside an unquoted value: quote the whole value and double its quotes ("")';
    default:
      return `malformed CSV: ${(e as Error).message}`;
  }
}

/** Read CSV text into a header and rows of located cells. */
export function readCsv(file: string, source: string): RawTable {
  // plain RFC 4180 text: read into columns (./columnar.ts); anything else the careful way below
  const fast = readCsvColumns(file, source);
  if (fast) return fast;
  return readCsvRows(file, source);
}

/** The careful reader: csv-parse, and one record at a time when it rejects the file. */
export function readCsvRows(file: string, source: string): RawTable {
  const bom = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const index = new LineIndex(source);
  const pos = (offset: number) => {
    const p = index.position(offset);
    return { line: p.line + 1, column: p.column + 1 };
  };
  const problems: RawProblem[] = [];
  const records = scan(source, bom);

  let values: string[][] | undefined;
  const failed = new Set<number>();
  if (!records.some((r) => r.unclosedAt !== undefined)) {
    try {
      const parsed = parse(source.slice(bom), PARSE_OPTIONS) as string[][];
      if (parsed.length === records.length && parsed.every((p, k) => p.length === records[k]!.fields.length)) values = parsed;
    } catch {
      values = undefined;
    }
  }
  if (!values) {
    // Slow path: one record at a time, so that a bad record does not hide the others.
    values = records.map((r, k) => {
      if (r.unclosedAt !== undefined) {
        failed.add(k);
        problems.push({ ...pos(r.unclosedAt), message: 'a quoted value is never closed with `"`' });
        return [];
      }
      try {
        const one = parse(source.slice(r.start, r.end), PARSE_OPTIONS) as string[][];
        const rec = one[0] ?? [''];
        if (rec.length !== r.fields.length) return rec.slice(0, r.fields.length);
        return rec;
      } catch (e) {
        const col = (e as { column?: number }).column;
        const at = typeof col === 'number' && r.fields[col] !== undefined ? r.fields[col]! : r.start;
        problems.push({ ...pos(at), message: csvProblem(e) });
        failed.add(k);
        return [];
      }
    });
  }

  const table: RawTable = { file, kind: 'csv', columns: [], rows: [], problems, start: { line: 1, column: 1 } };
  if (records.length === 0) {
    problems.push({ line: 1, column: 1, message: 'the file is empty: a CSV input needs a header row' });
    return table;
  }
  if (failed.has(0)) return table;
  const head = records[0]!;
  const headVals = values[0]!;
  table.start = pos(head.start);
  readHeader(table, headVals, (k) => pos(head.fields[k]!));
  for (let r = 1; r < records.length; r++) {
    const rec = records[r]!;
    const vals = values[r]!;
    if (failed.has(r)) continue; // reported above as malformed
    const start = pos(rec.start);
    if (vals.length !== headVals.length) {
      problems.push({
        ...start,
        message: `this row has ${vals.length} ${vals.length === 1 ? 'value' : 'values'}, the header has ${headVals.length} columns`,
      });
    }
    const cells = new Map<string, RawCell>();
    for (const col of table.columns) {
      if (col.index >= vals.length) continue;
      cells.set(col.name, { text: vals[col.index]!, ...pos(rec.fields[col.index]!) });
    }
    const row: RawRow = { ...start, cells };
    table.rows.push(row);
  }
  return table;
}
