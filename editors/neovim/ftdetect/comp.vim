" .comp sales compensation plans and .comptest scenario files (Neovim's own table says `mason`
" for *.comp: this wins over it)
autocmd BufRead,BufNewFile *.comp,*.comptest set filetype=comp
