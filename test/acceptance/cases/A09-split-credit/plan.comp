## A9: split credit (Prowi).
## Rule: a deal of 100,000 at 10%, split 60/40 between reps A and B. A deal whose ordinary splits
## do not sum to 100% is rejected. An overlay specialist credited 50% on top is allowed, and that
## credit counts against the specialist's own quota.
plan "A9 Split credit with an overlay specialist"
currency USD
periods monthly from 2026-03 to 2026-03

roster reps from "reps.csv" {
  id: text key
  name: text
  role: text
  monthly_quota: money positive
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  stage: text
  close_date: date
  amount: money
}

## Credit splits agreed for a deal. Ordinary rows must sum to exactly 100% per deal;
## overlay rows are credited on top.
table splits from "splits.csv" {
  deal: deals
  rep: rep
  share: percent
  overlay: boolean
}

credit deals
  where deal.stage = "Won"
  amount deal.amount
  date deal.close_date
  to deal.owner
  split by splits

let quota = rep.monthly_quota
let attainment = credit / quota

## Account executives: 10% of their (split) credit.
component commission "Commission" {
  for rep.role = "AE"
  on credit
  rate 10%
}

## Overlay specialists: 10% of their overlay credit, once it reaches half their own quota.
component overlay "Overlay commission" {
  for rep.role = "Specialist"
  on credit
  rate 10%
  gate attainment >= 50%
}
