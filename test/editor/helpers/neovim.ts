// Neovim, headless, as a language client: a small Lua script starts the server, opens plans,
// waits for their diagnostics, asks for a hover and writes everything to a JSON file.
// Written for Neovim 0.7 (Debian 12): vim.lsp.start_client + buf_attach_client.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number; // 1 error, 2 warning, 3 info, 4 hint
  code?: string | number;
  source?: string;
  message: string;
}

export interface NeovimResult {
  initialized: boolean;
  serverName?: string;
  hoverProvider?: boolean;
  /** Per absolute file path: the diagnostics of the first publishDiagnostics, or null if none came. */
  diagnostics: Record<string, LspDiagnostic[] | null>;
  /** The hover's contents as Markdown lines joined, or null. */
  hover: string | null;
  /** Per absolute file path in `closed`: its first publishDiagnostics before any file was opened (workspace diagnostics). */
  closed: Record<string, LspDiagnostic[] | null>;
  /** Per name in `requests`: the server's answer (null when none). */
  answers: Record<string, unknown>;
  events: string[];
  errors: string[];
  /** Neovim's stderr and the end of its lsp.log (where it writes the server's stderr). */
  stderr: string;
}

export interface NeovimSession {
  nvim: string;
  cmd: string[];
  root: string;
  files: string[];
  hover?: { file: string; line: number; character: number };
  /** Files never opened whose diagnostics must arrive anyway (the workspace check), awaited first. */
  closed?: string[];
  /** Requests sent after the hover: `params` gets `textDocument` of `file` (when given) added. */
  requests?: { name: string; method: string; file?: string; params: Record<string, unknown> }[];
  settings: Record<string, unknown>;
  /** Per wait (initialize, each file's diagnostics, hover). */
  waitMs?: number;
}

const LUA = String.raw`
local cfg = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('COMP_E2E_CONFIG')), '\n'))
local result = { initialized = false, diagnostics = vim.empty_dict(), closed = vim.empty_dict(), answers = vim.empty_dict(), hover = vim.NIL, events = {}, errors = {} }
local function log(msg) table.insert(result.events, string.format('%.2f %s', vim.loop.hrtime() / 1e9, msg)) end

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(result) }, cfg.out)
  vim.cmd('qa!')
end

local function run()
  vim.cmd('filetype on')
  vim.cmd('autocmd BufRead,BufNewFile *.comp setfiletype comp')
  local received = {}
  local exited = false
  local function norm(path) return vim.fn.resolve(vim.fn.fnamemodify(path, ':p')) end
  local client_id = vim.lsp.start_client({
    name = 'comp',
    cmd = cfg.cmd,
    root_dir = cfg.root,
    init_options = { settings = cfg.settings.comp },
    settings = cfg.settings,
    on_init = function(client, init_result)
      result.initialized = true
      if init_result and init_result.serverInfo then result.serverName = init_result.serverInfo.name end
      local caps = (init_result and init_result.capabilities) or {}
      result.hoverProvider = caps.hoverProvider ~= nil and caps.hoverProvider ~= false
      log('initialized')
    end,
    on_exit = function(code, signal)
      exited = true
      log('server exited: code ' .. tostring(code) .. ', signal ' .. tostring(signal))
    end,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, res, ctx, config)
        local f = norm(vim.uri_to_fname(res.uri))
        if received[f] == nil then
          received[f] = res.diagnostics
          log('diagnostics for ' .. f .. ': ' .. #res.diagnostics)
        end
        return vim.lsp.diagnostic.on_publish_diagnostics(err, res, ctx, config)
      end,
    },
  })
  if not client_id then
    table.insert(result.errors, 'vim.lsp.start_client returned nil')
    return
  end
  if not vim.wait(cfg.wait_ms, function() return result.initialized or exited end, 20) or not result.initialized then
    table.insert(result.errors, exited and 'the server exited before answering initialize'
      or ('the server did not answer initialize within ' .. cfg.wait_ms .. ' ms'))
    return
  end

  for _, file in ipairs(cfg.closed or {}) do
    local f = norm(file)
    if not vim.wait(cfg.wait_ms * 2, function() return received[f] ~= nil or exited end, 20) or received[f] == nil then
      table.insert(result.errors, 'no diagnostics published for the closed file ' .. file .. ' within ' .. (cfg.wait_ms * 2) .. ' ms')
    end
    result.closed[file] = received[f] or vim.NIL
  end

  local buffers = {}
  for _, file in ipairs(cfg.files) do
    vim.cmd('edit ' .. vim.fn.fnameescape(file))
    local buf = vim.api.nvim_get_current_buf()
    vim.bo[buf].filetype = 'comp'
    vim.lsp.buf_attach_client(buf, client_id)
    buffers[norm(file)] = buf
    local f = norm(file)
    if not vim.wait(cfg.wait_ms, function() return received[f] ~= nil or exited end, 20) or received[f] == nil then
      table.insert(result.errors, 'no diagnostics published for ' .. file .. ' within ' .. cfg.wait_ms .. ' ms')
    end
    result.diagnostics[file] = received[f] or vim.NIL
  end

  if cfg.hover then
    local buf = buffers[norm(cfg.hover.file)]
    vim.api.nvim_set_current_buf(buf)
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      position = { line = cfg.hover.line, character = cfg.hover.character },
    }
    local responses, err = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, cfg.wait_ms)
    if not responses then
      table.insert(result.errors, 'hover request failed: ' .. tostring(err))
    else
      for _, r in pairs(responses) do
        if r.err then table.insert(result.errors, 'hover error: ' .. vim.inspect(r.err)) end
        if r.result and r.result.contents then
          local lines = vim.lsp.util.convert_input_to_markdown_lines(r.result.contents)
          result.hover = table.concat(lines, '\n')
        end
      end
      log('hover answered')
    end
  end
  for _, req in ipairs(cfg.requests or {}) do
    local buf = req.file and buffers[norm(req.file)] or buffers[norm(cfg.files[1])]
    local params = req.params
    if req.file then params.textDocument = { uri = vim.uri_from_bufnr(buf) } end
    local responses, err = vim.lsp.buf_request_sync(buf, req.method, params, cfg.wait_ms)
    if not responses then
      table.insert(result.errors, req.name .. ' request failed: ' .. tostring(err))
    else
      for _, r in pairs(responses) do
        if r.err then table.insert(result.errors, req.name .. ' error: ' .. vim.inspect(r.err)) end
        result.answers[req.name] = r.result == nil and vim.NIL or r.result
      end
      log(req.name .. ' answered')
    end
  end
  vim.lsp.stop_client(client_id)
end

vim.api.nvim_create_autocmd('VimEnter', { once = true, callback = function()
  local ok, err = pcall(run)
  if not ok then table.insert(result.errors, 'lua error: ' .. tostring(err)) end
  finish()
end })
`;

/** Runs one headless Neovim session; resolves when Neovim exits (or is killed after a deadline). */
export async function runNeovim(session: NeovimSession): Promise<NeovimResult> {
  const dir = mkdtempSync(join(tmpdir(), 'comp-nvim-'));
  try {
    const waitMs = session.waitMs ?? 20_000;
    const out = join(dir, 'result.json');
    writeFileSync(join(dir, 'init.lua'), LUA);
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ cmd: session.cmd, root: session.root, files: session.files, closed: session.closed ?? [], requests: session.requests ?? [], hover: session.hover, settings: session.settings, out, wait_ms: waitMs }),
    );
    const deadline = waitMs * (session.files.length + 2 * (session.closed?.length ?? 0) + (session.requests?.length ?? 0) + 3) + 10_000;
    const child = spawn(session.nvim, ['--headless', '-n', '-i', 'NONE', '-u', join(dir, 'init.lua')], {
      cwd: session.root,
      env: {
        ...process.env,
        COMP_E2E_CONFIG: join(dir, 'config.json'),
        XDG_CONFIG_HOME: join(dir, 'config'),
        XDG_DATA_HOME: join(dir, 'data'),
        XDG_STATE_HOME: join(dir, 'state'),
        XDG_CACHE_HOME: join(dir, 'cache'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stdout.on('data', () => undefined);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), deadline);
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    clearTimeout(timer);
    if (!existsSync(out)) {
      throw new Error(`Neovim exited (code ${code}) without writing its result${stderr ? `; stderr:\n${stderr}` : ''}`);
    }
    const lspLog = join(dir, 'cache', 'nvim', 'lsp.log');
    if (existsSync(lspLog)) stderr += `\n--- lsp.log\n${readFileSync(lspLog, 'utf8').slice(-4000)}`;
    const result = JSON.parse(readFileSync(out, 'utf8')) as Omit<NeovimResult, 'stderr'>;
    // json_encode writes empty Lua tables as [] and vim.NIL as null.
    if (Array.isArray(result.diagnostics)) result.diagnostics = {};
    if (Array.isArray(result.closed)) result.closed = {};
    if (Array.isArray(result.answers)) result.answers = {};
    return { ...result, stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
