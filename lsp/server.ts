// Entry point of the language server process (bundled as the VS Code extension's dist/server.js;
// `comp lsp --stdio` starts the same server through compiler/cli/commands/lsp.ts). The same file,
// started as a worker thread by the server, runs a preview worker (lsp/preview-worker.ts).
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { startServer } from './start.js';
import { isPreviewWorker, runPreviewWorker } from './preview-worker.js';

// V8 optimises fewer functions it soon leaves (as bin/comp.js does for `comp lsp`): the sample
// re-runs after edits took less CPU so (BENCH=preview npm run bench). Set before the workers start.
if (!process.env.COMP_V8_DEFAULTS) setFlagsFromString('--interrupt-budget=2000000');

if (isPreviewWorker()) runPreviewWorker();
else startServer(undefined, entryScript());

function entryScript(): string | undefined {
  if (process.argv[1]) return process.argv[1];
  try {
    return fileURLToPath(import.meta.url);
  } catch {
    return undefined;
  }
}
