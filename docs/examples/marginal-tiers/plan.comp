# Example: marginal (graduated) tiers on attainment (docs/language.md section 6).
# Quota 150,000 a quarter. Each band's rate applies only to the credit inside the band.
#   ada: credit 80,000 + 70,000 + 45,000 = 195,000 (130% of quota)
#        150,000 x 8% + 30,000 x 12% + 15,000 x 16% = 12,000 + 3,600 + 2,400 = 18,000.00
#   ben: credit 120,000 (80% of quota): 120,000 x 8% = 9,600.00

plan "Marginal accelerator"
currency USD
periods quarterly from 2026-Q1 to 2026-Q1

roster reps from "reps.csv" {
  id: text key
  name: text
  quarterly_quota: money positive
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

let quota = rep.quarterly_quota
let attainment = credit / quota

## Each rate applies only to the part of the credit inside its band.
tiers accelerator marginal {
  from 0%   to 100% pays 8%
  from 100% to 120% pays 12%
  from 120%         pays 16%
}

component commission "Commission" {
  on credit
  basis period total
  rate accelerator
}
