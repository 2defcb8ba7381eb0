plan "Biweekly SDR plan"
currency EUR
periods every 2 weeks from 2026-01-05 to 2026-03-01
rounding half even to 0.01 per payout line
