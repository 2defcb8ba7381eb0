#!/usr/bin/env node
// Builds the VS Code extension and packages it:
//   1. type-checks src/ (tsc --noEmit -p vscode-extension),
//   2. bundles src/extension.ts -> dist/extension.js (cjs, `vscode` external),
//   3. bundles ../lsp/server.ts  -> dist/server.js   (cjs, node; the compiler, runtime,
//      chevrotain, decimal.js and vscode-languageserver are all inside),
//   4. runs `vsce package --no-dependencies` -> <repo>/comp-<version>.vsix and prints its size.
//
// Usage: npm run package [-- --no-vsix]     (--no-vsix: bundle only)
// COMP_SERVER_ENTRY=/abs/path.ts bundles another server entry (a local experiment); the
// default is lsp/server.ts and the build fails, saying so, when it does not exist.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const extDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(extDir, '..');
const require = createRequire(join(root, 'package.json'));
const args = new Set(process.argv.slice(2));

function fail(message) {
  console.error(`\nbuild failed: ${message}`);
  process.exit(1);
}

const serverEntry = process.env.COMP_SERVER_ENTRY
  ? resolve(process.env.COMP_SERVER_ENTRY)
  : join(root, 'lsp', 'server.ts');
if (!existsSync(serverEntry)) {
  fail(
    `the language server entry ${relative(root, serverEntry)} does not exist.\n` +
      `  The extension bundles it as dist/server.js; write lsp/server.ts (a vscode-languageserver\n` +
      `  connection created from process args: --node-ipc or --stdio) before packaging.`,
  );
}

let esbuild;
try {
  esbuild = require('esbuild');
} catch {
  fail('esbuild is not installed: run `npm install` at the repository root');
}

const t0 = Date.now();

// 1. Type-check the client (esbuild only strips types).
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--noEmit', '-p', join(extDir, 'tsconfig.json')], {
  stdio: 'inherit',
});
if (tsc.status !== 0) fail('type errors in vscode-extension/src');

// 2 + 3. Bundle.
const dist = join(extDir, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18', // VS Code 1.82 runs extensions on node 18
  sourcemap: false,
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  nodePaths: [join(root, 'node_modules')],
  // The project is ESM: code that reads import.meta.url keeps working in the cjs bundle.
  define: { 'import.meta.url': '__comp_import_meta_url' },
  banner: { js: "const __comp_import_meta_url = require('url').pathToFileURL(__filename).href;" },
};

try {
  await esbuild.build({
    ...common,
    entryPoints: [join(extDir, 'src', 'extension.ts')],
    outfile: join(dist, 'extension.js'),
    external: ['vscode'],
  });
  await esbuild.build({
    ...common,
    entryPoints: [serverEntry],
    outfile: join(dist, 'server.js'),
    // The server is the project's TypeScript (NodeNext: imports end in .js, files are .ts).
    resolveExtensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    mainFields: ['module', 'main'],
    tsconfig: join(root, 'tsconfig.json'),
  });
} catch (err) {
  const message = String(err?.message ?? err);
  const hint = /Top-level await/.test(message)
    ? '\n  The bundles are CommonJS (VS Code loads extensions with require and forks the server as a\n' +
      '  CommonJS module): start the server without top-level await, e.g. in an async main().'
    : '';
  fail(`esbuild: ${message}${hint}`);
}
for (const f of ['extension.js', 'server.js']) {
  console.log(`  dist/${f}  ${kb(statSync(join(dist, f)).size)}`);
}

if (args.has('--no-vsix')) {
  console.log(`bundled in ${((Date.now() - t0) / 1000).toFixed(1)}s (no .vsix)`);
  process.exit(0);
}

// 4. Package.
const version = JSON.parse(readFileSync(join(extDir, 'package.json'), 'utf8')).version;
const vsix = join(root, `comp-${version}.vsix`);
rmSync(vsix, { force: true });
const vsce = spawnSync(
  process.execPath,
  [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsix],
  { cwd: extDir, stdio: 'inherit', env: { ...process.env, VSCE_TELEMETRY: 'false' } },
);
if (vsce.status !== 0 || !existsSync(vsix)) fail('vsce package failed');
console.log(`${relative(process.cwd(), vsix) || vsix}  ${kb(statSync(vsix).size)}  (built in ${((Date.now() - t0) / 1000).toFixed(1)}s)`);

function kb(n) {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MB` : `${(n / 1024).toFixed(1)} KB`;
}
