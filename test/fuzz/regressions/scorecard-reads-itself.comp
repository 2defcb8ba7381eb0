# A scorecard whose cap reads the card itself (`cap mbo` inside `scorecard mbo`) overflowed the
# stack at lowering (COMP1999; found by the 1M fuzz run, seed 1 input 660,824). Now COMP2009.
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

scorecard mbo {
  metric retention weight 50% actual kpis.retention target 90% higher is better cap 120%
  metric churn     weight 30% actual kpis.churn     target 5%  lower is better  cap mbo
  metric nps       weight 20% actual kpis.nps       target 40  higher is better cap 110%
  all metrics at least 50% of target
}

component mbo_bonus "MBO bonus" {
  pays rep.target_bonus * 150%
}
