# Roll-ups below level 1 in SQL (compiler/sql/compile.ts, a recursive CTE): team credit at level
# 2, at all levels and by a second hierarchy, against the runtime (test/engines/).
#   vp > dir > m1 > a1, a2; dir > m2 > a3; a4 has no manager; product lead: spec over a1, a3.
plan "Roll-ups in SQL"
currency USD
periods monthly from 2026-01 to 2026-02

roster reps from "reps.csv" {
  id: text key
  manager: rep optional
  product_lead: rep optional
  team by manager
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

component all "Roll-up, all levels" {
  on team credit at all levels
  rate 1%
}

component overlay "Product overlay" {
  on team credit by product_lead
  rate 5%
}

component deep "Product overlay, all levels" {
  for rep.id != "a4"
  on team credit by product_lead at all levels
  rate 1%
}
