## A12: decelerator (Prowi).
## Rule: 10% of sales; all commission x0.5 when attainment < 80%.
plan "A12 Commission with a decelerator"
currency USD
periods quarterly from 2026-Q2 to 2026-Q2

roster reps from "reps.csv" {
  id: text key
  name: text
  quarterly_quota: money positive
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

let quota = rep.quarterly_quota
let attainment = credit / quota

component commission "Commission" {
  on credit
  rate 10%
  # Decelerator: below 80% of quota, all commission is halved (exactly 80% is paid in full).
  multiplier x0.5 when attainment < 80%
}
