// Neovim (headless) as the language client of `comp lsp --stdio`: the server any editor
// other than VS Code starts. Fails (never skips) when Neovim is missing: run
// scripts/editors/setup.sh.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runNeovim, type NeovimResult } from './helpers/neovim.js';
import { BROKEN_PLAN, SAMPLE_DATA, SAMPLE_PLAN, WORKSPACE, positionOf } from './helpers/paths.js';
import { HOVER_TARGET, PAYOUT_PREVIEW, hasSamplePayout, findNeovim, lspCommand } from './helpers/tools.js';

describe('Neovim with comp lsp --stdio', () => {
  let result: NeovimResult;

  beforeAll(async () => {
    const nvim = findNeovim();
    const cmd = lspCommand();
    const text = readFileSync(SAMPLE_PLAN, 'utf8');
    const at = positionOf(text, HOVER_TARGET.line, HOVER_TARGET.line.indexOf(HOVER_TARGET.word) + 2);
    const dot = positionOf(text, 'let quota = rep.', 'let quota = rep.'.length);
    const use = positionOf(text, 'rate accelerator', 'rate '.length + 2);
    const clean = positionOf(text, 'let attainment = credit / quota');
    const doc = (name: string, method: string, params: Record<string, unknown>) => ({ name, method, file: SAMPLE_PLAN, params });
    result = await runNeovim({
      nvim,
      cmd,
      root: WORKSPACE,
      // broken.comp's problem is published before it is opened (the workspace check)
      closed: [BROKEN_PLAN],
      files: [SAMPLE_PLAN, BROKEN_PLAN],
      hover: { file: SAMPLE_PLAN, line: at.line, character: at.character },
      requests: [
        doc('completion', 'textDocument/completion', { position: { line: dot.line, character: dot.character } }),
        doc('definition', 'textDocument/definition', { position: { line: use.line, character: use.character } }),
        doc('codeLens', 'textDocument/codeLens', {}),
        doc('symbols', 'textDocument/documentSymbol', {}),
        doc('codeActions', 'textDocument/codeAction', { range: { start: { line: clean.line, character: 0 }, end: { line: clean.line, character: 0 } }, context: { diagnostics: [] } }),
        doc('formatting', 'textDocument/formatting', { options: { tabSize: 2, insertSpaces: true } }),
        { name: 'workspaceSymbols', method: 'workspace/symbol', params: { query: 'accel' } },
      ],
      settings: { comp: { sampleData: SAMPLE_DATA } },
      waitMs: 15_000,
    });
  }, 150_000);

  const context = () => JSON.stringify({ ...result, stderr: result.stderr.slice(-2000) }, null, 2);

  it('starts the server and initializes', () => {
    expect(result.initialized, context()).toBe(true);
    expect(result.hoverProvider, 'the server announces hoverProvider').toBe(true);
  });

  it('publishes no errors for the sample plan', () => {
    const diags = result.diagnostics[SAMPLE_PLAN];
    expect(diags, `no publishDiagnostics for ${SAMPLE_PLAN}\n${context()}`).toBeTruthy();
    expect(diags!.filter((d) => d.severity === 1), context()).toEqual([]);
  });

  it('publishes the misspelt name in the broken plan as COMP2001, on its line', () => {
    const diags = result.diagnostics[BROKEN_PLAN];
    expect(diags, `no publishDiagnostics for ${BROKEN_PLAN}\n${context()}`).toBeTruthy();
    // The use in `credit / qouta` (the doc comment on line 1 names the word too).
    const at = positionOf(readFileSync(BROKEN_PLAN, 'utf8'), 'credit / qouta', 'credit / '.length);
    const hit = diags!.find((d) => d.code === 'COMP2001');
    expect(hit, `COMP2001 among ${JSON.stringify(diags)}`).toBeDefined();
    expect(hit!.severity).toBe(1);
    expect(hit!.range.start).toEqual({ line: at.line, character: at.character });
    expect(hit!.range.end).toEqual({ line: at.line, character: at.character + 'qouta'.length });
  });

  it('hovers the rate with a payout preview on the sample data', () => {
    expect(result.hover, `no hover\n${context()}`).toBeTruthy();
    expect(result.hover).toMatch(PAYOUT_PREVIEW.title);
    expect(result.hover).toMatch(PAYOUT_PREVIEW.amount);
    expect(hasSamplePayout(result.hover!), `one of ${PAYOUT_PREVIEW.sampleAmounts.join(', ')} in:\n${result.hover}`).toBe(true);
  });

  it('publishes the problem of the broken plan before it is opened (workspace diagnostics)', () => {
    const diags = result.closed[BROKEN_PLAN];
    expect(diags, `no diagnostics for the closed ${BROKEN_PLAN}\n${context()}`).toBeTruthy();
    expect(diags!.map((d) => d.code)).toContain('COMP2001');
  });

  it('completes, goes to the definition, shows code lenses, the outline, workspace symbols; no quick fix on a clean line', () => {
    const text = readFileSync(SAMPLE_PLAN, 'utf8');
    const completion = result.answers['completion'] as { items?: { label: string }[] } | { label: string }[] | null;
    const items = Array.isArray(completion) ? completion : (completion?.items ?? []);
    expect(items.map((i) => i.label), context()).toContain('monthly_quota');
    const def = result.answers['definition'] as { range: { start: { line: number } } }[] | { range: { start: { line: number } } } | null;
    const target = Array.isArray(def) ? def[0] : def;
    expect(target?.range.start.line, context()).toBe(positionOf(text, 'tiers accelerator').line);
    const lenses = (result.answers['codeLens'] as { command?: { title: string } }[] | null) ?? [];
    expect(lenses.map((l) => l.command?.title).join(' | '), context()).toMatch(/pays USD [\d,]+\.\d\d on sample data · \d+ reps? · explain/);
    const symbols = (result.answers['symbols'] as { name: string }[] | null) ?? [];
    expect(symbols.map((x) => x.name)).toEqual(expect.arrayContaining(['commission', 'accelerator']));
    const ws = (result.answers['workspaceSymbols'] as { name: string }[] | null) ?? [];
    expect(ws.map((x) => x.name)).toContain('accelerator');
    expect(result.answers['codeActions'] ?? []).toEqual([]);
    expect(Array.isArray(result.answers['formatting'] ?? [])).toBe(true);
  });

  it('reports no client-side errors', () => {
    expect(result.errors).toEqual([]);
  });
});
