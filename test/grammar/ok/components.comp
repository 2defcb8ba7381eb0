component commission "Commission" {
  for rep.role = "AE"
  on credit
  basis per deal
  rate 10%
  gate attainment >= 70%
  multiplier x1.1 when csat.score >= 4.5
  cap USD 10,000 per period
  clawback cancellations within 90 days full
}

component team_bonus {
  on team credit
  basis running total
  rate marginal {
    from 0% to 100% pays 1%
    from 100% pays 2%
  }
  cap attainment at 150%
  cap USD 5,000 per deal
  multiplier 50%
  clawback cancellations within 12 months prorated by 1 - days_between(deal.date, event.date) / 365 net against later payouts
}

component focus "Focus product" {
  on credit where deal.product = "GTX Pro"
  basis period total
  rate retroactive { from 0% pays 3% }
  clawback returns within 30 days net against later payouts
}

component named_rate {
  rate rate
  gate (credit where deal.product = "X") > USD 0 and attainment >= 50%
}
