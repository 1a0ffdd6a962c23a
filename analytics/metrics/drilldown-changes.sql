-- Drill-down: the changes (successful production deployments, or merged PRs of repos without any)
-- behind a cell, $filter all | failed, with why each failed. Newest first, at most $limit.
WITH page AS (
  SELECT c.*, CASE WHEN c.change_kind = 'pr' THEN TRY_CAST(c.change_id AS INTEGER) END AS pr_number, count(*) OVER () AS total
  FROM __metric_change c
  WHERE c.day BETWEEN $start::DATE AND $end::DATE
    AND ($team IS NULL OR c.team_id = $team) AND ($repo IS NULL OR c.repo_id = hash(lower($repo)))
    AND ($filter <> 'failed' OR c.failed)
  ORDER BY c.happened_at DESC, c.repo, c.change_id
  LIMIT $limit
)
SELECT CASE WHEN c.change_kind = 'pr' THEN c.repo || '#' || c.change_id ELSE c.repo || ' deployment ' || c.change_id END AS key,
       pr.title, c.happened_at AS at, c.team_id AS team, c.repo, pr.url,
       {'kind': c.change_kind, 'failed': c.failed, 'linkedIncident': c.by_incident, 'revert': c.by_revert, 'hotfix': c.by_hotfix} AS details,
       c.total
FROM page c
LEFT JOIN pull_requests pr ON pr.repo = c.repo AND pr.number = c.pr_number
ORDER BY c.happened_at DESC, c.repo, c.change_id
