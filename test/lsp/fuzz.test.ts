// The language server under random edit sessions over stdio: sample plans mutated at token
// boundaries (test/fuzz/mutate.ts), sent as quick successive full-text changes. The server stays
// up, never publishes diagnostics of a version older than one it already published, and its last
// diagnostics are those of the last version, equal to what the analysis API says of that text.
import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { LspClient, ROOT, uriOf } from './client.js';
import { corpus, mutate } from '../fuzz/mutate.js';
import { mutationArb } from '../fuzz/arbitraries.js';

describe('comp lsp --stdio under random edit sessions', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = await LspClient.start({ sampleData: join(ROOT, 'docs', 'examples', 'credit-split', 'data') });
  }, 30_000);
  afterAll(async () => {
    await client?.stop();
  });

  it('publishes only the newest version, and the right diagnostics for it', async () => {
    const seeds = corpus();
    const sessions = fc.sample(fc.tuple(fc.nat(seeds.length - 1), fc.array(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), { minLength: 5, maxLength: 12 })), { seed: 9351, numRuns: 6 });
    for (const [k, [i, edits]] of sessions.entries()) {
      const seed = seeds[i]!;
      const uri = uriOf(join(ROOT, 'test', 'lsp', `fuzz-${k}.comp`));
      const since = client.published.length;
      await client.open(uri, seed.text, 1);
      let text = seed.text;
      let version = 1;
      for (const muts of edits) {
        text = mutate({ ...seed, text, tokens: seed.tokens }, muts);
        await client.change(uri, ++version, text);
      }
      const last = await client.diagnostics(uri, version, 60_000, since);
      const mine = client.published.slice(since).filter((p) => p.uri === uri);
      const versions = mine.map((p) => p.version ?? 0);
      expect(versions, 'versions only grow').toEqual([...versions].sort((a, b) => a - b));
      expect(mine[mine.length - 1]!.version).toBe(version);
      const expected = analyze('x.comp', text).diagnostics.map((d) => d.code).sort();
      // the server may add notes of its own (COMP84xx, editor side)
      expect(last.diagnostics.map((d) => String(d.code)).filter((c) => !c.startsWith('COMP84')).sort(), `session ${k}`).toEqual(expected);
      expect(client.proc.exitCode, client.stderr).toBeNull();
    }
  }, 120_000);
});
