-- Plan "AE bonuses FY2026" compiled to Spark SQL by comp sql.
-- Inputs: one table per plan table, named as in the plan, columns as declared:
--   reps (plan line 7): id STRING NOT NULL, manager STRING, mentor STRING, role STRING NOT NULL, monthly_quota DECIMAL(38, 10) NOT NULL, target_bonus DECIMAL(38, 10) NOT NULL
--   deals (plan line 17): id STRING NOT NULL, owner STRING NOT NULL, product STRING NOT NULL, units DECIMAL(38, 0) NOT NULL, close_date DATE NOT NULL, amount DECIMAL(38, 10) NOT NULL
--   kpis (plan line 26): rep STRING NOT NULL, period STRING NOT NULL, retention DECIMAL(38, 10) NOT NULL, churn DECIMAL(38, 10) NOT NULL, _row STRING NOT NULL (1-based row position)
-- Decimals are exact (DECIMAL(38, 10) inputs; products keep every digit; an overflow is an error).
WITH
-- credit deals amount deal.amount date deal.close_date to deal.owner  (plan line 33)
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

-- the plan's periods (2), as the runtime calendar defines them
periods AS (
  SELECT '2026-01' AS period, DATE '2026-01-01' AS period_start, DATE '2026-01-31' AS period_end
  UNION ALL SELECT '2026-02' AS period, DATE '2026-02-01' AS period_start, DATE '2026-02-28' AS period_end
),

-- component annual "Attainment bonus"  (plan line 55): on credit, basis period total; only reps it applies to
-- the measure per rep and period; rates, gates, caps and settlement are applied by comp on it
annual_measure AS (
  SELECT `rep`.`id` AS rep, p.period, SUM(c.amount) AS measure, COUNT(*) AS credit_lines
  FROM credits AS c
  JOIN periods AS p ON c.credit_date BETWEEN p.period_start AND p.period_end
  JOIN `reps` AS rep ON `rep`.`id` = c.rep
  WHERE NOT c.hand_back AND (`rep`.`role` = 'AE')
  GROUP BY `rep`.`id`, p.period
),

-- component mbo_bonus "MBO"  (plan line 60): on credit, basis period total; only reps it applies to
-- the measure per rep and period; rates, gates, caps and settlement are applied by comp on it
mbo_bonus_measure AS (
  SELECT `rep`.`id` AS rep, p.period, SUM(c.amount) AS measure, COUNT(*) AS credit_lines
  FROM credits AS c
  JOIN periods AS p ON c.credit_date BETWEEN p.period_start AND p.period_end
  JOIN `reps` AS rep ON `rep`.`id` = c.rep
  WHERE NOT c.hand_back AND (`rep`.`role` = 'AE')
  GROUP BY `rep`.`id`, p.period
),

-- component spiff "GTX SPIFF"  (plan line 65): on credit, basis per deal
-- the measure per rep and period; rates, gates, caps and settlement are applied by comp on it
spiff_measure AS (
  SELECT `rep`.`id` AS rep, p.period, SUM(c.amount) AS measure, COUNT(*) AS credit_lines
  FROM credits AS c
  JOIN periods AS p ON c.credit_date BETWEEN p.period_start AND p.period_end
  JOIN `reps` AS rep ON `rep`.`id` = c.rep
  WHERE NOT c.hand_back
  GROUP BY `rep`.`id`, p.period
),

-- component units "Units SPIFF"  (plan line 69): on credit, basis per deal
-- the measure per rep and period; rates, gates, caps and settlement are applied by comp on it
units_measure AS (
  SELECT `rep`.`id` AS rep, p.period, SUM(c.amount) AS measure, COUNT(*) AS credit_lines
  FROM credits AS c
  JOIN periods AS p ON c.credit_date BETWEEN p.period_start AND p.period_end
  JOIN `reps` AS rep ON `rep`.`id` = c.rep
  WHERE NOT c.hand_back
  GROUP BY `rep`.`id`, p.period
),

-- component commission "Commission"  (plan line 73): on credit, basis period total
-- the measure per rep and period; rates, gates, caps and settlement are applied by comp on it
commission_measure AS (
  SELECT `rep`.`id` AS rep, p.period, SUM(c.amount) AS measure, COUNT(*) AS credit_lines
  FROM credits AS c
  JOIN periods AS p ON c.credit_date BETWEEN p.period_start AND p.period_end
  JOIN `reps` AS rep ON `rep`.`id` = c.rep
  WHERE NOT c.hand_back
  GROUP BY `rep`.`id`, p.period
),

-- component mentor "Mentor"  (plan line 78): on credit, basis period total
-- the measure per rep and period; rates, gates, caps and settlement are applied by comp on it
mentor_measure AS (
  SELECT `rep`.`id` AS rep, p.period, SUM(c.amount) AS measure, COUNT(*) AS credit_lines
  FROM credits AS c
  JOIN periods AS p ON c.credit_date BETWEEN p.period_start AND p.period_end
  JOIN `reps` AS rep ON `rep`.`id` = c.rep
  WHERE NOT c.hand_back
  GROUP BY `rep`.`id`, p.period
),

-- component pool "Team pool"  (plan line 82): on credit, basis period total; only reps it applies to
-- the measure per rep and period; rates, gates, caps and settlement are applied by comp on it
pool_measure AS (
  SELECT `rep`.`id` AS rep, p.period, SUM(c.amount) AS measure, COUNT(*) AS credit_lines
  FROM credits AS c
  JOIN periods AS p ON c.credit_date BETWEEN p.period_start AND p.period_end
  JOIN `reps` AS rep ON `rep`.`id` = c.rep
  WHERE NOT c.hand_back AND (`rep`.`role` = 'AE')
  GROUP BY `rep`.`id`, p.period
)
SELECT 'annual' AS component, rep, period, measure, credit_lines FROM `annual_measure`
UNION ALL
SELECT 'mbo_bonus' AS component, rep, period, measure, credit_lines FROM `mbo_bonus_measure`
UNION ALL
SELECT 'spiff' AS component, rep, period, measure, credit_lines FROM `spiff_measure`
UNION ALL
SELECT 'units' AS component, rep, period, measure, credit_lines FROM `units_measure`
UNION ALL
SELECT 'commission' AS component, rep, period, measure, credit_lines FROM `commission_measure`
UNION ALL
SELECT 'mentor' AS component, rep, period, measure, credit_lines FROM `mentor_measure`
UNION ALL
SELECT 'pool' AS component, rep, period, measure, credit_lines FROM `pool_measure`
ORDER BY period, rep, component;
