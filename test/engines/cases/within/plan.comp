# Ancestor tests (`within`) in SQL (compiler/sql/trees.ts, a recursive CTE), in a credit rule and
# in a measure, against the runtime (test/engines/). Products: Furniture > Chairs > Office
# chairs, Furniture > Desks; Lamps has no parent; Stools under Chairs.
plan "Within in SQL"
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
  product: products optional
}

credit deals
  where deal.product within "Furniture" or deal.amount > USD 5000
  amount deal.amount
  date deal.close_date
  to deal.owner

component commission "Commission" {
  on credit
  rate 5%
}

component chairs "Chair kicker" {
  on credit where deal.product within "Chairs"
  rate 2%
}
