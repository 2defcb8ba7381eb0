// The Neovim syntax file (editors/neovim/syntax/comp.vim) knows every keyword of the language
// (grammar/tokens.ts KEYWORD_WORDS): a word added to the grammar is added there too. No Neovim
// needed (the e2e test in neovim-runtime.e2e.test.ts checks the groups in a running Neovim).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEYWORD_WORDS } from '../../grammar/tokens.js';

describe('Neovim syntax words', () => {
  it('lists every keyword of the grammar', () => {
    const vim = readFileSync(new URL('../../editors/neovim/syntax/comp.vim', import.meta.url), 'utf8');
    const words = new Set(vim.split('\n').filter((l) => l.startsWith('syn keyword')).flatMap((l) => l.trim().split(/\s+/).slice(3)));
    expect([...new Set(KEYWORD_WORDS)].filter((w) => !words.has(w))).toEqual([]);
  });
});
