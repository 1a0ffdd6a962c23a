-- Jira issue ↔ PR links (product.md §5): issue keys (ABC-123) in a PR's title, branch, body or commit
-- messages. One link per issue × PR; `rule` records the first place that names the key, in the order
-- title, branch, body, commit. Keys are matched case-insensitively but must exist in `issues`.
INSERT INTO issue_pr_links (issue_key, repo, pr_number, rule)
WITH texts AS (
  SELECT repo, number AS pr_number, 1 AS rank, 'title' AS rule, title AS text FROM pull_requests
  UNION ALL SELECT repo, number, 2, 'branch', head_ref FROM pull_requests
  UNION ALL SELECT repo, number, 3, 'body', body FROM pull_requests
  UNION ALL SELECT repo, pr_number, 4, 'commit', message FROM commits WHERE pr_number IS NOT NULL
),
mentions AS (
  SELECT repo, pr_number, rank, rule, unnest(regexp_extract_all(upper(text), '\b[A-Z][A-Z0-9]+-[0-9]+\b')) AS issue_key
  FROM texts
  WHERE text IS NOT NULL
)
SELECT m.issue_key, m.repo, m.pr_number, arg_min(m.rule, m.rank)
FROM mentions m
JOIN issues i ON i.issue_key = m.issue_key
GROUP BY m.issue_key, m.repo, m.pr_number;
