credit deals
  where deal.stage = "Won"
  amount deal.amount
  date deal.close_date
  to deal.owner
  split by splits

## Renewals credit the account owner.
credit renewals as renewal
  where renewal.kind != "churn" and renewal.amount > USD 0
  amount renewal.amount * 50%
  date renewal.date
  to renewal.owner

credit bookings where not bookings.test amount bookings.amount date bookings.booked_on to bookings.rep
