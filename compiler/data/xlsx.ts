// XLSX workbooks as data (exceljs): each sheet is a table, its first row the header. A sheet is
// the table whose name it bears, or whose file stem it bears (`deals` for `from "deals.csv"`).
// Cells become text as the CSV reader's cells are (numbers in their shortest exact decimal text,
// dates as YYYY-MM-DD, formulas as their saved result); a cell holding an error (#DIV/0!) or a
// formula without a saved result is COMP6358. Positions are rows and columns of the sheet, shown
// as `book.xlsx:deals!E3`. Reading is asynchronous, so the command line reads workbooks before
// loading (`sheets` in LoadOptions); the files obey the same rules as every data file (sandbox.ts).
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { readDataBytes, roots, inside, type SourceOptions, type SourceProblem } from './sandbox.js';
import { cellRef, type RawCell, type RawColumn, type RawRow, type RawTable } from './raw.js';
import { realpathSync, readdirSync, statSync } from 'node:fs';

/** `book.xlsx:deals`: a sheet's file label; errors print it with the cell as `book.xlsx:deals!E3`. */
export function sheetLabel(file: string, sheet: string): string {
  return `${file}:${sheet}`;
}


const pad = (n: number) => String(n).padStart(2, '0');

/** A cell's text, or an `invalid` reason. */
function cellText(v: ExcelJS.CellValue): { text: string | null; invalid?: string } {
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'string') return { text: v };
  if (typeof v === 'number') return { text: Number.isFinite(v) ? String(v) : '' };
  if (typeof v === 'boolean') return { text: v ? 'true' : 'false' };
  if (v instanceof Date) return { text: `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}` };
  if (typeof v === 'object') {
    if ('error' in v) return { text: null, invalid: `holds the error ${String((v as ExcelJS.CellErrorValue).error)}` };
    if ('richText' in v) return { text: (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('') };
    if ('text' in v && typeof (v as { text: unknown }).text === 'string') return { text: (v as { text: string }).text };
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) return { text: null, invalid: 'holds a formula without a saved result: save the workbook with its formulas calculated' };
      return cellText(result as ExcelJS.CellValue);
    }
  }
  return { text: null, invalid: 'holds a value that cannot be a cell of a table' };
}

function sheetTable(file: string, ws: ExcelJS.Worksheet): RawTable {
  const label = sheetLabel(file, ws.name);
  const table: RawTable = { file: label, kind: 'csv', columns: [], rows: [], problems: [], start: { line: 1, column: 1 } };
  const header = ws.getRow(1);
  const byCol = new Map<number, RawColumn>();
  header.eachCell({ includeEmpty: false }, (cell, col) => {
    const t = cellText(cell.value);
    const name = (t.text ?? '').trim();
    if (!name) return;
    const c: RawColumn = { name, line: 1, column: col, index: byCol.size };
    byCol.set(col, c);
  });
  table.columns = [...byCol.values()];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) continue;
    const cells = new Map<string, RawCell>();
    for (const [col, c] of byCol) {
      const t = cellText(row.getCell(col).value);
      cells.set(c.name, t.invalid ? { text: null, line: r, column: col, invalid: `cell ${cellRef(r, col)} of sheet \`${ws.name}\` ${t.invalid}`, code: 'COMP6358' } : { text: t.text, line: r, column: col });
    }
    const raw: RawRow = { line: r, column: 1, cells };
    table.rows.push(raw);
  }
  return table;
}

/** The workbooks among the inputs: files named with --data, and .xlsx files in the data folders. */
export function workbookFiles(inputs: string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    if (input === '-') continue;
    let isDir = false;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      continue;
    }
    if (!isDir) {
      if (/\.xlsx$/i.test(input)) out.push(input);
      continue;
    }
    for (const n of readdirSync(input).sort()) if (/\.xlsx$/i.test(n) && !n.startsWith('~$')) out.push(path.join(input, n));
  }
  return out;
}

export interface Sheets {
  /** Table name -> its sheet. */
  tables: Map<string, RawTable>;
  /** Workbooks that are read (for the note on files no table reads). */
  files: Set<string>;
  problems: SourceProblem[];
}

/** Read the workbooks among the inputs and match their sheets to the plan's tables. */
export async function readSheets(tables: { name: string; source: string }[], inputs: string[], opts: SourceOptions = {}): Promise<Sheets> {
  const out: Sheets = { tables: new Map(), files: new Set(), problems: [] };
  const allowed = roots(inputs, opts);
  for (const file of workbookFiles(inputs)) {
    const named = inputs.includes(file);
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      continue;
    }
    if (!named && !allowed.some((r) => inside(r, real))) continue;
    const bytes = readDataBytes(file, opts);
    if ('problem' in bytes) {
      out.problems.push(bytes.problem);
      continue;
    }
    // loaded here, not at start-up: exceljs is large and only workbooks need it
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    try {
      await wb.xlsx.load(bytes.bytes as unknown as ExcelJS.Buffer);
    } catch (e) {
      out.problems.push({ def: (await import('../diagnostics/codes.js')).Codes.MalformedFile, file, args: { problem: `not a readable XLSX workbook: ${(e as Error).message}` } });
      continue;
    }
    for (const ws of wb.worksheets) {
      const t = tables.find((x) => x.name === ws.name || path.basename(x.source).replace(/\.(csv|json|xlsx|parquet)$/i, '') === ws.name);
      if (!t || out.tables.has(t.name)) continue;
      out.tables.set(t.name, sheetTable(file, ws));
      out.files.add(file);
    }
  }
  return out;
}
