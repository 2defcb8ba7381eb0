# Example: `basis period total` (docs/language.md section 7), the default basis.
# The month's total credit goes through the tiers once. Same tiers and deals as
# basis-per-deal and basis-running-total:
#   credit 8,000 + 15,000 = 23,000: 10,000 x 5% + 13,000 x 10% = 500 + 1,300
#   ada is paid 1,800.00 (per deal would pay 1,400.00)

plan "Basis period total"
currency USD
periods monthly from 2026-01 to 2026-01

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

## 5% on the first 10,000, 10% on the rest.
tiers deal_size marginal {
  from USD 0      to USD 10,000 pays 5%
  from USD 10,000               pays 10%
}

component commission "Commission" {
  on credit
  basis period total
  rate deal_size
}
