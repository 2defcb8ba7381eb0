import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FX = 'test/cli/fixtures';

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `node bin/comp.js ARGS` from the project root (needs `tsc` to have built dist/). */
export function comp(args: string[], env: Record<string, string | undefined> = {}, input?: string): Ran {
  const base: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined };
  const r = spawnSync(process.execPath, ['bin/comp.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: Object.fromEntries(Object.entries({ ...base, ...env }).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv,
    maxBuffer: 64 * 1024 * 1024,
    ...(input !== undefined ? { input } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const ANSI = /\u001b\[/;
