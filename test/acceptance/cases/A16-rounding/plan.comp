## A16: rounding.
## Rule: round half away from zero to the cent, only on the payout line, never on intermediate
## values.
plan "A16 Payout-line rounding"
currency USD
periods monthly from 2026-01 to 2026-02
rounding half away from zero to 0.01 per payout line

roster reps from "reps.csv" {
  id: text key
  name: text
  commission_rate: percent
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
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

## Each rep's own rate on the month's total credit: one payout line a month, rounded once.
component commission "Commission" {
  on credit
  basis period total
  rate rep.commission_rate
  clawback cancellations within 90 days full net against later payouts
}
