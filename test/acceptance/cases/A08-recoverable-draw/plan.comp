## A8: recoverable draw (Siebel Incentive Compensation).
## Rule: a recoverable draw of 2,000 a month: a shortfall is advanced and recovered from later
## earnings above 2,000.
plan "A8 Commission with a recoverable draw"
currency USD
periods monthly from 2026-01 to 2026-06

roster reps from "reps.csv" {
  id: text key
  name: text
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

## Earnings: 5% of the month's credit.
component commission "Commission" {
  on credit
  rate 5%
}

## Every month pays at least 2,000. A shortfall is an advance, recovered in full from later
## earnings above 2,000 (no per-month limit on the recovery).
draw recoverable USD 2,000 per period
