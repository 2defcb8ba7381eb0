## A11: satisfaction gate and multipliers (Sparrowgenie).
## Rule: base 5% of sales; x1.2 product-mix multiplier when at least 30% of sales are in the
## focus product; x1.1 satisfaction multiplier only when the rep's CSAT >= 4.5.
plan "A11 Commission with product-mix and CSAT multipliers"
currency USD
periods monthly from 2026-05 to 2026-05

roster reps from "reps.csv" {
  id: text key
  name: text
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  product: text
  close_date: date
  amount: money
}

## Customer satisfaction survey score, one row per rep and month (scale 1 to 5).
table csat from "csat.csv" {
  rep: rep
  period: period
  score: decimal
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

## Share of the month's sales in the focus product (no sales: no share).
let focus_share = (credit where deal.product = "Nimbus Analytics") / credit otherwise 0%

component commission "Commission" {
  on credit
  rate 5%
  # Product mix: at least 30% of sales in the focus product.
  multiplier x1.2 when focus_share >= 30%
  # Satisfaction: only when the rep's CSAT is at least 4.5.
  multiplier x1.1 when csat.score >= 4.5
}
