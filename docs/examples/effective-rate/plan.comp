# Example: the blended (effective) rate as a value (docs/language.md section 6).
# Licenses pay marginal tiers on a quota of USD 100,000 (5% up to 100%, 10% above); services are
# paid at the blended rate the license tiers reached (`effective_rate(commission)`), written first:
# the license component is evaluated before it, once.
#   ada: licenses 150,000: 100,000 x 5% + 50,000 x 10% = 10,000.00, blended 6.666...%;
#        services 30,000 x 10,000 / 150,000 = 2,000.00; paid 12,000.00
#   ben: licenses 80,000 x 5% = 4,000.00, blended 5%; services 10,000 x 5% = 500.00; paid 4,500.00
#   cy:  services only: no blended rate, `otherwise 0%`: 0.00

plan "Effective rate"
currency USD
periods monthly from 2026-01 to 2026-01

roster reps from "reps.csv" {
  id: text key
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
  kind: text
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

let quota = USD 100,000
let attainment = (credit where deal.kind = "license") / quota
let blended = effective_rate(commission) otherwise 0%
show blended

component services "Services" {
  on credit where deal.kind = "services"
  rate effective_rate(commission) otherwise 0%
}

component commission "Commission" {
  on credit where deal.kind = "license"
  rate marginal {
    from 0%   to 100% pays 5%
    from 100%         pays 10%
  }
}
