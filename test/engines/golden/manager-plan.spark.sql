-- Plan "First-line manager plan FY2026" compiled to Spark SQL by comp sql.
-- Inputs: one table per plan table, named as in the plan, columns as declared:
--   reps (plan line 16): id STRING NOT NULL, name STRING NOT NULL, role STRING NOT NULL, manager STRING, hire_date DATE NOT NULL, monthly_quota DECIMAL(38, 10) NOT NULL, quarterly_bonus DECIMAL(38, 10) NOT NULL, new_hire_guarantee DECIMAL(38, 10) NOT NULL
--   assignments (plan line 32): rep STRING NOT NULL, manager STRING, start DATE NOT NULL, end DATE, _row STRING NOT NULL (1-based row position)
--   deals (plan line 40): id STRING NOT NULL, owner STRING NOT NULL, close_date DATE NOT NULL, amount DECIMAL(38, 10) NOT NULL
--   cancellations (plan line 48): deal STRING NOT NULL, date DATE NOT NULL, reason STRING NOT NULL, _row STRING NOT NULL (1-based row position)
--   kpis (plan line 57): rep STRING NOT NULL, period STRING NOT NULL, win_rate DECIMAL(38, 10) NOT NULL, forecast_error DECIMAL(38, 10) NOT NULL, coaching_sessions DECIMAL(38, 0) NOT NULL, _row STRING NOT NULL (1-based row position)
-- Decimals are exact (DECIMAL(38, 10) inputs; products keep every digit; an overflow is an error).
-- component commission (plan line 87): measure left to comp (dated assignments (rep fields change by period))
-- component override (plan line 102): measure left to comp (dated assignments (rep fields change by period))
-- component mbo_bonus (plan line 130): measure left to comp (dated assignments (rep fields change by period))
WITH
-- credit deals amount deal.amount date deal.close_date to deal.owner  (plan line 66)
-- rows the rule credits; `empty` marks rows with an empty value the rule reads
deals_0_rows AS (
  SELECT `deal`.`id` AS deal_key,
    `deal`.`amount` AS deal_amount,
    `deal`.`close_date` AS credit_date,
    `deal`.`owner` AS to_rep,
    FALSE AS empty
  FROM `deals` AS deal
),

-- credited whole to `to`; rows with an empty value go back to the runtime
credit_deals_0 AS (
  SELECT 0 AS rule, c.deal_key, c.to_rep AS rep, c.credit_date, c.deal_amount, CAST(NULL AS DECIMAL(38, 10)) AS share, FALSE AS overlay, c.deal_amount AS amount, '' AS split_key, c.empty AS hand_back
  FROM `deals_0_rows` AS c
),

-- every credit line of every rule: one per rep and credited row (and split row)
credits AS (
  SELECT * FROM `credit_deals_0`
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
