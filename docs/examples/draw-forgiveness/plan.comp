# Example: a recoverable draw with a recovery limit and forgiveness (docs/language.md section 23).
# 10% of the month's credit. Reps are paid at least 2,000 a month; the shortfall is recovered
# from later earnings above 2,000, at most 500 a month; what is left on 2026-03-31 is forgiven.
#   ada 2026-01: 5,000 x 10% = 500: advance 1,500, paid 2,000.00 (balance 1,500)
#   ada 2026-02: 30,000 x 10% = 3,000: 1,000 above the draw, at most 500 recovered:
#                paid 2,500.00 (balance 1,000)
#   ada 2026-03: 10,000 x 10% = 1,000: advance 1,000, paid 2,000.00 (balance 2,000); forgiven on
#                2026-03-31, in this period: 2,000 written off (balance 0)
#   ada 2026-04: 5,000 x 10% = 500: the draw has ended: paid 500.00
#   ada 2026-05: 40,000 x 10% = 4,000: nothing to recover: paid 4,000.00

plan "Draw with forgiveness"
currency USD
periods monthly from 2026-01 to 2026-05

roster reps from "reps.csv" {
  id: text key
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
  basis period total
  rate 10%
}

draw recoverable USD 2,000 per period recover at most USD 500 per period forgiven on 2026-03-31
