# A plain comment at the top.
## Doc for the plan.
plan "Comments" # trailing comment, not a doc

## Not attached: a blank line follows.

let a = 1 ## trailing doc-looking comment on a code line
## Attached to b.
let b = 2
# plain comment between
## Attached to c only.
let c = 3
