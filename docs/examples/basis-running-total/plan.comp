# Example: `basis running total` (docs/language.md section 7).
# Deals are taken in date order; each is paid for the slice of the month's running total that
# it covers. Same tiers and deals as basis-per-deal and basis-period-total:
#   D1 (2026-01-05) covers 0 to 8,000:       8,000 x 5% = 400
#   D2 (2026-01-20) covers 8,000 to 23,000:  2,000 x 5% + 13,000 x 10% = 100 + 1,300 = 1,400
# Without a cap this adds up to the period-total figure, 1,800; the basis decides which deal
# each slice belongs to. With `cap USD 1,200 per deal`, D2 is paid 1,200:
#   ada is paid 400 + 1,200 = 1,600.00

plan "Basis running total"
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
  basis running total
  rate deal_size
  cap USD 1,200 per deal
}
