## A4: minimum-attainment cliff (Visdum).
## Rule: quota 1,000,000; 10% of all bookings once attainment >= 70% (70% itself qualifies).
plan "A4 Bookings commission with a 70% cliff"
currency USD
periods quarterly from 2026-Q1 to 2026-Q1

roster reps from "reps.csv" {
  id: text key
  name: text
  quarterly_quota: money positive
}

table bookings from "bookings.csv" {
  id: text key
  owner: rep
  stage: text
  booked_on: date optional
  amount: money
}

## Signed bookings are credited to their owner on the booking date.
credit bookings as booking
  where booking.stage = "Signed"
  amount booking.amount
  date booking.booked_on
  to booking.owner

let quota = rep.quarterly_quota
let attainment = credit / quota

## A cliff, not a threshold: once 70% of quota is booked, 10% is paid from the first dollar.
component commission "Bookings commission" {
  on credit
  rate 10%
  gate attainment >= 70%
}
