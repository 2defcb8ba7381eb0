## A6: period cap (Sparrowgenie).
## Rule: 3% of sales, payout capped at 10,000 a month.
plan "A6 Capped monthly commission"
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

## The cap applies to each month's payout on its own; nothing carries over.
component commission "Commission" {
  on credit
  rate 3%
  cap USD 10,000 per period
}
