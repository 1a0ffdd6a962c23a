-- What the data names but the org map gives to no team (org-map keys match case-insensitively, as
-- in the metrics and the links). Parameter: $limit items per type, the ones with the most rows first.
--   person          PR authors (bots left out: they belong to no team), rows = PRs
--   repo            repos of PRs and deployments, rows = PRs
--   service         PagerDuty services of incidents (mapped by id or name), rows = incidents
--   jira_project    projects of Jira issues, rows = issues
--   jira_component  components of issues that no project or component mapping gives a team, rows = issues
WITH owner AS (SELECT DISTINCT type, lower(key) AS k FROM org_map),
bots AS (SELECT lower(login) AS k FROM people WHERE is_bot),
person AS (
  SELECT 'person' AS type, min(author) AS key, count(*) AS n, max(coalesce(merged_at, created_at)) AS last_seen
  FROM pull_requests
  WHERE coalesce(trim(author), '') <> ''
    AND lower(author) NOT IN (SELECT k FROM owner WHERE type = 'person')
    AND lower(author) NOT IN (SELECT k FROM bots)
    AND NOT ends_with(lower(author), '[bot]') AND NOT starts_with(lower(author), 'app/')
  GROUP BY lower(author)
),
repo AS (
  SELECT 'repo' AS type, min(repo) AS key, count(*) FILTER (WHERE is_pr) AS n, max(seen_at) AS last_seen
  FROM (
    SELECT repo, true AS is_pr, coalesce(merged_at, created_at) AS seen_at FROM pull_requests
    UNION ALL
    SELECT repo, false, coalesce(finished_at, created_at) FROM deployments
  )
  WHERE lower(repo) NOT IN (SELECT k FROM owner WHERE type = 'repo')
  GROUP BY lower(repo)
),
service AS (
  SELECT 'service' AS type, min(coalesce(nullif(trim(service_name), ''), service_id)) AS key, count(*) AS n, max(created_at) AS last_seen
  FROM incidents
  WHERE coalesce(nullif(trim(service_name), ''), nullif(trim(service_id), '')) IS NOT NULL
    AND lower(coalesce(service_id, '')) NOT IN (SELECT k FROM owner WHERE type = 'service')
    AND lower(coalesce(service_name, '')) NOT IN (SELECT k FROM owner WHERE type = 'service')
  GROUP BY lower(coalesce(nullif(trim(service_name), ''), service_id))
),
project AS (
  SELECT 'jira_project' AS type, min(project) AS key, count(*) AS n, max(created_at) AS last_seen
  FROM issues
  WHERE coalesce(trim(project), '') <> '' AND lower(project) NOT IN (SELECT k FROM owner WHERE type = 'jira_project')
  GROUP BY lower(project)
),
component_rows AS (
  SELECT issue_key, project, created_at, unnest(components) AS component FROM issues WHERE len(components) > 0
),
issue_with_mapped_component AS (
  SELECT DISTINCT c.issue_key FROM component_rows c JOIN owner o ON o.type = 'jira_component' AND o.k = lower(c.component)
),
component AS (
  SELECT 'jira_component' AS type, min(component) AS key, count(DISTINCT issue_key) AS n, max(created_at) AS last_seen
  FROM component_rows
  WHERE coalesce(trim(component), '') <> ''
    AND lower(coalesce(project, '')) NOT IN (SELECT k FROM owner WHERE type = 'jira_project')
    AND issue_key NOT IN (SELECT issue_key FROM issue_with_mapped_component)
  GROUP BY lower(component)
),
everything AS (
  SELECT * FROM person UNION ALL SELECT * FROM repo UNION ALL SELECT * FROM service
  UNION ALL SELECT * FROM project UNION ALL SELECT * FROM component
)
SELECT type, key, n, strftime(last_seen, '%Y-%m-%dT%H:%M:%SZ') AS last_seen, count(*) OVER (PARTITION BY type) AS total
FROM everything
QUALIFY row_number() OVER (PARTITION BY type ORDER BY n DESC, lower(key)) <= $limit
ORDER BY type, n DESC, lower(key)
