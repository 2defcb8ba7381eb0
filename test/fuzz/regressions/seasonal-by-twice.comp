# Issue 9: a second `by` after the weights began (`seasonal(x, by quarter 20%, 25%, by quarter 25%, 30%)`)
# is COMP5002 (`by` given more than once) at the second `by`, not an unrelated type error.
## Regional team plan, FY2026: seasonal quotas prorated for new hires and leave, commission by
## product, a partner-channel bonus, and a manager override on team attainment.
plan "Regional team FY2026"
currency USD
periods monthly from 2026-01 to 2026-12

roster reps from "reps.csv" {
  id: text key
  name: text
  role: text
  manager: rep optional
  hire_date: date
  end_date: date optional
  annual_quota: money
  team by manager
  employed from hire_date to end_date
  leave from leaves
}

## Leaves of absence, first and last day included.
table leaves from "leaves.csv" {
  rep: rep
  start: date
  end: date
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  product: text where "GTXPro" means "GTX Pro"
  channel: text
  stage: text
  close_date: date
  amount: money
}

## Won deals count, except marketplace resales.
credit deals
  where deal.stage = "Won" and deal.channel != "Marketplace"
  amount deal.amount
  date deal.close_date
  to deal.owner

## The year's quota falls 20/25/25/30% by quarter, prorated by the days employed and not on leave.
let quota = prorate(seasonal(rep.annual_quota, by quarter 20%, 25%, by quarter 25%, 30%), by days employed)
let attainment = credit / quota otherwise 0%
let team attainment = team credit / team quota otherwise 0%

component commission "Commission" {
  for rep.role = "AE"
  basis per deal
  rate by deal.product {
    "GTX Pro"               pays 8%
    "MG Special", "MG Lite" pays 5%
    otherwise               pays 6%
  }
}

component channel "Partner bonus" {
  for rep.role = "AE"
  basis per deal
  rate by deal.channel {
    "Direct"  pays 0%
    "Partner" pays 2%
  }
}

## The manager earns on the team's credit, at a rate set by team attainment.
component override "Manager override" {
  for rep.role = "Manager"
  on team credit
  basis period total
  rate retroactive {
    from 0%   to 80%  pays 1%
    from 80%  to 100% pays 2%
    from 100%         pays 3%
  }
}
