## A3, variant A (Sparrowgenie): monthly quota 80,000, rate 8%, paid only on credit above quota.
plan "A3A Commission above quota"
currency USD
periods monthly from 2026-04 to 2026-04

roster reps from "reps.csv" {
  id: text key
  name: text
  monthly_quota: money positive
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

let quota = rep.monthly_quota
let attainment = credit / quota

## "Pay only on credit above quota": nothing on the first 100% of quota, 8% on the rest.
component commission "Commission above quota" {
  on credit
  basis period total
  rate marginal {
    from 0%   to 100% pays 0%
    from 100%         pays 8%
  }
}
