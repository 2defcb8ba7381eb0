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

tiers steps retroactive {
  from USD 0 to USD 1,000 pays 1%
  from USD 900 to USD 3,000 pays 2%
  from USD 3,000 pays 3%
}

component commission {
  basis per deal
  rate steps
}