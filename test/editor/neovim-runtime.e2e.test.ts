// The Neovim runtime files shipped in editors/neovim (ftdetect, ftplugin, syntax), headless, as a
// user installs them (on the runtime path): `.comp` gets the `comp` filetype (not Neovim's own
// `mason`), syntax groups on keywords, money, percents, comments and strings, `#` comments, and
// the ftplugin starts `comp lsp --stdio` and attaches it to the buffer.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNeovim, lspCommand } from './helpers/tools.js';

const ROOT = join(import.meta.dirname, '..', '..');

const SCRIPT = `
vim.cmd('edit samples/crm/plan.comp')
local function group(pat, k)
  local l = vim.fn.search(pat, 'w')
  local c = vim.fn.match(vim.fn.getline(l), pat) + 1 + (k or 0)
  return vim.fn.synIDattr(vim.fn.synID(l, c, 1), 'name')
end
local out = { ft = vim.bo.filetype, syntax = vim.b.current_syntax, commentstring = vim.bo.commentstring,
  component = group('^component'), percent = group('pays 6%', 5), money = group('USD 9,000'),
  doc = group('^## Account'), string = group('"AE"'), clause = group('gate csat') }
out.attached = vim.wait(20000, function() return next(vim.lsp.buf_get_clients(0)) ~= nil end, 100)
io.stdout:write(vim.fn.json_encode(out) .. '\\n')
vim.cmd('qa!')
`;

describe('Neovim: editors/neovim runtime files', () => {
  it('detects .comp, colours it and attaches the language server', () => {
    const nvim = findNeovim();
    const dir = mkdtempSync(join(tmpdir(), 'comp-nvim-'));
    try {
      writeFileSync(join(dir, 'check.lua'), SCRIPT);
      const cmd = JSON.stringify(lspCommand()).replace(/"/g, "'");
      const r = spawnSync(nvim, ['--headless', '-u', 'NONE', '--cmd', 'set rtp^=editors/neovim', '--cmd', 'filetype plugin on', '--cmd', 'syntax on', '--cmd', `let g:comp_lsp_cmd = ${cmd}`, '-c', `luafile ${join(dir, 'check.lua')}`], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      const line = (r.stdout + r.stderr).split('\n').find((l) => l.startsWith('{'));
      expect(line, r.stdout + r.stderr).toBeDefined();
      const out = JSON.parse(line!) as Record<string, unknown>;
      expect(out).toMatchObject({ ft: 'comp', syntax: 'comp', commentstring: '# %s', component: 'compItem', percent: 'compPercent', money: 'compMoney', doc: 'compDoc', string: 'compString', clause: 'compClause', attached: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
