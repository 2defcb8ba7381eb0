# Example: a full clawback (docs/language.md section 7, Clawbacks).
# 10% of each deal. A cancellation up to 90 days after the close date takes back the whole
# commission on the deal, as a negative line in the month of the cancellation.
#   2026-01: D1 50,000 x 10% = 5,000.00
#   2026-02: D3 10,000 x 10% = 1,000.00
#   2026-03: D2 80,000 x 10% = 8,000; D1 cancelled on 2026-03-10 (54 days after close):
#            -5,000 clawed back; paid 8,000 - 5,000 = 3,000.00
#   2026-04: nothing: 0.00
#   2026-05: D3 cancelled on 2026-05-20, 99 days after its close: outside the window,
#            nothing is clawed back: 0.00

plan "Full clawback"
currency USD
periods monthly from 2026-01 to 2026-05

roster reps from "reps.csv" {
  id: text key
  name: text
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
}

## Customer cancellations, dated the day the customer cancelled.
table cancellations from "cancellations.csv" {
  deal: deals
  date: date
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

component commission "Commission" {
  on credit
  basis per deal
  rate 10%
  clawback cancellations within 90 days full net against later payouts
}
