// chevrotain's grammar validations (ambiguous alternatives, left recursion, unreachable rules)
// are skipped in the shipped parser for start-up time; they must pass here.
import { describe, expect, it } from 'vitest';
import { CompParser } from '../../grammar/parser.js';

describe('grammar', () => {
  it('passes chevrotain self-analysis with validations on', () => {
    // performSelfAnalysis throws on any definition error when validations are on.
    expect(() => new CompParser({ validate: true })).not.toThrow();
  });
});
