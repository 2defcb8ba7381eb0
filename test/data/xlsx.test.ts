// XLSX workbooks as data: each sheet a table (by table name or file stem), cells read as the CSV
// reader reads them, cell errors located as file:sheet!A1 (COMP6358). Through the CLI.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { comp } from '../cli/helpers.js';

const PLAN = 'docs/examples/credit-split/plan.comp';

async function workbook(amountD3: ExcelJS.CellValue): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'comp-xlsx-'));
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('reps').addRows([['id', 'name', 'role'], ['ada', 'Ada', 'AE'], ['ben', 'Ben', 'AE'], ['cy', 'Cy', 'Specialist']]);
  const d = (day: number) => new Date(Date.UTC(2026, 2, day));
  wb.addWorksheet('deals').addRows([['id', 'owner', 'stage', 'close_date', 'amount'], ['D1', 'ada', 'Won', d(10), 200000], ['D2', 'ben', 'Won', d(12), 50000], ['D3', 'ada', 'Lost', d(14), amountD3]]);
  wb.addWorksheet('splits').addRows([['deal', 'rep', 'share', 'overlay'], ['D1', 'ada', '70%', false], ['D1', 'ben', '30%', false], ['D1', 'cy', '25%', true]]);
  await wb.xlsx.writeFile(join(dir, 'book.xlsx'));
  return dir;
}

describe('XLSX workbooks as data', () => {
  it('pays what the same tables in CSV pay', async () => {
    const dir = await workbook(30000);
    const fromXlsx = comp(['run', PLAN, '--data', dir, '--format', 'csv']);
    expect(fromXlsx.stderr).toBe('');
    expect(fromXlsx.code).toBe(0);
    const fromCsv = comp(['run', PLAN, '--data', 'docs/examples/credit-split/data', '--format', 'csv']);
    expect(fromXlsx.stdout).toBe(fromCsv.stdout);
  });
  it('locates a cell error as file:sheet!cell (COMP6358)', async () => {
    const dir = await workbook({ error: '#DIV/0!' } as ExcelJS.CellErrorValue);
    const r = comp(['run', PLAN, '--data', join(dir, 'book.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'book.xlsx')}:deals!E4: error[COMP6358]: cell E4 of sheet \`deals\` holds the error #DIV/0!`);
  });
});
