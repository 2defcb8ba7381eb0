let quota = rep.
let after_error = 1
