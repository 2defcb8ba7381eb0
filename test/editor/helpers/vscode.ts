// Real VS Code in a browser: code-server on loopback with the packaged extension installed,
// driven by Debian's Chromium through playwright-core (recipe: /work/shared/recipes).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './paths.js';

/** Builds the .vsix with `npm run package` (bundles the client and lsp/server.ts) and returns its path. */
export function buildVsix(): string {
  const r = spawnSync(process.execPath, [join(ROOT, 'vscode-extension', 'scripts', 'build.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (r.status !== 0) throw new Error(`npm run package failed:\n${r.stdout}\n${r.stderr}`);
  const version = JSON.parse(readFileSync(join(ROOT, 'vscode-extension', 'package.json'), 'utf8')).version as string;
  const vsix = join(ROOT, `comp-${version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`npm run package did not write ${vsix}`);
  return vsix;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface CodeServer {
  url: string;
  dir: string;
  /** The opened folder (a copy of the fixture workspace). */
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  process: ChildProcess;
  log(): string;
  stop(): Promise<void>;
}

/**
 * Installs `vsix` into a fresh extensions folder and starts code-server on a free loopback
 * port, opening a copy of `workspace`, with `settings` as the user settings.
 */
export async function startCodeServer(opts: {
  codeServer: string;
  vsix: string;
  workspace: string;
  settings: (workspaceCopy: string) => Record<string, unknown>;
  /** Folders copied into the workspace copy: { 'crm': '<repo>/samples/crm' }. */
  extraFolders?: Record<string, string>;
  /** Environment of code-server (and so of the extension host and the language server). */
  env?: Record<string, string>;
}): Promise<CodeServer> {
  const dir = mkdtempSync(join(tmpdir(), 'comp-code-server-'));
  const userDataDir = join(dir, 'user-data');
  const extensionsDir = join(dir, 'extensions');
  const workspace = join(dir, 'workspace');
  cpSync(opts.workspace, workspace, { recursive: true });
  for (const [name, from] of Object.entries(opts.extraFolders ?? {})) cpSync(from, join(workspace, name), { recursive: true });
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.colorTheme': 'Default Dark Modern',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'editor.hover.delay': 300,
        'editor.minimap.enabled': false,
        // Typing in the tests must not be taken by a completion list.
        'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
        'editor.suggestOnTriggerCharacters': false,
        'editor.acceptSuggestionOnEnter': 'off',
        'editor.wordBasedSuggestions': 'off',
        'chat.commandCenter.enabled': false,
        ...opts.settings(workspace),
      },
      null,
      2,
    ),
  );

  const install = spawnSync(
    opts.codeServer,
    ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', opts.vsix],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (install.status !== 0 || !readdirSync(extensionsDir).some((d) => d.startsWith('comp-lang.comp-'))) {
    throw new Error(`code-server --install-extension failed (${install.status}):\n${install.stdout}\n${install.stderr}`);
  }

  const port = await freePort();
  let output = '';
  const child = spawn(
    opts.codeServer,
    [
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      workspace,
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VSCODE_PROXY_URI: '', ...opts.env } },
  );
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`code-server did not listen on ${url} within 60 s:\n${output}`);
    await sleep(250);
  }

  return {
    url,
    dir,
    workspace,
    userDataDir,
    extensionsDir,
    process: child,
    log: () => output,
    async stop() {
      if (child.exitCode === null && child.pid) {
        try {
          process.kill(-child.pid, 'SIGTERM'); // the process group this helper started
        } catch {
          /* already gone */
        }
        await Promise.race([exited, sleep(5_000)]);
        if (child.exitCode === null) {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Lines of the extension host's logs (activation is logged there), and the extension's own output. */
export function extensionHostLogs(userDataDir: string): string {
  const logs = join(userDataDir, 'logs');
  if (!existsSync(logs)) return '';
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.log') && (p.includes('exthost') || name.includes('comp'))) out.push(`--- ${p}\n${readFileSync(p, 'utf8')}`);
    }
  };
  walk(logs);
  return out.join('\n');
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/** Opens the workbench on `folder` and waits until it is ready. */
export async function openWorkbench(browser: Browser, url: string, folder: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  // The status bar is the last part of the workbench to appear.
  await page.waitForSelector('#workbench\\.parts\\.statusbar', { timeout: 60_000 });
  return page;
}

/** Quick Open (Ctrl+P) a file by name and wait until its editor is active (and shows `expectText`, if given). */
export async function openFile(page: Page, name: string, expectText?: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(name);
  // Wait until the file is the chosen (focused) row: the list first shows recent files.
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active`, { hasText: name }).first().waitFor({ timeout: 15_000 });
  await page
    .locator('.editor-instance .view-lines', expectText ? { hasText: expectText } : {})
    .first()
    .waitFor({ state: 'visible', timeout: 20_000 });
}

/** Go to Line (Quick Open `:N`): moves the cursor to `line` (1-based) and scrolls it into view. */
export async function goToLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}`);
  await page.locator('.quick-input-widget', { hasText: `line ${line}` }).first().waitFor({ timeout: 10_000 }).catch(() => undefined);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}

export interface TokenSpan {
  text: string;
  color: string;
  className: string;
}

/** The rendered token spans of the visible editor, with their computed colours. */
export async function tokenSpans(page: Page): Promise<TokenSpan[]> {
  return page.evaluate(() => {
    const editor = document.querySelector('.editor-instance .monaco-editor .view-lines') ?? document.querySelector('.monaco-editor .view-lines');
    if (!editor) return [];
    return [...editor.querySelectorAll('.view-line span > span')].map((el) => ({
      text: (el.textContent ?? '').replace(/\u00a0/g, ' '), // monaco renders spaces as nbsp
      color: getComputedStyle(el).color,
      className: el.className,
    }));
  });
}

/** The text of the rendered lines of the active editor, top to bottom (spaces normalised). */
export async function visibleLines(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll('.editor-instance .view-lines .view-line')] as HTMLElement[];
    return lines
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((el) => (el.textContent ?? '').replace(/\u00a0/g, ' ').replace(/\s+$/, ''));
  });
}

/** The Problems counts from the status bar, e.g. { errors: 1, warnings: 0 }. */
export async function problemsCount(page: Page): Promise<{ errors: number; warnings: number; label: string }> {
  const item = page.locator('[id="status.problems"]').first();
  await item.waitFor({ timeout: 10_000 });
  const label = ((await item.getAttribute('aria-label')) ?? '') + ' | ' + (await item.innerText());
  const aria = (await item.getAttribute('aria-label')) ?? '';
  const num = (re: RegExp) => Number(re.exec(aria)?.[1] ?? NaN);
  let errors = num(/(\d+)\s+Errors?/i);
  let warnings = num(/(\d+)\s+Warnings?/i);
  if (Number.isNaN(errors) || Number.isNaN(warnings)) {
    const nums = (await item.innerText()).match(/\d+/g)?.map(Number) ?? [];
    errors = Number.isNaN(errors) ? nums[0] ?? NaN : errors;
    warnings = Number.isNaN(warnings) ? nums[1] ?? NaN : warnings;
  }
  return { errors, warnings, label };
}

/** Waits until the status bar's problem counts satisfy `ok`. */
export async function waitForProblems(
  page: Page,
  ok: (p: { errors: number; warnings: number }) => boolean,
  timeoutMs: number,
): Promise<{ errors: number; warnings: number; label: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const p = await problemsCount(page);
    if (ok(p) || Date.now() > deadline) return p;
    await sleep(250);
  }
}

/**
 * Hovers the first rendered occurrence of `word` on the editor line containing `lineText`
 * and returns the text of the hover widget once `done` accepts it (or whatever shows after `timeoutMs`).
 */
export async function hoverWord(
  page: Page,
  lineText: string,
  word: string,
  timeoutMs: number,
  done: (text: string) => boolean = (t) => t !== '' && !/^Loading\.\.\.$/m.test(t),
  repoint = true,
): Promise<string> {
  const line = page.locator('.editor-instance .view-line', { hasText: lineText }).first();
  await line.waitFor({ timeout: 10_000 });
  const span = line.locator('span > span', { hasText: word }).first();
  // where the word is now (the editor may still be scrolling to it): the same box twice in a row
  const where = async () => {
    let last = await span.boundingBox();
    for (let i = 0; i < 20; i++) {
      await sleep(100);
      const now = await span.boundingBox();
      if (now && last && now.x === last.x && now.y === last.y) return now;
      last = now;
    }
    return last;
  };
  let box = await where();
  if (!box) throw new Error(`\`${word}\` is not rendered on the line \`${lineText}\``);
  const point = async () => {
    box = (await where()) ?? box!;
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.mouse.move(box.x + Math.min(box.width / 2, 12), box.y + box.height / 2, { steps: 4 });
  };
  await point();
  const deadline = Date.now() + timeoutMs;
  let text = '';
  let lastMove = Date.now();
  while (Date.now() < deadline) {
    text = await page.evaluate(() =>
      [...document.querySelectorAll('.monaco-hover:not(.hidden)')]
        .map((el) => (el as HTMLElement).innerText.trim())
        .filter(Boolean)
        .join('\n'),
    );
    if (done(text)) return text;
    // No hover shown yet (the editor may have dismissed it, e.g. while the server was still
    // starting), or not yet the one wanted (figures still being computed): move away and point
    // again, as a person would.
    if ((text === '' || (repoint && !/^Loading\.\.\.$/m.test(text))) && Date.now() - lastMove > 8_000) {
      await page.mouse.move(box!.x + 2, box!.y + box!.height * 4);
      await sleep(200);
      await point();
      lastMove = Date.now();
    }
    await sleep(250);
  }
  return text;
}

/** Runs a command of the Command Palette by (a unique part of) its label. */
export async function runCommand(page: Page, label: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${label}`);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: label }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 15_000 });
}

/** The rows of the Problems panel (a file row, then its problems), top to bottom. */
export async function problemsPanelRows(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((el) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
  );
}

/** The titles of the code lenses shown in the active editor. */
export async function codeLensTitles(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.editor-instance .codelens-decoration a, .editor-instance .codelens-decoration > span')]
      .map((el) => ((el as HTMLElement).innerText ?? '').replace(/\u00a0/g, ' ').trim())
      .filter(Boolean),
  );
}

/**
 * Ctrl+. at the cursor: the titles of the code actions offered, or [] when the editor says
 * there are none ("No code actions available"). Closes the menu or the message.
 */
export async function codeActionsAtCursor(page: Page, timeoutMs: number): Promise<{ titles: string[]; message: string }> {
  await page.keyboard.press('Control+Period');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await page.evaluate(() => {
      const menu = [...document.querySelectorAll('.action-widget .monaco-list-row')].map((el) => (el as HTMLElement).innerText.trim()).filter(Boolean);
      const message = [...document.querySelectorAll('.monaco-editor-overlaymessage')].map((el) => (el as HTMLElement).innerText.trim()).join(' ');
      return { titles: menu, message };
    });
    if (r.titles.length || /no code actions/i.test(r.message) || Date.now() > deadline) {
      return r;
    }
    await sleep(200);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
