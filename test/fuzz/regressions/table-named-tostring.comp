# Regression (a table named `toString` crashed the checker).
# Example: a credit rule with toString (docs/language.md section 4).
# D1 (200,000) is split 70% ada / 30% ben, with cy credited 25% on top as an overlay.
# D2 (50,000) has no split rows, so it is credited to its owner, ben.
#   ada: 200,000 x 70% = 140,000 x 10% = 14,000.00
#   ben: 200,000 x 30% + 50,000 = 110,000 x 10% = 11,000.00
#   cy:  200,000 x 25% = 50,000 x 5% (overlay rate) = 2,500.00
# D3 is lost: not credited.

plan "Credit with toString"
currency USD
periods monthly from 2026-03 to 2026-03

roster reps from "reps.csv" {
  id: text key
  name: text
  role: text
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  stage: text
  close_date: date
  amount: money
}

## Who shares each deal. Ordinary rows of a deal sum to 100%; overlay rows are on top.
table toString from "toString.csv" {
  deal: deals
  rep: rep
  share: percent
  overlay: boolean
}

credit deals
  where deal.stage = "Won"
  amount deal.amount
  date deal.close_date
  to deal.owner
  split by toString

component commission "Commission" {
  for rep.role = "AE"
  on credit
  basis period total
  rate 10%
}

component overlay "Overlay commission" {
  for rep.role = "Specialist"
  on credit
  basis period total
  rate 5%
}
