#!/usr/bin/env node
// Bundles the compiled CLI (dist/compiler/cli/main.js, written by tsc) and its dependencies into
// one CommonJS file, dist/comp.cjs, and a V8 code cache of it, dist/comp.cache: `comp` then
// loads one file instead of several hundred (chevrotain's lodash-es alone is hundreds), and
// most of its functions come compiled from the cache instead of being parsed and compiled at
// every start. bin/comp.js loads the bundle with the cache (node:vm `cachedData`).
//
// What the bundle leaves out of every start, each checked here, at build time:
// - the grammar's lookahead paths (grammar/lookahead-cache.ts): computed here, written into
//   dist/grammar/lookahead-cache.js, used only under the hash of the running grammar;
// - the recording of the grammar's productions (grammar/gast-cache.ts): recorded here, written
//   into the same file, rebuilt by the bundled parser (checked here to serialise the same);
// - chevrotain's lexer validations: the lexer of dist/grammar/tokens.js is built here with
//   them (an invalid token definition fails the build), and the bundled copy skips them;
// - string-width's set-up (an Intl.Segmenter and Unicode property expressions, about 20 ms):
//   the bundled compiler/cli/cells.js loads it on the first display width of a non-ASCII text.
//
// The code cache is made by running the bundle once on samples/crm (`comp run`, a table;
// bin/comp.js with COMP_CODE_CACHE_WRITE set): V8 then keeps the functions a check and a run
// compile. The cache is tied to its bundle by the bundle's hash (its first line); V8 itself rejects a cache
// of another V8 version or other flags, and the bundle then simply compiles as it loads.
//
// Also writes dist/comp.inputs.json: the dist/ files inside the bundle. bin/comp.js runs the
// bundle only when it is newer than every one of them, so a stale bundle (tsc ran again, the
// bundle did not) is never used: bin/comp.js then runs dist/compiler/cli/main.js.
//
// Usage: node scripts/bundle.mjs   (part of `npm run build`, `npm test` and `prepare`)
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
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
// (grammar/lookahead-cache.ts; used only while its hash is the running grammar's), and its
// recorded productions (grammar/gast-cache.ts), rebuilt by the bundled parser instead of
// recording them at every start. A parser rebuilt from them must serialise to the same grammar.
const { CompParser } = await import(pathToFileURL(join(dist, 'grammar', 'parser.js')).href);
const { serializeGast } = await import(pathToFileURL(join(dist, 'grammar', 'gast-cache.js')).href);
const { lookaheadHash } = await import(pathToFileURL(join(dist, 'grammar', 'lazy-lookahead.js')).href);
const grammar = new CompParser({ lookahead: null, gast: null });
const lookahead = grammar.lookahead.makeCache(grammar);
const gast = serializeGast(Object.values(grammar.getGAstProductions()), grammar.resyncFollows);
const rebuilt = new CompParser({ lookahead: null, gast });
if (!rebuilt.gastFromCache || lookaheadHash(rebuilt.getSerializedGastProductions()) !== lookahead.hash || JSON.stringify(serializeGast(Object.values(rebuilt.getGAstProductions()), rebuilt.resyncFollows)) !== JSON.stringify(gast)) {
  console.error('bundle: the grammar rebuilt from its recorded productions (grammar/gast-cache.ts) is not the recorded grammar');
  process.exit(1);
}
// The lexer's analysis of its patterns (grammar/lexer-cache.ts), from the lexer tokens.js built
// as usual; a lexer rebuilt from it must have the same tables.
const tokensModule = await import(pathToFileURL(join(dist, 'grammar', 'tokens.js')).href);
const { makeLexerCache, lexerFromCache } = await import(pathToFileURL(join(dist, 'grammar', 'lexer-cache.js')).href);
const lexerCache = makeLexerCache(tokensModule.CompLexer);
const relexer = lexerFromCache(tokensModule.allTokens, { positionTracking: 'full', ensureOptimizations: false, skipValidations: true }, lexerCache);
if (!relexer.fromCache || JSON.stringify(makeLexerCache(relexer.lexer)) !== JSON.stringify(lexerCache)) {
  console.error('bundle: the lexer rebuilt from its cached analysis (grammar/lexer-cache.ts) is not the lexer');
  process.exit(1);
}
writeFileSync(
  join(dist, 'grammar', 'lookahead-cache.js'),
  `// Written by scripts/bundle.mjs from the grammar it bundles (grammar/lookahead-cache.ts).\nexport const LOOKAHEAD_CACHE = ${JSON.stringify(lookahead)};\nexport const GAST_CACHE = ${JSON.stringify(gast)};\nexport const LEXER_CACHE = ${JSON.stringify(lexerCache)};\n`,
);

// The lexer, built with chevrotain's validations (importing tokens.js built it): it must have no
// definition error (the constructor throws on one) and no warning (chevrotain prints those).
const { CompLexer } = await import(pathToFileURL(join(dist, 'grammar', 'tokens.js')).href);
if (CompLexer.lexerDefinitionErrors.length > 0 || CompLexer.lexerDefinitionWarning.length > 0) {
  console.error('bundle: the lexer of grammar/tokens.ts has definition errors or warnings:');
  for (const e of [...CompLexer.lexerDefinitionErrors, ...CompLexer.lexerDefinitionWarning]) console.error(`  ${e.message}`);
  process.exit(1);
}

/** Replaces `from` by `to` in one compiled file of the bundle; `from` must occur exactly once. */
function rewrite(file, from, to) {
  return {
    file: join(dist, file),
    apply(text) {
      const n = text.split(from).length - 1;
      if (n !== 1) throw new Error(`bundle: expected \`${from}\` once in dist/${file}, found it ${n} times (update scripts/bundle.mjs)`);
      return text.replace(from, to);
    },
  };
}
const rewrites = [
  // validated above
  rewrite('grammar/tokens.js', 'skipValidations: false', 'skipValidations: true'),
  // node:crypto and node:child_process (about 2.5 ms each to load) only when a hash is made or a
  // process started: closes, documents, `comp diff` of a git revision, commander's subcommand files
  rewrite('compiler/ledger/hash.js', "import { createHash } from 'node:crypto';", "const createHash = (algorithm) => require('node:crypto').createHash(algorithm);"),
  rewrite('compiler/workbench/doc.js', "import { createHash } from 'node:crypto';", "const createHash = (algorithm) => require('node:crypto').createHash(algorithm);"),
  rewrite('compiler/cli/commands/diff.js', "import { execFileSync } from 'node:child_process';", "const execFileSync = (...args) => require('node:child_process').execFileSync(...args);"),
  // tinyglobby (about 4 ms to set up) only when a folder or a pattern is expanded (`comp check`, `comp test`)
  rewrite('compiler/cli/commands/check.js', "import { glob, isDynamicPattern } from 'tinyglobby';", "const glob = (...args) => require('tinyglobby').glob(...args);\nconst isDynamicPattern = (...args) => require('tinyglobby').isDynamicPattern(...args);"),
  rewrite('compiler/cli/commands/test.js', "import { glob } from 'tinyglobby';", "const glob = (...args) => require('tinyglobby').glob(...args);"),
  rewrite(
    relative(dist, join(dirname(realpathSync(createRequire(join(root, 'package.json')).resolve('commander'))), 'lib', 'command.js')),
    "const childProcess = require('node:child_process');",
    "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
  ),
  // esbuild makes a require() of an ES module a lazy initialiser: string-width is set up on first use
  rewrite('compiler/cli/cells.js', "import stringWidth from 'string-width';", "const stringWidth = (text) => require('string-width').default(text);"),
];
const rewriting = {
  name: 'comp-rewrites',
  setup(build) {
    for (const r of rewrites) {
      const filter = new RegExp(`^${r.file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
      build.onLoad({ filter }, () => ({ contents: r.apply(readFileSync(r.file, 'utf8')), loader: 'js' }));
    }
  },
};

const out = join(dist, 'comp.cjs');
const result = await esbuild.build({
  entryPoints: [entry],
  bundle: true,
  write: false,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // import() becomes require(): the bundle runs as a node:vm script, where import() has no loader
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__compMetaUrl' },
  metafile: true,
  sourcemap: false,
  legalComments: 'none',
  plugins: [rewriting],
  // DuckDB's native binary (@duckdb/node-bindings; its JavaScript API is bundled: required from
  // node_modules it cost ~80 ms CPU more a run, ~50 files resolved and compiled), exceljs is large
  // and only read for workbooks, playwright-core (PDF statements) is optional and drives a
  // browser: all loaded from node_modules at run time
  external: ['@duckdb/node-bindings', 'exceljs', 'playwright-core'],
  logLevel: 'warning',
});
const code = result.outputFiles[0].text;
const strict = code.startsWith('"use strict";\n') ? '"use strict";\n' : '';
// after the "use strict" directive, which must come first
let body = `${strict}const __compMetaUrl = require('node:url').pathToFileURL(__filename).href;\n${code.slice(strict.length)}`;
if (/(^|[^\w$.])import\(/m.test(body.replace(/(["'`])(?:\\.|(?!\1)[^\\\n])*\1/g, '""'))) {
  console.error('bundle: an import() is left in the bundle (bin/comp.js runs it as a node:vm script, where import() fails)');
  process.exit(1);
}
// One-byte text (esbuild escapes strings; a comment may still hold a non-ASCII character): one
// such character would make the whole 2 MB source a two-byte string, slower to read and to scan.
// bin/comp.js reads the bundle as latin1, which is its text only while it is ASCII.
body = body.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
if (!/^[\x00-\x7f]*$/.test(body)) {
  console.error('bundle: the bundle is not ASCII');
  process.exit(1);
}
const hash = createHash('sha256').update(body).digest('hex');
// bin/comp.js reads the hash from this first line to match the bundle with its code cache
writeFileSync(out, `// comp bundle ${hash}\n${body}`);
rmSync(join(dist, 'comp.mjs'), { force: true }); // the ES module bundle of earlier builds
const inputs = Object.keys(result.metafile.inputs)
  .map((p) => resolve(root, p))
  .filter((p) => p.startsWith(dist + '/'))
  .map((p) => relative(dist, p))
  .sort();
writeFileSync(join(dist, 'comp.inputs.json'), JSON.stringify(inputs, null, 1) + '\n');

// The code cache: the bundle run once on samples/crm, then its compiled functions written out.
const cache = join(dist, 'comp.cache');
rmSync(cache, { force: true });
let cached = 'no code cache (no samples/crm to make it from)';
if (existsSync(join(root, 'samples', 'crm', 'plan.comp'))) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'comp.js'), 'run', 'samples/crm/plan.comp', '--data', 'samples/crm/data', '--quiet'], {
    cwd: root,
    env: { ...process.env, COMP_CODE_CACHE_WRITE: cache },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (r.status !== 0 || !existsSync(cache)) {
    console.error(`bundle: the run that makes the code cache failed (exit ${r.status}):\n${r.stderr}`);
    process.exit(1);
  }
  cached = `code cache ${(readFileSync(cache).length / 1024).toFixed(0)} KB`;
}
console.log(`bundle: ${relative(root, out)} (${(Buffer.byteLength(body) / 1024).toFixed(0)} KB, ${inputs.length} dist files; ${cached})`);
