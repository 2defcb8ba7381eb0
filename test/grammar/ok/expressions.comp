let quota = rep.monthly_quota * ramp(months_since(rep.hire_date), 0%, 25%, 50%, 75%, 100%)
let attainment = credit / quota otherwise 0%
let rate = rep.target_incentive / rep.annual_quota
let precedence = 1 + 2 * 3 - 4 / 5
let left_assoc = 10 - 3 - 2
let grouped = (1 + 2) * 3
let unary = - -rep.x * -2
let logic = a or b and not c = d or e
let cmp = 1 + 2 <= 3 * 4
let cond = if attainment >= 100% then x1.2 else 1
let nested = a otherwise b otherwise c
let or_below = a or b otherwise c
let money = USD 15,000 + EUR 99.90 + USD 1,200,000.50
let numbers = 3 + 4.5 + 1,200 + 0.01
let percents = 8% + 12.5% + 1,000%
let mult = x1.2 * x2
let dates = days_between(2026-01-15, period.end) + months_between(period.start, 2026-12-31)
let durations = 90 days + 12 months
let text = "GTX Pro" = "a \"quoted\" \\ text"
let bools = true and not false
let team_part = team credit / credit
let focus = (credit where deal.product = "GTX Pro") / credit otherwise 0%
let focus2 = min((credit where deal.product = "X"), USD 10,000) + max(1, 2, 3) + abs(-1)
let no_args = now()
let soft = event.date + deal.amount + rep.period + total.rate
let chained = deal.owner.manager.role
let commas = min(1,2)
let month = 2026-01
let quarter = 2026-Q1
let half = 2026-H1
