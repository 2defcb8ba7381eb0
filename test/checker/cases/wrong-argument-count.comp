plan "Checker case"
currency USD
periods monthly from 2026-01 to 2026-03

roster reps from "reps.csv" {
  id: text key
  manager: rep optional
  role: text
  hire_date: date
  monthly_quota: money
  csat: decimal
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  product: text
  amount: money
  close_date: date
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

let tenure = months_since(rep.hire_date, period.start)

component commission {
  rate 10%
  gate tenure > 3
}