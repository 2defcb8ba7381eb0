# Example: an MBO scorecard (docs/language.md section 21). Target bonus USD 2,000.
# Scores: actual / target (higher is better) or target / actual (lower is better), each capped;
# the card is the weighted sum, and 0% if any metric scores below 50% of target.
#   a: retention 99/90 = 110%; churn 5/4 = 125%; nps 50/40 = 125% -> cap 110%
#      50% x 110% + 30% x 125% + 20% x 110% = 114.5% of 2,000          = 2,290.00
#   b: retention 45/90 = 50% (exactly the gate: met); churn 100%; nps 100%
#      50% x 50% + 30% x 100% + 20% x 100% = 75%                        = 1,500.00
#   c: retention 100%; churn 0 -> scores its cap 150%; nps 10/40 = 25% < 50%: gate fails = 0.00
#   d: retention 135/90 = 150% -> cap 120%; churn 5/10 = 50% (met); nps 44/40 = 110%
#      50% x 120% + 30% x 50% + 20% x 110% = 97%                        = 1,940.00

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
  metric churn     weight 30% actual kpis.churn     target 5%  lower is better  cap 150%
  metric nps       weight 20% actual kpis.nps       target 40  higher is better cap 110%
  all metrics at least 50% of target
}

component mbo_bonus "MBO bonus" {
  pays rep.target_bonus * mbo
}
