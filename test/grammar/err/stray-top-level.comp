plan "Stray"
currency USD
oops this is not a declaration }
let after_error = 1
