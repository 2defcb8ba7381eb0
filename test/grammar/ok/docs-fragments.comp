
plan "Field Sales FY2026"
currency USD
periods monthly from 2026-01 to 2026-12
rounding half away from zero to 0.01 per payout line

roster reps from "reps.csv" {
  id: text key
  manager: rep optional
  monthly_quota: money positive
  team by manager
}

credit deals
  where deal.stage = "Won"
  amount deal.amount
  date deal.close_date
  to deal.owner
  split by splits

let quota = rep.monthly_quota * ramp(months_since(rep.hire_date), 0%, 25%, 50%, 75%, 100%)
let attainment = credit / quota otherwise 0%
let rate = rep.target_incentive / rep.annual_quota

tiers accelerator marginal {
  from 0%   to 100% pays 8%
  from 100% to 120% pays 12%
  from 120%         pays 16%
}

component commission "Commission" {
  for rep.role = "AE"
  on credit
  basis per deal
  rate 10%
  gate attainment >= 70%
  multiplier x1.1 when csat.score >= 4.5
  cap USD 10,000 per period
  clawback cancellations within 90 days full
}

draw recoverable USD 2,000 per period for rep.role = "AE" recover at most 50% per period
guarantee USD 3,000 per period for months_since(rep.hire_date) <= 3

