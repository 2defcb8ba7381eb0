# Regression (80 syntax errors took ~17 s to recover from).
# Example: a credit rule with splits (docs/language.md section 4).
# D1 (200,000) is split 70% ada / 30% ben, with cy credited 25% on top as an overlay.
# D2 (50,000) has no split rows, so it is credited to its owner, ben.
#   ada: 200,000 x 70% = 140,000 x 10% = 14,000.00
#   ben: 200,000 x 30% + 50,000 = 110,000 x 10% = 11,000.00
#   cy:  200,000 x 25% = 50,000 x 5% (overlay rate) = 2,500.00
# D3 is lost: not credited.

plan "Credit with splits"
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
table splits from "splits.csv" {
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
  split by splits

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

component c0 "C" { for rep.role = "AE" on credit rate ) }

component c1 "C" { for rep.role = "AE" on credit rate ) }

component c2 "C" { for rep.role = "AE" on credit rate ) }

component c3 "C" { for rep.role = "AE" on credit rate ) }

component c4 "C" { for rep.role = "AE" on credit rate ) }

component c5 "C" { for rep.role = "AE" on credit rate ) }

component c6 "C" { for rep.role = "AE" on credit rate ) }

component c7 "C" { for rep.role = "AE" on credit rate ) }

component c8 "C" { for rep.role = "AE" on credit rate ) }

component c9 "C" { for rep.role = "AE" on credit rate ) }

component c10 "C" { for rep.role = "AE" on credit rate ) }

component c11 "C" { for rep.role = "AE" on credit rate ) }

component c12 "C" { for rep.role = "AE" on credit rate ) }

component c13 "C" { for rep.role = "AE" on credit rate ) }

component c14 "C" { for rep.role = "AE" on credit rate ) }

component c15 "C" { for rep.role = "AE" on credit rate ) }

component c16 "C" { for rep.role = "AE" on credit rate ) }

component c17 "C" { for rep.role = "AE" on credit rate ) }

component c18 "C" { for rep.role = "AE" on credit rate ) }

component c19 "C" { for rep.role = "AE" on credit rate ) }

component c20 "C" { for rep.role = "AE" on credit rate ) }

component c21 "C" { for rep.role = "AE" on credit rate ) }

component c22 "C" { for rep.role = "AE" on credit rate ) }

component c23 "C" { for rep.role = "AE" on credit rate ) }

component c24 "C" { for rep.role = "AE" on credit rate ) }

component c25 "C" { for rep.role = "AE" on credit rate ) }

component c26 "C" { for rep.role = "AE" on credit rate ) }

component c27 "C" { for rep.role = "AE" on credit rate ) }

component c28 "C" { for rep.role = "AE" on credit rate ) }

component c29 "C" { for rep.role = "AE" on credit rate ) }

component c30 "C" { for rep.role = "AE" on credit rate ) }

component c31 "C" { for rep.role = "AE" on credit rate ) }

component c32 "C" { for rep.role = "AE" on credit rate ) }

component c33 "C" { for rep.role = "AE" on credit rate ) }

component c34 "C" { for rep.role = "AE" on credit rate ) }

component c35 "C" { for rep.role = "AE" on credit rate ) }

component c36 "C" { for rep.role = "AE" on credit rate ) }

component c37 "C" { for rep.role = "AE" on credit rate ) }

component c38 "C" { for rep.role = "AE" on credit rate ) }

component c39 "C" { for rep.role = "AE" on credit rate ) }

component c40 "C" { for rep.role = "AE" on credit rate ) }

component c41 "C" { for rep.role = "AE" on credit rate ) }

component c42 "C" { for rep.role = "AE" on credit rate ) }

component c43 "C" { for rep.role = "AE" on credit rate ) }

component c44 "C" { for rep.role = "AE" on credit rate ) }

component c45 "C" { for rep.role = "AE" on credit rate ) }

component c46 "C" { for rep.role = "AE" on credit rate ) }

component c47 "C" { for rep.role = "AE" on credit rate ) }

component c48 "C" { for rep.role = "AE" on credit rate ) }

component c49 "C" { for rep.role = "AE" on credit rate ) }

component c50 "C" { for rep.role = "AE" on credit rate ) }

component c51 "C" { for rep.role = "AE" on credit rate ) }

component c52 "C" { for rep.role = "AE" on credit rate ) }

component c53 "C" { for rep.role = "AE" on credit rate ) }

component c54 "C" { for rep.role = "AE" on credit rate ) }

component c55 "C" { for rep.role = "AE" on credit rate ) }

component c56 "C" { for rep.role = "AE" on credit rate ) }

component c57 "C" { for rep.role = "AE" on credit rate ) }

component c58 "C" { for rep.role = "AE" on credit rate ) }

component c59 "C" { for rep.role = "AE" on credit rate ) }

component c60 "C" { for rep.role = "AE" on credit rate ) }

component c61 "C" { for rep.role = "AE" on credit rate ) }

component c62 "C" { for rep.role = "AE" on credit rate ) }

component c63 "C" { for rep.role = "AE" on credit rate ) }

component c64 "C" { for rep.role = "AE" on credit rate ) }

component c65 "C" { for rep.role = "AE" on credit rate ) }

component c66 "C" { for rep.role = "AE" on credit rate ) }

component c67 "C" { for rep.role = "AE" on credit rate ) }

component c68 "C" { for rep.role = "AE" on credit rate ) }

component c69 "C" { for rep.role = "AE" on credit rate ) }

component c70 "C" { for rep.role = "AE" on credit rate ) }

component c71 "C" { for rep.role = "AE" on credit rate ) }

component c72 "C" { for rep.role = "AE" on credit rate ) }

component c73 "C" { for rep.role = "AE" on credit rate ) }

component c74 "C" { for rep.role = "AE" on credit rate ) }

component c75 "C" { for rep.role = "AE" on credit rate ) }

component c76 "C" { for rep.role = "AE" on credit rate ) }

component c77 "C" { for rep.role = "AE" on credit rate ) }

component c78 "C" { for rep.role = "AE" on credit rate ) }

component c79 "C" { for rep.role = "AE" on credit rate ) }
