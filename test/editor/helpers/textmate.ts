// Tokenizes .comp text with the extension's TextMate grammar, the way VS Code does
// (vscode-textmate + the oniguruma wasm VS Code ships).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import oniguruma from 'vscode-oniguruma';
import vsctm from 'vscode-textmate';
import { GRAMMAR } from './paths.js';

export interface Token {
  line: number; // 0-based
  start: number; // 0-based column, UTF-16
  end: number;
  text: string;
  /** Scopes outermost first, `source.comp` included. */
  scopes: string[];
}

let grammarPromise: Promise<vsctm.IGrammar> | undefined;

export function loadGrammar(): Promise<vsctm.IGrammar> {
  grammarPromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(join(dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === 'source.comp' ? vsctm.parseRawGrammar(readFileSync(GRAMMAR, 'utf8'), GRAMMAR) : null,
    });
    const grammar = await registry.loadGrammar('source.comp');
    if (!grammar) throw new Error(`could not load ${GRAMMAR}`);
    return grammar;
  })();
  return grammarPromise;
}

export async function tokenize(text: string): Promise<Token[]> {
  const grammar = await loadGrammar();
  const tokens: Token[] = [];
  let state = vsctm.INITIAL;
  text.split(/\r?\n/).forEach((lineText, line) => {
    const r = grammar.tokenizeLine(lineText, state);
    for (const t of r.tokens) {
      const end = Math.min(t.endIndex, lineText.length);
      if (end <= t.startIndex) continue;
      tokens.push({ line, start: t.startIndex, end, text: lineText.slice(t.startIndex, end), scopes: t.scopes });
    }
    state = r.ruleStack;
  });
  return tokens;
}

/** A golden dump: each source line, then its non-blank tokens with their scopes (without `source.comp`). */
export function dumpScopes(text: string, tokens: Token[]): string {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  lines.forEach((lineText, i) => {
    out.push(`${String(i + 1).padStart(3)}| ${lineText}`);
    for (const t of tokens) {
      if (t.line !== i || t.text.trim() === '') continue;
      out.push(`     ${JSON.stringify(t.text)}  ${t.scopes.filter((s) => s !== 'source.comp').join(' ') || '-'}`);
    }
  });
  return out.join('\n') + '\n';
}

/** The tokens covering `needle` on the first line that contains it (`occurrence` picks a later line). */
export function tokensAt(tokens: Token[], text: string, needle: string, occurrence = 1): Token[] {
  const lines = text.split(/\r?\n/);
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    let col = lines[i]!.indexOf(needle);
    while (col >= 0) {
      if (++seen === occurrence) {
        const end = col + needle.length;
        return tokens.filter((t) => t.line === i && t.end > col && t.start < end);
      }
      col = lines[i]!.indexOf(needle, col + 1);
    }
  }
  throw new Error(`\`${needle}\` not found`);
}
