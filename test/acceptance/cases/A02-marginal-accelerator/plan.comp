## A2: marginal accelerator on attainment (Prowi).
## Rule: quota 150,000; credit up to 100% of quota @ 8%, 100-120% @ 12%, above 120% @ 16%,
## each rate only on the credit inside its band.
plan "A2 Marginal accelerator"
currency USD
periods quarterly from 2026-Q1 to 2026-Q1

roster reps from "reps.csv" {
  id: text key
  name: text
  quarterly_quota: money positive
}

## CRM opportunity export; open and lost opportunities have no close date.
table deals from "deals.csv" {
  id: text key
  owner: rep
  stage: text
  close_date: date optional
  amount: money
}

## Won deals are credited to their owner in the quarter they close.
credit deals
  where deal.stage = "Won"
  amount deal.amount
  date deal.close_date
  to deal.owner

let quota = rep.quarterly_quota
let attainment = credit / quota

## Each rate applies only to the credit inside its band.
tiers accelerator marginal {
  from 0%   to 100% pays 8%
  from 100% to 120% pays 12%
  from 120%         pays 16%
}

component commission "Commission" {
  on credit
  basis period total
  rate accelerator
}
