-- Plan "Regional team FY2026" compiled to PostgreSQL by comp sql.
-- Inputs: one table per plan table, named as in the plan, columns as declared:
--   reps (plan line 7): id TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL, manager TEXT, hire_date DATE NOT NULL, end_date DATE, annual_quota NUMERIC(38, 10) NOT NULL
--   leaves (plan line 21): rep TEXT NOT NULL, start DATE NOT NULL, end DATE NOT NULL, _row TEXT NOT NULL (1-based row position)
--   deals (plan line 27): id TEXT NOT NULL, owner TEXT NOT NULL, product TEXT NOT NULL, channel TEXT NOT NULL, stage TEXT NOT NULL, close_date DATE NOT NULL, amount NUMERIC(38, 10) NOT NULL
-- Decimals are exact (NUMERIC(38, 10) inputs; products keep every digit; an overflow is an error).
WITH
-- credit deals where deal.stage = "Won" and deal.channel != "Marketplace" amount deal.amount date deal.close_date to deal.owner  (plan line 38)
-- rows the rule credits; `empty` marks rows with an empty value the rule reads
deals_0_rows AS (
  SELECT "deal"."id" AS deal_key,
    "deal"."amount" AS deal_amount,
    "deal"."close_date" AS credit_date,
    "deal"."owner" AS to_rep,
    FALSE AS empty
  FROM "deals" AS deal
  WHERE (("deal"."stage" = 'Won') AND ("deal"."channel" <> 'Marketplace'))
),

-- credited whole to `to`; rows with an empty value go back to the runtime
credit_deals_0 AS (
  SELECT 0 AS rule, c.deal_key, c.to_rep AS rep, c.credit_date, c.deal_amount, CAST(NULL AS NUMERIC(38, 10)) AS share, FALSE AS overlay, c.deal_amount AS amount, '' AS split_key, c.empty AS hand_back
  FROM "deals_0_rows" AS c
),

-- every credit line of every rule: one per rep and credited row (and split row)
credits AS (
  SELECT * FROM "credit_deals_0"
),

-- the plan's periods (12), as the runtime calendar defines them
periods AS (
  SELECT '2026-01' AS period, DATE '2026-01-01' AS period_start, DATE '2026-01-31' AS period_end
  UNION ALL SELECT '2026-02' AS period, DATE '2026-02-01' AS period_start, DATE '2026-02-28' AS period_end
  UNION ALL SELECT '2026-03' AS period, DATE '2026-03-01' AS period_start, DATE '2026-03-31' AS period_end
  UNION ALL SELECT '2026-04' AS period, DATE '2026-04-01' AS period_start, DATE '2026-04-30' AS period_end
  UNION ALL SELECT '2026-05' AS period, DATE '2026-05-01' AS period_start, DATE '2026-05-31' AS period_end
  UNION ALL SELECT '2026-06' AS period, DATE '2026-06-01' AS period_start, DATE '2026-06-30' AS period_end
  UNION ALL SELECT '2026-07' AS period, DATE '2026-07-01' AS period_start, DATE '2026-07-31' AS period_end
  UNION ALL SELECT '2026-08' AS period, DATE '2026-08-01' AS period_start, DATE '2026-08-31' AS period_end
  UNION ALL SELECT '2026-09' AS period, DATE '2026-09-01' AS period_start, DATE '2026-09-30' AS period_end
  UNION ALL SELECT '2026-10' AS period, DATE '2026-10-01' AS period_start, DATE '2026-10-31' AS period_end
  UNION ALL SELECT '2026-11' AS period, DATE '2026-11-01' AS period_start, DATE '2026-11-30' AS period_end
  UNION ALL SELECT '2026-12' AS period, DATE '2026-12-01' AS period_start, DATE '2026-12-31' AS period_end
),

-- component commission "Commission"  (plan line 49): on credit, basis per deal; only reps it applies to
-- the measure per rep and period; rates, gates, caps and settlement are applied by comp on it
commission_measure AS (
  SELECT "rep"."id" AS rep, p.period, SUM(c.amount) AS measure, COUNT(*) AS credit_lines
  FROM credits AS c
  JOIN periods AS p ON c.credit_date BETWEEN p.period_start AND p.period_end
  JOIN "reps" AS rep ON "rep"."id" = c.rep
  WHERE NOT c.hand_back AND ("rep"."role" = 'AE')
  GROUP BY "rep"."id", p.period
),

-- component channel "Partner bonus"  (plan line 59): on credit, basis per deal; only reps it applies to
-- the measure per rep and period; rates, gates, caps and settlement are applied by comp on it
channel_measure AS (
  SELECT "rep"."id" AS rep, p.period, SUM(c.amount) AS measure, COUNT(*) AS credit_lines
  FROM credits AS c
  JOIN periods AS p ON c.credit_date BETWEEN p.period_start AND p.period_end
  JOIN "reps" AS rep ON "rep"."id" = c.rep
  WHERE NOT c.hand_back AND ("rep"."role" = 'AE')
  GROUP BY "rep"."id", p.period
),

-- component override "Manager override"  (plan line 69): on team credit, basis period total; only reps it applies to
-- the measure per rep and period; rates, gates, caps and settlement are applied by comp on it
override_measure AS (
  SELECT "rep"."id" AS rep, p.period, SUM(c.amount) AS measure, COUNT(*) AS credit_lines
  FROM credits AS c
  JOIN periods AS p ON c.credit_date BETWEEN p.period_start AND p.period_end
  JOIN "reps" AS member ON "member"."id" = c.rep
  JOIN "reps" AS rep ON "rep"."id" = member."manager"
  WHERE NOT c.hand_back AND ("rep"."role" = 'Manager')
  GROUP BY "rep"."id", p.period
)
SELECT 'commission' AS component, rep, period, measure, credit_lines FROM "commission_measure"
UNION ALL
SELECT 'channel' AS component, rep, period, measure, credit_lines FROM "channel_measure"
UNION ALL
SELECT 'override' AS component, rep, period, measure, credit_lines FROM "override_measure"
ORDER BY period, rep, component;
