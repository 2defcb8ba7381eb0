## A10: manager roll-up (Prowi).
## Rule: reps earn 10% of their sales; their manager earns 3% of the team's sales.
plan "A10 Manager override on team sales"
currency USD
periods monthly from 2026-02 to 2026-02

## Reps and their first-line manager.
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

## Reps: 10% of their own sales.
component commission "Commission" {
  for rep.role = "AE"
  on credit
  rate 10%
}

## Managers: 3% of the sales of the reps who report to them.
component override "Team override" {
  for rep.role = "Manager"
  on team credit
  rate 3%
}
