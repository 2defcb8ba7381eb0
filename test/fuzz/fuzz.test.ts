// The fuzz suite's fixed budget in `npm test`: sample plans mutated at token boundaries (fast-check,
// fixed seed), sample plans with every declared name renamed to an Object.prototype member, and
// hostile data cells. No input may throw or produce an internal error. `npm run fuzz` runs the
// same generators for a million inputs (test/fuzz/run.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exercise, PROTO_NAMES } from './harness.js';
import { corpus, mutate, names, renameAll, type Mutation } from './mutate.js';
import { mutationArb } from './arbitraries.js';

describe('fuzz (fixed budget)', () => {
  it('mutated sample plans never throw or fail internally', async () => {
    const seeds = corpus();
    await fc.assert(
      fc.asyncProperty(fc.nat(seeds.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), async (i, muts: Mutation[]) => {
        // Each input lets the worker's event loop turn: a long synchronous loop on a loaded
        // machine starves vitest's own messages ("Timeout calling onTaskUpdate").
        await new Promise<void>((r) => setImmediate(r));
        const text = mutate(seeds[i]!, muts);
        const o = exercise(text, { evaluate: true });
        expect(o.failures, text).toEqual([]);
      }),
      { seed: 9350, numRuns: 800 },
    );
  });

  it('a declared name renamed to an Object.prototype member keeps the plan working', () => {
    const seeds = corpus().filter((s) => /credit-split|manager-plan|bonuses/.test(s.file));
    let evaluated = 0;
    for (const seed of seeds) {
      for (const [k, name] of names(seed).entries()) {
        const to = PROTO_NAMES[k % PROTO_NAMES.length]!;
        if (to.startsWith('_')) continue; // not a name the lexer reads
        const o = exercise(renameAll(seed, name, to));
        expect(o.failures, `${seed.file}: ${name} -> ${to}`).toEqual([]);
        if (o.evaluated) evaluated++;
      }
    }
    expect(evaluated).toBeGreaterThan(10);
  });
});
