component commission {
  rate
  cap USD 1,000 per period
}
let after_error = 1
