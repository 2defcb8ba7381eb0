-- Plan "CRM Field Sales 2017" compiled to DuckDB by comp sql.
-- Inputs: one table per plan table, named as in the plan, columns as declared:
--   reps (plan line 10): id VARCHAR NOT NULL, manager VARCHAR, role VARCHAR NOT NULL, office VARCHAR NOT NULL, hire_date DATE NOT NULL, monthly_quota DECIMAL(38, 10) NOT NULL
--   products (plan line 20): product VARCHAR NOT NULL, series VARCHAR NOT NULL, sales_price DECIMAL(38, 10) NOT NULL
--   accounts (plan line 26): account VARCHAR NOT NULL, sector VARCHAR NOT NULL, year_established DECIMAL(38, 0) NOT NULL, revenue DECIMAL(38, 10) NOT NULL, employees DECIMAL(38, 0) NOT NULL, office_location VARCHAR NOT NULL, subsidiary_of VARCHAR
--   deals (plan line 40): opportunity_id VARCHAR NOT NULL, sales_agent VARCHAR NOT NULL, product VARCHAR NOT NULL, account VARCHAR, deal_stage VARCHAR NOT NULL, engage_date DATE, close_date DATE, close_value DECIMAL(38, 10)
--   splits (plan line 52): deal VARCHAR NOT NULL, rep VARCHAR NOT NULL, share DECIMAL(38, 10) NOT NULL, overlay BOOLEAN NOT NULL, _row VARCHAR NOT NULL (1-based row position)
--   csat (plan line 60): rep VARCHAR NOT NULL, month VARCHAR NOT NULL, score DECIMAL(38, 10) NOT NULL, _row VARCHAR NOT NULL (1-based row position)
--   cancellations (plan line 66): deal VARCHAR NOT NULL, date DATE NOT NULL, reason VARCHAR NOT NULL, _row VARCHAR NOT NULL (1-based row position)
-- Decimals are exact (DECIMAL(38, 10) inputs; products keep every digit; an overflow is an error).
WITH
-- credit deals where deal.deal_stage = "Won" amount deal.close_value date deal.close_date to deal.sales_agent split by splits  (plan line 73)
-- rows the rule credits; `empty` marks rows with an empty value the rule reads
deals_0_rows AS (
  SELECT "deal"."opportunity_id" AS deal_key,
    "deal"."close_value" AS deal_amount,
    "deal"."close_date" AS credit_date,
    "deal"."sales_agent" AS to_rep,
    (("deal"."deal_stage" = 'Won') AND ("deal"."close_value" IS NULL OR "deal"."close_date" IS NULL)) AS empty
  FROM "deals" AS deal
  WHERE ("deal"."deal_stage" = 'Won')
),

-- split by splits: one row per rep and deal; overlay rows are on top of the 100%
deals_0_split AS (
  SELECT s."deal" AS deal_key, s."rep" AS rep, s."share" AS share,
    COALESCE(s."overlay", FALSE) AS overlay, "s"."_row" AS split_key
  FROM "splits" AS s
),

-- per deal: the ordinary shares (they must sum to exactly 100%) and empty split cells
deals_0_split_check AS (
  SELECT deal_key,
    SUM(CASE WHEN NOT overlay THEN 1 ELSE 0 END) AS ordinary,
    SUM(CASE WHEN NOT overlay THEN share END) AS total,
    SUM(CASE WHEN share IS NULL OR rep IS NULL THEN 1 ELSE 0 END) AS empties
  FROM "deals_0_split"
  GROUP BY deal_key
),

-- a deal goes back to the runtime when a value is empty or its ordinary splits do not sum to 100%
deals_0_checked AS (
  SELECT c.*, COALESCE(k.ordinary, 0) AS ordinary,
    c.empty OR COALESCE(k.empties, 0) > 0 OR (COALESCE(k.ordinary, 0) > 0 AND k.total <> CAST('1' AS DECIMAL(38, 0))) AS hand_back
  FROM "deals_0_rows" AS c
  LEFT JOIN "deals_0_split_check" AS k ON k.deal_key = c.deal_key
),

-- whole credit to `to` when a deal has no ordinary split rows; split rows at their share; overlays on top
credit_deals_0 AS (
  SELECT 0 AS rule, c.deal_key, CAST(NULL AS VARCHAR) AS rep, c.credit_date, c.deal_amount, CAST(NULL AS DECIMAL(38, 10)) AS share, FALSE AS overlay, CAST(NULL AS DECIMAL(38, 10)) AS amount, '' AS split_key, TRUE AS hand_back
  FROM "deals_0_checked" AS c WHERE c.hand_back
  UNION ALL
  SELECT 0 AS rule, c.deal_key, c.to_rep AS rep, c.credit_date, c.deal_amount, CAST(NULL AS DECIMAL(38, 10)) AS share, FALSE AS overlay, c.deal_amount AS amount, '' AS split_key, FALSE AS hand_back
  FROM "deals_0_checked" AS c WHERE NOT c.hand_back AND c.ordinary = 0
  UNION ALL
  SELECT 0 AS rule, c.deal_key, s.rep AS rep, c.credit_date, c.deal_amount, s.share AS share, s.overlay AS overlay, c.deal_amount * s.share AS amount, s.split_key AS split_key, FALSE AS hand_back
  FROM "deals_0_checked" AS c JOIN "deals_0_split" AS s ON s.deal_key = c.deal_key
  WHERE NOT c.hand_back AND (s.overlay OR c.ordinary > 0)
),

-- every credit line of every rule: one per rep and credited row (and split row)
credits AS (
  SELECT * FROM "credit_deals_0"
),

-- the plan's periods (10), as the runtime calendar defines them
periods AS (
  SELECT '2017-03' AS period, DATE '2017-03-01' AS period_start, DATE '2017-03-31' AS period_end
  UNION ALL SELECT '2017-04' AS period, DATE '2017-04-01' AS period_start, DATE '2017-04-30' AS period_end
  UNION ALL SELECT '2017-05' AS period, DATE '2017-05-01' AS period_start, DATE '2017-05-31' AS period_end
  UNION ALL SELECT '2017-06' AS period, DATE '2017-06-01' AS period_start, DATE '2017-06-30' AS period_end
  UNION ALL SELECT '2017-07' AS period, DATE '2017-07-01' AS period_start, DATE '2017-07-31' AS period_end
  UNION ALL SELECT '2017-08' AS period, DATE '2017-08-01' AS period_start, DATE '2017-08-31' AS period_end
  UNION ALL SELECT '2017-09' AS period, DATE '2017-09-01' AS period_start, DATE '2017-09-30' AS period_end
  UNION ALL SELECT '2017-10' AS period, DATE '2017-10-01' AS period_start, DATE '2017-10-31' AS period_end
  UNION ALL SELECT '2017-11' AS period, DATE '2017-11-01' AS period_start, DATE '2017-11-30' AS period_end
  UNION ALL SELECT '2017-12' AS period, DATE '2017-12-01' AS period_start, DATE '2017-12-31' AS period_end
),

-- component commission "Commission"  (plan line 91): on credit, basis period total; only reps it applies to
-- the measure per rep and period; rates, gates, caps and settlement are applied by comp on it
commission_measure AS (
  SELECT "rep"."id" AS rep, p.period, SUM(c.amount) AS measure, COUNT(*) AS credit_lines
  FROM credits AS c
  JOIN periods AS p ON c.credit_date BETWEEN p.period_start AND p.period_end
  JOIN "reps" AS rep ON "rep"."id" = c.rep
  WHERE NOT c.hand_back AND ("rep"."role" = 'AE')
  GROUP BY "rep"."id", p.period
),

-- component overlay "SE overlay"  (plan line 103): on credit, basis period total; only reps it applies to
-- the measure per rep and period; rates, gates, caps and settlement are applied by comp on it
overlay_measure AS (
  SELECT "rep"."id" AS rep, p.period, SUM(c.amount) AS measure, COUNT(*) AS credit_lines
  FROM credits AS c
  JOIN periods AS p ON c.credit_date BETWEEN p.period_start AND p.period_end
  JOIN "reps" AS rep ON "rep"."id" = c.rep
  WHERE NOT c.hand_back AND ("rep"."role" = 'SE')
  GROUP BY "rep"."id", p.period
),

-- component override "Manager override"  (plan line 112): on team credit, basis period total; only reps it applies to
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
SELECT 'overlay' AS component, rep, period, measure, credit_lines FROM "overlay_measure"
UNION ALL
SELECT 'override' AS component, rep, period, measure, credit_lines FROM "override_measure"
ORDER BY period, rep, component;
