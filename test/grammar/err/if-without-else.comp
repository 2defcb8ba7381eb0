let x = if a then 1
let after_error = 1
