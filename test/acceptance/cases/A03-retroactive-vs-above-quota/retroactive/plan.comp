## A3, variant B (Sparrowgenie): monthly quota 80,000, rate 8%; once quota is reached,
## 8% on all credit.
plan "A3B Commission once quota is reached"
currency USD
periods monthly from 2026-04 to 2026-04

roster reps from "reps.csv" {
  id: text key
  name: text
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

let quota = rep.monthly_quota
let attainment = credit / quota

## "Once quota is reached, 8% on all credit": the band reached sets the rate for everything.
component commission "Commission once quota is reached" {
  on credit
  basis period total
  rate retroactive {
    from 0%   to 100% pays 0%
    from 100%         pays 8%
  }
}
