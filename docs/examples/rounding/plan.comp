# Example: rounding (docs/language.md section 2).
# Payout lines are rounded half even to the cent; nothing else is rounded.
#   ada: 10,050.50 x 5% = 502.525 exactly -> 502.52 (half even: the tie goes to the even cent;
#        `half away from zero` would pay 502.53)
#   ben: 10,070.70 x 5% = 503.535 exactly -> 503.54 (the even cent is above)
#   cy:  10,000.10 x 5% = 500.005 exactly -> 500.00

plan "Rounding half even"
currency USD
periods monthly from 2026-01 to 2026-01
rounding half even to 0.01 per payout line

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

component commission "Commission" {
  on credit
  basis period total
  rate 5%
}
