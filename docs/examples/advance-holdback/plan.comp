# Example: an advance settled at quarter end and a holdback until a date (docs/language.md section 24).
# Commission 10%: half is paid in the month, the rest in the last month of the quarter.
# Renewal bonus 2%: 20% of it is held until 2026-05-31 (released in the period that contains it).
#   credit: Jan 10,000, Feb 20,000, Mar 10,000, Apr 10,000, May 0, Jun 0
#   Commission: Jan 1,000 -> 500 now (held 500); Feb 2,000 -> 1,000 (held 1,500);
#               Mar (quarter end) 1,000 + 1,500 = 2,500; Apr 1,000 -> 500 (held 500); May 0;
#               Jun (quarter end) 0 + 500 = 500
#   Bonus: Jan 200 -> 40 held, 160 paid; Feb 400 -> 80 held, 320; Mar 200 -> 160; Apr 200 -> 160
#          (held 40 + 80 + 40 + 40 = 200); May: 2026-05-31 is reached, 0 + 200 released; Jun 0
#   paid: Jan 660.00, Feb 1,320.00, Mar 2,660.00, Apr 660.00, May 200.00, Jun 500.00
#   held after: Jan 540, Feb 1,620, Mar 160, Apr 700, May 500, Jun 0

plan "Advance and holdback"
currency USD
periods monthly from 2026-01 to 2026-06

roster reps from "reps.csv" {
  id: text key
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

component commission "Commission" {
  rate 10%
  advance 50% settle at quarter end
}

component renewal "Renewal bonus" {
  rate 2%
  hold back 20% until 2026-05-31
}
