## A10, variant (Prowi): reps earn 10% of their sales; their manager earns 3% only on team
## sales above 225,000.
plan "A10 Manager override above a team threshold"
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

## Managers: 3% of the team's sales above 225,000; nothing on the first 225,000.
component override "Team override" {
  for rep.role = "Manager"
  on team credit
  rate marginal {
    from USD 0       to USD 225,000 pays 0%
    from USD 225,000                pays 3%
  }
}
