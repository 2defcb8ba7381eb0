let bonus = $500 + 1
let after_error = 1
