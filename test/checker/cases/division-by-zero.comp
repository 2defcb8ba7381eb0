plan "Checker case"
currency USD
periods monthly from 2026-01 to 2026-03

roster reps from "reps.csv" {
  id: text key
  manager: rep optional
  role: text
  hire_date: date
  monthly_quota: money
  csat: decimal
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  product: text
  amount: money
  close_date: date
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

let quota = rep.monthly_quota
let attainment = credit / quota

tiers accelerator marginal {
  from 0% to 100% pays 8%
  from 100% pays 12%
}

component commission {
  rate accelerator
}