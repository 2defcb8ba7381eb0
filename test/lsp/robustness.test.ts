// Broken text through the real server process: every sample plan cut at token boundaries
// (a spread of cut points per plan) is opened, and hover, completion and document symbols are
// requested at several offsets. Every request must be answered (no error response), and the
// server must keep publishing diagnostics for each version. The exhaustive version of this
// (every cut, every feature) runs on the compiler/ide API in test/ide/robustness.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompLexer } from '../../grammar/index.js';
import { LineIndex } from '../../compiler/syntax/lines.js';
import { LspClient, ROOT, uriOf } from './client.js';

const PLANS = ['samples/crm/plan.comp', 'samples/manager-plan/plan.comp', 'samples/bonuses/plan.comp', 'samples/global-team/plan.comp', 'samples/settlement/plan.comp', 'samples/regional-team/plan.comp'];
const CUTS_PER_PLAN = 8;

function cutPoints(text: string): number[] {
  const toks = CompLexer.tokenize(text).tokens;
  const out: number[] = [];
  for (let i = 1; i <= CUTS_PER_PLAN; i++) {
    const t = toks[Math.floor((toks.length * i) / (CUTS_PER_PLAN + 1))];
    if (t) out.push(t.startOffset);
  }
  return out;
}

describe('comp lsp --stdio on broken text', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = await LspClient.start({ debounceMs: 0 });
  });
  afterAll(async () => {
    await client?.stop();
  });

  for (const rel of PLANS) {
    it(`answers every request on ${rel} cut at ${CUTS_PER_PLAN} token boundaries`, async () => {
      const full = readFileSync(join(ROOT, rel), 'utf8');
      const uri = uriOf(join(ROOT, rel.replace(/\.comp$/, '.cut.comp')));
      let version = 1;
      await client.open(uri, full, version);
      await client.diagnostics(uri, version);
      for (const cut of cutPoints(full)) {
        const text = full.slice(0, cut);
        version++;
        const since = client.published.length;
        await client.change(uri, version, text);
        const published = await client.diagnostics(uri, version, 20_000, since);
        expect(published.version).toBe(version);
        const index = new LineIndex(text);
        for (const offset of [0, Math.floor(cut / 3), Math.floor((2 * cut) / 3), Math.max(0, cut - 1)]) {
          const p = index.position(offset);
          const position = { line: p.line, character: p.column };
          // An error response rejects the request and fails the test.
          const hover = await client.request<unknown>('textDocument/hover', { textDocument: { uri }, position });
          expect(hover === null || typeof hover === 'object').toBe(true);
          const completion = await client.request<unknown>('textDocument/completion', { textDocument: { uri }, position });
          expect(completion === null || typeof completion === 'object').toBe(true);
        }
        const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
        expect(Array.isArray(symbols)).toBe(true);
      }
      expect(client.stderr).not.toMatch(/TypeError|RangeError|ReferenceError|Unhandled/);
      await client.notify('textDocument/didClose', { textDocument: { uri } });
    });
  }
});
