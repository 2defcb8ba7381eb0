## AE plan with a bonus on a payout curve, an MBO scorecard, SPIFFs, a minimum commission, a
## mentor bonus and a team pool (docs/language.md sections 20-22).
plan "AE bonuses FY2026"
currency USD
periods monthly from 2026-01 to 2026-02

roster reps from "reps.csv" {
  id: text key
  manager: rep optional
  mentor: rep optional
  role: text
  monthly_quota: money positive
  target_bonus: money
  team by manager
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  product: text
  units: integer
  close_date: date
  amount: money
}

table kpis from "kpis.csv" {
  rep: rep
  period: period
  retention: percent
  churn: percent
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

let quota = rep.monthly_quota
let attainment = credit / quota

curve payout linear {
  at 50%  pays 25%
  at 100% pays 100%
  at 150% pays 200%
  below 50% pays 0%
  above 150% slope 1.5
}

scorecard mbo {
  metric retention weight 60% actual kpis.retention target 90% higher is better cap 120%
  metric churn     weight 40% actual kpis.churn     target 5%  lower is better  cap 150%
  all metrics at least 50% of target
}

component annual "Attainment bonus" {
  for rep.role = "AE"
  pays rep.target_bonus * payout(attainment)
}

component mbo_bonus "MBO" {
  for rep.role = "AE"
  pays rep.target_bonus * mbo
}

component spiff "GTX SPIFF" {
  pays USD 500 per deal where deal.product = "GTX Pro"
}

component units "Units SPIFF" {
  pays USD 20 per unit of deal.units where deal.close_date >= 2026-02-01
}

component commission "Commission" {
  rate 5%
  minimum USD 300 per period
}

component mentor "Mentor" {
  pays USD 1,000 per mentee where mentee.attainment >= 100%
}

component pool "Team pool" {
  for rep.role = "AE"
  pool USD 1,000 per team split by credit share
}
