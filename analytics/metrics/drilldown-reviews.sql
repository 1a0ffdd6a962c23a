-- Drill-down: the reviews behind a cell: reviews (not by the author) of the PRs merged in it, with
-- the review-hours proxy and the reviewer's level. Newest first, at most $limit.
WITH page AS (
  SELECT r.*, count(*) OVER () AS total
  FROM __metric_review r
  WHERE r.day BETWEEN $start::DATE AND $end::DATE
    AND ($team IS NULL OR r.team_id = $team) AND ($repo IS NULL OR r.repo_id = hash(lower($repo)))
  ORDER BY r.submitted_at DESC NULLS LAST, r.pr_key, r.review_id
  LIMIT $limit
)
SELECT p.repo || '#' || p.number || ' review ' || r.review_id AS key, pr.title, coalesce(r.submitted_at, p.merged_at) AS at,
       r.team_id AS team, p.repo, pr.url,
       {'reviewer': r.reviewer, 'state': r.state, 'senior': CASE WHEN r.rated THEN r.senior END, 'hours': r.hours,
        'aiEvidence': r.has_ai} AS details,
       r.total
FROM page r
JOIN __metric_pr p ON p.pr_key = r.pr_key
JOIN pull_requests pr ON pr.repo = p.repo AND pr.number = p.number
ORDER BY r.submitted_at DESC NULLS LAST, r.pr_key, r.review_id
