table cancellations from "cancellations.csv" {
  deal: deals
  date: date
  amount: money optional
  period: period
  total: decimal
  rate: percent
  key: text key
  where: text
  to: text
}

let attainment = credit / quota otherwise 0%
let period_days = days_between(period.start, period.end)
let date = event.date
let amount = deal.amount
let total = amount + date
let rate = rep.target_incentive / rep.annual_quota
let deal_value = deal.amount
