# Example: opening balances and a negative balance written off (docs/language.md section 21).
# 10% of each month's credit; a deal cancelled within 90 days of its close is taken back in full.
# ada owes 1,000.00 from last year's plan (the roster's `owed_2025`).
#   ada 2026-01: 50,000 x 10% = 5,000.00 - 1,000.00 owed from before = 4,000.00
#   ada 2026-02: 10,000 x 10% = 1,000.00; d1 cancelled on 2026-02-20 (41 days): -5,000.00;
#                net -4,000.00: written off, pays 0.00 and nothing is carried
#   ada 2026-03: 20,000 x 10% = 2,000.00 (nothing owed: it was written off)
#   ben 2026-01: 10,000 x 10% = 1,000.00 (owes nothing)
# Carried forward (the default) ada would be paid 0.00 in March and still owe 2,000.00.

plan "Opening balances"
currency USD
periods monthly from 2026-01 to 2026-03

roster reps from "reps.csv" {
  id: text key
  owed_2025: money
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
}

table cancellations from "cancellations.csv" {
  deal: deals
  date: date
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

## Carried in from last year's plan.
opening owed rep.owed_2025
negative balance written off

component commission "Commission" {
  basis period total
  rate 10%
  clawback cancellations within 90 days full
}
