# Example: bonuses (docs/language.md section 22): a SPIFF per deal in a date window, a SPIFF per
# unit, a minimum commission, a mentor bonus and a team pool. Quota 10,000 a month.
# January: credit a1 8,750 (D1, GTX Pro on 2026-01-31: before the SPIFF window), a2 10,000.
#   a1: units 3 x 20 = 60; commission 5% = 437.50; mentor: a2 reached 100% -> 1,000 (a3 did
#       not); pool 1,000 x 8,750/18,750 = 466.666.. -> 466.67 (the cent left goes to the
#       largest remainder, a1's .666 over a2's .333)             = 1,964.17
#   a2: units 5 x 20 = 100; commission 500; pool 533.33             = 1,133.33
#   a3: no credit: commission 0.00 topped up to the minimum 300     =   300.00
#   m1: the manager: none of the AE components, no mentees          =     0.00
# February: credit a2 1,000 (D4, GTX Pro on 2026-02-01), a3 20,000 (D3, GTX Pro on 2026-02-28).
#   a1: minimum 300; mentor: a3 reached 200% -> 1,000; pool 0        = 1,300.00
#   a2: SPIFF 500 (the window's first day); units 40; commission 50 -> minimum 300;
#       pool 1,000 x 1,000/21,000 = 47.619.. -> 47.62                =   887.62
#   a3: SPIFF 500 (the window's last day); units 20; commission 1,000; pool 952.38
#                                                                    = 2,472.38

plan "Bonuses"
currency USD
periods monthly from 2026-01 to 2026-02

roster reps from "reps.csv" {
  id: text key
  role: text
  manager: rep optional
  mentor: rep optional
  monthly_quota: money positive
  team by manager
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  product: text
  units: integer
  close_date: date
  amount: money
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

let quota = rep.monthly_quota
let attainment = credit / quota

## February SPIFF on GTX Pro: USD 500 per deal closed in the month.
component spiff "GTX Pro SPIFF" {
  pays USD 500 per deal where deal.product = "GTX Pro" and deal.close_date >= 2026-02-01 and deal.close_date <= 2026-02-28
}

component units "Units SPIFF" {
  pays USD 20 per unit of deal.units
}

component commission "Commission" {
  for rep.role = "AE"
  rate 5%
  minimum USD 300 per period
}

## USD 1,000 for each mentee who reaches quota in the month.
component mentoring "Mentor bonus" {
  pays USD 1,000 per mentee where mentee.attainment >= 100%
}

component team_pool "Team pool" {
  for rep.role = "AE"
  pool USD 1,000 per team split by credit share
}
