# Example: quotas prorated by days employed, seasonal weights by quarter, leave of absence
# (docs/language.md section 16).
# The annual quota is spread 20% / 20% / 20% / 40% by quarter; a month gets a third of its
# quarter's weight: 120,000 x 20% / 3 = 8,000.00 a month in Q1. It is then prorated by the days
# of the month the rep is employed and not on leave (hire, end and leave dates count as whole days).
# Commission: 5% of credit below 100% of quota, 10% of all of it from 100% (retroactive).
#   ada, employed all January: quota 8,000.00; credit 8,000 = exactly 100% -> 10%: 800.00
#   ben, hired 2026-01-17: employed 17-31 January = 15 of 31 days; quota 8,000 x 15/31 = 3,870.97...;
#        credit 3,000 = 77.5% -> 5%: 150.00. February, full month: quota 8,000; credit 9,000 = 112.5% -> 10%: 900.00
#   cy, on leave 2026-02-10 to 2026-02-23 (14 days, both ends included): employed 14 of 28 days;
#        quota 8,000 x 14/28 = 4,000.00; credit 4,000 = 100% -> 10%: 400.00
#   dee, last day 2026-02-14: employed 14 of 28 days; quota 4,000.00; credit 3,000 = 75% -> 5%: 150.00

plan "Proration"
currency USD
periods monthly from 2026-01 to 2026-02

roster reps from "reps.csv" {
  id: text key
  hire_date: date
  end_date: date optional
  annual_quota: money
  employed from hire_date to end_date
  leave from leaves
}

table leaves from "leaves.csv" {
  rep: rep
  start: date
  end: date
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

let quota = prorate(seasonal(rep.annual_quota, by quarter 20%, 20%, 20%, 40%), by days employed)
let attainment = credit / quota otherwise 0%

component commission "Commission" {
  basis period total
  rate retroactive {
    from 0%   to 100% pays 5%
    from 100%         pays 10%
  }
}
