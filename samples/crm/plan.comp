## CRM field sales plan, March to December 2017.
## Runs on the real CRM export in data/ (sales_pipeline.csv, products.csv, accounts.csv as
## exported) plus the inputs make-inputs.mjs generates (reps, splits, csat, cancellations).
plan "CRM Field Sales 2017"
currency USD
periods monthly from 2017-03 to 2017-12
rounding half away from zero to 0.01 per payout line

## Account executives (AE), solutions engineers (SE) and their managers.
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
  ## The export spells one sector "technolgy".
  sector: text where "technolgy" means "technology"
  year_established: integer
  ## In millions.
  revenue: decimal
  employees: integer
  office_location: text
  subsidiary_of: accounts optional
}

## The CRM pipeline, exactly as exported. Open deals have no close date or value, and some
## have no account; the pipeline spells "GTX Pro" as "GTXPro".
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

## Team splits (ordinary shares sum to 100% per deal) and SE overlays (on top).
table splits from "splits.csv" {
  deal: deals
  rep: rep
  share: percent
  overlay: boolean
}

## Customer satisfaction, one score (1 to 5) per rep per month.
table csat from "csat.csv" {
  rep: rep
  month: period
  score: decimal
}

table cancellations from "cancellations.csv" {
  deal: deals
  date: date
  reason: text
}

## Won deals count in the month they close; open deals (no close date) are never credited.
credit deals
  where deal.deal_stage = "Won"
  amount deal.close_value
  date deal.close_date
  to deal.sales_agent
  split by splits

let quota = rep.monthly_quota
let attainment = credit / quota

## Marginal accelerator: each band's rate applies only to the credit inside the band.
tiers accelerator marginal {
  from 0%   to 100% pays 6%
  from 100% to 150% pays 9%
  from 150%         pays 12%
}

## Account executives, paid monthly on the month's credit.
component commission "Commission" {
  for rep.role = "AE"
  on credit
  basis period total
  rate accelerator
  multiplier x1.1 when csat.score >= 4.5
  gate csat.score >= 3.5
  cap USD 9,000 per period
  clawback cancellations within 90 days full net against later payouts
}

## Solutions engineers, paid on their overlay credit.
component overlay "SE overlay" {
  for rep.role = "SE"
  on credit
  basis period total
  rate 3%
  gate csat.score >= 3.5
}

## Managers earn an override on their team's credit once the team reaches 80% of its quota.
component override "Manager override" {
  for rep.role = "Manager"
  on team credit
  basis period total
  rate 1.5%
  gate team credit >= rep.monthly_quota * 80%
}
