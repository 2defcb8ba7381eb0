component c {
  rate 5%
  clawback cancellations 90 days full
}
let after_error = 1
