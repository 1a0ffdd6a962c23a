-- The values at given positions of given rank blocks (cohort-ranks.sql) among the range's values:
-- position p of block b of (metric, ai) is the p-th smallest value of [$from, $to] in that block.
-- $metrics (codes, facts.sql), $ai (1 = AI cohort), $blocks, $positions: lists of equal length, one
-- entry per value wanted.
WITH wanted AS (
  SELECT CAST(unnest($metrics) AS UTINYINT) AS metric, unnest($ai) = 1 AS ai,
         CAST(unnest($blocks) AS UINTEGER) AS block, CAST(unnest($positions) AS BIGINT) AS position
),
block_values AS (
  SELECT v.metric, v.ai, v.block, v.value, row_number() OVER (PARTITION BY v.metric, v.ai, v.block ORDER BY v.value_rank) AS position
  FROM __metric_cohort_value v
  SEMI JOIN (SELECT DISTINCT metric, ai, block FROM wanted) w ON w.metric = v.metric AND w.ai = v.ai AND w.block = v.block
  WHERE v.day BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
)
SELECT w.metric, w.ai, w.block, w.position, b.value
FROM wanted w JOIN block_values b USING (metric, ai, block, position)
