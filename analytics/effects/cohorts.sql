-- AI-assisted vs non-AI merged PRs (product.md §7; docs/methods.md "Cohorts"): one row per PR merged
-- in [$from, $to]. Continues periods.sql's WITH list over the metric facts (analytics/metrics/facts.sql),
-- so every per-PR rule is the dashboards' own (docs/metrics.md): AI evidence, first review by someone
-- other than the author, time to merge, reverted, and incident-linked (directly, or through the
-- deployment that shipped it). Only the bug link is read here: a PR linked to a Jira bug.
, bug_linked AS (
  SELECT DISTINCT hash(lower(l.repo), l.pr_number) AS pr_key
  FROM issue_pr_links l JOIN issues i ON i.issue_key = l.issue_key
  WHERE i.is_bug
)
SELECT p.has_ai AS ai,
       f.hours AS review_wait_hours,
       CASE WHEN p.merged_at >= p.created_at THEN p.merge_hours END AS time_to_merge_hours,
       CAST(p.additions + p.deletions AS DOUBLE) AS size_lines,
       p.was_reverted AS reverted,
       b.pr_key IS NOT NULL AS bug_linked,
       p.incident_linked
FROM __metric_pr p
LEFT JOIN __metric_first_review f ON f.pr_key = p.pr_key
LEFT JOIN bug_linked b ON b.pr_key = p.pr_key
WHERE p.merged_at >= CAST($from AS DATE) AND p.merged_at < CAST($to AS DATE) + INTERVAL 1 DAY
ORDER BY lower(p.repo), p.number
