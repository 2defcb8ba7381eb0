# Example: `cap ... per period` (docs/language.md section 7).
# 10% of the month's credit, at most 25,000 a month.
#   2026-01: 300,000 x 10% = 30,000, capped at 25,000.00
#   2026-02: 200,000 x 10% = 20,000.00 (under the cap)

plan "Monthly cap"
currency USD
periods monthly from 2026-01 to 2026-02

roster reps from "reps.csv" {
  id: text key
  name: text
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

component commission "Commission" {
  on credit
  basis period total
  rate 10%
  cap USD 25,000 per period
}
