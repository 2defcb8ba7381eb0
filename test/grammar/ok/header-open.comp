plan "Open ended"
currency GBP
periods annual
periods weekly from 2026-H1 to 2026-H2
periods monthly from 2026-01-01 to 2026-12-31
