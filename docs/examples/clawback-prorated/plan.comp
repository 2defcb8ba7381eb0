# Example: a prorated clawback (docs/language.md section 7, Clawbacks).
# 10% of each contract. A cancellation within 180 days takes back the unused share of the
# contract term: 100% - (months elapsed / term in months).
#   2026-01: D1 120,000 x 10% = 12,000.00
#   2026-02, 2026-03: nothing: 0.00
#   2026-04: D2 100,000 x 10% = 10,000. D1 (12 months, closed 2026-01-20) is cancelled on
#            2026-04-05: months_between = 3, share = 100% - 3 / 12 = 75%,
#            clawback 12,000 x 75% = -9,000; paid 10,000 - 9,000 = 1,000.00

plan "Prorated clawback"
currency USD
periods monthly from 2026-01 to 2026-04

roster reps from "reps.csv" {
  id: text key
  name: text
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  term_months: integer positive
  amount: money
}

table cancellations from "cancellations.csv" {
  deal: deals
  date: date
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

## A cancelled contract gives back the commission on the part of its term left unused.
component commission "Commission" {
  on credit
  basis per deal
  rate 10%
  clawback cancellations within 180 days prorated by 100% - months_between(deal.close_date, event.date) / deal.term_months
}
