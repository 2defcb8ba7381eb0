## A5: threshold, then bands on budget (MrExcel forum).
## Rule: nothing if attainment <= 50% of budget; above that, actual up to 50% of budget @ 0.1,
## 50-100% of budget @ 0.2, above budget @ 0.3.
plan "A5 Bonus on budget attainment"
currency USD
periods monthly from 2026-06 to 2026-06

roster reps from "reps.csv" {
  id: text key
  name: text
  budget: money positive
}

table sales from "sales.csv" {
  id: text key
  owner: rep
  invoiced_on: date
  amount: money
}

credit sales as sale
  amount sale.amount
  date sale.invoiced_on
  to sale.owner

## The budget plays the part of the quota.
let quota = rep.budget
let attainment = credit / quota

## Graduated: each rate applies to the part of actual inside its band.
tiers budget_bands marginal {
  from 0%   to 50%  pays 10%
  from 50%  to 100% pays 20%
  from 100%         pays 30%
}

## "Nothing if attainment <= 50%": the gate needs strictly more than half the budget; once it
## is passed, the bands pay from the first dollar.
component bonus "Budget bonus" {
  on credit
  rate budget_bands
  gate attainment > 50%
}
