-- AI-assisted vs non-AI merged PRs (product.md §7; docs/methods.md "Cohorts"): one row per PR merged
-- in [$from, $to] with what the cohort comparisons need. Parameters: $from, $to (inclusive days),
-- $environments (linking.productionEnvironments as a JSON list, lower case). The per-PR rules are the
-- ones docs/metrics.md states for the dashboards:
--   ai                  any AI evidence (ai_confidence <> 'none')
--   review_wait_hours   created → first review by someone other than the author (NULL: never reviewed)
--   time_to_merge_hours created → merged
--   size_lines          additions + deletions
--   reverted            a merged revert PR names this PR (reverts_pr, same repo)
--   bug_linked          linked to a Jira bug (issue_pr_links; for most PRs that is the bug's fix)
--   incident_linked     the PR itself is linked to an incident (repos without production deployments),
--                       or the deployment that shipped it is: the repo's first successful production
--                       deployment at or after the merge (ties on time: the larger deployment id)
WITH merged AS (
  SELECT p.repo, lower(p.repo) AS repo_key, p.number, p.author, p.created_at, p.merged_at,
         coalesce(p.additions, 0) + coalesce(p.deletions, 0) AS size_lines,
         coalesce(p.ai_confidence, 'none') <> 'none' AS ai
  FROM pull_requests p
  WHERE p.merged_at >= CAST($from AS DATE) AND p.merged_at < CAST($to AS DATE) + INTERVAL 1 DAY
),
first_review AS (
  SELECT m.repo_key, m.number, min(r.submitted_at) AS first_at
  FROM merged m
  JOIN reviews r ON lower(r.repo) = m.repo_key AND r.pr_number = m.number
  WHERE r.submitted_at IS NOT NULL AND r.reviewer IS NOT NULL AND lower(r.reviewer) IS DISTINCT FROM lower(m.author)
  GROUP BY ALL
),
reverted AS (
  SELECT DISTINCT lower(repo) AS repo_key, reverts_pr AS number
  FROM pull_requests WHERE is_revert AND merged_at IS NOT NULL AND reverts_pr IS NOT NULL
),
bug_linked AS (
  SELECT DISTINCT lower(l.repo) AS repo_key, l.pr_number AS number
  FROM issue_pr_links l JOIN issues i ON i.issue_key = l.issue_key
  WHERE i.is_bug
),
train AS (
  SELECT lower(repo) AS repo_key, coalesce(finished_at, created_at) AS happened_at, max(deployment_id) AS deployment_id
  FROM deployments
  WHERE lower(status) = 'success' AND list_contains(CAST(CAST($environments AS JSON) AS VARCHAR[]), lower(trim(environment)))
  GROUP BY ALL
),
shipped AS (
  SELECT m.repo_key, m.number, t.deployment_id
  FROM (SELECT repo_key, number, merged_at FROM merged) m
  ASOF LEFT JOIN train t ON t.repo_key = m.repo_key AND t.happened_at >= m.merged_at
),
incident_change AS (
  SELECT DISTINCT change_kind, lower(repo) AS repo_key, change_id FROM incident_change_links
)
SELECT m.ai,
       CASE WHEN f.first_at >= m.created_at THEN epoch(f.first_at - m.created_at) / 3600.0 END AS review_wait_hours,
       CASE WHEN m.merged_at >= m.created_at THEN epoch(m.merged_at - m.created_at) / 3600.0 END AS time_to_merge_hours,
       CAST(m.size_lines AS DOUBLE) AS size_lines,
       rv.number IS NOT NULL AS reverted,
       b.number IS NOT NULL AS bug_linked,
       (ip.change_id IS NOT NULL OR id.change_id IS NOT NULL) AS incident_linked
FROM merged m
LEFT JOIN first_review f ON f.repo_key = m.repo_key AND f.number = m.number
LEFT JOIN reverted rv ON rv.repo_key = m.repo_key AND rv.number = m.number
LEFT JOIN bug_linked b ON b.repo_key = m.repo_key AND b.number = m.number
LEFT JOIN shipped s ON s.repo_key = m.repo_key AND s.number = m.number
LEFT JOIN incident_change ip ON ip.change_kind = 'pr' AND ip.repo_key = m.repo_key AND ip.change_id = CAST(m.number AS VARCHAR)
LEFT JOIN incident_change id ON id.change_kind = 'deployment' AND id.repo_key = m.repo_key AND id.change_id = s.deployment_id
ORDER BY m.repo_key, m.number
