# Example: year-to-date true-ups with retroactive tiers (docs/language.md section 24).
# Quota 10,000 a month; attainment to date = credit to date / quota to date. 5% below 100% to
# date, 10% on everything from 100% (the band owns 100%). Each month pays the amount owed to
# date minus what was already paid this year; a negative true-up pays 0.00.
#   ada 2026-01: 8,000 / 10,000 = 80% -> 5% x 8,000 = 400.00
#   ada 2026-02: 24,000 / 20,000 = 120% -> 10% x 24,000 = 2,400; paid 400: true-up 2,000.00
#                (the highest-rate catch-up: 400 more on January's deal)
#   ada 2026-03: 28,000 / 30,000 = 93.33% -> 5% x 28,000 = 1,400; paid 2,400: -1,000 -> 0.00
#   ada 2026-04: 50,000 / 40,000 = 125% -> 10% x 50,000 = 5,000; paid 2,400: true-up 2,600.00
#   ben 2026-01: 10,000 / 10,000 = exactly 100% -> 10% x 10,000 = 1,000.00

plan "Year to date"
currency USD
periods monthly from 2026-01 to 2026-04

roster reps from "reps.csv" {
  id: text key
  monthly_quota: money positive
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

let quota = rep.monthly_quota
let attainment = credit / quota

component commission "Commission" {
  basis year to date
  rate retroactive {
    from 0%   to 100% pays 5%
    from 100%         pays 10%
  }
}
