// Property: the checker (and lowering, and the runtime's compilation of the IR) never throw and
// never hit an internal error, whatever edits are made to real plans: every sample, example and
// acceptance plan, cut, spliced and re-ordered at token boundaries.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { CompLexer } from '../../grammar/index.js';
import { analyze } from '../../compiler/analysis.js';
import { compilePlan } from '../../runtime/evaluate.js';

const root = join(import.meta.dirname, '..', '..');
const files = (await glob(['samples/**/*.comp', 'docs/examples/**/*.comp', 'test/acceptance/cases/**/*.comp'], { cwd: root })).sort();
const plans = files.map((f) => readFileSync(join(root, f), 'utf8'));

type Edit = { kind: 'delete' | 'duplicate' | 'swap' | 'cut'; a: number; b: number };
const edit: fc.Arbitrary<Edit> = fc.record({ kind: fc.constantFrom('delete', 'duplicate', 'swap', 'cut'), a: fc.nat(), b: fc.nat() });

function apply(text: string, e: Edit): string {
  const toks = CompLexer.tokenize(text).tokens;
  if (!toks.length) return text;
  const t = toks[e.a % toks.length]!;
  const u = toks[e.b % toks.length]!;
  const [s, end] = [t.startOffset, t.startOffset + t.image.length];
  switch (e.kind) {
    case 'delete':
      return text.slice(0, s) + text.slice(end);
    case 'duplicate':
      return text.slice(0, u.startOffset) + t.image + ' ' + text.slice(u.startOffset);
    case 'swap': {
      if (u.startOffset <= end) return text;
      return text.slice(0, s) + u.image + text.slice(end, u.startOffset) + t.image + text.slice(u.startOffset + u.image.length);
    }
    case 'cut':
      return text.slice(0, s);
  }
}

describe('the checker is total on edited plans', () => {
  it('has plans to edit', () => {
    expect(plans.length).toBeGreaterThan(20);
  });

  it('never throws and never reports an internal error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: plans.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 }), (i, edits) => {
        const text = edits.reduce(apply, plans[i]!);
        const a = analyze(files[i]!, text);
        const internal = a.diagnostics.filter((d) => d.code === 'COMP1999');
        expect(internal, `${files[i]} after ${JSON.stringify(edits)}`).toEqual([]);
        for (const d of a.diagnostics) {
          expect(d.span.start).toBeGreaterThanOrEqual(0);
          expect(d.span.end).toBeLessThanOrEqual(text.length);
        }
        if (a.ir) compilePlan(a.ir);
      }),
      { numRuns: 150 },
    );
  }, 180_000);
});
