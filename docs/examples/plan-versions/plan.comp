# Example: a plan version that takes effect on 2026-03-01 (docs/language.md section 18, "Time").
# A period is paid by the version in force on its first day.
#   ana, 2026-01: 10,000 x 10% = 1,000.00 (the plan as first written)
#   ana, 2026-02: 10,000 x 10% = 1,000.00
#   ana, 2026-03: 10,000 x 12% = 1,200.00 (version "Spring 2026": the component is replaced)
#   ana, 2026-04: 5,000 x 12% = 600.00, and the new SPIFF: 5,000 x 1% = 50.00; paid 650.00

plan "Versions"
currency USD
periods monthly from 2026-01 to 2026-04

roster reps from "reps.csv" {
  id: text key
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

let rate = 10%

component commission "Commission" {
  basis period total
  rate rate
}

## From March: 12%, and a 1% SPIFF from April's credit on.
version "Spring 2026" effective 2026-03-01 {
  let rate = 12%

  component spiff "SPIFF" {
    for period.start >= 2026-04-01
    basis period total
    rate 1%
  }
}
