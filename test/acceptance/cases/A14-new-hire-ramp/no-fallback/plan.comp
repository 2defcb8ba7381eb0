## A14: new-hire ramp (Prowi).
## Rule: full monthly quota 50,000; months 1-5 after hire carry 0 / 25 / 50 / 75 / 100% of it.
## Month 1 has quota 0: the plan says what attainment is then.
plan "A14 New-hire ramp without a zero-quota fallback"
currency USD
periods monthly from 2026-03 to 2026-07

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

## Ramped quota: 0%, 25%, 50%, 75% of the full quota in months 1-4 after hire, 100% from month 5.
let quota = rep.monthly_quota * ramp(months_since(rep.hire_date), 0%, 25%, 50%, 75%, 100%)

## Nothing says what attainment is when the ramped quota is 0 (month 1): the checker must warn.
let attainment = credit / quota

## 10% of credit up to the ramped quota; credit above quota is not paid. With credit of at least
## the full quota every month, this line is exactly 10% of the ramped quota.
component commission "Commission up to quota" {
  on credit
  rate 10%
  cap attainment at 100%
}

## 2% of credit in the months the (ramped) quota is met; never in month 1.
component quota_bonus "Quota bonus" {
  on credit
  rate 2%
  gate attainment >= 100%
}
