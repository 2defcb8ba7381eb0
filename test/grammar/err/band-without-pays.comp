tiers accelerator marginal {
  from 0% to 100% 8%
  from 100% pays 12%
}
let after_error = 1
