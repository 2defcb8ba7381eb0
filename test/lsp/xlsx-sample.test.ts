// Sample data as an XLSX workbook in the editor: the preview worker reads the folder's workbooks
// (asynchronously, cached) and the sample run, the document links and COMP8400 see each sheet as
// `comp run --data` does (a sheet named after the table or its file's stem). The real server.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient, ROOT } from './client.js';
import { comp } from '../cli/helpers.js';

const EX = join(ROOT, 'docs', 'examples', 'credit-split');
const dir = mkdtempSync(join(tmpdir(), 'comp-lsp-xlsx-'));
const PLAN = join(dir, 'plan.comp');
const URI = pathToFileURL(PLAN).href;

async function workbook(): Promise<void> {
  const data = join(dir, 'data');
  mkdirSync(data);
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('reps').addRows([['id', 'name', 'role'], ['ada', 'Ada', 'AE'], ['ben', 'Ben', 'AE'], ['cy', 'Cy', 'Specialist']]);
  const d = (day: number) => new Date(Date.UTC(2026, 2, day));
  wb.addWorksheet('deals').addRows([['id', 'owner', 'stage', 'close_date', 'amount'], ['D1', 'ada', 'Won', d(10), 200000], ['D2', 'ben', 'Won', d(12), 50000], ['D3', 'ada', 'Lost', d(14), 30000]]);
  wb.addWorksheet('splits').addRows([['deal', 'rep', 'share', 'overlay'], ['D1', 'ada', '70%', false], ['D1', 'ben', '30%', false], ['D1', 'cy', '25%', true]]);
  await wb.xlsx.writeFile(join(data, 'book.xlsx'));
}

describe('comp lsp: XLSX sample data', { timeout: 120_000 }, () => {
  let client: LspClient;
  beforeAll(async () => {
    copyFileSync(join(EX, 'plan.comp'), PLAN);
    await workbook();
    client = await LspClient.start();
  }, 60_000);
  afterAll(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the plan on the workbook as comp run does, links the tables to it, and warns about none', async () => {
    await client.open(URI, readFileSync(PLAN, 'utf8'));
    // the first diagnostics may come before the workbook is read; then they are renewed
    let since = 0;
    let last = await client.diagnostics(URI, 1, 30_000);
    while (last.diagnostics.some((d) => d.code === 'COMP8400')) {
      since = client.published.indexOf(last) + 1;
      last = await client.diagnostics(URI, 1, 30_000, since);
    }
    expect(last.diagnostics.filter((d) => d.code === 'COMP8400')).toEqual([]);
    const run = await client.request<{ text: string }>('comp/run', { uri: URI });
    // the same statements as the CSV sample data give through the CLI
    const cli = comp(['run', join(EX, 'plan.comp'), '--data', join(EX, 'data')]);
    expect(cli.code).toBe(0);
    expect(run.text.startsWith(cli.stdout.trimEnd())).toBe(true);
    expect(run.text).toContain('Total paid:         USD 27,500.00');
    const links = await client.request<{ target?: string }[]>('textDocument/documentLink', { textDocument: { uri: URI } });
    expect(links.length).toBe(3);
    for (const l of links) expect(l.target).toMatch(/book\.xlsx$/);
  });
});
