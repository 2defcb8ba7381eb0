# Example: retroactive (step) tiers on amounts (docs/language.md section 6).
# The rate of the band reached applies to the whole month's credit. A band owns its `from`:
# exactly 50,000 is in the 8% band.
#   ada: 60,000 reaches the 8% band: 60,000 x 8% = 4,800.00
#   ben: 40,000 stays in the 5% band: 40,000 x 5% = 2,000.00
#   cy:  exactly 50,000 is in the 8% band: 50,000 x 8% = 4,000.00

plan "Retroactive volume tiers"
currency USD
periods monthly from 2026-01 to 2026-01

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

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

## The rate of the band the month's credit reaches applies to all of it.
tiers volume retroactive {
  from USD 0      to USD 50,000 pays 5%
  from USD 50,000               pays 8%
}

component commission "Commission" {
  on credit
  basis period total
  rate volume
}
