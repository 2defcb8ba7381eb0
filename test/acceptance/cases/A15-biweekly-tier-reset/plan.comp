## A15: tiers reset each pay cycle (MyTime).
## Rule: each two-week cycle on its own: [0, 500) @ 25%, [500, 3,000) @ 30%, [3,000, inf) @ 40%,
## marginal.
plan "A15 Bi-weekly graduated commission"
currency USD
periods every 2 weeks from 2026-01-05 to 2026-03-01

roster reps from "reps.csv" {
  id: text key
  name: text
}

table sales from "sales.csv" {
  id: text key
  stylist: rep
  sold_on: date
  amount: money
}

credit sales as sale
  amount sale.amount
  date sale.sold_on
  to sale.stylist

## Bands on each cycle's total sales; every cycle starts again at 0.
tiers cycle_bands marginal {
  from USD 0     to USD 500   pays 25%
  from USD 500   to USD 3,000 pays 30%
  from USD 3,000              pays 40%
}

component commission "Commission" {
  on credit
  basis period total
  rate cycle_bands
}
