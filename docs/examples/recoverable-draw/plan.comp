# Example: a recoverable draw (docs/language.md section 8).
# AEs are paid at least 2,000 a month. A shortfall is advanced and recovered from later
# earnings above 2,000, at most 50% of those earnings above the draw in any one month.
# Commission: 5% of the month's credit.
#   ada 2026-01: earned 10,000 x 5% = 500: paid 2,000.00, 1,500 advanced (balance 1,500)
#   ada 2026-02: earned 80,000 x 5% = 4,000; 2,000 above the draw, 50% = 1,000 recovered:
#                paid 3,000.00 (balance 500)
#   ada 2026-03: earned 60,000 x 5% = 3,000; 1,000 above the draw, 50% = 500 recovered:
#                paid 2,500.00 (balance 0)
#   ben (an SE, no draw) 2026-01: earned 10,000 x 5% = 500.00

plan "Recoverable draw"
currency USD
periods monthly from 2026-01 to 2026-03

roster reps from "reps.csv" {
  id: text key
  name: text
  role: text
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

## AEs get at least 2,000 a month; the advance is paid back from later months, half of what
## they earn above 2,000 at most.
draw recoverable USD 2,000 per period for rep.role = "AE" recover at most 50% per period
