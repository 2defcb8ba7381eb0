# Found by npm run fuzz (seed 1, input 20122): a multiplier literal where a band's bound or rate goes
# crashed the checker's hint for a rate that is not a percent (DecimalError on `x1.1`): COMP1999.
plan "p"
currency USD
periods monthly from 2026-01 to 2026-03

roster reps from "reps.csv" {
  id: text key
  monthly_quota: money positive
}

table deals from "deals.csv" {
  id: text key
  owner: rep
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
  from 0%   to 100% pays 6%
  from 100% x1.1 150% pays 9%
  from 150%         pays 12%
}

component commission "Commission" {
  on credit
  rate accelerator
}
