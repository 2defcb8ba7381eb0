## Global sales team, fiscal 2027 (February 2026 to January 2027).
## Deals are booked in EUR, GBP or USD and credited in USD at the rate of their close date;
## each rep is paid in their own currency at the month-end rate. Zoe is promoted to manager on
## 2026-08-01, the day the H2 version of the plan raises the rate.
plan "Global team FY2027"
currency USD
fiscal year starts February
periods monthly from 2026-02 to 2027-01
fx rates from "fx.csv"
payout currency rep.payout_currency

roster reps from "reps.csv" {
  id: text key
  name: text
  role: text
  manager: rep optional
  payout_currency: text
  team by manager
  assignments from assignments
}

## Roles and managers over time (the roster holds the values before any assignment).
table assignments from "assignments.csv" {
  rep: rep
  role: text
  manager: rep optional
  start: date
  end: date optional
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: decimal
  currency: text
}

credit deals
  amount convert(deal.amount, from deal.currency, to USD, on deal.close_date)
  date deal.close_date
  to deal.owner

let rate = 8%

component commission "Commission" {
  for rep.role = "AE"
  basis period total
  rate rate
}

component override "Manager override" {
  for rep.role = "Manager"
  on team credit
  basis period total
  rate 2%
}

## Second half of the fiscal year: 10% for AEs.
version "FY2027 H2" effective 2026-08-01 {
  let rate = 10%
}
