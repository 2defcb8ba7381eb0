## A7: clawback netted against later pay (Zencentiv).
## Rule: 10% of each deal; if the customer cancels within 90 days of close, the whole commission
## on that deal is clawed back and netted against the month's payout; what cannot be netted is
## carried forward as a balance owed.
plan "A7 Commission with 90-day clawback"
currency USD
periods monthly from 2026-01 to 2026-06

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

## Customer cancellations, dated the day the customer cancelled.
table cancellations from "cancellations.csv" {
  deal: deals
  date: date
  reason: text optional
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

## 10% of each deal. A cancellation up to 90 days after close takes back the whole commission on
## that deal in the month of the cancellation; what that month cannot absorb is owed and
## recovered from later months.
component commission "Commission" {
  on credit
  basis per deal
  rate 10%
  clawback cancellations within 90 days full net against later payouts
}
