-- Scenario calibration, org level (continues periods.sql's WITH list over the metric facts; $from..$to = the last 12
-- complete months, $recent_from = the start of the last 3 of them):
-- tickets per month, accounts hit by incidents, NPS of hit vs other accounts, restore times, and
-- the AI shares of recently merged PRs (for the tiered-review share).
, months AS (
  SELECT period_start AS month FROM periods
),
monthly_tickets AS (
  SELECT date_trunc('month', created_at)::DATE AS month, count(*) AS tickets,
         count(DISTINCT account) FILTER (WHERE list_has_any(coalesce(tags, []), ['incident'])) AS hit_accounts,
         count(DISTINCT account) AS active_accounts
  FROM tickets WHERE created_at >= $from::DATE AND created_at < $to::DATE + 1 GROUP BY 1
),
monthly_incidents AS (
  SELECT date_trunc('month', created_at)::DATE AS month, count(*) AS incidents,
         median(restore_hours) AS restore_hours
  FROM __metric_incident WHERE created_at >= $from::DATE AND created_at < $to::DATE + 1 GROUP BY 1
),
-- An NPS response counts as "hit" when its account filed an incident-tagged ticket in the 90 days
-- before it responded.
hit_responses AS (
  SELECT r.score,
         EXISTS (SELECT 1 FROM tickets t
                 WHERE t.account = r.account AND list_has_any(coalesce(t.tags, []), ['incident'])
                   AND t.created_at <= r.responded_at AND t.created_at > r.responded_at - INTERVAL 90 DAY) AS hit
  FROM nps_responses r
  WHERE r.responded_at >= $from::DATE AND r.responded_at < $to::DATE + 1 AND r.account IS NOT NULL
),
recent_prs AS (
  SELECT ai_share, additions FROM __metric_pr
  WHERE merged_at >= $recent_from::DATE AND merged_at < $to::DATE + 1
)
SELECT
  (SELECT list({'month': strftime(m.month, '%Y-%m'), 'tickets': coalesce(t.tickets, 0), 'incidents': coalesce(i.incidents, 0),
                'hit_accounts': coalesce(t.hit_accounts, 0), 'active_accounts': coalesce(t.active_accounts, 0),
                'restore_hours': i.restore_hours} ORDER BY m.month)
   FROM months m LEFT JOIN monthly_tickets t ON t.month = m.month LEFT JOIN monthly_incidents i ON i.month = m.month) AS months,
  (SELECT {'n': count(*), 'promoters': count(*) FILTER (WHERE score >= 9), 'detractors': count(*) FILTER (WHERE score <= 6)}
   FROM hit_responses WHERE hit) AS nps_hit,
  (SELECT {'n': count(*), 'promoters': count(*) FILTER (WHERE score >= 9), 'detractors': count(*) FILTER (WHERE score <= 6)}
   FROM hit_responses WHERE NOT hit) AS nps_other,
  (SELECT {'n': count(*), 'promoters': count(*) FILTER (WHERE score >= 9), 'detractors': count(*) FILTER (WHERE score <= 6)}
   FROM nps_responses WHERE responded_at >= $recent_from::DATE AND responded_at < $to::DATE + 1) AS nps_recent,
  (SELECT list(ai_share ORDER BY ai_share) FROM recent_prs) AS pr_ai_shares,
  (SELECT sum(ai_share * additions) / nullif(sum(additions), 0) FROM recent_prs) AS pr_ai_line_share
