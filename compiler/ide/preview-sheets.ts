// XLSX workbooks in the sample data: reading a workbook is asynchronous (exceljs), previews are
// synchronous, so the preview worker reads the sample folder's workbooks before it runs a job
// (`prepareSampleSheets`) and the synchronous loaders take them from this cache (`sampleSheets`),
// matched to the plan's tables as `comp run --data` matches them (compiler/data/xlsx.ts: a sheet
// named after the table or its file's stem). Cached by the folder's files (names, sizes, times)
// and the plan's table declarations; exceljs is loaded only when the folder has a workbook.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Sheets } from '../data/xlsx.js';
import type { FullAnalysis } from '../analysis.js';

export interface TableSource {
  name: string;
  source: string;
}

/** Folder and table declarations -> the files' signature and the sheets read for them. */
const cache = new Map<string, { files: string; sheets: Sheets }>();

function workbooksOf(folder: string): string[] {
  try {
    return readdirSync(folder)
      .filter((n) => n.toLowerCase().endsWith('.xlsx') && !n.startsWith('~$'))
      .sort();
  } catch {
    return [];
  }
}

function filesKey(folder: string, books: string[]): string {
  return books
    .map((b) => {
      try {
        const st = statSync(path.join(folder, b));
        return `${b}:${st.size}:${st.mtimeMs}`;
      } catch {
        return `${b}:gone`;
      }
    })
    .join('|');
}

function cacheKey(folder: string, tables: TableSource[]): string {
  return JSON.stringify([path.resolve(folder), tables.filter((t) => t.source).map((t) => [t.name, t.source])]);
}

/** The table declarations of a plan (from its syntax: also for a plan with errors). */
export function tableSources(a: FullAnalysis): TableSource[] {
  const out: TableSource[] = [];
  for (const it of a.plan.items) {
    if (it.kind !== 'TableDecl') continue;
    const src = it.source;
    if (src && typeof src.value === 'string' && src.value && it.name?.text) out.push({ name: it.name.text, source: src.value });
  }
  return out;
}

/** Read the folder's workbooks for these tables, unless the cache holds them already. True: what it holds changed. */
export async function prepareSampleSheets(folder: string | undefined, tables: TableSource[]): Promise<boolean> {
  if (!folder) return false;
  const books = workbooksOf(folder);
  const key = cacheKey(folder, tables);
  if (!books.length) return cache.delete(key);
  const files = filesKey(folder, books);
  if (cache.get(key)?.files === files) return false;
  const { readSheets } = await import('../data/xlsx.js');
  const sheets = await readSheets(tables, [folder]);
  if (cache.size > 16) cache.delete(cache.keys().next().value!);
  cache.set(key, { files, sheets });
  return true;
}

/** The sheets read for this folder and these tables, if they are current. */
export function sampleSheets(folder: string, tables: TableSource[]): Sheets | undefined {
  const e = cache.get(cacheKey(folder, tables));
  if (!e) return undefined;
  const books = workbooksOf(folder);
  return books.length && e.files === filesKey(folder, books) ? e.sheets : undefined;
}

/** The workbook a sheet label (`/x/book.xlsx:deals`) belongs to. */
export function workbookOf(label: string): string {
  const m = /^(.*\.xlsx):[^/\\]*$/i.exec(label);
  return m ? m[1]! : label;
}
