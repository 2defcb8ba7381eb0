// Data-driven checker tests: each case is a plan next to the golden of its rendered diagnostics.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { renderAll } from '../../compiler/diagnostics/render.js';
import { expectGolden } from '../helpers/golden.js';

const dir = join(import.meta.dirname, 'cases');
const cases = readdirSync(dir).filter((f) => f.endsWith('.comp')).sort();

describe('checker diagnostics (golden)', () => {
  const codes = new Set<string>();
  for (const file of cases) {
    it(file, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const a = analyze(file, text);
      expect(a.diagnostics.length, 'a checker case must produce diagnostics').toBeGreaterThan(0);
      for (const d of a.diagnostics) {
        codes.add(d.code);
        expect(d.message).not.toMatch(/\n/);
        expect(d.span.start).toBeLessThanOrEqual(d.span.end);
        expect(d.span.end).toBeLessThanOrEqual(text.length);
      }
      expectGolden(join(dir, file.replace(/\.comp$/, '.diag.txt')), renderAll(a.diagnostics, () => text));
    });
  }
  it('covers at least 15 distinct error codes', () => {
    expect(codes.size).toBeGreaterThanOrEqual(15);
  });
});
