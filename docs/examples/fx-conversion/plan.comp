# Example: deals in several currencies, dated FX rates, a payout currency per rep
# (docs/language.md section 19, "Currencies").
# fx.csv: EUR->USD 1.10 from 2026-01-01, 1.20 from 2026-01-15; USD->EUR 0.90 from 2026-01-01, 0.80 from 2026-01-31.
# A conversion uses the latest rate dated on or before the day (the rate's own date included).
#   ana (paid in USD):
#     d1 EUR 1,000 on 2026-01-10 x 1.10 (rate of 01-01) = USD 1,100
#     d2 EUR 1,000 on 2026-01-15 x 1.20 (rate of 01-15, in force that day) = USD 1,200
#     d3 USD 500 on 2026-01-20 (no conversion) = USD 500
#     2,800 x 10% = USD 280.00
#   ben (paid in EUR):
#     d4 EUR 2,345.67 on 2026-01-31 x 1.20 = USD 2,814.804; x 10% = 281.4804 -> USD 281.48 (the payout line)
#     paid in EUR at the rate in force on the period's last day (2026-01-31: 0.80):
#     281.48 x 0.80 = 225.184 -> EUR 225.18

plan "Multi-currency"
currency USD
periods monthly from 2026-01 to 2026-01
fx rates from "fx.csv"
payout currency rep.payout_currency

roster reps from "reps.csv" {
  id: text key
  payout_currency: text
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: decimal
  currency: text
}

credit deals
  amount convert(deal.amount, from deal.currency, to USD, on deal.close_date)
  date deal.close_date
  to deal.owner

component commission "Commission" {
  basis period total
  rate 10%
}
