# Example: roll-ups through every level, two hierarchies and a dated move (docs/language.md
# section 23). vp > dir > m1 > a1, a2; from 2026-02-01 a2 reports to dir (moves.csv); spec is
# the product lead of a1. a1 sells 10,000 and a2 20,000 each month.
#   2026-01 m1:   level 1 (a1, a2) 30,000 x 3% = 900.00
#   2026-01 dir:  level 2 (a1, a2) 30,000 x 2% = 600.00
#   2026-01 vp:   all levels 30,000 x 1% = 300.00
#   2026-01 spec: product overlay (a1) 10,000 x 5% = 500.00
#   2026-02 m1:   level 1 (a1) 10,000 x 3% = 300.00
#   2026-02 dir:  level 1 (a2) 20,000 x 3% = 600 + level 2 (a1) 10,000 x 2% = 200: 800.00
#   2026-02 vp:   level 2 (a2) 20,000 x 2% = 400 + all levels 30,000 x 1% = 300: 700.00
#   2026-02 spec: 10,000 x 5% = 500.00

plan "Hierarchies"
currency USD
periods monthly from 2026-01 to 2026-02

roster reps from "reps.csv" {
  id: text key
  manager: rep optional
  product_lead: rep optional
  team by manager
  assignments from moves
}

table moves from "moves.csv" {
  rep: rep
  manager: rep optional
  start: date
  end: date optional
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

component level1 "Override, level 1" {
  on team credit at level 1
  rate 3%
}

component level2 "Override, level 2" {
  on team credit at level 2
  rate 2%
}

component vp "VP roll-up" {
  for rep.id = "vp"
  on team credit at all levels
  rate 1%
}

component overlay "Product overlay" {
  on team credit by product_lead
  rate 5%
}
