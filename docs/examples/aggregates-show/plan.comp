# Example: aggregates over related rows and values shown in comp run (docs/language.md section 22).
# A unit bonus of USD 10 per unit sold, and 10% of the month's margin less travel expenses.
#   ada 2026-01: d1 3 units, margin 1,000; d2 2 units, margin 500: units 5 -> 50.00;
#                travel: e1 (2026-01-31) 400, not e2 (February), not e3 (meals);
#                (1,500 - 400) x 10% = 110.00; paid 160.00
#   ada 2026-02: d3 4 units -> 40.00; (2,000 - 100) x 10% = 190.00; paid 230.00
#   ben 2026-01: d4 1 unit -> 10.00; (300 - 70) x 10% = 23.00; paid 33.00
# comp run prints the columns `units` and `travel` after the period.

plan "Aggregates"
currency USD
periods monthly from 2026-01 to 2026-02

roster reps from "reps.csv" {
  id: text key
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
  units: integer
  margin: money
}

table expenses from "expenses.csv" {
  id: text key
  rep: rep
  spent_on: date
  category: text
  cost: money
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

let units = sum(deal.units)
let travel = sum(expenses.cost where expenses.category = "travel")
show units, travel

component unit_bonus "Unit bonus" {
  pays USD 10 * units
}

component margin_share "Margin share" {
  pays (sum(deal.margin) - travel) * 10%
}
