-- First and last day with any activity, across every dated canonical table.
WITH days AS (
  SELECT min(created_at) AS lo, max(coalesce(merged_at, closed_at, created_at)) AS hi FROM pull_requests
  UNION ALL SELECT min(created_at), max(coalesce(resolved_at, created_at)) FROM issues
  UNION ALL SELECT min(created_at), max(coalesce(resolved_at, created_at)) FROM incidents
  UNION ALL SELECT min(created_at), max(coalesce(solved_at, created_at)) FROM tickets
  UNION ALL SELECT min(responded_at), max(responded_at) FROM nps_responses
  UNION ALL SELECT min(created_at), max(coalesce(finished_at, created_at)) FROM deployments
)
SELECT strftime(min(lo), '%Y-%m-%d') AS "from", strftime(max(hi), '%Y-%m-%d') AS "to" FROM days
