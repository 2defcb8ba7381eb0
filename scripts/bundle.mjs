#!/usr/bin/env node
// Bundles the compiled CLI (dist/compiler/cli/main.js, written by tsc) and its dependencies into
// one file, dist/comp.mjs: `comp` then loads one module instead of several hundred (chevrotain's
// lodash-es alone is hundreds of files), which is most of its start-up time.
//
// Also writes dist/comp.inputs.json: the dist/ files inside the bundle. bin/comp.js runs the
// bundle only when it is newer than every one of them, so a stale bundle (tsc ran again, the
// bundle did not) is never used: bin/comp.js then runs dist/compiler/cli/main.js.
//
// Usage: node scripts/bundle.mjs   (part of `npm run build`, `npm test` and `prepare`)
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const entry = join(dist, 'compiler', 'cli', 'main.js');
if (!existsSync(entry)) {
  console.error(`bundle: ${relative(root, entry)} does not exist: run tsc first (npm run build does both)`);
  process.exit(1);
}
const esbuild = createRequire(join(root, 'package.json'))('esbuild');

// The grammar's lookahead paths, computed once here instead of at every start of `comp`
// (grammar/lookahead-cache.ts; used only while its hash is the running grammar's).
const { CompParser } = await import(pathToFileURL(join(dist, 'grammar', 'parser.js')).href);
const grammar = new CompParser({ lookahead: null });
const lookahead = grammar.lookahead.makeCache(grammar);
writeFileSync(
  join(dist, 'grammar', 'lookahead-cache.js'),
  `// Written by scripts/bundle.mjs from the grammar it bundles (grammar/lookahead-cache.ts).\nexport const LOOKAHEAD_CACHE = ${JSON.stringify(lookahead)};\n`,
);

const out = join(dist, 'comp.mjs');
const result = await esbuild.build({
  entryPoints: [entry],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // vscode-languageserver (for `comp lsp`) is CommonJS and requires node built-ins
  banner: { js: "import { createRequire as __compCreateRequire } from 'node:module';\nconst require = __compCreateRequire(import.meta.url);" },
  metafile: true,
  sourcemap: false,
  legalComments: 'none',
  // DuckDB ships a native binary, exceljs is large and only read for workbooks, playwright-core
  // (PDF statements) is optional and drives a browser: all loaded from node_modules at run time
  external: ['@duckdb/node-api', 'exceljs', 'playwright-core'],
  logLevel: 'warning',
});
const inputs = Object.keys(result.metafile.inputs)
  .map((p) => resolve(root, p))
  .filter((p) => p.startsWith(dist + '/'))
  .map((p) => relative(dist, p))
  .sort();
writeFileSync(join(dist, 'comp.inputs.json'), JSON.stringify(inputs, null, 1) + '\n');
const bytes = result.metafile.outputs[relative(root, out)]?.bytes ?? 0;
console.log(`bundle: ${relative(root, out)} (${(bytes / 1024).toFixed(0)} KB, ${inputs.length} dist files)`);
