// `comp statement --format pdf`: the statement's page printed by headless Chromium
// (playwright-core, the machine's Chromium; nothing downloaded). A PDF per rep with --out-dir;
// without a Chromium the command says so with COMP8456 (exit 1), never a crash.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { comp } from '../cli/helpers.js';

const ART = 'test-artifacts/workbench/pdf';
const EX = 'docs/examples/marginal-tiers';
const CHROMIUM = process.env.COMP_CHROMIUM ?? '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('comp statement --format pdf', { timeout: 300_000 }, () => {
  it('one statement, and one per rep with --out-dir', () => {
    rmSync(ART, { recursive: true, force: true });
    mkdirSync(ART, { recursive: true });
    const one = path.join(ART, 'ada-2026-Q1.pdf');
    const r = comp(['statement', `${EX}/plan.comp`, '--data', `${EX}/data`, '--rep', 'ada', '--period', '2026-Q1', '--format', 'pdf', '--out', one]);
    expect(r.code, r.stderr).toBe(0);
    const pdf = readFileSync(one);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-8).toString('latin1')).toContain('%%EOF');
    expect(pdf.length).toBeGreaterThan(10_000);
    const dir = path.join(ART, 'all');
    const all = comp(['statement', `${EX}/plan.comp`, '--data', `${EX}/data`, '--period', '2026-Q1', '--format', 'pdf', '--out-dir', dir]);
    expect(all.code, all.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['ada-2026-Q1.pdf', 'ben-2026-Q1.pdf']);
  });

  it('pdf needs a file to write to (usage, exit 2); a missing Chromium is COMP8456 (exit 1)', () => {
    const r = comp(['statement', `${EX}/plan.comp`, '--data', `${EX}/data`, '--rep', 'ada', '--period', '2026-Q1', '--format', 'pdf']);
    expect(r.code).toBe(2);
    const none = comp(['statement', `${EX}/plan.comp`, '--data', `${EX}/data`, '--rep', 'ada', '--period', '2026-Q1', '--format', 'pdf', '--out', path.join(ART, 'x.pdf')], { COMP_CHROMIUM: '/no/such/chromium' });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('COMP8456');
    expect(none.stderr).not.toContain('internal error');
  });
});
