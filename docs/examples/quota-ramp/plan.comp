# Example: let, quota and attainment, with a new-hire ramp and `otherwise` (docs/language.md
# section 5).
# ada was hired on 2026-01-12 with a full quota of 20,000 a month. Her quota ramps 0%, 50%,
# 100% over her first three months (months_since is 1 in the month of hire). With a quota of
# 0 the plan says she counts as on target: attainment 100%.
#   2026-01: quota 20,000 x 0% = 0; credit 5,000 / 0 -> otherwise 100%: gate met, 5,000 x 10% = 500.00
#   2026-02: quota 20,000 x 50% = 10,000; credit 12,000 = 120%: gate met, 1,200.00
#   2026-03: quota 20,000 x 100% = 20,000; credit 12,000 = 60%: gate not met, 0.00
#   2026-04: quota 20,000 (the last ramp step from then on); credit 25,000 = 125%: 2,500.00

plan "Quota ramp"
currency USD
periods monthly from 2026-01 to 2026-04

roster reps from "reps.csv" {
  id: text key
  name: text
  hire_date: date
  monthly_quota: money positive
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

## New hires ramp to full quota: 0% in the month of hire, 50% the month after, then 100%.
let quota = rep.monthly_quota * ramp(months_since(rep.hire_date), 0%, 50%, 100%)

## With no quota yet (the month of hire) the rep counts as on target.
let attainment = credit / quota otherwise 100%

component commission "Commission" {
  on credit
  basis period total
  rate 10%
  gate attainment >= 100%
}
