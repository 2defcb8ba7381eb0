// `comp fmt` replaces a plan atomically (a temporary file renamed over it), keeps its mode and
// links, and never writes over text it did not read (COMP8305).
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, lstatSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError, replaceFileAtomic } from '../../compiler/cli/shared.js';
import { FX, ROOT, comp } from './helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'comp-fmt-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
// a plan of the fixtures, its indentation spoiled
const UGLY = readFileSync(path.join(ROOT, FX, 'plans', 'good.comp'), 'utf8').replace(/\n {2}(?=\S)/g, '\n     ');

describe('comp fmt writes atomically', { timeout: 120_000 }, () => {
  it('formats through a temporary file: mode and links kept, nothing left beside it', () => {
    const real = path.join(tmp, 'real.comp');
    writeFileSync(real, UGLY);
    chmodSync(real, 0o640);
    const link = path.join(tmp, 'link.comp');
    symlinkSync(real, link);
    const r = comp(['fmt', link]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(real, 'utf8')).not.toBe(UGLY);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync(real).mode & 0o777).toBe(0o640);
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('never writes over a file that changed after it was read (COMP8305)', () => {
    const f = path.join(tmp, 'edited.comp');
    writeFileSync(f, 'plan "saved by an editor meanwhile"\n');
    let err: unknown;
    try {
      replaceFileAtomic(f, UGLY, 'formatted text\n');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).code).toBe('COMP8305');
    expect(readFileSync(f, 'utf8')).toBe('plan "saved by an editor meanwhile"\n');
    expect(readdirSync(tmp).filter((x) => x.endsWith('.tmp'))).toEqual([]);
  });

  it('a file it cannot replace is an error with a code, the file as it was (COMP8303)', () => {
    const dir = path.join(tmp, 'ro');
    let err: unknown;
    try {
      replaceFileAtomic(path.join(dir, 'missing.comp'), '', 'x');
    } catch (e) {
      err = e;
    }
    expect((err as UsageError).code).toBe('COMP8303');
  });
});
