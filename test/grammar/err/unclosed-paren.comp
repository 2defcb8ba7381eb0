let x = min(1, (2 + 3
let after_error = 1
