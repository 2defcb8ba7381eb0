// Entry point of the language server process (bundled as the VS Code extension's dist/server.js;
// `comp lsp --stdio` starts the same server through compiler/cli/commands/lsp.ts). The same file,
// started as a worker thread by the server, runs a preview worker (lsp/preview-worker.ts).
import { fileURLToPath } from 'node:url';
import { startServer } from './start.js';
import { isPreviewWorker, runPreviewWorker } from './preview-worker.js';

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
