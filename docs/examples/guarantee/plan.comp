# Example: a guarantee for new hires (docs/language.md section 8).
# 10% of the month's credit; in their first three months (months_since is 1 in the month of
# hire) reps are paid at least 3,000. Nothing is owed back.
#   ada (hired 2026-01-05)
#     2026-01 (month 1): earned 10,000 x 10% = 1,000: topped up to 3,000.00
#     2026-02 (month 2): earned 40,000 x 10% = 4,000: above the guarantee, 4,000.00
#     2026-03 (month 3): earned 0: topped up to 3,000.00
#     2026-04 (month 4): earned 5,000 x 10% = 500: no guarantee any more, 500.00
#   ben (hired 2025-06-01, month 8 in January): earned 10,000 x 10% = 1,000.00

plan "New-hire guarantee"
currency USD
periods monthly from 2026-01 to 2026-04

roster reps from "reps.csv" {
  id: text key
  name: text
  hire_date: date
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
  rate 10%
}

## New hires are paid at least 3,000 a month for their first three months.
guarantee USD 3,000 per period for months_since(rep.hire_date) <= 3
