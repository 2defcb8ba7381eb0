# Example: periods from a 4-4-5 retail calendar (docs/language.md section 2, calendar tables).
# FY26-P01 (4 weeks, 2026-02-01 to 2026-02-28), FY26-P02 (4 weeks, to 2026-03-28), FY26-P03
# (5 weeks, 2026-03-29 to 2026-05-02). Quotas per period come from a table keyed by the calendar.
# Retroactive: 5% below 100% of the period's quota, 10% on everything from 100%; a new-hire
# guarantee of USD 1,000 a period, prorated by the days of the period employed.
#   ada FY26-P01: 10,000 / 20,000 = 50% -> 5% = 500.00 + 1,000.00 = 1,500.00
#   ada FY26-P02: 20,000 (closed on the period's last day) / 20,000 = 100% -> 10% = 2,000.00
#                 + 1,000.00 = 3,000.00
#   ada FY26-P03: 5,000 (closed on the period's first day) / 25,000 = 20% -> 250.00 + 1,000.00
#                 = 1,250.00
#   ben FY26-P02: hired 2026-03-15, employed 14 of 28 days: 1,000 x 14/28 = 500.00
#   ben FY26-P03: 8,000 / 10,000 = 80% -> 400.00 + 1,000.00 = 1,400.00

plan "Retail calendar"
currency USD
periods from calendar retail

## FY26 of a 4-4-5 retail year starting Sunday 2026-02-01.
calendar retail {
  "FY26-P01" from 2026-02-01 to 2026-02-28
  "FY26-P02" from 2026-03-01 to 2026-03-28
  "FY26-P03" from 2026-03-29 to 2026-05-02
}

roster reps from "reps.csv" {
  id: text key
  hired: date
  employed from hired
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
}

table quotas from "quotas.csv" {
  rep: rep
  period: period
  quota: money
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

let quota = quotas.quota
let attainment = credit / quota otherwise 0%

component commission "Commission" {
  rate retroactive {
    from 0%   to 100% pays 5%
    from 100%         pays 10%
  }
}

component ramp "New-hire guarantee" {
  pays prorate(USD 1,000, by days employed)
}
