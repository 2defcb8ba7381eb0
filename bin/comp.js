#!/usr/bin/env node
// Runs dist/comp.cjs (the CLI bundled by scripts/bundle.mjs: fast start-up) when it is newer
// than every dist/ file it was made from, and the compiled modules (dist/compiler/cli/main.js)
// otherwise, so a stale bundle is never run. COMP_NO_BUNDLE=1 always runs the modules.
//
// The bundle is compiled as a node:vm script with the V8 code cache scripts/bundle.mjs made
// (dist/comp.cache), which spares most of the parsing and compiling of its 2 MB at every start.
// The cache is used only with the bundle whose hash it carries; V8 rejects one made by another
// V8 version or with other flags, and the bundle then compiles as it loads.
// COMP_CODE_CACHE_WRITE=FILE: write the cache of this run's compiled functions to FILE on exit;
// COMP_NO_CODE_CACHE=1: compile the bundle without the cache (the start-up bench compares).
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

const dist = new URL('../dist/', import.meta.url);

function bundleIsFresh() {
  if (process.env.COMP_NO_BUNDLE) return false;
  try {
    const built = statSync(new URL('comp.cjs', dist)).mtimeMs;
    const inputs = JSON.parse(readFileSync(new URL('comp.inputs.json', dist), 'utf8'));
    if (!Array.isArray(inputs) || inputs.length === 0) return false;
    for (const f of inputs) if (statSync(new URL(f, dist)).mtimeMs > built) return false;
    return true;
  } catch {
    return false;
  }
}

function runBundle() {
  const file = fileURLToPath(new URL('comp.cjs', dist));
  // ASCII (scripts/bundle.mjs makes it so): read as one-byte text, without UTF-8 decoding
  const source = readFileSync(file, 'latin1');
  const hash = /^\/\/ comp bundle ([0-9a-f]{64})\n/.exec(source)?.[1];
  let cachedData;
  try {
    const cache = process.env.COMP_NO_CODE_CACHE ? undefined : readFileSync(new URL('comp.cache', dist));
    if (cache && hash && cache.subarray(0, 64).toString('latin1') === hash) cachedData = cache.subarray(64);
  } catch {
    // no cache: compile as it loads
  }
  // the wrapper of a CommonJS module: the same text every time, or V8 would not take the cache
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const out = process.env.COMP_CODE_CACHE_WRITE;
  if (out && hash) process.once('exit', () => writeFileSync(out, Buffer.concat([Buffer.from(hash, 'latin1'), script.createCachedData()])));
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
}

// V8 optimises a function once it has run for a while (its "interrupt budget"). A run of `comp`
// is short: at V8's default budget it optimises (and then often deoptimises) hundreds of
// functions it leaves soon after, which was a third of `comp run`'s CPU on samples/crm. With a
// larger budget only the truly hot loops are optimised: less CPU at every size measured
// (samples/crm, and 35K to 105K pipeline rows of scripts/bench/scale.mjs). The code cache is made
// under the same flag (V8 rejects a cache made under other flags). COMP_V8_DEFAULTS=1 keeps V8's.
if (!process.env.COMP_V8_DEFAULTS) setFlagsFromString('--interrupt-budget=2000000');

if (bundleIsFresh()) runBundle();
else await import('../dist/compiler/cli/main.js');
