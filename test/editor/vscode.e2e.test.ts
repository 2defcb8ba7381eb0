// The packaged extension in real VS Code (code-server 4.100.3) driven through Debian's
// Chromium: build the .vsix (`npm run package`), install it, open the sample workspace,
// check colouring, the Problems count of a broken plan and the payout preview on hover.
// Fails (never skips) when code-server or Chromium is missing: run scripts/editors/setup.sh.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, SAMPLE_PLAN, WORKSPACE } from './helpers/paths.js';
import { HOVER_TARGET, PAYOUT_PREVIEW, hasSamplePayout, findChromium, findCodeServer } from './helpers/tools.js';
import {
  buildVsix,
  extensionHostLogs,
  goToLine,
  hoverWord,
  launchBrowser,
  openFile,
  openWorkbench,
  startCodeServer,
  tokenSpans,
  visibleLines,
  waitForProblems,
  type CodeServer,
  type TokenSpan,
} from './helpers/vscode.js';

describe('VS Code (code-server) with the packaged extension', () => {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    const codeServer = findCodeServer();
    const chromiumPath = findChromium();
    const vsix = buildVsix();
    server = await startCodeServer({
      codeServer,
      vsix,
      workspace: WORKSPACE,
      settings: (ws) => ({ 'comp.sampleData': join(ws, 'data') }),
    });
    browser = await launchBrowser(chromiumPath);
    page = await openWorkbench(browser, server.url, server.workspace);
  }, 150_000);

  afterAll(async () => {
    if (page) {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'vscode-final.png') }).catch(() => undefined);
    }
    if (server) {
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, 'vscode-logs.txt'), `--- code-server\n${server.log()}\n${extensionHostLogs(server.userDataDir)}`);
    }
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }, 30_000);

  const diagnostics = () => `\n--- code-server\n${server?.log().slice(-3000)}\n${extensionHostLogs(server?.userDataDir ?? '').slice(-6000)}`;

  it('colours a plan with the extension grammar and activates the extension', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await openFile(page, 'commission.comp', 'Field Sales H1 2026');
    // The language mode in the status bar comes from the extension's contribution.
    await expect.poll(async () => page.locator('[id="status.editor.mode"]').innerText(), { timeout: 10_000 }).toMatch(/comp/i);

    // The first lines: `## doc`, `plan "Field Sales H1 2026"`, `currency USD`, `periods monthly from 2026-01 ...`.
    let spans: TokenSpan[] = [];
    await expect
      .poll(async () => {
        spans = await tokenSpans(page);
        return new Set(spans.map((t) => t.color)).size;
      }, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(5);
    const colour = (pred: (text: string) => boolean) => spans.find((s) => pred(s.text.trim()))?.color;
    const found = {
      plain: colour((t) => t === ''), // the spaces between tokens have the editor's foreground
      keyword: colour((t) => t === 'plan'),
      string: colour((t) => t === '"Field Sales H1 2026"' || t.startsWith('"Field')),
      comment: colour((t) => t.startsWith('## Field sales plan')),
      currency: colour((t) => t === 'USD'),
      period: colour((t) => t === '2026-01'),
    };
    for (const [what, c] of Object.entries(found)) {
      expect(c, `no ${what} span among ${JSON.stringify(spans.slice(0, 40))}`).toBeTruthy();
    }
    expect(colour((t) => t === 'currency'), 'declarations share a colour').toBe(found.keyword);
    expect(colour((t) => t === 'periods')).toBe(found.keyword);
    const distinct = new Set(Object.values(found));
    expect(distinct.size, `colours: ${JSON.stringify(found)}`).toBe(Object.keys(found).length);
    await page.screenshot({ path: join(ARTIFACTS, 'vscode-colouring.png') });

    // The extension is activated (onLanguage:comp or workspaceContains, whichever comes first).
    await expect
      .poll(() => extensionHostLogs(server!.userDataDir), { timeout: 20_000 })
      .toMatch(/_doActivateExtension comp-lang\.comp\b/);
    expect(extensionHostLogs(server!.userDataDir)).not.toMatch(/Activating extension .comp-lang\.comp. failed/i);
  }, 60_000);

  it('shows the broken plan\'s error in the Problems count', async () => {
    await openFile(page, 'broken.comp', 'qouta');
    const problems = await waitForProblems(page, (p) => p.errors >= 1, 30_000);
    await page.screenshot({ path: join(ARTIFACTS, 'vscode-problems.png') });
    expect(problems.errors, `status bar: ${problems.label}${diagnostics()}`).toBe(1);
  }, 60_000);

  it('hovers the rate with a payout preview on the sample data', async () => {
    await openFile(page, 'commission.comp', 'Field Sales H1 2026');
    const line = readFileSync(SAMPLE_PLAN, 'utf8').split('\n').findIndex((l) => l.includes(HOVER_TARGET.line)) + 1;
    await goToLine(page, line);
    // The first preview loads the sample data; a loaded 2-core CI machine needs room for it.
    const text = await hoverWord(page, HOVER_TARGET.line, HOVER_TARGET.word, 75_000, (t) =>
      PAYOUT_PREVIEW.title.test(t) && hasSamplePayout(t),
    );
    await page.screenshot({ path: join(ARTIFACTS, 'vscode-hover.png') });
    expect(text, `hover text${diagnostics()}`).toMatch(PAYOUT_PREVIEW.title);
    expect(text).toMatch(PAYOUT_PREVIEW.amount);
    expect(hasSamplePayout(text), `one of ${PAYOUT_PREVIEW.sampleAmounts.join(', ')} in:\n${text}`).toBe(true);
  }, 120_000);

  it('auto-closes and indents blocks and toggles # comments (language configuration)', async () => {
    await openFile(page, 'commission.comp');
    await expect.poll(async () => page.locator('[id="status.editor.mode"]').innerText(), { timeout: 10_000 }).toMatch(/comp/i);
    // The language configuration reaches the editor a moment after the language mode shows.
    await page.waitForTimeout(2_000);
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('component extra {');
    await page.keyboard.press('Enter');
    await page.keyboard.type('rate 1%');
    await expect
      .poll(async () => {
        const lines = await visibleLines(page);
        const at = lines.findIndex((l) => l.startsWith('component extra {'));
        return lines.slice(at, at + 3);
      }, { timeout: 5_000 })
      .toEqual(['component extra {', '  rate 1%', '}']);
    await page.keyboard.press('Escape'); // close the completion list, which would take Ctrl+/
    await page.keyboard.press('Control+Slash');
    await expect
      .poll(async () => (await visibleLines(page)).includes('  # rate 1%'), { timeout: 5_000 })
      .toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'vscode-editing.png') });
  }, 30_000);
});
