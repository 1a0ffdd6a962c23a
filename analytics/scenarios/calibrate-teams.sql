-- Scenario calibration, per team (continues periods.sql's WITH list over the metric facts;
-- $from..$to = the last 12 complete months): engineers and senior reviewers from the org map, and
-- each repo's share of the team's merged PRs (for AI-free zones).
, people AS (
  SELECT team_id, count(*) AS fte, count(*) FILTER (WHERE is_senior) AS seniors
  FROM __metric_person WHERE team_id IS NOT NULL AND NOT is_bot GROUP BY team_id
),
repo_merged AS (
  SELECT team_id, repo, count(*) / sum(count(*)) OVER (PARTITION BY team_id) AS share
  FROM __metric_pr WHERE merged_at >= $from::DATE AND merged_at < $to::DATE + 1 AND team_id IS NOT NULL
  GROUP BY team_id, repo
),
repo_lists AS (
  SELECT team_id, list(repo ORDER BY repo) AS repos, list(share ORDER BY repo) AS shares FROM repo_merged GROUP BY team_id
)
SELECT t.team_id AS team,
       coalesce(p.fte, 0)::INTEGER AS fte,
       coalesce(p.seniors, 0)::INTEGER AS seniors,
       coalesce(r.repos, []) AS repos,
       coalesce(r.shares, [])::DOUBLE[] AS shares
FROM teams t
LEFT JOIN people p ON p.team_id = t.team_id
LEFT JOIN repo_lists r ON r.team_id = t.team_id
ORDER BY t.team_id
