# Example: inputs - the roster, other tables, field modifiers and aliases (docs/language.md
# section 3).
#   ada: won deals D1 30,000 (GTX Pro) + D2 20,000 (written "GTXPro" in the CRM, read as GTX Pro)
#        = 50,000 on a quota of 80,000 = 62.5%: the 50% gate is met.
#        Commission 50,000 x 10% = 5,000.00; hardware bonus 50,000 x 2% = 1,000.00.
#        Paid 6,000.00. (D3 is still open: no close date, not credited.)
#   ben: won deal D4 12,000 (Cloud Suite) on a quota of 40,000 = 30%: the gate is not met,
#        commission 0; no hardware credit. Paid 0.00.

plan "Inputs"
currency USD
periods monthly from 2026-01 to 2026-01

## One row per rep. `positive`: a quota is never zero, so `credit / quota` needs no fallback.
roster reps from "reps.csv" {
  id: text key
  name: text
  manager: rep optional
  monthly_quota: money positive
}

## The price list: one row per product.
table products from "products.csv" {
  name: text key
  family: text
}

## The CRM export. Open deals have no close date yet. The CRM still writes the old
## spelling "GTXPro"; the plan reads it as "GTX Pro".
table deals from "deals.csv" {
  id: text key
  owner: rep
  stage: text
  product: products where "GTXPro" means "GTX Pro"
  close_date: date optional
  amount: money
}

credit deals
  where deal.stage = "Won"
  amount deal.amount
  date deal.close_date
  to deal.owner

let quota = rep.monthly_quota
let attainment = credit / quota

component commission "Commission" {
  on credit
  basis period total
  rate 10%
  gate attainment >= 50%
}

component hardware "Hardware bonus" {
  on credit where deal.product.family = "Hardware"
  basis period total
  rate 2%
}
