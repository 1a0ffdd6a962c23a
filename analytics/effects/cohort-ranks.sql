-- How many values of each median metric (code, facts.sql) each cohort has in [$from, $to], per
-- block of consecutive value ranks (__metric_cohort_value): the k-th smallest value of the range
-- lies in the block where the running count first reaches k.
SELECT metric, ai, block, count(*) AS n
FROM __metric_cohort_value
WHERE day BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
GROUP BY ALL
ORDER BY metric, ai, block
