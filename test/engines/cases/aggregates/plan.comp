# Aggregates over related rows in SQL (compiler/sql/expr.ts: a subquery per rep and period):
# count and max over the rep's credited deals, sum over a table of the rep's rows, in `for`
# clauses and beside `credit where`, against the runtime (test/engines/).
plan "Aggregates in SQL"
currency USD
periods monthly from 2026-01 to 2026-02

roster reps from "reps.csv" {
  id: text key
  role: text
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
  units: integer
}

table activities from "activities.csv" {
  rep: rep
  day: date
  calls: integer optional
  kind: text
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

component commission "Commission" {
  for count(deal where deal.units >= 2) >= 2
  on credit
  rate 5%
}

component active "Active sellers" {
  for sum(activities.calls where activities.kind = "call") > 10
  on credit where deal.units > 1
  rate 1%
}

component big "Big deal" {
  for max(activities.calls where activities.kind = "call") >= 8 and max(deal.amount) > USD 100
  on credit
  rate 1%
}
