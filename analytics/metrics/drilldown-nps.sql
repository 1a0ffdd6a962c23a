-- Drill-down: the NPS responses behind a cell (org-wide only: responses have no team or repo).
-- Newest first, at most $limit.
WITH page AS (
  SELECT n.*, count(*) OVER () AS total
  FROM __metric_nps n
  WHERE n.day BETWEEN $start::DATE AND $end::DATE AND $team IS NULL AND $repo IS NULL
  ORDER BY n.responded_at DESC, n.response_id
  LIMIT $limit
)
SELECT n.source || ':' || n.response_id AS key, src.comment AS title, n.responded_at AS at,
       CAST(NULL AS VARCHAR) AS team, CAST(NULL AS VARCHAR) AS repo, CAST(NULL AS VARCHAR) AS url,
       {'score': n.score, 'category': CASE WHEN n.score >= 9 THEN 'promoter' WHEN n.score <= 6 THEN 'detractor' ELSE 'passive' END,
        'account': src.account, 'segment': src.segment} AS details,
       n.total
FROM page n
JOIN nps_responses src ON src.source = n.source AND src.response_id = n.response_id
ORDER BY n.responded_at DESC, n.response_id
