-- AI-assisted vs non-AI merged PRs (product.md §7; docs/methods.md "Cohorts"), PRs merged in
-- [$from, $to]: per cohort (ai) the PR count and the counts behind the rates. Reads the metric facts
-- (analytics/metrics/facts.sql), so every per-PR rule is the dashboards' own (docs/metrics.md): AI
-- evidence, reverted, incident-linked (directly, or through the deployment that shipped it) and
-- linked to a Jira bug. The medians' values come from cohort-ranks.sql and cohort-values.sql.
SELECT has_ai AS ai,
       count(*) AS prs,
       count(*) FILTER (WHERE was_reverted) AS reverted,
       count(*) FILTER (WHERE bug_linked) AS bug_linked,
       count(*) FILTER (WHERE incident_linked) AS incident_linked
FROM __metric_pr
WHERE day BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
GROUP BY ALL
