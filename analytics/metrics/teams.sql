-- One row per team: headcount and repos from the org map, activity in [$from, $to]. Reads the metric
-- facts (facts.sql), so a team's PRs and incidents are attributed exactly as in every other metric:
-- a PR to its repo's team, else its author's team; an incident to its service's team.
WITH pr_activity AS (
  SELECT team_id, count(*) AS merged_prs, sum(additions) AS added, sum(additions * ai_share) AS ai_added
  FROM __metric_pr WHERE day BETWEEN $from::DATE AND $to::DATE GROUP BY ALL
),
incident_activity AS (
  SELECT team_id, count(*) AS incidents FROM __metric_incident WHERE day BETWEEN $from::DATE AND $to::DATE GROUP BY ALL
),
headcount AS (SELECT team_id, count(*) AS engineers FROM __metric_person WHERE NOT is_bot GROUP BY ALL),
repo_count AS (SELECT team_id, count(*) AS repos FROM __metric_owner WHERE type = 'repo' GROUP BY ALL)
SELECT t.team_id, t.name,
       coalesce(h.engineers, 0) AS engineers,
       coalesce(r.repos, 0) AS repos,
       coalesce(a.merged_prs, 0) AS merged_prs,
       CASE WHEN a.added > 0 THEN a.ai_added / a.added END AS ai_share,
       coalesce(i.incidents, 0) AS incidents
FROM teams t
LEFT JOIN headcount h USING (team_id)
LEFT JOIN repo_count r USING (team_id)
LEFT JOIN pr_activity a USING (team_id)
LEFT JOIN incident_activity i USING (team_id)
ORDER BY t.name
