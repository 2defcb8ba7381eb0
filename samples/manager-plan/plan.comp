## First-line sales manager plan, fiscal 2026 (January to December, paid monthly).
##
## A manager is paid on the team: an override on the team's credit, at rates that rise with the
## team's attainment of its quota; a quarterly MBO bonus on a scorecard of win rate, forecast
## accuracy and coaching; and, for a manager hired during the year, a guaranteed minimum for the
## first three months in the seat. Cancelled deals are taken back on a schedule by their age.
## The account executives of the teams are paid in the same plan: 10% of their own credit.
plan "First-line manager plan FY2026"
currency USD
periods monthly from 2026-01 to 2026-12
rounding half away from zero to 0.01 per payout line

## One row per person. Managers carry no quota of their own: their quota is the team's.
## `quarterly_bonus` is the manager's target MBO bonus per quarter; `new_hire_guarantee` is the
## monthly minimum written in the offer letter of a manager hired this year (0 for everyone else).
roster reps from "reps.csv" {
  id: text key
  name: text
  role: text
  manager: rep optional
  hire_date: date
  monthly_quota: money
  quarterly_bonus: money
  new_hire_guarantee: money
  team by manager
  assignments from assignments
}

## Changes of manager. The West team reported to Maya Ortiz (m1) as interim manager until
## Noah Brandt (m2) took it over in May. The manager in force on a month's last day has the rep
## for the whole month.
table assignments from "assignments.csv" {
  rep: rep
  manager: rep optional
  start: date
  end: date optional
}

## Closed-won deals from the CRM.
table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money positive
}

## Cancelled contracts, dated the day the customer cancelled.
table cancellations from "cancellations.csv" {
  deal: deals
  date: date
  reason: text
}

## The manager's quarterly objectives, one row per manager at the quarter's last month.
## `win_rate`: deals won / deals worked; `forecast_error`: |forecast - actual| / actual of the
## quarter's commit; `coaching_sessions`: one-to-one coaching sessions held in the quarter.
table kpis from "kpis.csv" {
  rep: rep
  period: period
  win_rate: percent
  forecast_error: percent
  coaching_sessions: integer
}

## A deal is credited to its owner in the month it closes.
credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

## A rep's quota is the monthly quota of the roster.
let quota = rep.monthly_quota
let attainment = credit / quota otherwise 0%

## The team quota is the sum of the monthly quotas of the reps on the team that month; a
## manager without a team (before the start date) has no attainment.
let team attainment = team credit / team quota otherwise 0%

## Quarter-end months, when the MBO bonus is paid.
let quarter_end = period.end = 2026-03-31 or period.end = 2026-06-30 or period.end = 2026-09-30 or period.end = 2026-12-31

## Clawback schedule, by the age of the deal when it is cancelled: a deal cancelled within three
## months of its close is taken back in full, within six months by half, after that not at all.
## A cancelled deal stays in the attainment of the month it closed.

## Account executives: 10% of the month's credit.
component commission "Commission" {
  for rep.role = "AE"
  on credit
  basis period total
  rate 10%
  clawback cancellations schedule {
    within 3 months takes 100%
    within 6 months takes 50%
  }
  cancelled deals stay in attainment
}

## Managers: an override on the team's credit for the month, graduated by team attainment
## (team credit / team quota). Each band's rate applies to the part of the team credit inside
## the band; a band owns its lower edge (exactly 100% is in the 100%-120% band).
component override "Team override" {
  for rep.role = "Manager"
  on team credit
  basis period total
  rate marginal {
    from 0%   to 80%  pays 1%
    from 80%  to 100% pays 2%
    from 100% to 120% pays 3%
    from 120%         pays 4%
  }
  clawback cancellations schedule {
    within 3 months takes 100%
    within 6 months takes 50%
  }
  cancelled deals stay in attainment
}

## Managers' quarterly objectives: win rate 40% (target 25%), forecast error 30% (target 10%,
## lower is better) and coaching 30% (target 24 sessions). Each score is capped; if any
## objective is below half of its target, no MBO bonus is paid for the quarter.
scorecard mbo {
  metric win_rate weight 40% actual kpis.win_rate          target 25% higher is better cap 150%
  metric forecast weight 30% actual kpis.forecast_error    target 10% lower is better  cap 150%
  metric coaching weight 30% actual kpis.coaching_sessions target 24  higher is better cap 120%
  all metrics at least 50% of target
}

## Paid with the last month of each quarter, to managers in the seat by then.
component mbo_bonus "Quarterly MBO bonus" {
  for rep.role = "Manager" and rep.hire_date <= period.end
  pays rep.quarterly_bonus * mbo where quarter_end
}

## New managers are paid at least their offer letter's guarantee in each of their first three
## months (the month of the start date is month 1), after clawbacks; nothing is owed back.
guarantee rep.new_hire_guarantee per period for first 3 months after rep.hire_date
