# no doc comment here: a plain comment does not attach
plan "Quarterly"
currency USD
periods quarterly from 2026-Q1 to 2026-Q4
rounding half up to 1 per payout line
rounding half down to 0.1 per payout line
rounding up to 0.01 per payout line
rounding down to 0.01 per payout line
rounding half away from zero to 0.01 per payout line
