" Syntax for .comp plans (the same token classes as the VS Code TextMate grammar).
if exists('b:current_syntax')
  finish
endif

syn keyword compItem plan currency periods rounding roster table credit let tiers component draw guarantee target curve scorecard fiscal version effective fx opening show calendar negative
syn keyword compClause for on basis rate gate multiplier cap clawback where amount date to split from pays recover below above all pool minimum advance hold cancelled forgiven metric within team by key optional positive marginal retroactive monthly quarterly yearly weekly per period deal total running owed balance carried forward due written off level levels
syn keyword compClause every weeks annual half away zero even up down payout line as when attainment at days months full prorated net against later payouts recoverable most means first after year quarter can be settle end back until schedule takes unused term leave stay in linear steps slope capped weight actual higher lower is better metrics least of unit mentee share equally starts rates convert assignments
syn keyword compOperator and or not if then else otherwise credit
syn keyword compBoolean true false
syn keyword compType text money decimal integer percent boolean
syn match compComment "#.*$" contains=@Spell
syn match compDoc "##.*$" contains=@Spell
syn region compString start=+"+ end=+"+ oneline
syn match compNumber "\<\d[0-9,]*\(\.\d\+\)\?\>"
syn match compMoney "\<[A-Z]\{3}\s\+-\?\d[0-9,]*\(\.\d\+\)\?\>"
syn match compPercent "-\?\<\d[0-9,]*\(\.\d\+\)\?%"
syn match compDate "\<\d\{4}-\d\d-\d\d\>"
syn match compPeriodLit "\<\d\{4}-\(Q[1-4]\|H[12]\|\d\d\)\>"

hi def link compItem Keyword
hi def link compClause Statement
hi def link compOperator Operator
hi def link compBoolean Boolean
hi def link compType Type
hi def link compComment Comment
hi def link compDoc SpecialComment
hi def link compString String
hi def link compMoney Number
hi def link compPercent Number
hi def link compNumber Number
hi def link compDate Constant
hi def link compPeriodLit Constant

let b:current_syntax = 'comp'
