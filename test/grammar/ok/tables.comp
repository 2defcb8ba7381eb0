## The roster.
## Two lines of doc.
roster reps from "reps.csv" {
  id: text key
  ## The rep's manager.
  manager: rep optional
  monthly_quota: money positive
  annual_quota: money positive optional
  eur_target: EUR
  hire_date: date
  start: period
  active: boolean
  seats: integer
  weight: decimal
  share: percent
  team by manager
}

table products {
  key: text key
  name: text
}

table events {
  date: date
  amount: money
  period: period
  rate: percent
  deal: deals
  product: products where "GTXPro" means "GTX Pro"
  region: text where "N. America" means "North America", "EMEA " means "EMEA", "apac" means "APAC"
}

table escapes from "weird \"name\".csv" {
  path: text where "a\\b" means "a/b"
}
