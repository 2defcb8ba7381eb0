// fast-check arbitraries for the fuzz suite.
import fc from 'fast-check';
import type { Mutation } from './mutate.js';

const at = fc.nat(100_000);
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at, len: fc.nat(6) }),
  fc.record({ op: fc.constant('insert' as const), at, word: fc.nat(1000) }),
  fc.record({ op: fc.constant('replace' as const), at, word: fc.nat(1000) }),
  fc.record({ op: fc.constant('duplicate' as const), at, len: fc.nat(8) }),
  fc.record({ op: fc.constant('swap' as const), at, with: at }),
  fc.record({ op: fc.constant('rename' as const), name: fc.nat(1000), to: fc.nat(1000) }),
);
