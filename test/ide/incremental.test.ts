// The editor's chunked parse (compiler/syntax/incremental.ts) gives what a whole parse gives:
// on every plan of the repository, and after edits that re-use cached chunks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { parse } from '../../compiler/syntax/parse.js';
import { chunkStarts, parseIncremental } from '../../compiler/syntax/incremental.js';
import { analyze } from '../../compiler/analysis.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('incremental parse', () => {
  it('equals a whole parse on every plan of the repository', async () => {
    const files = await glob(['samples/**/*.comp', 'docs/**/*.comp', 'test/**/*.comp'], { cwd: ROOT, ignore: ['**/node_modules/**'] });
    expect(files.length).toBeGreaterThan(20);
    let chunked = 0;
    for (const f of files.sort()) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      expect(JSON.stringify(parseIncremental(text, f)), f).toBe(JSON.stringify(parse(text, f)));
      if (chunkStarts(text).length >= 8 && parse(text, f).diagnostics.length === 0) chunked++;
    }
    expect(chunked).toBeGreaterThan(5);
  });

  it('equals a whole parse after edits (cached chunks moved), and falls back on a syntax error', () => {
    let text = readFileSync(join(ROOT, 'samples', 'crm', 'plan.comp'), 'utf8');
    parseIncremental(text, 'edit.comp');
    const edits: [string, string][] = [
      ['pays 9%', 'pays 10%'],
      ['rate 3%', 'rate 3.5%'],
      ['let quota = rep.monthly_quota', 'let quota = rep.monthly_quota\nlet extra = quota * 2'],
      ['cap USD 9,000 per period', 'cap USD 9,000 per period {'],
    ];
    for (const [from, to] of edits) {
      text = text.replace(from, to);
      expect(JSON.stringify(parseIncremental(text, 'edit.comp')), to).toBe(JSON.stringify(parse(text, 'edit.comp')));
    }
  });

  it('the analysis of an editor document (with a version) is that of the whole text', () => {
    const text = readFileSync(join(ROOT, 'samples', 'crm', 'plan.comp'), 'utf8');
    const a = analyze('inc.comp', text, 1);
    const b = analyze('inc.comp', text);
    expect(JSON.stringify(a.ir)).toBe(JSON.stringify(b.ir));
    expect(a.diagnostics).toEqual(b.diagnostics);
  });
});
