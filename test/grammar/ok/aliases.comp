table deals from "deals.json" {
  product: text where "GTXPro" means "GTX Pro"
  stage: text optional where "won" means "Won", "WON" means "Won"
}
