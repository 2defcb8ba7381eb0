// The text of every sample's plan and every docs example's `.comp` file, in a stable order: the
// inputs of tests that hold two ways of reading a plan equal (grammar caches, cuts).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export function planTexts(): string[] {
  const out: string[] = [];
  for (const s of readdirSync(join(ROOT, 'samples')).sort()) {
    try {
      out.push(readFileSync(join(ROOT, 'samples', s, 'plan.comp'), 'utf8'));
    } catch {
      // no plan here
    }
  }
  for (const d of readdirSync(join(ROOT, 'docs', 'examples')).sort()) {
    const dir = join(ROOT, 'docs', 'examples', d);
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.comp')) out.push(readFileSync(join(dir, f), 'utf8'));
  }
  return out;
}
