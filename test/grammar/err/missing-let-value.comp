let quota =
tiers t marginal { from 0% pays 1% }
let after_error = 1
