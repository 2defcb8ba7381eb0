plan "Field Sales
currency USD
let after_error = 1
