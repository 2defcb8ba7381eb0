// comp lsp [--stdio | --node-ipc | --socket=PORT]: the language server, for any editor's LSP
// client (Neovim, Helix, Emacs, VS Code).
import { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('lsp')
    .summary('start the language server (for editors)')
    .description('Start the .comp language server. Editors start it themselves: `comp lsp --stdio`.')
    .option('--stdio', 'talk JSON-RPC over stdin/stdout (the default for editors other than VS Code)')
    .option('--node-ipc', 'talk over the Node IPC channel (VS Code)')
    .option('--socket <port>', 'talk over a TCP socket')
    .option('--clientProcessId <pid>', 'exit when this process ends')
    .allowUnknownOption(true)
    .addHelpText(
      'after',
      `
Examples:
  $ comp lsp --stdio
  Neovim:  vim.lsp.start({ name = 'comp', cmd = { 'comp', 'lsp', '--stdio' } })
  Helix:   [language-server.comp] command = "comp", args = ["lsp", "--stdio"]`,
    )
    .action(async (opts: { stdio?: boolean; nodeIpc?: boolean; socket?: string }) => {
      // The server's preview workers start this same script (see lsp/preview-worker.ts).
      const worker = await import('../../../lsp/preview-worker.js');
      if (worker.isPreviewWorker()) return worker.runPreviewWorker();
      if (!opts.stdio && !opts.nodeIpc && !opts.socket) process.argv.push('--stdio');
      if (opts.socket && !process.argv.some((a) => a.startsWith('--socket='))) process.argv.push(`--socket=${opts.socket}`);
      const { startServer } = await import('../../../lsp/start.js');
      startServer(undefined, process.argv[1]);
      // The connection keeps the process alive; it exits on the client's `exit`.
      await new Promise<void>(() => undefined);
    });
}
