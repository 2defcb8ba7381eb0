table deals {
  : text
  amount money
}
let after_error = 1
