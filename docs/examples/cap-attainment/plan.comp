# Example: `cap attainment at` (docs/language.md section 7).
# Quota 100,000 a month; 8% up to quota, 12% above; credit above 150% of quota is not paid.
#   ada: credit 200,000 is paid as 150,000: 100,000 x 8% + 50,000 x 12% = 8,000 + 6,000 = 14,000.00
#   ben: credit 120,000 (under the cap): 100,000 x 8% + 20,000 x 12% = 8,000 + 2,400 = 10,400.00

plan "Attainment cap"
currency USD
periods monthly from 2026-01 to 2026-01

roster reps from "reps.csv" {
  id: text key
  name: text
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

tiers accelerator marginal {
  from 0%   to 100% pays 8%
  from 100%         pays 12%
}

component commission "Commission" {
  on credit
  basis period total
  rate accelerator
  cap attainment at 150%
}
