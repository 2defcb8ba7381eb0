# Example: team credit rolled up to a manager (docs/language.md sections 3 and 5).
# AEs earn 10% of their own credit; managers earn 2% of their team's credit (the credit of
# the reps whose `manager` is them).
#   ada (AE, manager mia): 50,000 x 10% = 5,000.00
#   ben (AE, manager mia): 30,000 x 10% = 3,000.00
#   cy  (AE, no manager):  20,000 x 10% = 2,000.00
#   mia (Manager): team credit 50,000 + 30,000 = 80,000 x 2% = 1,600.00

plan "Team roll-up"
currency USD
periods monthly from 2026-01 to 2026-01

roster reps from "reps.csv" {
  id: text key
  name: text
  role: text
  manager: rep optional
  team by manager
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

component commission "Commission" {
  for rep.role = "AE"
  on credit
  basis period total
  rate 10%
}

component override "Manager override" {
  for rep.role = "Manager"
  on team credit
  basis period total
  rate 2%
}
