// Text from the data as it is written into output: CSV cells a spreadsheet would run as formulas,
// control characters a terminal would obey, and widths as a terminal displays them.
import { stringify } from 'csv-stringify/sync';
import stringWidth from 'string-width';

/**
 * OWASP "CSV injection": a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is
 * run as a formula by spreadsheet programs (`=HYPERLINK(...)`). Such a text cell is written with a
 * leading `'`, which spreadsheets show as text. Numbers the tool itself writes are never touched.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * CSV text (RFC 4180, csv-stringify); `text` columns are neutralised unless `raw`. Every row ends
 * with a line break, so rows made in parts (no header after the first) give the same text as whole.
 */
export function csvRows(header: string[] | undefined, rows: string[][], textColumns: Set<number>, raw = false): string {
  const cells = raw ? rows : rows.map((r) => r.map((c, i) => (textColumns.has(i) ? neutraliseFormula(c) : c)));
  const all = header ? [header, ...cells] : cells;
  return all.length === 0 ? '' : stringify(all, { record_delimiter: '\n' });
}

/** Control characters (C0, DEL, C1) shown as `\xHH`: a terminal sees text, never an escape sequence. */
export function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Columns a terminal uses for the text (CJK characters take two). */
export function displayWidth(text: string): number {
  // printable ASCII is one column a character (string-width's own first case); the bundle sets
  // string-width up only on the first other text (scripts/bundle.mjs)
  return /^[\x20-\x7e]*$/.test(text) ? text.length : stringWidth(text);
}

/** Pad to a display width. */
export function padDisplay(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}
