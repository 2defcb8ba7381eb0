// Scenario files (`*.comptest`) in VS Code: a language of their own (`comptest`) with its TextMate
// grammar (vscode-extension/syntaxes/comptest.tmLanguage.json), synchronised with the language
// server, which runs them on open and save (lsp/handlers/scenarios.ts). Every scenario file of
// the samples tokenizes with the scopes that matter.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import oniguruma from 'vscode-oniguruma';
import vsctm from 'vscode-textmate';
import { describe, expect, it } from 'vitest';
import { ROOT, filesUnder, rel } from './helpers/paths.js';

const EXT = join(ROOT, 'vscode-extension');
const GRAMMAR = join(EXT, 'syntaxes', 'comptest.tmLanguage.json');

interface Tok {
  line: number;
  text: string;
  scopes: string[];
}

async function grammar(): Promise<vsctm.IGrammar> {
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(join(dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).catch(() => undefined);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope: string) => (scope === 'source.comptest' ? vsctm.parseRawGrammar(readFileSync(GRAMMAR, 'utf8'), GRAMMAR) : null),
  });
  return (await registry.loadGrammar('source.comptest'))!;
}

async function tokenize(text: string): Promise<Tok[]> {
  const g = await grammar();
  const out: Tok[] = [];
  let state = vsctm.INITIAL;
  text.split(/\r?\n/).forEach((l, line) => {
    const r = g.tokenizeLine(l, state);
    for (const t of r.tokens) if (t.endIndex > t.startIndex) out.push({ line, text: l.slice(t.startIndex, Math.min(t.endIndex, l.length)), scopes: t.scopes });
    state = r.ruleStack;
  });
  return out;
}

/** Some line's tokens under `scope`, put together, hold `text` (a comment is `#` then its text). */
const scoped = (ts: Tok[], text: string, scope: string) => {
  const byLine = new Map<number, string>();
  for (const t of ts) if (t.scopes.some((s) => s.startsWith(scope))) byLine.set(t.line, (byLine.get(t.line) ?? '') + t.text);
  return [...byLine.values()].some((l) => l.trim() === text || l.split(/\s{2,}|=/).map((x) => x.trim()).includes(text));
};

describe('.comptest in the VS Code extension', () => {
  it('is a language with a grammar, activates the extension and is sent to the server', () => {
    const pkg = JSON.parse(readFileSync(join(EXT, 'package.json'), 'utf8'));
    expect(pkg.contributes.languages).toContainEqual(expect.objectContaining({ id: 'comptest', extensions: ['.comptest'] }));
    expect(pkg.contributes.grammars).toContainEqual({ language: 'comptest', scopeName: 'source.comptest', path: './syntaxes/comptest.tmLanguage.json' });
    expect(pkg.activationEvents).toContain('onLanguage:comptest');
    expect(readFileSync(join(EXT, 'src', 'extension.ts'), 'utf8')).toMatch(/\{ scheme: 'file', language: 'comptest' \}/);
  });

  it('a scenario file tokenizes: keywords, names, inline CSV, expectations, codes, comments', async () => {
    const text = [
      '# Scenarios',
      'plan "plan.comp"',
      'scenario "at quota" {',
      '  period 2026-Q1',
      '  table reps {',
      '    id,name,quarterly_quota',
      '    # a comment row',
      '    ada,Ada,150000',
      '  }',
      '  table deals from "deals.csv"',
      '  expect ada 2026-Q1 commission = USD 12,000.00  # worked by hand',
      '  expect ada 2026-Q1 attainment = 100%',
      '  expect error COMP6006',
      '}',
    ].join('\n');
    const ts = await tokenize(text);
    expect(scoped(ts, '# Scenarios', 'comment.line')).toBe(true);
    expect(scoped(ts, 'plan', 'keyword.other')).toBe(true);
    expect(scoped(ts, '"plan.comp"', 'string.quoted')).toBe(true);
    expect(scoped(ts, 'scenario', 'keyword.control')).toBe(true);
    expect(scoped(ts, '"at quota"', 'entity.name.section')).toBe(true);
    expect(scoped(ts, 'reps', 'entity.name.type.table')).toBe(true);
    expect(ts.filter((t) => t.line === 7).every((t) => t.scopes.some((s) => s.startsWith('meta.embedded.block.csv')))).toBe(true);
    expect(scoped(ts, '# a comment row', 'comment.line')).toBe(true);
    expect(scoped(ts, 'expect', 'keyword.control.expect')).toBe(true);
    expect(scoped(ts, 'ada', 'variable.other.rep')).toBe(true);
    expect(scoped(ts, '2026-Q1', 'constant.other.period')).toBe(true);
    expect(scoped(ts, 'commission', 'variable.other.line')).toBe(true);
    expect(scoped(ts, 'USD 12,000.00', 'constant.numeric.money')).toBe(true);
    expect(scoped(ts, '100%', 'constant.numeric.percent')).toBe(true);
    expect(scoped(ts, 'COMP6006', 'constant.other.diagnostic-code')).toBe(true);
    expect(scoped(ts, '# worked by hand', 'comment.line')).toBe(true);
    // after the inline table closes, lines are scenario lines again
    expect(ts.filter((t) => t.line === 9).some((t) => t.scopes.some((s) => s.startsWith('meta.embedded')))).toBe(false);
  });

  it('every scenario file of the samples: each expect line has its keyword and a value, no CSV scope leaks out of a table', async () => {
    const files = filesUnder(join(ROOT, 'samples'), '.comptest');
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const ts = await tokenize(text);
      const lines = text.split('\n');
      lines.forEach((l, i) => {
        if (!/^\s*expect\s/.test(l)) return;
        const on = ts.filter((t) => t.line === i);
        expect(on.some((t) => t.scopes.some((s) => s.startsWith('keyword.control.expect'))), `${rel(f)}:${i + 1}`).toBe(true);
        expect(on.some((t) => t.scopes.some((s) => s.startsWith('meta.embedded'))), `${rel(f)}:${i + 1}`).toBe(false);
      });
    }
  });
});
