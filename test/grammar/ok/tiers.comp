tiers accelerator marginal {
  from 0%   to 100% pays 8%
  from 100% to 120% pays 12%
  from 120%         pays 16%
}

## Step tiers on amounts.
tiers steps retroactive {
  from USD 0 to USD 50,000 pays 5%
  from USD 50,000 pays 7.5%
}

tiers empty marginal {
}
