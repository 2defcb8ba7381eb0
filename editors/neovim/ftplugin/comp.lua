-- .comp plans: comments, indentation, and the comp language server (Neovim 0.7 and later).
-- `:CompExplain [rep] [period]` shows `comp explain` on the sample data in a scratch buffer.
if vim.b.did_ftplugin then
  return
end
vim.b.did_ftplugin = true

vim.bo.commentstring = '# %s'
vim.bo.comments = ':##,:#'
vim.bo.expandtab = true
vim.bo.shiftwidth = 2
vim.bo.softtabstop = 2

if vim.g.comp_lsp == false or vim.g.comp_lsp == 0 then
  return
end

local cmd = vim.g.comp_lsp_cmd or { 'comp', 'lsp', '--stdio' }
local root = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(0), ':p:h')
local markers = vim.fn.findfile('package.json', root .. ';')
if markers ~= '' then
  root = vim.fn.fnamemodify(markers, ':p:h')
end

-- one client per root; vim.lsp.start is 0.8+, start_client works on 0.7
vim.g.comp_clients = vim.g.comp_clients or {}
local clients = vim.g.comp_clients
local id = clients[root]
if not id or not vim.lsp.get_client_by_id(id) then
  id = vim.lsp.start_client({ name = 'comp', cmd = cmd, root_dir = root })
  clients[root] = id
  vim.g.comp_clients = clients
end
if id then
  vim.lsp.buf_attach_client(0, id)
end

vim.api.nvim_buf_create_user_command(0, 'CompExplain', function(opts)
  local rep, period = opts.fargs[1], opts.fargs[2]
  local params = { uri = vim.uri_from_bufnr(0), rep = rep, period = period }
  vim.lsp.buf_request(0, 'comp/explain', params, function(err, result)
    if err or not result then
      vim.notify('comp explain: ' .. vim.inspect(err), vim.log.levels.ERROR)
      return
    end
    vim.cmd('new')
    vim.bo.buftype = 'nofile'
    vim.api.nvim_buf_set_lines(0, 0, -1, false, vim.split(result.text, '\n'))
  end)
end, { nargs = '*' })
