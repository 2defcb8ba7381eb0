## Account executives, 2026: quarter-to-date commission with catch-ups, a clawback schedule,
## and a guarantee for new hires.
plan "AE plan with quarterly true-ups"
currency USD
periods monthly from 2026-01 to 2026-12
rounding half away from zero to 0.01 per payout line

roster reps from "reps.csv" {
  id: text key
  hire_date: date
  monthly_quota: money positive
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
}

## Cancelled contracts.
table cancellations from "cancellations.csv" {
  deal: deals
  date: date
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

let quota = rep.monthly_quota
let attainment = credit / quota

## Attainment to date in the quarter: 5% below quota, 10% on everything once quota is reached.
## Each month pays what is owed to date minus what was already paid in the quarter.
component commission "Commission" {
  basis quarter to date
  rate retroactive {
    from 0%   to 100% pays 5%
    from 100%         pays 10%
  }
  clawback cancellations schedule {
    within 6 months  takes 100%
    within 12 months takes 50%
  }
  cancelled deals stay in attainment
}

## New hires are paid at least 1,000 a month in their first three months (the month of hire is month 1).
guarantee USD 1,000 per period for first 3 months after rep.hire_date
