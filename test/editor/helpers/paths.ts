// Where the editor tests find things. Everything is relative to the repository root, found
// from this file, so the tests run the same from any working directory.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is test/editor/helpers/paths.ts, or its compiled copy under dist/). */
export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const EDITOR_TESTS = join(ROOT, 'test', 'editor');
export const FIXTURES = join(EDITOR_TESTS, 'fixtures');
/** A workspace folder with a sample plan, a broken plan and sample data (data/). */
export const WORKSPACE = join(FIXTURES, 'workspace');
export const SAMPLE_PLAN = join(WORKSPACE, 'commission.comp');
export const BROKEN_PLAN = join(WORKSPACE, 'broken.comp');
export const SAMPLE_DATA = join(WORKSPACE, 'data');
export const GRAMMAR = join(ROOT, 'vscode-extension', 'syntaxes', 'comp.tmLanguage.json');
/** Screenshots and logs of the editor e2e tests (gitignored). */
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'editor');

function findRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'vscode-extension'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the repository root above ${from}`);
    dir = up;
  }
}

/** Files under `dir` (recursively) whose name ends with `suffix`, sorted; [] if `dir` does not exist. */
export function filesUnder(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(suffix)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export function rel(p: string): string {
  return relative(ROOT, resolve(p)).split('\\').join('/');
}

/** A position in a text: the `occurrence`-th match of `needle`, plus `offsetInNeedle`. */
export function positionOf(text: string, needle: string, offsetInNeedle = 0, occurrence = 1): { line: number; character: number; offset: number } {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`\`${needle}\` (occurrence ${occurrence}) not found`);
  }
  const offset = at + offsetInNeedle;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  return { line, character, offset };
}
