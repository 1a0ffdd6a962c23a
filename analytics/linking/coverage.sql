-- How much of the workspace the attribution and linking reach (product.md §4 "always show how much
-- of the data has any AI evidence"; §5 "incidents with no candidate … are counted").
WITH pr AS (
  SELECT p.*, m.team_id
  FROM pull_requests p
  LEFT JOIN (SELECT lower(key) AS repo_key, min(team_id) AS team_id FROM org_map WHERE type = 'repo' GROUP BY lower(key)) m
    ON m.repo_key = lower(p.repo)
),
linked_issues AS (SELECT DISTINCT issue_key FROM issue_pr_links),
inc AS (
  SELECT i.source, i.incident_id, i.created_at, s.status, s.team_id
  FROM incidents i LEFT JOIN incident_link_status s ON s.source = i.source AND s.incident_id = i.incident_id
)
SELECT
  (SELECT count(*) FROM pr) AS prs,
  (SELECT count(*) FROM pr WHERE merged_at IS NOT NULL) AS merged_prs,
  (SELECT count(*) FROM pr WHERE ai_confidence IN ('high', 'medium', 'low')) AS prs_with_evidence,
  (SELECT count(*) FROM pr WHERE merged_at IS NOT NULL AND ai_confidence IN ('high', 'medium', 'low')) AS merged_with_evidence,
  (SELECT count(*) FROM pr WHERE ai_confidence = 'high') AS prs_high,
  (SELECT count(*) FROM pr WHERE ai_confidence = 'medium') AS prs_medium,
  (SELECT count(*) FROM pr WHERE ai_confidence = 'low') AS prs_low,
  (SELECT count(*) FROM pr WHERE ai_confidence = 'none' OR ai_confidence IS NULL) AS prs_none,
  (SELECT sum(ai_share * additions) / nullif(sum(additions), 0) FROM pr WHERE merged_at IS NOT NULL AND additions > 0) AS merged_ai_share,
  (SELECT count(*) FROM pr WHERE team_id IS NULL) AS prs_unmapped,
  (SELECT count(*) FROM issues) AS issues,
  (SELECT count(*) FROM issues i JOIN linked_issues l USING (issue_key)) AS issues_linked,
  (SELECT count(*) FROM issues WHERE is_bug) AS bugs,
  (SELECT count(*) FROM issues i JOIN linked_issues l USING (issue_key) WHERE i.is_bug) AS bugs_linked,
  (SELECT count(*) FROM inc) AS incidents,
  (SELECT count(*) FROM inc WHERE status = 'deployment') AS incidents_deployment,
  (SELECT count(*) FROM inc WHERE status = 'pr') AS incidents_pr,
  (SELECT count(*) FROM inc WHERE status = 'filtered') AS incidents_filtered,
  (SELECT count(*) FROM inc WHERE status = 'no_team') AS incidents_no_team,
  (SELECT count(*) FROM inc WHERE status = 'no_candidate') AS incidents_no_candidate,
  (SELECT count(*) FROM inc WHERE status IS NULL) AS incidents_not_evaluated,
  (SELECT count(DISTINCT team_id) FROM org_map) AS teams_mapped,
  (SELECT count(DISTINCT team_id) FROM pr WHERE merged_at IS NOT NULL AND team_id IS NOT NULL) AS teams_with_prs,
  (SELECT count(DISTINCT team_id) FROM inc WHERE team_id IS NOT NULL) AS teams_with_incidents,
  (SELECT count(DISTINCT date_trunc('month', merged_at)) FROM pr WHERE merged_at IS NOT NULL) AS months_with_prs,
  (SELECT strftime(min(merged_at), '%Y-%m') FROM pr) AS first_month,
  (SELECT strftime(max(merged_at), '%Y-%m') FROM pr) AS last_month,
  (SELECT count(*) FROM (SELECT DISTINCT team_id, date_trunc('month', merged_at) FROM pr WHERE merged_at IS NOT NULL AND team_id IS NOT NULL)) AS team_months
