-- Plan "AE plan with quarterly true-ups" compiled to DuckDB by comp sql.
-- Inputs: one table per plan table, named as in the plan, columns as declared:
--   reps (plan line 8): id VARCHAR NOT NULL, hire_date DATE NOT NULL, monthly_quota DECIMAL(38, 10) NOT NULL
--   deals (plan line 14): id VARCHAR NOT NULL, owner VARCHAR NOT NULL, close_date DATE NOT NULL, amount DECIMAL(38, 10) NOT NULL
--   cancellations (plan line 22): deal VARCHAR NOT NULL, date DATE NOT NULL, _row VARCHAR NOT NULL (1-based row position)
-- Decimals are exact (DECIMAL(38, 10) inputs; products keep every digit; an overflow is an error).
-- component commission (plan line 37): measure left to comp (`basis quarter to date` (the measure accumulates across periods))
WITH
-- credit deals amount deal.amount date deal.close_date to deal.owner  (plan line 27)
-- rows the rule credits; `empty` marks rows with an empty value the rule reads
deals_0_rows AS (
  SELECT "deal"."id" AS deal_key,
    "deal"."amount" AS deal_amount,
    "deal"."close_date" AS credit_date,
    "deal"."owner" AS to_rep,
    FALSE AS empty
  FROM "deals" AS deal
),

-- credited whole to `to`; rows with an empty value go back to the runtime
credit_deals_0 AS (
  SELECT 0 AS rule, c.deal_key, c.to_rep AS rep, c.credit_date, c.deal_amount, CAST(NULL AS DECIMAL(38, 10)) AS share, FALSE AS overlay, c.deal_amount AS amount, '' AS split_key, c.empty AS hand_back
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
)
SELECT * FROM credits
ORDER BY credit_date, deal_key, rule, rep, overlay, split_key;
