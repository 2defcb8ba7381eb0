# Example: payout curves (docs/language.md section 20).
# Each rep's target bonus is USD 1,000; quota 10,000 a month; attainment = credit / quota.
# `payout` is linear: 50% -> 25%, 100% -> 100%, 150% -> 200%; below 50% pays 0%; above 150%
# adds 1.5 points of payout per point of attainment. `kicker` is in steps: 0% from 0%, 50% from
# 100%, 100% from 120%, capped above 120%.
#   r40  (40%):     below 50%: 0%; kicker 0%                                  =     0.00
#   r50  (50%):     at 50%: 25% = 250; kicker 0%                               =   250.00
#   r75  (75%):     25% + 75% x 25/50 = 62.5% = 625; kicker 0%                 =   625.00
#   r100 (100%):    at 100%: 100% = 1,000; kicker at 100%: 50% = 500           = 1,500.00
#   r120 (119.99%): 100% + 100% x 19.99/50 = 139.98% = 1,399.80; kicker 50% = 500
#                                                                              = 1,899.80
#   r150 (150%):    at 150%: 200% = 2,000; kicker 100% = 1,000                 = 3,000.00
#   r170 (170%):    200% + 1.5 x 20% = 230% = 2,300; kicker capped 100% = 1,000 = 3,300.00

plan "Payout curves"
currency USD
periods monthly from 2026-01 to 2026-01

roster reps from "reps.csv" {
  id: text key
  monthly_quota: money positive
  target_bonus: money
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

## Attainment -> payout as a share of the target bonus.
curve payout linear {
  at 50%  pays 25%
  at 100% pays 100%
  at 150% pays 200%
  below 50% pays 0%
  above 150% slope 1.5
}

curve kicker steps {
  at 0%   pays 0%
  at 100% pays 50%
  at 120% pays 100%
  above 120% capped
}

component bonus "Attainment bonus" {
  pays rep.target_bonus * payout(attainment)
}

component kick "Kicker" {
  pays rep.target_bonus * kicker(attainment)
}
