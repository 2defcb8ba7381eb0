// The layering of ARCHITECTURE.md, checked on the import statements of every source file.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

async function importsOf(pattern: string): Promise<{ file: string; spec: string }[]> {
  const files = await glob([pattern], { cwd: root, ignore: ['**/node_modules/**', 'dist/**'] });
  const out: { file: string; spec: string }[] = [];
  for (const f of files.sort()) {
    const text = readFileSync(join(root, f), 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\b[^'";]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)) {
      out.push({ file: f, spec: (m[1] ?? m[2])! });
    }
  }
  return out;
}

/** The folder an import lands in, relative to the repository root (packages by name). */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return `pkg:${spec.split('/')[0]!.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]}`;
  return relative(root, join(root, file, '..', spec));
}

/** The import graph of the source files, without imports of types only (erased when compiled). */
async function valueGraph(): Promise<Map<string, string[]>> {
  const files = await glob(['{compiler,runtime,lsp,grammar}/**/*.ts'], { cwd: root, ignore: ['**/node_modules/**', 'dist/**'] });
  const graph = new Map<string, string[]>();
  for (const f of files.sort()) {
    const text = readFileSync(join(root, f), 'utf8');
    const deps: string[] = [];
    for (const m of text.matchAll(/^\s*(import|export)\s+([^'";]*?)\s*from\s+['"]([^'"]+)['"]/gm)) {
      const clause = m[2]!;
      const typeOnly = clause.startsWith('type ') || (/^\{[^}]*\}$/.test(clause) && clause.slice(1, -1).split(',').every((s) => s.trim() === '' || s.trim().startsWith('type ')));
      if (typeOnly || !m[3]!.startsWith('.')) continue;
      deps.push(relative(root, join(root, f, '..', m[3]!)).replace(/\.js$/, '.ts'));
    }
    graph.set(f, deps);
  }
  return graph;
}

/** The strongly connected components of more than one file (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) out.push(c.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('architecture: what each layer may import', () => {
  it('no import circles: no source file reaches itself through the values it imports', async () => {
    const graph = await valueGraph();
    expect(graph.get('compiler/semantics/time-money.ts')).toContain('compiler/semantics/versions.ts');
    expect(circles(new Map([['a', ['b']], ['b', ['a']], ['c', ['a']]]))).toEqual([['a', 'b']]);
    expect(circles(graph)).toEqual([]);
  });

  it('reads the imports it checks', async () => {
    const rt = await importsOf('runtime/**/*.ts');
    expect(rt.some(({ spec }) => spec === 'decimal.js')).toBe(true);
    expect((await importsOf('lsp/**/*.ts')).some(({ spec }) => spec.includes('compiler/ide/'))).toBe(true);
  });

  it('runtime/ imports only decimal.js and itself', async () => {
    const bad = (await importsOf('runtime/**/*.ts')).filter(({ file, spec }) => {
      const t = target(file, spec);
      return !(t === 'pkg:decimal.js' || t.startsWith('pkg:node:') || t.startsWith('runtime/'));
    });
    expect(bad).toEqual([]);
  });

  it('runtime/engine/ and runtime/mechanics/ sit below the driver: they never import runtime/evaluate.ts', async () => {
    const below = [...(await importsOf('runtime/engine/**/*.ts')), ...(await importsOf('runtime/mechanics/**/*.ts'))];
    expect(below.length).toBeGreaterThan(0);
    expect(below.filter(({ file, spec }) => target(file, spec) === 'runtime/evaluate.js')).toEqual([]);
    // mechanics take the engine's shapes only, never its code
    const mech = (await importsOf('runtime/mechanics/**/*.ts')).filter(({ file, spec }) => {
      const t = target(file, spec);
      return t.startsWith('runtime/engine/') && t !== 'runtime/engine/types.js';
    });
    expect(mech).toEqual([]);
  });

  it('the compiler pipeline imports one way: semantics never imports lower or the analysis API, lower never the analysis API', async () => {
    const bad = [...(await importsOf('compiler/semantics/**/*.ts')), ...(await importsOf('compiler/lower/**/*.ts'))].filter(({ file, spec }) => {
      const t = target(file, spec);
      if (t === 'compiler/analysis.js' || t.startsWith('compiler/ide/') || t.startsWith('compiler/cli/')) return true;
      return file.startsWith('compiler/semantics/') && t.startsWith('compiler/lower/');
    });
    expect(bad).toEqual([]);
  });

  it('grammar/ imports only chevrotain and itself', async () => {
    const bad = (await importsOf('grammar/**/*.ts')).filter(({ file, spec }) => {
      const t = target(file, spec);
      return !(t === 'pkg:chevrotain' || t.startsWith('grammar/'));
    });
    expect(bad).toEqual([]);
  });

  it('lsp/ never imports chevrotain or the grammar, only the analysis API and the ide layer', async () => {
    const bad = (await importsOf('lsp/**/*.ts')).filter(({ file, spec }) => {
      const t = target(file, spec);
      return t === 'pkg:chevrotain' || t.startsWith('grammar/') || t.startsWith('compiler/syntax/') || t.startsWith('compiler/semantics/');
    });
    expect(bad).toEqual([]);
  });

  it('compiler/ never speaks the LSP protocol; only compiler/cli imports commander', async () => {
    const bad = (await importsOf('compiler/**/*.ts')).filter(({ file, spec }) => {
      const t = target(file, spec);
      if (t.startsWith('pkg:vscode-languageserver') || t === 'pkg:vscode-jsonrpc') return !file.startsWith('compiler/cli/commands/lsp');
      if (t === 'pkg:commander') return !file.startsWith('compiler/cli/');
      return false;
    });
    expect(bad).toEqual([]);
  });

  it('the extension imports only vscode, the language client and node', async () => {
    const bad = (await importsOf('vscode-extension/src/**/*.ts')).filter(({ file, spec }) => {
      const t = target(file, spec);
      return !(t === 'pkg:vscode' || t === 'pkg:vscode-languageclient' || t.startsWith('pkg:node:') || t.startsWith('vscode-extension/'));
    });
    expect(bad).toEqual([]);
  });
});
