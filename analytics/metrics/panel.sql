-- The team × month panel (product.md §7's unit): one row per team of the teams table and month of
-- [$from, $to], zeros where nothing happened. Continues periods.sql ($grain = 'month'); reads the
-- metric facts (facts.sql), so every count follows docs/metrics.md:
--   merged PRs, added lines, AI share  by the PR's team and merge month
--   reverts                            merged revert PRs, by their team and merge month
--   incidents                          by the incident's team (its service) and creation month
--   bugs                               Jira bugs by their team and creation month
--   deployments, change failures       changes (successful production deployments, or merged PRs of
--                                      repos without any) and the failed ones, by team and day shipped
--   tickets                            help-desk tickets by the team their tags name and creation month
, frame AS (
  SELECT t.team_id, p.period_start, p.period FROM teams t CROSS JOIN periods p
),
merged AS (
  SELECT team_id, month AS period_start,
         count(*) AS merged_prs,
         sum(additions) AS added,
         sum(additions * ai_share) AS ai_added,
         count(*) FILTER (WHERE is_revert) AS reverts
  FROM __metric_pr
  WHERE day BETWEEN $from::DATE AND $to::DATE
  GROUP BY ALL
),
incidents_m AS (
  SELECT team_id, month AS period_start, count(*) AS n
  FROM __metric_incident WHERE day BETWEEN $from::DATE AND $to::DATE GROUP BY ALL
),
bugs_m AS (
  SELECT team_id, month AS period_start, count(*) AS n
  FROM __metric_bug WHERE day BETWEEN $from::DATE AND $to::DATE GROUP BY ALL
),
changes_m AS (
  SELECT team_id, month AS period_start,
         count(*) AS changes, count(*) FILTER (WHERE failed) AS failures
  FROM __metric_change WHERE day BETWEEN $from::DATE AND $to::DATE GROUP BY ALL
),
tickets_m AS (
  SELECT team_id, month AS period_start, count(*) AS n
  FROM __metric_ticket WHERE day BETWEEN $from::DATE AND $to::DATE GROUP BY ALL
)
SELECT f.team_id AS team, f.period AS month,
       coalesce(m.merged_prs, 0) AS merged_prs,
       coalesce(m.added, 0) AS added_lines,
       CASE WHEN m.added > 0 THEN m.ai_added / m.added ELSE 0 END AS ai_share,
       coalesce(i.n, 0) AS incidents,
       coalesce(b.n, 0) AS bugs,
       coalesce(m.reverts, 0) AS reverts,
       coalesce(c.failures, 0) AS change_failures,
       coalesce(c.changes, 0) AS deployments,
       coalesce(t.n, 0) AS tickets
FROM frame f
LEFT JOIN merged m USING (team_id, period_start)
LEFT JOIN incidents_m i USING (team_id, period_start)
LEFT JOIN bugs_m b USING (team_id, period_start)
LEFT JOIN changes_m c USING (team_id, period_start)
LEFT JOIN tickets_m t USING (team_id, period_start)
ORDER BY f.team_id, f.period_start
