import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..').replace(/[/\\]dist$/, '');

/** Every .comp under samples/ and docs/examples/. */
export function planFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.comp')) out.push(p);
    }
  };
  for (const d of ['samples', 'docs/examples']) walk(join(ROOT, d));
  return out;
}
