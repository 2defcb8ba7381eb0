// Every input that once crashed or hung the tools, kept as a fixture (test/fuzz/regressions/):
// each goes through analyze, format, lowering and evaluation without a throw or an internal
// error, and gets the diagnostic it should.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { exercise } from './harness.js';
import { ROOT } from '../ide/plans.js';

const DIR = join(ROOT, 'test', 'fuzz', 'regressions');

/** The codes each fixture must get (none: it must be clean). */
const EXPECTED: Record<string, string[]> = {
  'field-type-tostring.comp': ['COMP2004'],
  'field-type-constructor.comp': ['COMP2004'],
  'field-type-hasownproperty.comp': ['COMP2004'],
  'call-tostring.comp': ['COMP2005'],
  'table-named-tostring.comp': [],
  'nested-parens-160.comp': ['COMP1350'],
  'sum-10000-terms.comp': ['COMP1351'],
  'prefix-minus-3000.comp': ['COMP1350'],
  'if-chain-1000.comp': ['COMP1350'],
  'field-chain-3000.comp': ['COMP1351'],
  'errors-80.comp': ['COMP1101'],
  // found by the 1M fuzz run (npm run fuzz, seed 1): a multiplier literal as a band's rate
  'tier-band-multiplier-recovered.comp': ['COMP1101', 'COMP3008'],
  'tier-pays-multiplier.comp': ['COMP3008'],
  'seasonal-two-by.comp': ['COMP5002'],
  // issue 9: one `by` per call, the second one reported at its place
  'seasonal-by-twice.comp': ['COMP5002'],
  // a scorecard that reads itself, directly or through a let (seed 1 inputs 660,824 and 667,024)
  'scorecard-reads-itself.comp': ['COMP2009'],
  'scorecard-through-let.comp': ['COMP2009'],
  'scorecard-let-first.comp': ['COMP2009'],
};

describe('regression fixtures', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.comp')).sort();
  it('lists an expectation for every fixture', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });
  for (const f of files) {
    it(f, () => {
      const text = readFileSync(join(DIR, f), 'utf8');
      const o = exercise(text);
      expect(o.failures).toEqual([]);
      const codes = new Set(analyze(f, text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code));
      if (!EXPECTED[f]!.length) expect([...codes]).toEqual([]);
      for (const c of EXPECTED[f]!) expect(codes, `${f} gets ${c}`).toContain(c);
      if (!EXPECTED[f]!.length) expect(o.evaluated, `${f} is clean and runs`).toBe(true);
      if (!EXPECTED[f]!.includes('COMP2009')) expect(codes.has('COMP2009'), 'no false "defined in terms of itself"').toBe(false);
    });
  }
  it('a second `by` in a call is reported at its own place, with a hint (issue 9)', () => {
    const text = readFileSync(join(DIR, 'seasonal-by-twice.comp'), 'utf8');
    const d = analyze('seasonal-by-twice.comp', text).diagnostics.find((x) => x.code === 'COMP5002')!;
    expect(text.slice(d.span.start, d.span.end)).toBe('by quarter 25%');
    expect(d.hint).toContain('one `by');
    expect(d.related?.[0]?.message).toBe('given here first');
  });
  it('80 syntax errors are each reported', () => {
    const text = readFileSync(join(DIR, 'errors-80.comp'), 'utf8');
    const syntax = analyze('errors-80.comp', text).diagnostics.filter((d) => d.code.startsWith('COMP1'));
    expect(syntax.length).toBeGreaterThanOrEqual(80);
  });
});
