-- Replay a policy on the last complete quarter's merged PRs (continues periods.sql's WITH list over the metric facts;
-- $from..$to = that quarter). One row per merged PR with its team, AI share and the incidents
-- linked to it (directly, or through a deployment of its merge commit).
, quarter_prs AS (
  SELECT p.repo, p.number, p.team_id, p.ai_share, p.additions, p.merged_at
  FROM __metric_pr p WHERE p.merged_at >= $from::DATE AND p.merged_at < $to::DATE + 1
),
pr_incidents AS (
  SELECT repo, number, count(DISTINCT incident) AS incidents FROM (
    SELECT l.repo, TRY_CAST(l.change_id AS INTEGER) AS number, l.source || '/' || l.incident_id AS incident
    FROM incident_change_links l WHERE l.change_kind = 'pr'
    UNION ALL
    SELECT p.repo, p.number, l.source || '/' || l.incident_id
    FROM incident_change_links l
    JOIN deployments d ON l.change_kind = 'deployment' AND d.repo = l.repo AND d.deployment_id = l.change_id
    JOIN pull_requests p ON p.repo = d.repo AND p.merge_commit_sha = d.sha
  ) GROUP BY ALL
)
SELECT q.repo, q.number, coalesce(pr.title, '') AS title, q.team_id AS team, q.ai_share, q.additions,
       strftime(q.merged_at, '%Y-%m-%dT%H:%M:%SZ') AS merged_at, pr.url,
       coalesce(i.incidents, 0)::INTEGER AS linked_incidents
FROM quarter_prs q
JOIN pull_requests pr ON pr.repo = q.repo AND pr.number = q.number
LEFT JOIN pr_incidents i ON i.repo = q.repo AND i.number = q.number
ORDER BY q.ai_share DESC, q.merged_at, q.repo, q.number
