component c {
  cap USD 1,00 per deal
}
let after_error = 1
