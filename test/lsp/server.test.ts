// The real server process over stdio (`node bin/comp.js lsp --stdio`) with a JSON-RPC client:
// initialize, open, change, diagnostics, hover (previewed payout numbers), completion,
// definition, references, rename, formatting, code actions. Few and slow on purpose: the
// features themselves are tested on compiler/ide in test/ide.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient, ROOT, applyEdits, pos, uriOf } from './client.js';

const WORKSPACE = join(ROOT, 'test', 'editor', 'fixtures', 'workspace');
const SAMPLE = join(WORKSPACE, 'commission.comp');

/** The editor fixture plus a target rep: quota 50,000, an AE hired long ago. */
const PLAN = readFileSync(SAMPLE, 'utf8') + '\ntarget rep { monthly_quota: USD 50,000  role: "AE"  hire_date: 2020-01-01 }\n';
const URI = uriOf(join(WORKSPACE, 'lsp-test-plan.comp'));

describe('comp lsp --stdio', () => {
  let client: LspClient;

  beforeAll(async () => {
    client = await LspClient.start({ sampleData: join(WORKSPACE, 'data') });
    await client.open(URI, PLAN, 1);
  }, 30_000);

  afterAll(async () => {
    await client?.stop();
  });

  it('initializes and announces its features', () => {
    expect(client.serverName).toBe('comp language server');
    for (const cap of ['hoverProvider', 'completionProvider', 'definitionProvider', 'referencesProvider', 'renameProvider', 'documentSymbolProvider', 'documentFormattingProvider', 'codeActionProvider', 'semanticTokensProvider', 'foldingRangeProvider']) {
      expect(client.capabilities[cap], cap).toBeTruthy();
    }
  });

  it('publishes diagnostics on open: none with severity error for the sample', async () => {
    const p = await client.diagnostics(URI, 1);
    expect(p.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
  });

  it('publishes the new diagnostics after a change, with code, range and version; stale versions are never published', async () => {
    const since = client.published.length;
    const broken = PLAN.replace('let attainment = credit / quota', 'let attainment = credit / qouta');
    // Three quick edits: only the last version's diagnostics may be published.
    await client.change(URI, 2, PLAN.replace('quota', 'q'));
    await client.change(URI, 3, PLAN.replace('credit /', 'credit //'));
    await client.change(URI, 4, broken);
    const p = await client.diagnostics(URI, 4, 10_000, since);
    const d = p.diagnostics.find((x) => x.code === 'COMP2001');
    expect(d, JSON.stringify(p.diagnostics)).toBeDefined();
    expect(d!.range.start).toEqual(pos(broken, 'qouta'));
    expect(d!.data).toEqual({ suggestion: 'quota' });
    await new Promise((r) => setTimeout(r, 300));
    const versions = client.published.slice(since).filter((x) => x.uri === URI).map((x) => x.version);
    expect(versions).toEqual([4]);

    // the quick fix for it
    const actions = await client.request<{ title: string; kind: string; edit: { changes: Record<string, { range: never; newText: string }[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: d!.range,
      context: { diagnostics: [d] },
    });
    const fix = actions.find((a) => a.title.includes('`quota`'));
    expect(fix, JSON.stringify(actions.map((a) => a.title))).toBeDefined();
    expect(fix!.kind).toBe('quickfix');
    expect(applyEdits(broken, fix!.edit.changes[URI]!)).toBe(PLAN);

    await client.change(URI, 5, PLAN);
    const clean = await client.diagnostics(URI, 5, 10_000, since);
    expect(clean.diagnostics.filter((x) => x.severity === 1)).toEqual([]);
  });

  it('hovers a tier table reference with the payout at each attainment point, from the evaluator', async () => {
    // the first hover may come before the sample data is loaded: it says so; a later one has the figures
    let h: { contents: { kind: string; value: string } };
    for (let i = 0; ; i++) {
      h = await client.request<{ contents: { kind: string; value: string } }>('textDocument/hover', { textDocument: { uri: URI }, position: pos(PLAN, 'rate accelerator', 7) });
      if (!h.contents.value.includes('being loaded') || i > 100) break;
      expect(h.contents.value).toContain('**Payout preview**');
      await new Promise((r) => setTimeout(r, 200));
    }
    const md = h.contents.value;
    expect(h.contents.kind).toBe('markdown');
    expect(md).toContain('tiers accelerator');
    // 8% to 100%, 12% to 120%, 16% above, marginal, on a quota of 50,000.
    expect(md).toContain('| 50% | USD 25,000.00 | USD 2,000.00 |');
    expect(md).toContain('| 100% | USD 50,000.00 | USD 4,000.00 |');
    expect(md).toContain('| 120% | USD 60,000.00 | USD 5,200.00 |');
    expect(md).toContain('| 150% | USD 75,000.00 | USD 7,600.00 |');
    expect(md).toContain('| 200% | USD 100,000.00 | USD 11,600.00 |');
    expect(md).toMatch(/█/);
    // sample data: per rep
    expect(md).toMatch(/Payout on sample data/);
    expect(md).toMatch(/\| r1 \| [\d.]+% \| [^|]+ \| USD \d/);
  });

  it('hovers a cap with the whole component (multiplier x1.1 at 150% and more)', async () => {
    const h = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: URI }, position: pos(PLAN, 'cap USD', 1) });
    expect(h.contents.value).toContain('| 150% | USD 75,000.00 | USD 8,360.00 |');
  });

  it('hovers a name with its type and doc comment', async () => {
    const h = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: URI }, position: pos(PLAN, 'rep.monthly_quota', 5) });
    expect(h.contents.value).toContain('field reps.monthly_quota: money (USD)');
  });

  it('completes the fields of the roster after `rep.`', async () => {
    const text = PLAN.replace('let quota = rep.monthly_quota', 'let quota = rep.');
    await client.change(URI, 6, text);
    const items = await client.request<{ label: string; kind: number }[]>('textDocument/completion', { textDocument: { uri: URI }, position: pos(text, 'let quota = rep.', 16) });
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['monthly_quota', 'role', 'hire_date', 'manager']));
    await client.change(URI, 7, PLAN);
  });

  it('goes to the definition, finds references and renames', async () => {
    const at = { textDocument: { uri: URI }, position: pos(PLAN, 'rate accelerator', 7) };
    const def = await client.request<{ range: { start: unknown } }>('textDocument/definition', at);
    expect(def.range.start).toEqual(pos(PLAN, 'tiers accelerator', 6));
    const refs = await client.request<{ range: { start: unknown } }[]>('textDocument/references', { ...at, context: { includeDeclaration: true } });
    expect(refs.map((r) => r.range.start)).toEqual([pos(PLAN, 'tiers accelerator', 6), pos(PLAN, 'rate accelerator', 5)]);
    const edit = await client.request<{ changes: Record<string, { range: never; newText: string }[]> }>('textDocument/rename', { ...at, newName: 'ladder' });
    const renamed = applyEdits(PLAN, edit.changes[URI]!);
    expect(renamed).toContain('tiers ladder marginal');
    expect(renamed).toContain('rate ladder');
    expect(renamed).not.toContain('accelerator');
  });

  it('formats a document, keeping comments', async () => {
    const messy = PLAN.replace('let quota = rep.monthly_quota', 'let   quota=rep.monthly_quota   # the quota').replace('  from 100% to 120% pays 12%', 'from 100% to 120%   pays 12%');
    await client.change(URI, 8, messy);
    const edits = await client.request<{ range: never; newText: string }[]>('textDocument/formatting', { textDocument: { uri: URI }, options: { tabSize: 2, insertSpaces: true } });
    const out = applyEdits(messy, edits);
    expect(out).toContain('let quota = rep.monthly_quota # the quota\n');
    expect(out).toContain('  from 100% to 120% pays 12%\n');
    await client.change(URI, 9, PLAN);
  });

  it('offers the band-gap fix and the otherwise fix', async () => {
    const gap = PLAN.replace('from 100% to 120% pays 12%', 'from 110% to 120% pays 12%');
    await client.change(URI, 10, gap);
    const p = await client.diagnostics(URI, 10);
    const d = p.diagnostics.find((x) => x.code === 'COMP4001');
    expect(d, JSON.stringify(p.diagnostics)).toBeDefined();
    const actions = await client.request<{ title: string; edit: { changes: Record<string, { range: never; newText: string }[]> } }[]>('textDocument/codeAction', { textDocument: { uri: URI }, range: d!.range, context: { diagnostics: [d] } });
    const fix = actions.find((a) => a.title.startsWith('Start this band at'));
    expect(fix).toBeDefined();
    expect(applyEdits(gap, fix!.edit.changes[URI]!)).toBe(PLAN);
    await client.change(URI, 11, PLAN);
  });

  it('code lenses over each component and inlay hints, with sample figures; explain answers the trace', async () => {
    const lenses = await client.request<{ range: { start: unknown }; command: { title: string; command: string; arguments: unknown[] } }[]>('textDocument/codeLens', { textDocument: { uri: URI } });
    expect(lenses.map((l) => l.range.start)).toEqual([pos(PLAN, 'component commission', 0), pos(PLAN, 'component override', 0)]);
    expect(lenses[0]!.command.title).toMatch(/^pays USD [\d,.]+ (on sample data · \d+ reps? · explain|a year at 100% of quota \(target rep\) · explain)$/);
    expect(lenses[0]!.command).toMatchObject({ command: 'comp.explainPayout', arguments: [URI, 'commission'] });
    const hints = await client.request<{ position: { line: number }; label: string }[]>('textDocument/inlayHint', { textDocument: { uri: URI }, range: { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } } });
    expect(hints.find((h) => h.position.line === pos(PLAN, 'from 0%   to 100%', 0).line)?.label).toMatch(/USD [\d,.]+ a year at 100%/);
    const ex = await client.request<{ text: string }>('comp/explain', { uri: URI, rep: 'r1', period: '2026-01' });
    expect(ex.text).toContain('r1');
    expect(ex.text).toContain('2026-01');
  });

  it('refuses a rename that would break the plan, with the reason', async () => {
    const err = await client.request('textDocument/rename', { textDocument: { uri: URI }, position: pos(PLAN, 'let quota', 5), newName: 'target_amount' }).then(
      () => undefined,
      (e: { message: string }) => e.message,
    );
    expect(err).toMatch(/looked up by name/);
  });

  it('answers document symbols and semantic tokens', async () => {
    const syms = await client.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    expect(syms.map((s) => s.name)).toEqual(expect.arrayContaining(['reps', 'deals', 'accelerator', 'commission', 'override', 'target rep']));
    const toks = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: URI } });
    expect(toks.data.length % 5).toBe(0);
    expect(toks.data.length).toBeGreaterThan(100);
  });
});
