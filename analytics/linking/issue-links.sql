-- Jira issue ↔ PR links (product.md §5): issue keys in a PR's title, head branch, body or commit
-- messages (its own commits and its merge commit). Keys are Jira's `[A-Z][A-Z0-9]+-[0-9]+`, not
-- preceded by a letter or digit; matched as written (upper case, as Jira itself requires) except in
-- branch names, which tools often lower-case. Only keys present in `issues` link. One link per
-- issue × PR; `rule` is the first place naming the key, in the order title, branch, body, commit.
CREATE OR REPLACE TEMP TABLE __link_issue_pr AS
WITH texts AS (
  SELECT repo, number AS pr_number, 1 AS rank, 'title' AS rule, title AS text FROM pull_requests WHERE title IS NOT NULL
  UNION ALL
  SELECT repo, number, 2, 'branch', upper(head_ref) FROM pull_requests WHERE head_ref IS NOT NULL
  UNION ALL
  SELECT repo, number, 3, 'body', body FROM pull_requests WHERE body IS NOT NULL
  UNION ALL
  SELECT c.repo, c.pr_number, 4, 'commit', c.message FROM commits c
  WHERE c.pr_number IS NOT NULL AND c.message IS NOT NULL
  UNION ALL
  SELECT p.repo, p.number, 4, 'commit', c.message FROM pull_requests p
  JOIN commits c ON c.repo = p.repo AND c.sha = p.merge_commit_sha
  WHERE c.pr_number IS DISTINCT FROM p.number AND c.message IS NOT NULL
),
mentions AS (
  SELECT repo, pr_number, rank, rule,
         unnest(regexp_extract_all(text, '(?:^|[^A-Za-z0-9])([A-Z][A-Z0-9]+-[0-9]+)', 1)) AS issue_key
  FROM texts
)
SELECT m.issue_key, m.repo, m.pr_number, arg_min(m.rule, m.rank) AS rule
FROM mentions m
JOIN issues i ON i.issue_key = m.issue_key
JOIN pull_requests p ON p.repo = m.repo AND p.number = m.pr_number
GROUP BY m.issue_key, m.repo, m.pr_number;

DELETE FROM issue_pr_links l
WHERE NOT EXISTS (
  SELECT 1 FROM __link_issue_pr n
  WHERE n.issue_key = l.issue_key AND n.repo = l.repo AND n.pr_number = l.pr_number AND n.rule = l.rule
);

INSERT INTO issue_pr_links (issue_key, repo, pr_number, rule)
SELECT n.issue_key, n.repo, n.pr_number, n.rule FROM __link_issue_pr n
WHERE NOT EXISTS (
  SELECT 1 FROM issue_pr_links l WHERE l.issue_key = n.issue_key AND l.repo = n.repo AND l.pr_number = n.pr_number
);

DROP TABLE __link_issue_pr;
