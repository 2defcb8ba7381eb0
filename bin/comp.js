#!/usr/bin/env node
// Runs dist/comp.mjs (the CLI bundled by scripts/bundle.mjs: fast start-up) when it is newer
// than every dist/ file it was made from, and the compiled modules (dist/compiler/cli/main.js)
// otherwise, so a stale bundle is never run. COMP_NO_BUNDLE=1 always runs the modules.
import { readFileSync, statSync } from 'node:fs';

function bundleIsFresh() {
  if (process.env.COMP_NO_BUNDLE) return false;
  try {
    const dist = new URL('../dist/', import.meta.url);
    const built = statSync(new URL('comp.mjs', dist)).mtimeMs;
    const inputs = JSON.parse(readFileSync(new URL('comp.inputs.json', dist), 'utf8'));
    if (!Array.isArray(inputs) || inputs.length === 0) return false;
    for (const f of inputs) if (statSync(new URL(f, dist)).mtimeMs > built) return false;
    return true;
  } catch {
    return false;
  }
}

if (bundleIsFresh()) await import('../dist/comp.mjs');
else await import('../dist/compiler/cli/main.js');
