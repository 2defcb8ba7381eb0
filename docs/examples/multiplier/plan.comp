# Example: a multiplier read from a per-rep table (docs/language.md sections 3 and 7).
# Commission is 10% of the month's credit, x1.1 when the rep's CSAT score is at least 4.5.
#   ada: 20,000 x 10% = 2,000; CSAT 4.6: x1.1 = 2,200.00
#   ben: 20,000 x 10% = 2,000; CSAT 4.2: no multiplier = 2,000.00
#   cy:  15,000 x 10% = 1,500; CSAT exactly 4.5: x1.1 = 1,650.00

plan "CSAT multiplier"
currency USD
periods monthly from 2026-01 to 2026-01

roster reps from "reps.csv" {
  id: text key
  name: text
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
}

## Customer satisfaction, one row per rep: `csat.score` is the current rep's score.
table csat from "csat.csv" {
  rep: rep
  score: decimal
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

component commission "Commission" {
  on credit
  basis period total
  rate 10%
  multiplier x1.1 when csat.score >= 4.5
}
