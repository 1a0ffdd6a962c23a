-- Incident ↔ change links (product.md §5). An incident on a service owned by a team (org map) is
-- linked to the last successful production deployment of that team's repos finished within the
-- window before it; when there is none, to every PR of those repos merged in the window. Incidents
-- with no candidate stay unlinked. $1 = window in hours, $2 / $3 = the rule names recorded.
INSERT INTO incident_change_links (source, incident_id, change_kind, repo, change_id, rule)
WITH incident_teams AS (
  SELECT i.source, i.incident_id, i.created_at, om.team_id
  FROM incidents i
  JOIN org_map om ON om.type = 'service' AND om.key = i.service_id
),
team_repos AS (
  SELECT key AS repo, team_id FROM org_map WHERE type = 'repo'
),
last_deploys AS (
  SELECT it.source, it.incident_id, d.repo, d.deployment_id
  FROM incident_teams it
  JOIN team_repos tr ON tr.team_id = it.team_id
  JOIN deployments d ON d.repo = tr.repo
  WHERE d.environment = 'production'
    AND d.status = 'success'
    AND d.finished_at <= it.created_at
    AND d.finished_at > it.created_at - to_hours(CAST($1 AS BIGINT))
  QUALIFY row_number() OVER (PARTITION BY it.source, it.incident_id ORDER BY d.finished_at DESC, d.repo, d.deployment_id) = 1
),
merged_prs AS (
  SELECT it.source, it.incident_id, p.repo, CAST(p.number AS VARCHAR) AS change_id
  FROM incident_teams it
  JOIN team_repos tr ON tr.team_id = it.team_id
  JOIN pull_requests p ON p.repo = tr.repo
  WHERE p.merged_at <= it.created_at
    AND p.merged_at > it.created_at - to_hours(CAST($1 AS BIGINT))
    AND NOT EXISTS (SELECT 1 FROM last_deploys ld WHERE ld.source = it.source AND ld.incident_id = it.incident_id)
)
SELECT source, incident_id, 'deployment', repo, deployment_id, $2 FROM last_deploys
UNION ALL
SELECT source, incident_id, 'pr', repo, change_id, $3 FROM merged_prs;
