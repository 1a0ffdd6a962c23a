-- How much of the workspace the attribution and linking reach (product.md §4 "always show how much
-- of the data has any AI evidence"; §5 "incidents with no candidate … are counted").
-- One aggregate pass per table (product.md §9: every dashboard query ≤ 100 ms on 600k PRs).
-- PRs are counted per repo, merge month and attribution confidence first, so the org map
-- (case-insensitive keys) is matched once per repo rather than once per PR. month IS NULL: not merged.
WITH pr AS (
  SELECT g.*, m.team_id
  FROM (
    SELECT repo, date_trunc('month', merged_at) AS month, ai_confidence,
           count(*) AS prs,
           sum(ai_share * additions) FILTER (WHERE additions > 0) AS ai_added,
           sum(additions) FILTER (WHERE additions > 0) AS added,
           min(merged_at) AS first_merged, max(merged_at) AS last_merged
    FROM pull_requests
    GROUP BY ALL
  ) g
  LEFT JOIN (SELECT lower(key) AS repo_key, min(team_id) AS team_id FROM org_map WHERE type = 'repo' GROUP BY lower(key)) m
    ON m.repo_key = lower(g.repo)
),
pr_stats AS (
  SELECT coalesce(sum(prs), 0) AS prs,
         coalesce(sum(prs) FILTER (WHERE month IS NOT NULL), 0) AS merged_prs,
         coalesce(sum(prs) FILTER (WHERE ai_confidence IN ('high', 'medium', 'low')), 0) AS prs_with_evidence,
         coalesce(sum(prs) FILTER (WHERE month IS NOT NULL AND ai_confidence IN ('high', 'medium', 'low')), 0) AS merged_with_evidence,
         coalesce(sum(prs) FILTER (WHERE ai_confidence = 'high'), 0) AS prs_high,
         coalesce(sum(prs) FILTER (WHERE ai_confidence = 'medium'), 0) AS prs_medium,
         coalesce(sum(prs) FILTER (WHERE ai_confidence = 'low'), 0) AS prs_low,
         coalesce(sum(prs) FILTER (WHERE ai_confidence = 'none' OR ai_confidence IS NULL), 0) AS prs_none,
         sum(ai_added) FILTER (WHERE month IS NOT NULL) / nullif(sum(added) FILTER (WHERE month IS NOT NULL), 0) AS merged_ai_share,
         coalesce(sum(prs) FILTER (WHERE team_id IS NULL), 0) AS prs_unmapped,
         count(DISTINCT team_id) FILTER (WHERE month IS NOT NULL) AS teams_with_prs,
         count(DISTINCT month) AS months_with_prs,
         strftime(min(first_merged), '%Y-%m') AS first_month,
         strftime(max(last_merged), '%Y-%m') AS last_month,
         count(DISTINCT (team_id, month)) FILTER (WHERE month IS NOT NULL AND team_id IS NOT NULL) AS team_months
  FROM pr
),
linked_issues AS (SELECT DISTINCT issue_key FROM issue_pr_links),
issue_stats AS (
  SELECT count(*) AS issues,
         count(l.issue_key) AS issues_linked,
         count(*) FILTER (WHERE i.is_bug) AS bugs,
         count(l.issue_key) FILTER (WHERE i.is_bug) AS bugs_linked
  FROM issues i LEFT JOIN linked_issues l USING (issue_key)
),
incident_stats AS (
  SELECT count(*) AS incidents,
         count(*) FILTER (WHERE s.status = 'deployment') AS incidents_deployment,
         count(*) FILTER (WHERE s.status = 'pr') AS incidents_pr,
         count(*) FILTER (WHERE s.status = 'filtered') AS incidents_filtered,
         count(*) FILTER (WHERE s.status = 'no_team') AS incidents_no_team,
         count(*) FILTER (WHERE s.status = 'no_candidate') AS incidents_no_candidate,
         count(*) FILTER (WHERE s.status IS NULL) AS incidents_not_evaluated,
         count(DISTINCT s.team_id) AS teams_with_incidents
  FROM incidents i LEFT JOIN incident_link_status s ON s.source = i.source AND s.incident_id = i.incident_id
)
SELECT prs, merged_prs, prs_with_evidence, merged_with_evidence, prs_high, prs_medium, prs_low, prs_none, merged_ai_share,
       prs_unmapped, issues, issues_linked, bugs, bugs_linked,
       incidents, incidents_deployment, incidents_pr, incidents_filtered, incidents_no_team, incidents_no_candidate, incidents_not_evaluated,
       (SELECT count(DISTINCT team_id) FROM org_map) AS teams_mapped,
       teams_with_prs, teams_with_incidents, months_with_prs, first_month, last_month, team_months
FROM pr_stats, issue_stats, incident_stats
