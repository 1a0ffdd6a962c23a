-- Drill-down: the merged PRs behind a metric cell (days $start..$end, optional $team / $repo),
-- narrowed by $filter: all | quality (counted by quality-weighted throughput) | reverted | hotfix |
-- incident | revert | reviewed (got a review from someone other than the author). Newest first, at most $limit.
WITH page AS (
  SELECT p.*, fr.hours AS first_review_hours, count(*) OVER () AS total
  FROM __metric_pr p
  -- A first review carries its PR's merge day: only the cell's days need joining.
  LEFT JOIN (SELECT pr_key, hours FROM __metric_first_review WHERE day BETWEEN $start::DATE AND $end::DATE) fr ON fr.pr_key = p.pr_key
  WHERE p.day BETWEEN $start::DATE AND $end::DATE
    AND ($team IS NULL OR p.team_id = $team) AND ($repo IS NULL OR p.repo_id = hash(lower($repo)))
    AND CASE $filter
          WHEN 'quality' THEN NOT (p.was_reverted OR p.is_hotfix OR p.incident_linked)
          WHEN 'reverted' THEN p.was_reverted
          WHEN 'hotfix' THEN p.is_hotfix
          WHEN 'incident' THEN p.incident_linked
          WHEN 'revert' THEN p.is_revert
          WHEN 'reviewed' THEN fr.pr_key IS NOT NULL
          ELSE true END
  ORDER BY p.merged_at DESC, p.repo, p.number
  LIMIT $limit
)
SELECT p.repo || '#' || p.number AS key, pr.title, p.merged_at AS at, p.team_id AS team, p.repo, pr.url,
       {'aiShare': p.ai_share, 'aiEvidence': p.has_ai, 'additions': p.additions, 'deletions': p.deletions,
        'reverted': p.was_reverted, 'hotfix': p.is_hotfix, 'incidentLinked': p.incident_linked, 'revertOf': p.reverts_pr,
        'shippedBy': p.shipped_id, 'mergeHours': round(p.merge_hours, 2), 'leadTimeHours': round(p.lead_hours, 2),
        'firstReviewHours': round(p.first_review_hours, 2), 'author': p.author} AS details,
       p.total
FROM page p
-- The merge-time bounds are implied (the fact is that PR's) and let the scan skip other row groups.
JOIN pull_requests pr ON pr.repo = p.repo AND pr.number = p.number
  AND pr.merged_at >= $start::DATE AND pr.merged_at < $end::DATE + INTERVAL 1 DAY
ORDER BY p.merged_at DESC, p.repo, p.number
