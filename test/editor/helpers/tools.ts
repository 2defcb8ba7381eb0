// Locating the editors, the browser and the language server for the e2e tests. A missing
// tool is a failure (never a skip) whose message says how to install it.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { ROOT } from './paths.js';

export const SETUP_HINT =
  'run `scripts/editors/setup.sh` (installs neovim and chromium from Debian and code-server 4.100.3 into ~/.cache/comp-editors)';

/** The cache folder scripts/editors/setup.sh installs into. */
export const EDITORS_CACHE = process.env.COMP_EDITORS_CACHE ?? join(homedir(), '.cache', 'comp-editors');

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
}

function need(what: string, path: string | undefined): string {
  if (!path || !existsSync(path)) throw new Error(`${what} not found${path ? ` at ${path}` : ''}: ${SETUP_HINT}`);
  return path;
}

/** Neovim: $COMP_NVIM, or `nvim` on the PATH. */
export function findNeovim(): string {
  return need('Neovim (nvim)', process.env.COMP_NVIM ?? onPath('nvim'));
}

/** code-server: $COMP_CODE_SERVER, or the launcher setup.sh writes. */
export function findCodeServer(): string {
  return need('code-server', process.env.COMP_CODE_SERVER ?? join(EDITORS_CACHE, 'bin', 'code-server'));
}

/** Debian's Chromium: $COMP_CHROMIUM, /usr/bin/chromium, or `chromium` on the PATH. */
export function findChromium(): string {
  const path = process.env.COMP_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : onPath('chromium'));
  return need('Chromium', path);
}

/**
 * The language server as an editor outside VS Code starts it: `node bin/comp.js lsp --stdio`.
 * bin/comp.js runs the compiled CLI (dist/, written by `npm run build`, which `npm test` runs
 * first). COMP_E2E_LSP_CMD (a JSON array) replaces the command, to check the harness itself.
 */
export function lspCommand(): string[] {
  if (process.env.COMP_E2E_LSP_CMD) return JSON.parse(process.env.COMP_E2E_LSP_CMD) as string[];
  const bin = join(ROOT, 'bin', 'comp.js');
  if (!existsSync(bin)) throw new Error(`${bin} does not exist`);
  const m = /import\s+['"](.+?)['"]/.exec(readFileSync(bin, 'utf8'));
  const target = m ? join(ROOT, 'bin', m[1]!) : undefined;
  if (target && !existsSync(target)) {
    throw new Error(`bin/comp.js runs ${m![1]}, which is not built: run \`npm run build\` (npm test does it first)`);
  }
  return [process.execPath, bin, 'lsp', '--stdio'];
}

/** What the hover over a component's rate must show: a payout preview computed on the sample data. */
export const PAYOUT_PREVIEW = {
  /** The word "payout" (e.g. "Payout preview") ... */
  title: /payout/i,
  /** ... and at least one amount written as plans write money, e.g. `USD 4,600.00`. */
  amount: /\bUSD\s?-?\d{1,3}(,\d{3})*(\.\d{2})?\b/,
  /**
   * ... and one of the plan-year figures of `commission` that `comp run
   * fixtures/workspace/commission.comp --data fixtures/workspace/data` computes: r1's lines
   * (4,600.00 in 2026-01 + 5,200.00 in 2026-03), r2's (1,600.00 in 2026-02), or their total.
   */
  sampleAmounts: ['USD 9,800.00', 'USD 1,600.00', 'USD 11,400.00'],
};

export const hasSamplePayout = (text: string): boolean => PAYOUT_PREVIEW.sampleAmounts.some((a) => text.includes(a));

/** Every (line, column) a test hovers is the position of `word` on the first line containing `line`. */
export const HOVER_TARGET = { line: 'rate accelerator', word: 'accelerator' };
