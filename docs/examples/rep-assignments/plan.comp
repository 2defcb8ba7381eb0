# Example: rep assignments with start and end dates (docs/language.md section 18, "Time").
# `rep.role` and `team by manager` use the assignment in force on the period's last day.
# assignments.csv: ana AE 2026-01-01..2026-02-14, then Manager from 2026-02-15;
#                  ben reports to ana from 2026-02-15 (no manager before).
#   ana, 2026-01: AE, 10,000 x 10% = 1,000.00
#   ana, 2026-02: Manager on 2026-02-28: team credit (ben) 20,000 x 2% = 400.00
#                 (her own 5,000 of 2026-02-10 pays nothing: she is not an AE at the period's end)
#   ben, 2026-01: AE (roster), 8,000 x 10% = 800.00
#   ben, 2026-02: AE, 20,000 x 10% = 2,000.00

plan "Assignments"
currency USD
periods monthly from 2026-01 to 2026-02

roster reps from "reps.csv" {
  id: text key
  role: text
  manager: rep optional
  team by manager
  assignments from assignments
}

table assignments from "assignments.csv" {
  rep: rep
  role: text
  manager: rep optional
  start: date
  end: date optional
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
  basis period total
  rate 10%
}

component override "Manager override" {
  for rep.role = "Manager"
  on team credit
  basis period total
  rate 2%
}
