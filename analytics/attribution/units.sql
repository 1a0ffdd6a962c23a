-- The units AI lines are counted in (product.md §4): each PR's commits, or the PR itself when no
-- commit of it is known. The PR's merge commit is not a unit (a squash commit repeats the PR's lines;
-- its markers count as PR-wide 'squash' evidence instead).
--   w = the unit's added lines: the commit's additions when every commit of the PR has them; else
--       the PR's additions shared equally among its commits; NULL when neither is known (the PR's
--       share is then counted in commits, not lines).
--   u = Copilot-usage lines: the author's accepted lines that day (copilot_usage, user rows,
--       loc_added) spread over ALL of that author's units that day in proportion to their lines:
--       u = w · min(1, loc_added(author, day) / Σ w(author, day)). Spreading over every unit — marked
--       or not — keeps each unit's u independent of the other rules, so a rule change moves only
--       the PRs it touches, and a day's usage is never counted twice.
-- A commit's author is its GitHub login, else the PR author (an unlinked e-mail is usually the
-- author's own); its day is the UTC day it was authored. A PR without commits uses its author and
-- the day it was opened.
CREATE OR REPLACE TEMP TABLE __attr_units AS
WITH pr_commits AS (
  SELECT c.rowid AS cid, p.rowid AS pr_id, c.additions,
         lower(coalesce(nullif(trim(c.author_login), ''), p.author)) AS login,
         CAST(coalesce(c.authored_at, c.committed_at, p.created_at) AS DATE) AS day,
         p.additions AS pr_additions
  FROM commits c
  JOIN pull_requests p ON p.repo = c.repo AND p.number = c.pr_number
  WHERE c.sha IS DISTINCT FROM p.merge_commit_sha
),
per_pr AS (
  SELECT pr_id, count(*) AS n, count(additions) AS n_known FROM pr_commits GROUP BY pr_id
),
units AS (
  SELECT c.pr_id, c.cid, c.login, c.day,
         CASE WHEN k.n_known = k.n THEN CAST(c.additions AS DOUBLE)
              WHEN c.pr_additions IS NOT NULL THEN CAST(c.pr_additions AS DOUBLE) / k.n END AS w
  FROM pr_commits c JOIN per_pr k ON k.pr_id = c.pr_id
  UNION ALL
  -- A PR without known commits is one unit; its unit id is negative (never a commits.rowid).
  SELECT p.rowid, -1 - p.rowid, lower(p.author), CAST(p.created_at AS DATE), CAST(p.additions AS DOUBLE)
  FROM pull_requests p
  WHERE p.rowid NOT IN (SELECT pr_id FROM per_pr)
),
budget AS (
  SELECT lower(user_login) AS login, day, CAST(sum(loc_added) AS DOUBLE) AS b
  FROM copilot_usage WHERE scope = 'user' AND loc_added > 0
  GROUP BY lower(user_login), day
),
day_factor AS (
  SELECT u.login, u.day, least(1.0, any_value(b.b) / sum(u.w)) AS f
  FROM units u JOIN budget b ON b.login = u.login AND b.day = u.day
  WHERE u.w > 0
  GROUP BY u.login, u.day
)
SELECT u.pr_id, u.cid AS unit, u.w,
       CASE WHEN u.w > 0 AND d.f > 0 THEN u.w * d.f ELSE 0.0 END AS u
FROM units u
LEFT JOIN day_factor d ON d.login = u.login AND d.day = u.day;

-- Per PR, whatever the rules: commits, lines, Copilot-usage lines and units that received some.
CREATE OR REPLACE TEMP TABLE __attr_pr_units AS
SELECT pr_id, count(*) FILTER (WHERE unit >= 0) AS n_commits, sum(w) AS w_total,
       sum(u) AS u_total, count(*) FILTER (WHERE u > 0) AS n_usage
FROM __attr_units
GROUP BY pr_id;
