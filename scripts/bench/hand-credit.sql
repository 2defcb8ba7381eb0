-- scripts/bench/plan.comp's crediting written by hand in DuckDB SQL, as a data engineer would:
-- won deals, credited by their split rows (ordinary and overlay) or else to the sales agent,
-- summed per rep and quarter of 2017. This is the part of the plan that grows with the data;
-- the engine bench (test/bench/engines.ts) times `comp run --engine duckdb` against it.
-- {DIR} is the folder of Parquet files.
WITH won AS (
  SELECT opportunity_id AS deal, sales_agent, CAST(close_value AS DECIMAL(18, 2)) AS amount, CAST(close_date AS DATE) AS day
  FROM read_parquet('{DIR}/sales_pipeline.parquet')
  WHERE deal_stage = 'Won'
),
splits AS (
  SELECT deal, rep, CAST(replace(share, '%', '') AS DECIMAL(9, 4)) * 0.01 AS share
  FROM read_parquet('{DIR}/splits.parquet')
),
lines AS (
  SELECT s.rep, w.day, w.amount * s.share AS amount FROM won w JOIN splits s ON s.deal = w.deal
  UNION ALL
  SELECT w.sales_agent, w.day, w.amount FROM won w ANTI JOIN splits s ON s.deal = w.deal
)
SELECT rep, CAST(year(day) AS VARCHAR) || '-Q' || CAST(quarter(day) AS VARCHAR) AS period, SUM(amount) AS credit
FROM lines
WHERE day BETWEEN DATE '2017-01-01' AND DATE '2017-12-31'
GROUP BY ALL
ORDER BY ALL;
