// Pull diagnostics (textDocument/diagnostic) for a client that supports them: the server declares
// a diagnostic provider, answers each pull with the diagnostics of the version the client has
// ("unchanged" when nothing changed since the result it names) and pushes nothing for open plans.
// Clients without the capability (Neovim 0.7) keep getting publishDiagnostics (server.test.ts).
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient, pos, uriOf } from './client.js';

interface Report {
  kind: 'full' | 'unchanged';
  resultId?: string;
  items?: { code?: string; message: string; range: { start: { line: number; character: number } } }[];
}

const PLAN = `plan "Pull"
currency USD
periods monthly from 2026-01 to 2026-03
rounding half away from zero to 0.01 per payout line

roster reps from "reps.csv" {
  id: text key
  monthly_quota: money
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  amount: money
  date: date
}

credit deals
  amount deal.amount
  date deal.date
  to deal.owner

let quota = rep.monthly_quota

component commission "Commission" {
  on credit
  basis period total
  rate 5%
}
`;

describe('comp lsp --stdio: pull diagnostics', () => {
  let client: LspClient;
  const uri = uriOf(join(tmpdir(), 'comp-pull', 'plan.comp'));

  beforeAll(async () => {
    client = await LspClient.start({}, undefined, { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } });
  }, 30_000);

  afterAll(async () => {
    await client?.stop();
  });

  const pull = (previousResultId?: string) => client.request<Report>('textDocument/diagnostic', { textDocument: { uri }, previousResultId });

  it('declares a diagnostic provider to a client that supports pulling', () => {
    expect(client.capabilities['diagnosticProvider']).toMatchObject({ interFileDependencies: false, workspaceDiagnostics: false });
  });

  it('answers each pull with the diagnostics of the current version, and pushes none for open plans', async () => {
    await client.open(uri, PLAN.replace('monthly_quota\n\ncomponent', 'monthly_quotaa\n\ncomponent'), 1);
    const first = await pull();
    expect(first.kind).toBe('full');
    expect(first.items?.map((d) => d.code)).toContain('COMP2003');
    // the keystroke that fixes it: the next pull has no error
    await client.change(uri, 2, PLAN);
    const second = await pull(first.resultId);
    expect(second.kind).toBe('full');
    expect(second.items?.filter((d) => d.code?.startsWith('COMP2'))).toEqual([]);
    // nothing changed since: "unchanged"
    const third = await pull(second.resultId);
    expect(third).toEqual({ kind: 'unchanged', resultId: second.resultId });
    // a new error, located
    const broken = PLAN.replace('rate 5%', 'rate qouta');
    await client.change(uri, 3, broken);
    const fourth = await pull(third.resultId);
    const err = fourth.items?.find((d) => d.code === 'COMP2001');
    expect(err?.range.start).toEqual(pos(broken, 'qouta'));
    await new Promise((r) => setTimeout(r, 300));
    // pushed for this uri: at most the empty list that clears a closed file's diagnostics on open
    expect(client.published.filter((p) => p.uri === uri && p.diagnostics.length)).toEqual([]);
  });
});
