# Example: the header and the payout periods (docs/language.md section 2).
# Quarterly periods from 2026-Q1 to 2026-Q2; a flat 10% of each quarter's credit.
#   ada, 2026-Q1: 30,000 + 20,000 = 50,000 x 10% = 5,000.00
#   ada, 2026-Q2: 40,000 x 10% = 4,000.00
#   ben, 2026-Q1: no credit = 0.00
#   ben, 2026-Q2: 25,000 x 10% = 2,500.00 (closed on 2026-06-30, the last day of the plan)

## Quarterly commission for the first half of 2026.
plan "Header and periods"
currency USD
periods quarterly from 2026-Q1 to 2026-Q2
rounding half away from zero to 0.01 per payout line

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

## A deal is credited in the quarter that contains its close date.
credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

component commission "Commission" {
  on credit
  basis period total
  rate 10%
}
