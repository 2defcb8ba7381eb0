# Example: field bounds and an ancestor test on a self-referencing table (docs/language.md
# section 24). Products: Furniture > Chairs > Office chairs, Furniture > Desks; Lamps has no
# parent. USD 100 per furniture deal and USD 10 more per chair deal.
#   ada 2026-01: d1 Office chairs (within Chairs and Furniture) 110; d2 Lamps 0: 110.00
#   ada 2026-02: d3 Desks (within Furniture) 100.00
#   ben 2026-01: d4 Chairs (within Chairs and Furniture) 110.00
# A `units` cell outside 0..1,000 is a data error at its cell (COMP6250) and nothing is paid.

plan "Reference data"
currency USD
periods monthly from 2026-01 to 2026-02

roster reps from "reps.csv" {
  id: text key
}

table products from "products.csv" {
  id: text key
  parent: products optional
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
  units: integer in 0..1,000
  product: products
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

component furniture "Furniture SPIFF" {
  pays USD 100 per deal where deal.product within "Furniture"
}

component chairs "Chair SPIFF" {
  pays USD 10 per deal where deal.product within "Chairs"
}
