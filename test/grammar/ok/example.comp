## Field sales plan, fiscal 2026.
plan "Field Sales FY2026"
currency USD
periods monthly from 2026-01 to 2026-12
rounding half away from zero to 0.01 per payout line

## One row per rep.
roster reps from "reps.csv" {
  id: text key
  manager: rep optional
  role: text
  hire_date: date
  monthly_quota: money
  team by manager
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  product: text
  stage: text
  close_date: date optional
  amount: money optional
}

table cancellations from "cancellations.csv" {
  deal: deals
  date: date
}

credit deals
  where deal.stage = "Won"
  amount deal.amount
  date deal.close_date
  to deal.owner

let quota = rep.monthly_quota
let attainment = credit / quota otherwise 0%

tiers accelerator marginal {
  from 0%   to 100% pays 8%
  from 100% to 120% pays 12%
  from 120%         pays 16%
}

## Paid monthly on the month's credit.
component commission "Commission" {
  for rep.role = "AE"
  on credit
  basis period total
  rate accelerator
  cap USD 25,000 per period
  clawback cancellations within 90 days full
}
