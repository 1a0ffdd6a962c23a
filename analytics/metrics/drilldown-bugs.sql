-- Drill-down: the Jira bugs behind a cell (by creation day; repo scope = linked PRs' repos).
-- Newest first, at most $limit.
WITH page AS (
  SELECT b.*, br.repo_id, count(*) OVER () AS total
  FROM __metric_bug b
  LEFT JOIN __metric_bug_repo br ON $repo IS NOT NULL AND br.issue_key = b.issue_key AND br.repo_id = hash(lower($repo))
  WHERE b.day BETWEEN $start::DATE AND $end::DATE
    AND ($team IS NULL OR b.team_id = $team) AND ($repo IS NULL OR br.repo_id IS NOT NULL)
  ORDER BY b.created_at DESC, b.issue_key
  LIMIT $limit
),
links AS (
  SELECT l.issue_key, count(*) AS n FROM issue_pr_links l JOIN page p ON p.issue_key = l.issue_key GROUP BY ALL
)
SELECT b.issue_key AS key, src.summary AS title, b.created_at AS at, b.team_id AS team, r.repo, src.url,
       {'project': src.project, 'priority': src.priority, 'status': src.status, 'resolvedAt': src.resolved_at,
        'linkedPrs': coalesce(l.n, 0)} AS details,
       b.total
FROM page b
JOIN issues src ON src.issue_key = b.issue_key
LEFT JOIN __metric_repo r ON r.repo_id = b.repo_id
LEFT JOIN links l ON l.issue_key = b.issue_key
ORDER BY b.created_at DESC, b.issue_key
