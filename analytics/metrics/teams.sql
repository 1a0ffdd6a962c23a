-- One row per team: headcount and repos from the org map, activity in [$from, $to].
-- A PR belongs to its repo's team, else to its author's team; an incident to its service's team
-- (org map key matched on the PagerDuty service name, else its id).
WITH person_team AS (SELECT key AS login, team_id FROM org_map WHERE type = 'person'),
repo_team AS (SELECT key AS repo, team_id FROM org_map WHERE type = 'repo'),
service_team AS (SELECT key AS service, team_id FROM org_map WHERE type = 'service'),
pr_activity AS (
  SELECT coalesce(rt.team_id, pt.team_id) AS team_id,
         count(*) AS merged_prs,
         sum(coalesce(p.additions, 0)) AS added,
         sum(coalesce(p.additions, 0) * coalesce(p.ai_share, 0)) AS ai_added
  FROM pull_requests p
  LEFT JOIN repo_team rt ON rt.repo = p.repo
  LEFT JOIN person_team pt ON pt.login = p.author
  WHERE p.merged_at >= $from::DATE AND p.merged_at < $to::DATE + INTERVAL 1 DAY
  GROUP BY ALL
),
incident_activity AS (
  SELECT coalesce(by_name.team_id, by_id.team_id) AS team_id, count(*) AS incidents
  FROM incidents i
  LEFT JOIN service_team by_name ON by_name.service = i.service_name
  LEFT JOIN service_team by_id ON by_id.service = i.service_id
  WHERE i.created_at >= $from::DATE AND i.created_at < $to::DATE + INTERVAL 1 DAY
  GROUP BY ALL
),
headcount AS (
  SELECT o.team_id, count(*) AS engineers
  FROM org_map o LEFT JOIN people p ON p.login = o.key
  WHERE o.type = 'person' AND NOT coalesce(p.is_bot, false)
  GROUP BY ALL
),
repo_count AS (SELECT team_id, count(*) AS repos FROM repo_team GROUP BY ALL)
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
