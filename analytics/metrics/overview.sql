-- The Overview's monthly board story. Parameters: $from, $to (inclusive days, YYYY-MM-DD).
-- AI share is line-weighted (product.md §4): AI-attributed added lines / added lines of PRs merged
-- in the month; PRs with no attribution count as 0% AI.
-- NPS = % promoters (9–10) − % detractors (0–6) of the month's responses (product.md §6).
WITH months AS (
  SELECT unnest(generate_series(date_trunc('month', $from::DATE), date_trunc('month', $to::DATE), INTERVAL 1 MONTH))::DATE AS month_start
),
merged AS (
  SELECT date_trunc('month', merged_at)::DATE AS month_start,
         count(*) AS merged_prs,
         sum(coalesce(additions, 0)) AS added,
         sum(coalesce(additions, 0) * coalesce(ai_share, 0)) AS ai_added
  FROM pull_requests
  WHERE merged_at >= $from::DATE AND merged_at < $to::DATE + INTERVAL 1 DAY
  GROUP BY ALL
),
incident_counts AS (
  SELECT date_trunc('month', created_at)::DATE AS month_start, count(*) AS incidents
  FROM incidents
  WHERE created_at >= $from::DATE AND created_at < $to::DATE + INTERVAL 1 DAY
  GROUP BY ALL
),
bug_counts AS (
  SELECT date_trunc('month', created_at)::DATE AS month_start, count(*) AS bugs
  FROM issues
  WHERE is_bug AND created_at >= $from::DATE AND created_at < $to::DATE + INTERVAL 1 DAY
  GROUP BY ALL
),
ticket_counts AS (
  SELECT date_trunc('month', created_at)::DATE AS month_start, count(*) AS tickets
  FROM tickets
  WHERE created_at >= $from::DATE AND created_at < $to::DATE + INTERVAL 1 DAY
  GROUP BY ALL
),
nps AS (
  SELECT date_trunc('month', responded_at)::DATE AS month_start,
         count(*) AS responses,
         100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(*) AS nps
  FROM nps_responses
  WHERE responded_at >= $from::DATE AND responded_at < $to::DATE + INTERVAL 1 DAY
  GROUP BY ALL
)
SELECT strftime(m.month_start, '%Y-%m') AS month,
       coalesce(merged.merged_prs, 0) AS merged_prs,
       CASE WHEN merged.added > 0 THEN merged.ai_added / merged.added END AS ai_share,
       coalesce(incident_counts.incidents, 0) AS incidents,
       coalesce(bug_counts.bugs, 0) AS bugs,
       coalesce(ticket_counts.tickets, 0) AS tickets,
       nps.nps AS nps,
       coalesce(nps.responses, 0) AS nps_responses
FROM months m
LEFT JOIN merged USING (month_start)
LEFT JOIN incident_counts USING (month_start)
LEFT JOIN bug_counts USING (month_start)
LEFT JOIN ticket_counts USING (month_start)
LEFT JOIN nps USING (month_start)
ORDER BY m.month_start
