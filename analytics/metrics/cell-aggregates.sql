-- Every number of the metrics table that a group and a period determine on their own — counts,
-- sums, medians, distinct reviewers — per group ($by = 'none' | 'team' | 'repo', as series.sql) and
-- period ($grain), over the rows in [$from, $to] within the scope ($team, $repo), leaving out the
-- periods starting from $cell_lo to $cell_hi (their numbers come from stored cells; NULL: none left
-- out). Changes also per repo (rows with repo_id), for the deployment frequency. The one definition
-- of these numbers: series.sql computes what no stored cell covers with it, and cells-build.sql
-- stores cells with it (analytics/metrics/cells.ts). Continues a WITH list.
-- Populations: PR, review and lead-time numbers describe the PRs merged in the period; incidents,
-- bugs, tickets and NPS count by creation/response day; changes by the day they shipped.
-- Repo scope: incidents through the change they are linked to, bugs through their linked PRs;
-- tickets and NPS have no repo (NULL), NPS no team either (NULL unless the scope is everything).
, pr_c AS (
  SELECT CASE $by WHEN 'team' THEN team_key WHEN 'repo' THEN repo_id ELSE CAST(0 AS UBIGINT) END AS grp,
         CASE WHEN $grain = 'week' THEN week ELSE month END AS period_start,
         count(*) AS merged_prs,
         sum(additions) AS added,
         sum(additions * ai_share) AS ai_added,
         count(*) FILTER (WHERE has_ai) AS ai_prs,
         count(*) FILTER (WHERE is_revert) AS reverts,
         count(*) FILTER (WHERE was_reverted) AS reverted_prs,
         count(*) FILTER (WHERE is_hotfix) AS hotfixes,
         count(*) FILTER (WHERE incident_linked) AS incident_prs,
         count(*) FILTER (WHERE NOT (was_reverted OR is_hotfix OR incident_linked)) AS quality_prs,
         median(merge_hours) AS merge_h,
         median(merge_hours) FILTER (WHERE has_ai) AS merge_h_ai,
         median(merge_hours) FILTER (WHERE NOT has_ai) AS merge_h_non_ai,
         median(lead_hours) AS lead_h
  FROM __metric_pr
  WHERE day BETWEEN $from::DATE AND $to::DATE
    AND ($team IS NULL OR team_id = $team) AND ($repo IS NULL OR repo_id = hash(lower($repo)))
    AND NOT coalesce(CASE WHEN $grain = 'week' THEN week ELSE month END BETWEEN $cell_lo::DATE AND $cell_hi::DATE, false)
  GROUP BY ALL
),
first_review_c AS (
  SELECT CASE $by WHEN 'team' THEN team_key WHEN 'repo' THEN repo_id ELSE CAST(0 AS UBIGINT) END AS grp,
         CASE WHEN $grain = 'week' THEN week ELSE month END AS period_start,
         median(hours) AS first_review_h,
         median(hours) FILTER (WHERE has_ai) AS first_review_h_ai,
         median(hours) FILTER (WHERE NOT has_ai) AS first_review_h_non_ai
  FROM __metric_first_review
  WHERE day BETWEEN $from::DATE AND $to::DATE
    AND ($team IS NULL OR team_id = $team) AND ($repo IS NULL OR repo_id = hash(lower($repo)))
    AND NOT coalesce(CASE WHEN $grain = 'week' THEN week ELSE month END BETWEEN $cell_lo::DATE AND $cell_hi::DATE, false)
  GROUP BY ALL
),
review_c AS (
  SELECT CASE $by WHEN 'team' THEN team_key WHEN 'repo' THEN repo_id ELSE CAST(0 AS UBIGINT) END AS grp,
         CASE WHEN $grain = 'week' THEN week ELSE month END AS period_start,
         count(*) AS reviews,
         count(DISTINCT reviewer_id) AS reviewers,
         sum(hours) AS review_hours,
         sum(hours) FILTER (WHERE has_ai) AS review_hours_ai,
         sum(hours) FILTER (WHERE NOT has_ai) AS review_hours_non_ai,
         count(*) FILTER (WHERE rated) AS rated_reviews,
         count(*) FILTER (WHERE rated AND senior) AS senior_reviews,
         count(*) FILTER (WHERE rated AND has_ai) AS rated_reviews_ai,
         count(*) FILTER (WHERE rated AND senior AND has_ai) AS senior_reviews_ai,
         count(*) FILTER (WHERE rated AND NOT has_ai) AS rated_reviews_non_ai,
         count(*) FILTER (WHERE rated AND senior AND NOT has_ai) AS senior_reviews_non_ai
  FROM __metric_review
  WHERE day BETWEEN $from::DATE AND $to::DATE
    AND ($team IS NULL OR team_id = $team) AND ($repo IS NULL OR repo_id = hash(lower($repo)))
    AND NOT coalesce(CASE WHEN $grain = 'week' THEN week ELSE month END BETWEEN $cell_lo::DATE AND $cell_hi::DATE, false)
  GROUP BY ALL
),
-- Changes per repo: the group's totals add them up, the deployment frequency takes their median.
change_c AS (
  SELECT grp, period_start, repo_id, count(*) AS changes, count(*) FILTER (WHERE failed) AS change_failures
  FROM (
    SELECT CASE $by WHEN 'team' THEN team_key WHEN 'repo' THEN repo_id ELSE CAST(0 AS UBIGINT) END AS grp,
           CASE WHEN $grain = 'week' THEN week ELSE month END AS period_start,
           repo_id, failed
    FROM __metric_change
    WHERE day BETWEEN $from::DATE AND $to::DATE
      AND ($team IS NULL OR team_id = $team) AND ($repo IS NULL OR repo_id = hash(lower($repo)))
      AND NOT coalesce(CASE WHEN $grain = 'week' THEN week ELSE month END BETWEEN $cell_lo::DATE AND $cell_hi::DATE, false)
  )
  WHERE grp IS NOT NULL
  GROUP BY ALL
),
incident_c AS (
  SELECT CASE $by WHEN 'team' THEN team_key WHEN 'repo' THEN repo_id ELSE CAST(0 AS UBIGINT) END AS grp,
         CASE WHEN $grain = 'week' THEN week ELSE month END AS period_start,
         count(*) AS incidents,
         count(restore_hours) AS restored,
         median(restore_hours) AS restore_h,
         quantile_cont(restore_hours, 0.9) AS restore_h_p90
  FROM __metric_incident
  WHERE day BETWEEN $from::DATE AND $to::DATE
    AND ($team IS NULL OR team_id = $team) AND ($repo IS NULL OR repo_id = hash(lower($repo)))
    AND NOT coalesce(CASE WHEN $grain = 'week' THEN week ELSE month END BETWEEN $cell_lo::DATE AND $cell_hi::DATE, false)
  GROUP BY ALL
),
-- Only a repo scope looks at linked PRs (a bug linked to PRs of two repos counts in each).
bug_in_scope AS (
  SELECT b.team_id, b.team_key, b.day, b.week, b.month, CAST(NULL AS UBIGINT) AS repo_id
  FROM __metric_bug b WHERE $by <> 'repo' AND $repo IS NULL
  UNION ALL
  SELECT b.team_id, b.team_key, b.day, b.week, b.month, br.repo_id
  FROM __metric_bug b JOIN __metric_bug_repo br ON br.issue_key = b.issue_key
  WHERE $by = 'repo' OR $repo IS NOT NULL
),
bug_c AS (
  SELECT CASE $by WHEN 'team' THEN team_key WHEN 'repo' THEN repo_id ELSE CAST(0 AS UBIGINT) END AS grp,
         CASE WHEN $grain = 'week' THEN week ELSE month END AS period_start,
         count(*) AS bugs
  FROM bug_in_scope
  WHERE day BETWEEN $from::DATE AND $to::DATE
    AND ($team IS NULL OR team_id = $team) AND ($repo IS NULL OR repo_id = hash(lower($repo)))
    AND NOT coalesce(CASE WHEN $grain = 'week' THEN week ELSE month END BETWEEN $cell_lo::DATE AND $cell_hi::DATE, false)
  GROUP BY ALL
),
ticket_c AS (
  SELECT CASE $by WHEN 'team' THEN team_key ELSE CAST(0 AS UBIGINT) END AS grp,
         CASE WHEN $grain = 'week' THEN week ELSE month END AS period_start,
         count(*) AS tickets, count(*) FILTER (WHERE bug_or_incident) AS bug_tickets
  FROM __metric_ticket
  WHERE day BETWEEN $from::DATE AND $to::DATE
    AND $by <> 'repo' AND $repo IS NULL AND ($team IS NULL OR team_id = $team)
    AND NOT coalesce(CASE WHEN $grain = 'week' THEN week ELSE month END BETWEEN $cell_lo::DATE AND $cell_hi::DATE, false)
  GROUP BY ALL
),
nps_c AS (
  SELECT CAST(0 AS UBIGINT) AS grp,
         CASE WHEN $grain = 'week' THEN week ELSE month END AS period_start,
         count(*) AS nps_responses,
         count(*) FILTER (WHERE score >= 9) AS nps_promoters,
         count(*) FILTER (WHERE score <= 6) AS nps_detractors
  FROM __metric_nps
  WHERE day BETWEEN $from::DATE AND $to::DATE AND $by = 'none' AND $team IS NULL AND $repo IS NULL
    AND NOT coalesce(CASE WHEN $grain = 'week' THEN week ELSE month END BETWEEN $cell_lo::DATE AND $cell_hi::DATE, false)
  GROUP BY ALL
),
-- One row per group and period with every number above (a source without rows there leaves its
-- columns NULL), plus the per-repo change rows.
cells AS (
  SELECT grp, period_start, CAST(NULL AS UBIGINT) AS repo_id, max(COLUMNS(* EXCLUDE (grp, period_start)))
  FROM (
    SELECT * FROM pr_c
    UNION ALL BY NAME SELECT * FROM first_review_c
    UNION ALL BY NAME SELECT * FROM review_c
    UNION ALL BY NAME SELECT grp, period_start, sum(changes) AS changes, sum(change_failures) AS change_failures FROM change_c GROUP BY ALL
    UNION ALL BY NAME SELECT * FROM incident_c
    UNION ALL BY NAME SELECT * FROM bug_c
    UNION ALL BY NAME SELECT * FROM ticket_c
    UNION ALL BY NAME SELECT * FROM nps_c
  )
  GROUP BY grp, period_start
  UNION ALL BY NAME
  SELECT grp, period_start, repo_id, changes, change_failures FROM change_c
)
