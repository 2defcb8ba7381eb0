# Example: `cap ... per deal` (docs/language.md section 7).
# 10% of each deal, at most 5,000 a deal.
#   D1 30,000 x 10% = 3,000
#   D2 80,000 x 10% = 8,000, capped at 5,000
#   ada is paid 3,000 + 5,000 = 8,000.00

plan "Per-deal cap"
currency USD
periods monthly from 2026-01 to 2026-01

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
  basis per deal
  rate 10%
  cap USD 5,000 per deal
}
