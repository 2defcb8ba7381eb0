# Example: per-product and per-channel rates, credit by a condition, team quota and a manager
# override with tiers on team attainment (docs/language.md section 17).
# Credit: won deals that were not resold through the marketplace (D5 marketplace, D6 lost: none).
#   ada: D1 GTX Pro 20,000 x 8% = 1,600 + D2 MG Special 10,000 x 5% = 500 + D3 Hub (not listed,
#        otherwise) 5,000 x 6% = 300 -> commission 2,400.00; channel: D2 partner 10,000 x 2% = 200.00
#        paid 2,600.00
#   ben: D4 MG Lite 25,000 x 5% = 1,250 + D7 GTX Pro 20,000 x 8% = 1,600 -> 2,850.00;
#        channel: D4 partner 25,000 x 2% = 500.00 (D7 direct 0%); paid 3,350.00
#   mia (manager of ada and ben): team credit 35,000 + 45,000 = 80,000; team quota = the members'
#        quotas 50,000 + 30,000 = 80,000; team attainment exactly 100% -> the band from 100% owns it:
#        80,000 x 3% = 2,400.00

plan "Credit rules"
currency USD
periods monthly from 2026-01 to 2026-01

roster reps from "reps.csv" {
  id: text key
  role: text
  manager: rep optional
  monthly_quota: money
  team by manager
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  product: text
  channel: text
  stage: text
  close_date: date
  amount: money
}

## Won deals count, except marketplace resales.
credit deals
  where deal.stage = "Won" and deal.channel != "Marketplace"
  amount deal.amount
  date deal.close_date
  to deal.owner

let quota = rep.monthly_quota
let attainment = credit / quota otherwise 0%
let team attainment = team credit / team quota otherwise 0%

component commission "Commission" {
  for rep.role = "AE"
  basis per deal
  rate by deal.product {
    "GTX Pro"               pays 8%
    "MG Special", "MG Lite" pays 5%
    otherwise               pays 6%
  }
}

component channel "Channel bonus" {
  for rep.role = "AE"
  basis per deal
  rate by deal.channel {
    "Direct"  pays 0%
    "Partner" pays 2%
  }
}

component override "Manager override" {
  for rep.role = "Manager"
  on team credit
  basis period total
  rate retroactive {
    from 0%   to 100% pays 2%
    from 100%         pays 3%
  }
}
