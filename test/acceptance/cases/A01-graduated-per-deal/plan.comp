## A1: graduated tiers, per transaction (Oracle Incentive Compensation, "step rates").
## Rule: bands 0-1,000 @ 1%, 1,000-3,000 @ 2%, 3,000-8,000 @ 3%, 8,000-20,000 @ 5%;
## each transaction runs through the bands on its own.
plan "A1 Graduated commission per transaction"
currency USD
periods quarterly from 2026-Q1 to 2026-Q1

## One row per sales rep.
roster reps from "reps.csv" {
  id: text key
  name: text
}

## Order lines exported from the order system.
table transactions from "transactions.csv" {
  id: text key
  owner: rep
  booked_on: date
  amount: money
}

## Every transaction is credited to its owner on the day it is booked.
credit transactions as txn
  amount txn.amount
  date txn.booked_on
  to txn.owner

## "Step rates": each band's rate applies only to the part of a transaction inside the band.
tiers step_rates marginal {
  from USD 0     to USD 1,000  pays 1%
  from USD 1,000 to USD 3,000  pays 2%
  from USD 3,000 to USD 8,000  pays 3%
  from USD 8,000 to USD 20,000 pays 5%
}

## "Each transaction runs through the bands on its own": the bands restart at 0 for every
## transaction, they do not accumulate over the quarter.
component commission "Transaction commission" {
  on credit
  basis per deal
  rate step_rates
}
