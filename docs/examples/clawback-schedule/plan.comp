# Example: a clawback schedule and a clawback prorated by the unused term (docs/language.md section 25).
# New business pays 10% per deal, clawed back 100% within 12 months of the credit date and 50%
# within 18 months (a window includes its last day). Renewals pay 10%, clawed back by the unused
# share of the contract term.
#   ada 2026-01: n1 10,000 and n2 20,000 (credited 2026-01-15): 1,000 + 2,000 = 3,000.00
#   ada 2026-02: r1 12,000, a 12-month renewal credited 2026-02-10: 1,200.00
#   ada 2026-05: r1 cancelled 2026-05-20: 3 whole months elapsed, 9 of 12 unused = 75%:
#                1,200 x 75% = 900 clawed back; earned 0: paid 0.00, 900 owed
#   ada 2026-06: n3 30,000: 3,000 - 900 owed = 2,100.00
#   ada 2027-01: n1 cancelled 2027-01-15, exactly 12 months after: 100% = 1,000;
#                n2 cancelled 2027-01-16, one day past 12 months: 50% = 1,000; paid 0.00, 2,000 owed
#   ada 2027-02: n4 50,000: 5,000 - 2,000 owed = 3,000.00

plan "Clawback schedule"
currency USD
periods monthly from 2026-01 to 2027-02

roster reps from "reps.csv" {
  id: text key
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  kind: text
  close_date: date
  amount: money
  term_months: integer
}

table cancellations from "cancellations.csv" {
  deal: deals
  date: date
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

component new_business "New business" {
  on credit where deal.kind = "new"
  basis per deal
  rate 10%
  clawback cancellations schedule {
    within 12 months takes 100%
    within 18 months takes 50%
  }
}

component renewals "Renewals" {
  on credit where deal.kind = "renewal"
  basis per deal
  rate 10%
  clawback cancellations within 24 months prorated by unused term deal.term_months
}
