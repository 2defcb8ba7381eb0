# Example: new-hire protection (docs/language.md section 23).
# 10% of the month's credit. Reps are paid at least 3,000 a month in their first three months;
# the month of hire is month 1. Nothing is owed back.
#   ada (hired 2026-02-15)
#     2026-01 (before hire, not protected): no credit: 0.00
#     2026-02 (month 1): 10,000 x 10% = 1,000: topped up to 3,000.00
#     2026-03 (month 2): 50,000 x 10% = 5,000: above the guarantee, 5,000.00
#     2026-04 (month 3, the last protected month): no credit: topped up to 3,000.00
#     2026-05 (month 4, not protected): 5,000 x 10% = 500.00
#   ben (hired 2025-06-01, month 8 in January): 10,000 x 10% = 1,000.00

plan "New-hire protection"
currency USD
periods monthly from 2026-01 to 2026-05

roster reps from "reps.csv" {
  id: text key
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
  basis period total
  rate 10%
}

## New hires are paid at least 3,000 a month for their first three months.
guarantee USD 3,000 per period for first 3 months after rep.hire_date
