# Example: `basis per deal` (docs/language.md section 7).
# Each deal goes through the tiers on its own. Same tiers and deals as basis-period-total
# and basis-running-total:
#   D1  8,000: 8,000 x 5% = 400
#   D2 15,000: 10,000 x 5% + 5,000 x 10% = 500 + 500 = 1,000
#   ada is paid 400 + 1,000 = 1,400.00 (period total would pay 1,800.00)

plan "Basis per deal"
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
  basis per deal
  rate deal_size
}
