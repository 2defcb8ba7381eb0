# Example: a cancelled deal leaves attainment (docs/language.md section 25).
# Year-to-date attainment on a 10,000 monthly quota; 5% below 100% to date, 10% on everything
# from 100%. Clawback: 100% within 1 month of the credit, 50% within 3 months.
#   ada 2026-01: 8,000 / 10,000 = 80%: 5% x 8,000 = 400.00
#   ada 2026-02: 24,000 / 20,000 = 120%: 10% x 24,000 = 2,400 - 400 = 2,000.00
#   ada 2026-03: 28,000 / 30,000 = 93.33%: 5% x 28,000 = 1,400 < 2,400 paid: 0.00
#                (d2's share of the 1,400 owed to date: 1,400 x 16,000 / 28,000 = 800)
#   ada 2026-04: d2 (16,000, credited 2026-02-10) cancelled 2026-04-05, in the 3-month window:
#                50% of 800 = 400 clawed back. d2 leaves attainment: to date 8,000 + 4,000 +
#                30,000 = 42,000 / 40,000 = 105%: 10% x 42,000 = 4,200; paid to date
#                2,400 - 800 (paid on d2) = 1,600: true-up 2,600; 2,600 - 400 = 2,200.00
#   (with `cancelled deals stay in attainment`: 58,000 / 40,000 = 145%: 5,800 - 2,400 = 3,400;
#    d2's share 5,800 x 16 / 58 = 1,600, 50% = 800 clawed back: 2,600.00)

plan "Cancelled deals leave attainment"
currency USD
periods monthly from 2026-01 to 2026-04

roster reps from "reps.csv" {
  id: text key
  monthly_quota: money positive
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
}

table cancellations from "cancellations.csv" {
  deal: deals
  date: date
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

let quota = rep.monthly_quota
let attainment = credit / quota

component commission "Commission" {
  basis year to date
  rate retroactive {
    from 0%   to 100% pays 5%
    from 100%         pays 10%
  }
  clawback cancellations schedule {
    within 1 months takes 100%
    within 3 months takes 50%
  }
  cancelled deals leave attainment
}
