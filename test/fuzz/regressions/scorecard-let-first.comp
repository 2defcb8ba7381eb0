# A scorecard reading itself through a let declared before it, and a second card reading the
# first: COMP2009 on each, not a stack overflow.
plan "MBO scorecard"
currency USD
periods monthly from 2026-01 to 2026-01

roster reps from "reps.csv" {
  id: text key
  target_bonus: money
}

table kpis from "kpis.csv" {
  rep: rep
  retention: percent
  churn: percent
  nps: integer
}

let mbo_cap = mbo

scorecard mbo {
  metric retention weight 50% actual kpis.retention target 90% higher is better cap 120%
  metric churn     weight 30% actual kpis.churn     target 5%  lower is better  cap mbo_cap
  metric nps       weight 20% actual kpis.nps       target 40  higher is better cap 110%
  all metrics at least 50% of target
}

component mbo_bonus "MBO bonus" {
  pays rep.target_bonus * 150%
}

scorecard other {
  metric a weight 100% actual mbo target 100% higher is better cap 120%
}
