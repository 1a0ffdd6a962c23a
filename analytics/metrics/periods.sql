-- The periods of a metric query: every ISO week (Monday first) or calendar month that overlaps
-- [$from, $to], labelled YYYY-Www or YYYY-MM, with the number of its days inside the range (a
-- partly covered first or last period gets rates per day/week over its covered days only).
-- Each metric .sql file continues this WITH list (it starts with a comma); see query.ts.
WITH periods AS (
  SELECT period_start,
         CASE WHEN $grain = 'week' THEN strftime(period_start, '%G-W%V') ELSE strftime(period_start, '%Y-%m') END AS period,
         datediff('day', greatest(period_start, $from::DATE),
                  least(CAST(period_start + CASE WHEN $grain = 'week' THEN INTERVAL 7 DAY ELSE INTERVAL 1 MONTH END AS DATE), $to::DATE + 1)) AS days
  FROM (
    SELECT unnest(generate_series(CAST(date_trunc($grain, $from::DATE) AS DATE), CAST(date_trunc($grain, $to::DATE) AS DATE),
                                  CASE WHEN $grain = 'week' THEN INTERVAL 7 DAY ELSE INTERVAL 1 MONTH END))::DATE AS period_start
  )
)
