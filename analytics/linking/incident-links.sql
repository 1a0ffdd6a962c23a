-- Incident ↔ change links (product.md §5). An incident that passes the urgency/priority filters
-- ($filter_urgency/$urgencies, $filter_priority/$priorities; an incident that does not state its
-- urgency or priority passes) and whose service the org map gives to a team (org_map type 'service'
-- keyed by PagerDuty service id or name; id wins) is linked to
--   1. the last successful production deployment ($environments, case-insensitive) of that team's
--      repos (org_map type 'repo') finished within $window_hours before it — rule $deploy_rule; else
--   2. the last PR merged within the window into a team repo that has no production deployments at
--      all (a repo that deploys is judged by its deployments, a repo that does not by its merges,
--      as change failure rate does in §6) — rule $pr_rule.
-- Every incident gets a status: deployment | pr | filtered | no_team | no_candidate.
-- "Last" ties break on the larger id so the result is deterministic.
CREATE OR REPLACE TEMP TABLE __link_incidents AS
WITH inc AS (
  SELECT source, incident_id, created_at, service_id, service_name,
         (NOT $filter_urgency OR urgency IS NULL OR list_contains(CAST(CAST($urgencies AS JSON) AS VARCHAR[]), lower(trim(urgency))))
           AND (NOT $filter_priority OR priority IS NULL OR list_contains(CAST(CAST($priorities AS JSON) AS VARCHAR[]), lower(trim(priority)))) AS passes
  FROM incidents
),
owner AS (
  SELECT i.source, i.incident_id, om.team_id
  FROM inc i
  JOIN org_map om ON om.type = 'service' AND (lower(om.key) = lower(i.service_id) OR lower(om.key) = lower(i.service_name))
  QUALIFY row_number() OVER (
    PARTITION BY i.source, i.incident_id
    ORDER BY CASE WHEN lower(om.key) = lower(i.service_id) THEN 0 ELSE 1 END, om.team_id) = 1
),
eligible AS (
  SELECT i.source, i.incident_id, i.created_at, o.team_id
  FROM inc i JOIN owner o ON o.source = i.source AND o.incident_id = i.incident_id
  WHERE i.passes
),
team_repos AS (
  SELECT DISTINCT lower(key) AS repo_key, team_id FROM org_map WHERE type = 'repo'
),
prod AS (
  SELECT repo, deployment_id, lower(repo) AS repo_key, coalesce(finished_at, created_at) AS happened_at, lower(status) = 'success' AS ok
  FROM deployments
  WHERE list_contains(CAST(CAST($environments AS JSON) AS VARCHAR[]), lower(trim(environment)))
),
deploys AS (
  SELECT repo, repo_key, happened_at, deployment_id FROM prod WHERE ok
  QUALIFY row_number() OVER (PARTITION BY repo_key, happened_at ORDER BY deployment_id DESC) = 1
),
merges AS (
  SELECT p.repo, lower(p.repo) AS repo_key, p.merged_at AS happened_at, p.number
  FROM pull_requests p
  WHERE p.merged_at IS NOT NULL AND lower(p.repo) NOT IN (SELECT repo_key FROM prod)
  QUALIFY row_number() OVER (PARTITION BY lower(p.repo), p.merged_at ORDER BY p.number DESC) = 1
),
pairs AS (
  SELECT e.source, e.incident_id, e.created_at, tr.repo_key,
         e.created_at - to_microseconds(CAST(round(CAST($window_hours AS DOUBLE) * 3600000000) AS BIGINT)) AS window_start
  FROM eligible e JOIN team_repos tr ON tr.team_id = e.team_id
),
last_deploy AS (
  SELECT pr.source, pr.incident_id, d.repo, d.deployment_id AS change_id
  FROM pairs pr ASOF JOIN deploys d ON d.repo_key = pr.repo_key AND d.happened_at <= pr.created_at
  WHERE d.happened_at > pr.window_start
  QUALIFY row_number() OVER (PARTITION BY pr.source, pr.incident_id ORDER BY d.happened_at DESC, d.repo DESC, d.deployment_id DESC) = 1
),
last_merge AS (
  SELECT pr.source, pr.incident_id, m.repo, CAST(m.number AS VARCHAR) AS change_id
  FROM pairs pr ASOF JOIN merges m ON m.repo_key = pr.repo_key AND m.happened_at <= pr.created_at
  WHERE m.happened_at > pr.window_start
  QUALIFY row_number() OVER (PARTITION BY pr.source, pr.incident_id ORDER BY m.happened_at DESC, m.repo DESC, m.number DESC) = 1
)
SELECT i.source, i.incident_id,
       CASE WHEN NOT i.passes THEN 'filtered'
            WHEN o.team_id IS NULL THEN 'no_team'
            WHEN d.change_id IS NOT NULL THEN 'deployment'
            WHEN m.change_id IS NOT NULL THEN 'pr'
            ELSE 'no_candidate' END AS status,
       o.team_id,
       CASE WHEN NOT i.passes THEN NULL WHEN d.change_id IS NOT NULL THEN 'deployment' WHEN m.change_id IS NOT NULL THEN 'pr' END AS change_kind,
       CASE WHEN d.change_id IS NOT NULL THEN d.repo ELSE m.repo END AS repo,
       coalesce(d.change_id, m.change_id) AS change_id,
       CASE WHEN d.change_id IS NOT NULL THEN $deploy_rule ELSE $pr_rule END AS rule
FROM inc i
LEFT JOIN owner o ON o.source = i.source AND o.incident_id = i.incident_id
LEFT JOIN last_deploy d ON d.source = i.source AND d.incident_id = i.incident_id
LEFT JOIN last_merge m ON m.source = i.source AND m.incident_id = i.incident_id
