-- Revert and hotfix flags of every PR (product.md §5, §6).
-- A PR is a revert when its title is `Revert "<title>"` or its body says `Reverts owner/repo#N` or
-- `This reverts commit <sha>`. The reverted PR (same repo; reverts_pr is a PR number) is, first match
-- wins: the body's `#N`; the PR whose merge commit is the sha named in the body or in the PR's own
-- commit messages (abbreviated shas of ≥ 7 digits match by prefix); the PR that authored that commit;
-- the latest earlier PR whose title is the quoted title. A hotfix is a PR whose head branch starts
-- with one of the hotfix prefixes ($prefixes, case-insensitive).
CREATE OR REPLACE TEMP TABLE __link_reverts AS
WITH detected AS (
  SELECT repo, number, created_at,
         regexp_extract(title, '^Revert "(.*)"[ \t]*$', 1) AS quoted,
         regexp_extract(body, 'Reverts ([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)#([0-9]+)', ['target_repo', 'target_number']) AS named,
         regexp_extract(body, 'This reverts commit ([0-9a-fA-F]{7,40})', 1) AS body_sha
  FROM pull_requests
  WHERE (starts_with(title, 'Revert "') AND regexp_matches(title, '^Revert ".*"[ \t]*$'))
     OR ((contains(body, 'Reverts ') OR contains(body, 'This reverts commit '))
         AND regexp_matches(body, 'Reverts [A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+#[0-9]+|This reverts commit [0-9a-fA-F]{7,40}'))
),
shas AS (
  SELECT repo, number, 1 AS via, lower(body_sha) AS sha FROM detected WHERE body_sha <> ''
  UNION ALL
  SELECT d.repo, d.number, 2, lower(unnest(regexp_extract_all(c.message, 'This reverts commit ([0-9a-fA-F]{7,40})', 1)))
  FROM detected d JOIN commits c ON c.repo = d.repo AND c.pr_number = d.number
),
-- Full shas join by equality; abbreviated ones (rare) by prefix.
by_merge_commit AS (
  SELECT repo, number, arg_min(target, via::BIGINT * 4294967296 + target) AS target FROM (
    SELECT s.repo, s.number, s.via, p.number AS target
    FROM shas s JOIN pull_requests p ON p.repo = s.repo AND lower(p.merge_commit_sha) = s.sha
    WHERE len(s.sha) = 40
    UNION ALL
    SELECT s.repo, s.number, s.via, p.number
    FROM shas s JOIN pull_requests p ON p.repo = s.repo AND starts_with(lower(p.merge_commit_sha), s.sha)
    WHERE len(s.sha) < 40
  ) WHERE target <> number
  GROUP BY repo, number
),
by_commit AS (
  SELECT repo, number, arg_min(target, via::BIGINT * 4294967296 + target) AS target FROM (
    SELECT s.repo, s.number, s.via, c.pr_number AS target
    FROM shas s JOIN commits c ON c.repo = s.repo AND lower(c.sha) = s.sha
    WHERE len(s.sha) = 40
    UNION ALL
    SELECT s.repo, s.number, s.via, c.pr_number
    FROM shas s JOIN commits c ON c.repo = s.repo AND starts_with(lower(c.sha), s.sha)
    WHERE len(s.sha) < 40
  ) WHERE target IS NOT NULL AND target <> number
  GROUP BY repo, number
),
by_title AS (
  SELECT d.repo, d.number, p.number AS target
  FROM detected d JOIN pull_requests p ON p.repo = d.repo AND p.title = d.quoted AND p.number <> d.number
  WHERE d.quoted <> '' AND p.created_at <= d.created_at
  QUALIFY row_number() OVER (PARTITION BY d.repo, d.number ORDER BY p.merged_at IS NULL, p.merged_at DESC, p.created_at DESC, p.number DESC) = 1
)
SELECT d.repo, d.number,
       coalesce(
         CASE WHEN d.named.target_repo = d.repo AND TRY_CAST(d.named.target_number AS INTEGER) <> d.number
              THEN TRY_CAST(d.named.target_number AS INTEGER) END,
         m.target, c.target, t.target) AS reverts_pr
FROM detected d
LEFT JOIN by_merge_commit m ON m.repo = d.repo AND m.number = d.number
LEFT JOIN by_commit c ON c.repo = d.repo AND c.number = d.number
LEFT JOIN by_title t ON t.repo = d.repo AND t.number = d.number;

UPDATE pull_requests p
SET is_revert = n.is_revert, reverts_pr = n.reverts_pr, is_hotfix = n.is_hotfix
FROM (
  SELECT p.repo, p.number,
         r.number IS NOT NULL AS is_revert,
         r.reverts_pr,
         coalesce(len(list_filter(CAST(CAST($prefixes AS JSON) AS VARCHAR[]), lambda x: starts_with(lower(p.head_ref), lower(x)))) > 0, false) AS is_hotfix
  FROM pull_requests p
  LEFT JOIN __link_reverts r ON r.repo = p.repo AND r.number = p.number
) n
WHERE p.repo = n.repo AND p.number = n.number
  AND (p.is_revert IS DISTINCT FROM n.is_revert OR p.reverts_pr IS DISTINCT FROM n.reverts_pr OR p.is_hotfix IS DISTINCT FROM n.is_hotfix);

DROP TABLE __link_reverts;
