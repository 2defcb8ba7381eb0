// The workspace over stdio: closed .comp files are checked from disk on start and when they
// change, workspace symbols span files, `from "x.csv"` links to the sample data file, and a file
// missing from the sample data is a COMP8400 warning.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient, ROOT, pos, uriOf } from './client.js';

const FIXTURE = join(ROOT, 'test', 'editor', 'fixtures', 'workspace');

describe('comp lsp --stdio: the workspace', () => {
  let dir: string;
  let client: LspClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'comp-ws-'));
    cpSync(FIXTURE, dir, { recursive: true });
    client = await LspClient.start({ workspaceRoot: dir });
  }, 30_000);

  afterAll(async () => {
    await client?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the problems of a closed broken file on start, and again when it changes on disk', async () => {
    const uri = uriOf(join(dir, 'broken.comp'));
    const p = await client.diagnostics(uri, undefined, 30_000);
    expect(p.diagnostics.map((d) => d.code)).toContain('COMP2001');
    const since = client.published.length;
    writeFileSync(join(dir, 'broken.comp'), (await import('node:fs')).readFileSync(join(dir, 'commission.comp'), 'utf8'));
    await client.rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    const q = await client.diagnostics(uri, undefined, 30_000, since);
    expect(q.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
  });

  it('finds symbols across the workspace', async () => {
    await client.diagnostics(uriOf(join(dir, 'commission.comp')), undefined, 30_000);
    const syms = await client.request<{ name: string; location: { uri: string } }[]>('workspace/symbol', { query: 'accel' });
    expect(syms.map((s) => s.name)).toContain('accelerator');
  });

  it('links `from "deals.csv"` to the sample data file and warns about a file the sample data lacks', async () => {
    const uri = uriOf(join(dir, 'links.comp'));
    const text = (await import('node:fs')).readFileSync(join(dir, 'commission.comp'), 'utf8').replace('from "cancellations.csv"', 'from "cancelled.csv"');
    await client.open(uri, text, 1);
    const p = await client.diagnostics(uri, 1, 30_000);
    const missing = p.diagnostics.find((d) => d.code === 'COMP8400');
    expect(missing?.message).toContain('cancelled.csv');
    expect(missing?.range.start).toEqual(pos(text, '"cancelled.csv"', 1));
    const links = await client.request<{ target: string; range: { start: unknown } }[]>('textDocument/documentLink', { textDocument: { uri } });
    expect(links.map((l) => l.target)).toContain(uriOf(join(dir, 'data', 'deals.csv')));
    expect(links.map((l) => l.target).some((t) => t.includes('cancelled'))).toBe(false);
  });
});
