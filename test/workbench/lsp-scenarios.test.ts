// The language server runs a scenario file's scenarios on open and on save and reports failed
// expectations as diagnostics on the expected value (the real server over stdio).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient, ROOT, uriOf } from '../lsp/client.js';

const FILE = join(ROOT, 'test', 'workbench', 'fixtures', 'marginal.comptest');
const URI = uriOf(FILE);

describe('comp lsp: scenario files', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = await LspClient.start();
  }, 30_000);
  afterAll(async () => {
    await client?.stop();
  });

  it('announces save notifications, and reports the failed expectation of the file on open and on save', async () => {
    expect((client.capabilities['textDocumentSync'] as { save?: unknown }).save).toBeTruthy();
    const text = readFileSync(FILE, 'utf8');
    await client.notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'comptest', version: 1, text } });
    const opened = await client.diagnostics(URI, 1, 20_000);
    expect(opened.diagnostics.map((d) => [d.code, d.range.start.line, d.message.split('\n')[0]])).toEqual([['COMP8454', 16, 'expected USD 99.00, the plan pays USD 12,000.00']]);
    // fix the figure and save: no diagnostics left
    const fixed = text.replace('paid = USD 99.00', 'paid = USD 12,000.00');
    const since = client.published.length;
    await client.change(URI, 2, fixed);
    await client.notify('textDocument/didSave', { textDocument: { uri: URI } });
    const saved = await client.diagnostics(URI, 2, 20_000, since);
    expect(saved.diagnostics).toEqual([]);
  });

  it('plan features never read a scenario file as a plan (hover, symbols, folding, lenses are empty)', async () => {
    const text = readFileSync(FILE, 'utf8');
    const uri = URI.replace('marginal.comptest', 'marginal-features.comptest');
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'comptest', version: 1, text } });
    const td = { textDocument: { uri } };
    expect(await client.request('textDocument/hover', { ...td, position: { line: 2, character: 3 } })).toBeNull();
    expect(await client.request('textDocument/documentSymbol', td)).toEqual([]);
    expect(await client.request('textDocument/codeLens', td)).toEqual([]);
    expect(await client.request('textDocument/semanticTokens/full', td)).toMatchObject({ data: [] });
  });
});
