## A13: rate from pay mix (Bentega).
## Rule: base 70,000, target incentive 30,000 (a 70/30 mix), annual quota 600,000: the rate is
## target incentive / quota, derived in the plan, not typed in.
plan "A13 Commission rate derived from pay mix"
currency USD
periods annual from 2026-01-01 to 2026-12-31

roster reps from "reps.csv" {
  id: text key
  name: text
  base_salary: money
  target_incentive: money
  annual_quota: money positive
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

## Paying this rate on exactly the quota pays exactly the target incentive.
let commission_rate = rep.target_incentive / rep.annual_quota

component commission "Commission" {
  on credit
  rate commission_rate
}
