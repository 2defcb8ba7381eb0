draw recoverable USD 2,000 per period for rep.role = "AE" recover at most 50% per period
guarantee USD 3,000 per period for months_since(rep.hire_date) <= 3
draw recoverable USD 500 per period
## A floor for new hires.
guarantee USD 1,000 per period recover at most USD 200 per period
