// Entry point of the language server process (bundled as the VS Code extension's dist/server.js;
// `comp lsp --stdio` starts the same server through compiler/cli/commands/lsp.ts).
import { startServer } from './start.js';

startServer();
