// --out: written whole (a temporary file renamed over the target), never over an input, and a
// folder or a missing folder is a usage error with a code (exit 2), never a crash.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FX, ROOT, comp } from './helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'comp-out-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
cpSync(path.join(ROOT, FX, 'split'), path.join(tmp, 'split'), { recursive: true });
const PLAN = path.join(tmp, 'split', 'plan.comp');
const DATA = path.join(tmp, 'split', 'data');
const before = (f: string) => readFileSync(f, 'utf8');

describe('--out', { timeout: 180_000 }, () => {
  it.each([
    ['a folder', () => tmp, 'COMP8300', /is a folder: name a file/],
    ['a missing folder', () => path.join(tmp, 'no', 'such', 'out.csv'), 'COMP8301', /does not exist/],
    ['the plan', () => PLAN, 'COMP8302', /is an input of this command/],
    ['a data file', () => path.join(DATA, 'deals.csv'), 'COMP8302', /is an input of this command/],
  ])('to %s is a usage error (exit 2) with its code', (_name, out, code, message) => {
    const target = (out as () => string)();
    const was = target.endsWith('.comp') || target.endsWith('.csv') ? (() => { try { return before(target); } catch { return undefined; } })() : undefined;
    const r = comp(['run', PLAN, '--data', DATA, '--format', 'json', '--out', target]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
    const doc = JSON.parse(r.stdout);
    expect(doc.problems[0].code).toBe(code);
    if (was !== undefined) expect(before(target)).toBe(was);
  });

  it('writes the file whole and leaves no temporary file beside it', () => {
    const out = path.join(tmp, 'payouts.csv');
    const r = comp(['run', PLAN, '--data', DATA, '--format', 'csv', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`wrote ${out}`);
    expect(before(out)).toMatch(/^rep,period,kind,name,label,amount,exact\n/);
    // again over the existing file: replaced, not appended
    expect(comp(['explain', PLAN, '--data', DATA, '--rep', 'ada', '--period', '2026-03', '--out', out]).code).toBe(0);
    expect(before(out)).toMatch(/statement for ada, 2026-03/);
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
