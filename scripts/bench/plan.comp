## The benchmark plan: the CRM export (scaled by scripts/bench/scale.mjs), paid quarterly.
## Credit from won deals with splits and overlays; marginal tiers on attainment whose upper bands
## are gated on satisfaction; a cap; a product kicker; a SPIFF; a clawback netted against later
## payouts (carried forward as owed); a manager override on team attainment.
plan "CRM Quarterly Benchmark"
currency USD
periods quarterly from 2017-Q1 to 2017-Q4
rounding half away from zero to 0.01 per payout line

roster reps from "reps.csv" {
  id: text key
  manager: rep optional
  role: text
  office: text
  hire_date: date
  monthly_quota: money positive
  team by manager
}

table products from "products.csv" {
  product: text key
  series: text
  sales_price: money
}

table accounts from "accounts.csv" {
  account: text key
  sector: text where "technolgy" means "technology"
  year_established: integer
  revenue: decimal
  employees: integer
  office_location: text
  subsidiary_of: accounts optional
}

table deals from "sales_pipeline.csv" {
  opportunity_id: text key
  sales_agent: rep
  product: products where "GTXPro" means "GTX Pro"
  account: accounts optional
  deal_stage: text
  engage_date: date optional
  close_date: date optional
  close_value: money optional
}

table splits from "splits.csv" {
  deal: deals
  rep: rep
  share: percent
  overlay: boolean
}

table csat from "csat_quarterly.csv" {
  rep: rep
  quarter: period
  score: decimal
}

table cancellations from "cancellations.csv" {
  deal: deals
  date: date
  reason: text
}

credit deals
  where deal.deal_stage = "Won"
  amount deal.close_value
  date deal.close_date
  to deal.sales_agent
  split by splits

let quota = rep.monthly_quota * 3
let attainment = credit / quota
let team attainment = team credit / team quota otherwise 0%

## Up to quota: 6% of the credit, whatever the satisfaction score.
component commission "Commission" {
  for rep.role = "AE"
  on credit
  basis period total
  rate marginal {
    from 0%   to 100% pays 6%
    from 100%         pays 0%
  }
  clawback cancellations within 90 days full net against later payouts
}

## Above quota: 9% then 12%, only with a satisfaction score of 3.5 or more; at most USD 20,000.
component accelerator "Accelerator" {
  for rep.role = "AE"
  on credit
  basis period total
  rate marginal {
    from 0%   to 100% pays 0%
    from 100% to 150% pays 9%
    from 150%         pays 12%
  }
  gate csat.score >= 3.5
  cap USD 20,000 per period
  clawback cancellations within 90 days full net against later payouts
}

## Product kicker: 2% more on GTK series deals.
component kicker "GTK kicker" {
  for rep.role = "AE"
  on credit where deal.product.series = "GTK"
  basis per deal
  rate 2%
}

## Summer SPIFF: USD 150 per GTX Plus Pro deal closed June to August.
component spiff "GTX Plus Pro SPIFF" {
  for rep.role = "AE"
  pays USD 150 per deal in full where deal.product.product = "GTX Plus Pro" and deal.close_date >= 2017-06-01 and deal.close_date <= 2017-08-31
}

## Solutions engineers, on their overlay credit.
component overlay "SE overlay" {
  for rep.role = "SE"
  on credit
  basis period total
  rate 3%
}

## Managers: an override on the team's credit, by team attainment.
component override "Manager override" {
  for rep.role = "Manager"
  on team credit
  basis period total
  rate marginal {
    from 0%   to 100% pays 1%
    from 100%         pays 2%
  }
}
