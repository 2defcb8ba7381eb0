# Example: a gate, i.e. a cliff (docs/language.md section 7).
# Nothing is paid below 70% of quota; once 70% is reached, 10% is paid from the first dollar.
# Exactly 70% meets the gate. Quota 10,000 a month.
#   ada: 7,000 = 70.00%: gate met, 7,000 x 10% = 700.00
#   ben: 6,999 = 69.99%: gate not met, 0.00
#   cy: 12,000 = 120%: gate met, 12,000 x 10% = 1,200.00

plan "Attainment cliff"
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

component commission "Commission" {
  on credit
  basis period total
  rate 10%
  gate attainment >= 70%
}
