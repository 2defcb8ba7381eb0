plan "Missing brace"
component commission {
  rate 10%
  cap USD 1,000 per period

let after_error = 1
