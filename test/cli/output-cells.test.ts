// Text from the data in `comp run` output: CSV cells a spreadsheet would run as formulas are
// neutralised (OWASP CSV injection; `--raw-csv` turns it off), terminal escape sequences are shown
// and not obeyed in the table, and CJK names align by display width.
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comp } from './helpers.js';
import { ROOT } from '../ide/plans.js';

const EXAMPLE = join(ROOT, 'docs', 'examples', 'credit-split');
const NAMES: Record<string, string> = { ada: '=HYPERLINK("http://x.test","ada")', ben: '\u001b[31mben\u001b[0m', cy: '山田太郎' };

function folder(): { plan: string; data: string } {
  const root = mkdtempSync(join(tmpdir(), 'comp-cells-'));
  const data = join(root, 'data');
  mkdirSync(data);
  const csvCell = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  for (const f of ['reps.csv', 'deals.csv', 'splits.csv']) {
    let text = readFileSync(join(EXAMPLE, 'data', f), 'utf8');
    for (const [k, v] of Object.entries(NAMES)) text = text.replace(new RegExp(`(^|,)${k}(?=,|$)`, 'gm'), `$1${csvCell(v)}`);
    writeFileSync(join(data, f), text);
  }
  const plan = join(root, 'plan.comp');
  writeFileSync(plan, readFileSync(join(EXAMPLE, 'plan.comp')));
  return { plan, data };
}

describe('data text in run output', () => {
  const { plan, data } = folder();
  it('CSV: formula cells start with a quote; --raw-csv writes them as they are', () => {
    const r = comp(['run', plan, '--data', data, '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`"'=HYPERLINK(""http://x.test"",""ada"")",2026-03,component,commission`);
    expect(r.stdout).not.toMatch(/^=|,=/m);
    const raw = comp(['run', plan, '--data', data, '--format', 'csv', '--raw-csv']);
    expect(raw.stdout).toContain(`"=HYPERLINK(""http://x.test"",""ada"")",2026-03,component,commission`);
  });
  it('table: escapes are shown, not obeyed; CJK names align', () => {
    const r = comp(['run', plan, '--data', data]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('\\x1B[31mben\\x1B[0m');
    const lines = r.stdout.split('\n').filter((l) => /^\S.*2026-03/.test(l));
    const col = (l: string) => {
      // display column where the period starts
      const i = l.indexOf('2026-03');
      return [...l.slice(0, i)].reduce((w, ch) => w + (/[\u3000-\u9fff]/.test(ch) ? 2 : 1), 0);
    };
    expect(new Set(lines.map(col)).size, lines.join('\n')).toBe(1);
  });
  it('explain: escapes in the rep name and in the trace (deal keys, values) are shown, not obeyed', () => {
    const r = comp(['explain', plan, '--data', data, '--rep', NAMES.ben!, '--period', '2026-03']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('statement for \\x1B[31mben\\x1B[0m, 2026-03');
  });
});
