# Example: a fiscal year that starts in February (docs/language.md section 18, "Time").
# Quarters follow the fiscal year, named by the calendar year in which it ends:
# FY2026-Q4 is 2025-11-01 to 2026-01-31, FY2027-Q1 is 2026-02-01 to 2026-04-30.
#   ana, FY2026-Q4: d1 10,000 on 2026-01-31 (the last day of the fiscal year) x 10% = 1,000.00
#   ana, FY2027-Q1: d2 20,000 on 2026-02-01 (its first day) + d3 5,000 on 2026-04-30 = 25,000 x 10% = 2,500.00
#   ana, FY2027-Q2: d4 8,000 on 2026-05-01 x 10% = 800.00

plan "Fiscal quarters"
currency USD
fiscal year starts February
periods quarterly from FY2026-Q4 to FY2027-Q2

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
