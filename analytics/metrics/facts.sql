-- The metric facts: every definition of docs/metrics.md that does not depend on the period, computed
-- once per data version into temp tables (analytics/metrics/facts.ts rebuilds them after any write),
-- so each dashboard query only filters and aggregates. One place for: team attribution, seniority,
-- what a change is, which change shipped a PR, which changes failed and why, review hours, lead time.
-- Each fact carries its day, ISO week (Monday) and month, and integer keys (hashes of the lower-case
-- repo, and of repo + PR number) so that queries group and join on numbers, not strings.
--
-- Parameters: $window_hours  linking.incidentWindowHours (the window of the incident links, reused)
--             $environments  linking.productionEnvironments, a JSON list in lower case
--
-- Team attribution (the same rule as analytics/metrics/teams.sql; org-map keys match case-insensitively):
--   PR          its repo's team, else its author's team
--   incident    its service's team: the PagerDuty service id, else its name (the id wins, as in linking)
--   Jira bug    the team of its first mapped component, else of its project
--   deployment  its repo's team, else its service's team
--   ticket      the team of its first tag that names a mapped service (name or key), Jira project or
--               component, or a team (id or name), compared as slugs ("Payments API" = payments_api)

-- Org-map keys, case-insensitive; a key mapped twice in different cases resolves to one team.
CREATE OR REPLACE TEMP TABLE __metric_owner AS
SELECT type, lower(key) AS key_lower, min(team_id) AS team_id FROM org_map GROUP BY ALL;

-- People: team, seniority (senior = the org map's senior, staff and principal levels) and bots.
CREATE OR REPLACE TEMP TABLE __metric_person AS
SELECT lower(o.key) AS login_key, min(o.team_id) AS team_id,
       bool_or(o.seniority IN ('senior', 'staff', 'principal')) AS is_senior,
       bool_or(o.seniority IS NOT NULL) AS has_seniority,
       bool_or(coalesce(p.is_bot, false)) AS is_bot
FROM org_map o LEFT JOIN people p ON lower(p.login) = lower(o.key)
WHERE o.type = 'person'
GROUP BY ALL;

-- Repos seen in PRs or deployments: display name and owning team (org map).
CREATE OR REPLACE TEMP TABLE __metric_repo AS
SELECT hash(r.repo_key) AS repo_id, r.repo_key, r.repo, o.team_id
FROM (
  SELECT lower(repo) AS repo_key, min(repo) AS repo
  FROM (SELECT repo FROM pull_requests UNION ALL SELECT repo FROM deployments)
  GROUP BY ALL
) r
LEFT JOIN __metric_owner o ON o.type = 'repo' AND o.key_lower = r.repo_key;

-- Production deployments of any status (a repo that has one is judged by its deployments, a repo
-- that has none by its merged PRs — product.md §6, the same split as the incident links).
CREATE OR REPLACE TEMP TABLE __metric_prod AS
SELECT hash(lower(d.repo)) AS repo_id, d.repo, d.deployment_id, coalesce(d.finished_at, d.created_at) AS happened_at,
       lower(d.status) = 'success' AS ok,
       coalesce(rt.team_id, st.team_id) AS team_id
FROM deployments d
LEFT JOIN __metric_owner rt ON rt.type = 'repo' AND rt.key_lower = lower(d.repo)
LEFT JOIN __metric_owner st ON st.type = 'service' AND st.key_lower = lower(d.service_id)
WHERE list_contains(CAST(CAST($environments AS JSON) AS VARCHAR[]), lower(trim(d.environment)));

-- One row per merged PR with its team, AI evidence, the change that shipped it and what happened to it.
CREATE OR REPLACE TEMP TABLE __metric_pr AS
WITH deploying AS (SELECT DISTINCT repo_id FROM __metric_prod),
-- Deployment trains: ties on time resolve to the larger id, as in the incident links.
train AS (SELECT repo_id, happened_at, max(deployment_id) AS deployment_id FROM __metric_prod WHERE ok GROUP BY ALL),
base AS (
  SELECT hash(lower(p.repo), p.number) AS pr_key, hash(lower(p.repo)) AS repo_id, p.repo, p.number, p.author,
         p.created_at, p.merged_at,
         coalesce(p.additions, 0) AS additions, coalesce(p.deletions, 0) AS deletions,
         coalesce(p.ai_share, 0) AS ai_share,
         coalesce(p.ai_confidence, 'none') <> 'none' AS has_ai,
         p.is_revert, p.reverts_pr, p.is_hotfix,
         coalesce(rt.team_id, pt.team_id) AS team_id
  FROM pull_requests p
  LEFT JOIN __metric_owner rt ON rt.type = 'repo' AND rt.key_lower = lower(p.repo)
  LEFT JOIN __metric_person pt ON pt.login_key = lower(p.author)
  WHERE p.merged_at IS NOT NULL
),
-- The change that shipped a merged PR: its repo's first successful production deployment at or
-- after the merge (none yet: NULL), or the PR itself where the repo has no production deployments.
shipped AS (
  SELECT b.pr_key,
         CASE WHEN NOT b.deploys THEN 'pr' WHEN t.deployment_id IS NOT NULL THEN 'deployment' END AS change_kind,
         CASE WHEN NOT b.deploys THEN CAST(b.number AS VARCHAR) ELSE t.deployment_id END AS change_id,
         CASE WHEN NOT b.deploys THEN b.merged_at ELSE t.happened_at END AS shipped_at
  FROM (SELECT pr_key, repo_id, number, merged_at, repo_id IN (SELECT repo_id FROM deploying) AS deploys FROM base) b
  ASOF LEFT JOIN train t ON t.repo_id = b.repo_id AND t.happened_at >= b.merged_at
),
incident_change AS (
  SELECT DISTINCT change_kind, hash(lower(repo)) AS repo_id, change_id FROM incident_change_links
),
reverted AS (
  SELECT DISTINCT hash(lower(repo), reverts_pr) AS pr_key FROM base WHERE is_revert AND reverts_pr IS NOT NULL
),
first_commit AS (
  SELECT hash(lower(repo), pr_number) AS pr_key, min(authored_at) AS first_at
  FROM commits WHERE pr_number IS NOT NULL AND authored_at IS NOT NULL GROUP BY ALL
),
bug_linked AS (
  SELECT DISTINCT hash(lower(l.repo), l.pr_number) AS pr_key
  FROM issue_pr_links l JOIN issues i ON i.issue_key = l.issue_key
  WHERE i.is_bug
)
SELECT b.pr_key, b.repo_id, b.repo, b.number, b.author, b.team_id, CASE WHEN b.team_id IS NOT NULL THEN hash(b.team_id) END AS team_key, b.created_at, b.merged_at,
       CAST(b.merged_at AS DATE) AS day,
       CAST(date_trunc('week', b.merged_at) AS DATE) AS week,
       CAST(date_trunc('month', b.merged_at) AS DATE) AS month,
       b.additions, b.deletions, b.ai_share, b.has_ai, b.is_revert, b.reverts_pr, b.is_hotfix,
       s.change_kind AS shipped_kind, s.change_id AS shipped_id, s.shipped_at,
       rv.pr_key IS NOT NULL AS was_reverted,
       -- Blamed for an incident: linked directly, or shipped by a deployment an incident is linked to.
       ic.change_id IS NOT NULL AS incident_linked,
       -- Linked to a Jira bug (mostly bug fixes): the cohort comparison's linked-bug rate.
       bl.pr_key IS NOT NULL AS bug_linked,
       epoch(b.merged_at - b.created_at) / 3600.0 AS merge_hours,
       -- Lead time starts at the first commit, or at the PR's creation when that is earlier or no commit is known.
       epoch(b.merged_at - least(b.created_at, fc.first_at)) / 3600.0 AS lead_hours
FROM base b
LEFT JOIN shipped s ON s.pr_key = b.pr_key
LEFT JOIN incident_change ic ON ic.change_kind = s.change_kind AND ic.repo_id = b.repo_id AND ic.change_id = s.change_id
LEFT JOIN reverted rv ON rv.pr_key = b.pr_key
LEFT JOIN first_commit fc ON fc.pr_key = b.pr_key
LEFT JOIN bug_linked bl ON bl.pr_key = b.pr_key;

-- Reviews of merged PRs that count: by someone other than the PR's author; they carry the PR's
-- team, repo, merge period and AI evidence (review numbers describe the period's merged PRs).
-- Review-hours proxy (docs/metrics.md): the PR's changed lines read at 400 lines an hour, at least
-- 15 and at most 90 minutes per review (SmartBear/Cisco code-review study: ≤ 400–500 lines an hour,
-- sessions ≤ 60–90 minutes).
CREATE OR REPLACE TEMP TABLE __metric_review AS
SELECT p.pr_key, p.repo_id, p.team_id, p.team_key, p.day, p.week, p.month, p.has_ai,
       r.review_id, r.reviewer, hash(lower(r.reviewer)) AS reviewer_id, r.state, r.submitted_at,
       least(1.5, greatest(0.25, (p.additions + p.deletions) / 400.0)) AS hours,
       coalesce(pp.is_senior, false) AS senior,
       coalesce(pp.has_seniority, false) AS rated,
       CASE WHEN r.submitted_at IS NOT NULL THEN greatest(0, epoch(r.submitted_at - p.created_at) / 3600.0) END AS hours_since_open
FROM reviews r
JOIN __metric_pr p ON p.pr_key = hash(lower(r.repo), r.pr_number)
LEFT JOIN __metric_person pp ON pp.login_key = lower(r.reviewer)
WHERE r.reviewer IS NOT NULL AND lower(r.reviewer) IS DISTINCT FROM lower(p.author);

-- Time to first review of each merged PR that got one.
CREATE OR REPLACE TEMP TABLE __metric_first_review AS
SELECT pr_key, any_value(repo_id) AS repo_id, any_value(team_id) AS team_id, any_value(team_key) AS team_key, any_value(day) AS day,
       any_value(week) AS week, any_value(month) AS month, any_value(has_ai) AS has_ai,
       min(hours_since_open) AS hours
FROM __metric_review WHERE hours_since_open IS NOT NULL
GROUP BY pr_key;

-- The per-PR values whose medians the AI / non-AI cohort comparison reports (analytics/effects/cohorts.ts),
-- metric 0: wait for the first review, 1: time to merge (when merged after it was opened), 2: size in
-- added + deleted lines (the order of COHORT_MEDIAN_KEYS). value_rank orders each metric's values
-- within its cohort (ai) over every merged PR, and block groups 1,024 consecutive ranks, so a query
-- over any range finds the k-th smallest value of the range by counting, not by sorting
-- (analytics/effects/cohort-data.ts).
CREATE OR REPLACE TEMP TABLE __metric_cohort_value AS
WITH v AS (
  SELECT 0 AS metric, has_ai AS ai, day, hours AS value FROM __metric_first_review
  UNION ALL
  SELECT 1, has_ai, day, merge_hours FROM __metric_pr WHERE merged_at >= created_at
  UNION ALL
  SELECT 2, has_ai, day, CAST(additions + deletions AS DOUBLE) FROM __metric_pr
),
ranked AS (
  SELECT metric, ai, day, value, row_number() OVER (PARTITION BY metric, ai ORDER BY value) AS value_rank
  FROM v
  WHERE value IS NOT NULL AND isfinite(value)
)
SELECT CAST(metric AS UTINYINT) AS metric, ai, day, value, value_rank, CAST(value_rank // 1024 AS UINTEGER) AS block
FROM ranked;

-- Changes (a successful production deployment, or a merged PR of a repo without production
-- deployments) and whether each failed (product.md §6): followed within the window by
--   a linked incident   (incident_change_links: the linker's own window),
--   a revert            a merged revert of a PR the change shipped, merged within the window after it,
--   a hotfix            a merged hotfix PR of the repo; it blames the repo's last change before it,
--                       if that change is within the window.
CREATE OR REPLACE TEMP TABLE __metric_change AS
WITH window_len AS (SELECT to_microseconds(CAST(round(CAST($window_hours AS DOUBLE) * 3600000000) AS BIGINT)) AS w),
change AS (
  SELECT 'deployment' AS change_kind, repo_id, repo, deployment_id AS change_id, happened_at, team_id
  FROM __metric_prod WHERE ok
  UNION ALL
  SELECT 'pr', repo_id, repo, CAST(number AS VARCHAR), merged_at, team_id
  FROM __metric_pr WHERE shipped_kind = 'pr'
),
by_incident AS (SELECT DISTINCT change_kind, hash(lower(repo)) AS repo_id, change_id FROM incident_change_links),
by_revert AS (
  SELECT DISTINCT t.shipped_kind AS change_kind, t.repo_id, t.shipped_id AS change_id
  FROM __metric_pr r
  JOIN __metric_pr t ON t.pr_key = hash(lower(r.repo), r.reverts_pr)
  WHERE r.is_revert AND t.shipped_id IS NOT NULL
    AND r.merged_at >= t.shipped_at AND r.merged_at < t.shipped_at + (SELECT w FROM window_len)
),
by_hotfix AS (
  SELECT DISTINCT c.change_kind, c.repo_id, c.change_id
  FROM (SELECT repo_id, merged_at FROM __metric_pr WHERE is_hotfix) h
  ASOF JOIN change c ON c.repo_id = h.repo_id AND c.happened_at < h.merged_at
  WHERE c.happened_at > h.merged_at - (SELECT w FROM window_len)
)
SELECT c.change_kind, c.repo_id, c.repo, c.change_id, c.happened_at, c.team_id, CASE WHEN c.team_id IS NOT NULL THEN hash(c.team_id) END AS team_key,
       CAST(c.happened_at AS DATE) AS day,
       CAST(date_trunc('week', c.happened_at) AS DATE) AS week,
       CAST(date_trunc('month', c.happened_at) AS DATE) AS month,
       i.change_id IS NOT NULL AS by_incident,
       r.change_id IS NOT NULL AS by_revert,
       h.change_id IS NOT NULL AS by_hotfix,
       i.change_id IS NOT NULL OR r.change_id IS NOT NULL OR h.change_id IS NOT NULL AS failed
FROM change c
LEFT JOIN by_incident i ON i.change_kind = c.change_kind AND i.repo_id = c.repo_id AND i.change_id = c.change_id
LEFT JOIN by_revert r ON r.change_kind = c.change_kind AND r.repo_id = c.repo_id AND r.change_id = c.change_id
LEFT JOIN by_hotfix h ON h.change_kind = c.change_kind AND h.repo_id = c.repo_id AND h.change_id = c.change_id;

-- Incidents: team by service, the repo of the change they are linked to, time to restore.
CREATE OR REPLACE TEMP TABLE __metric_incident AS
SELECT i.source, i.incident_id, i.created_at, i.resolved_at,
       CAST(i.created_at AS DATE) AS day,
       CAST(date_trunc('week', i.created_at) AS DATE) AS week,
       CAST(date_trunc('month', i.created_at) AS DATE) AS month,
       coalesce(by_id.team_id, by_name.team_id) AS team_id,
       CASE WHEN coalesce(by_id.team_id, by_name.team_id) IS NOT NULL THEN hash(coalesce(by_id.team_id, by_name.team_id)) END AS team_key,
       l.repo_id,
       CASE WHEN i.resolved_at >= i.created_at THEN epoch(i.resolved_at - i.created_at) / 3600.0 END AS restore_hours
FROM incidents i
LEFT JOIN __metric_owner by_id ON by_id.type = 'service' AND by_id.key_lower = lower(i.service_id)
LEFT JOIN __metric_owner by_name ON by_name.type = 'service' AND by_name.key_lower = lower(i.service_name)
LEFT JOIN (SELECT source, incident_id, min(hash(lower(repo))) AS repo_id FROM incident_change_links GROUP BY ALL) l
  ON l.source = i.source AND l.incident_id = i.incident_id;

-- Jira bugs (is_bug): team by first mapped component, else project.
CREATE OR REPLACE TEMP TABLE __metric_bug AS
SELECT b.issue_key, b.created_at,
       CAST(b.created_at AS DATE) AS day,
       CAST(date_trunc('week', b.created_at) AS DATE) AS week,
       CAST(date_trunc('month', b.created_at) AS DATE) AS month,
       coalesce(c.team_id, pj.team_id) AS team_id,
       CASE WHEN coalesce(c.team_id, pj.team_id) IS NOT NULL THEN hash(coalesce(c.team_id, pj.team_id)) END AS team_key
FROM issues b
LEFT JOIN (
  SELECT issue_key, arg_min(o.team_id, ord) AS team_id
  FROM (SELECT issue_key, unnest(components) AS component, unnest(range(1, len(components) + 1)) AS ord FROM issues WHERE is_bug) ic
  JOIN __metric_owner o ON o.type = 'jira_component' AND o.key_lower = lower(ic.component)
  GROUP BY issue_key
) c ON c.issue_key = b.issue_key
LEFT JOIN __metric_owner pj ON pj.type = 'jira_project' AND pj.key_lower = lower(b.project)
WHERE b.is_bug;

-- A bug's repos: those of the PRs it is linked to (used only when a metric is scoped to a repo).
CREATE OR REPLACE TEMP TABLE __metric_bug_repo AS
SELECT DISTINCT l.issue_key, hash(lower(l.repo)) AS repo_id
FROM issue_pr_links l JOIN __metric_bug b ON b.issue_key = l.issue_key;

-- Tickets: team by tag, and whether a tag says bug or incident. A tag names a team in any of the
-- spellings "payments_api", "payments-api", "paymentsapi".
CREATE OR REPLACE TEMP TABLE __metric_ticket AS
WITH named AS (
  SELECT s.name, coalesce(by_id.team_id, by_name.team_id) AS team_id
  FROM services s
  LEFT JOIN __metric_owner by_id ON by_id.type = 'service' AND by_id.key_lower = lower(s.service_id)
  LEFT JOIN __metric_owner by_name ON by_name.type = 'service' AND by_name.key_lower = lower(s.name)
  UNION ALL SELECT key_lower, team_id FROM __metric_owner WHERE type IN ('service', 'jira_project', 'jira_component')
  UNION ALL SELECT team_id, team_id FROM teams
  UNION ALL SELECT name, team_id FROM teams
),
slugs AS (
  SELECT trim(regexp_replace(lower(name), '[^a-z0-9]+', '_', 'g'), '_') AS slug, team_id FROM named WHERE team_id IS NOT NULL
),
team_tag AS (
  SELECT tag, min(team_id) AS team_id
  FROM (SELECT unnest([slug, replace(slug, '_', '-'), replace(slug, '_', '')]) AS tag, team_id FROM slugs WHERE slug <> '')
  GROUP BY ALL
),
tagged AS (
  SELECT source, ticket_id, arg_min(tg.team_id, ord) AS team_id
  FROM (SELECT source, ticket_id, unnest(tags) AS tag, unnest(range(1, len(tags) + 1)) AS ord FROM tickets) x
  JOIN team_tag tg ON tg.tag = lower(x.tag)
  GROUP BY ALL
)
SELECT t.source, t.ticket_id, t.created_at,
       CAST(t.created_at AS DATE) AS day,
       CAST(date_trunc('week', t.created_at) AS DATE) AS week,
       CAST(date_trunc('month', t.created_at) AS DATE) AS month,
       coalesce(list_has_any(list_transform(t.tags, lambda x: lower(x)), ['bug', 'incident']), false) AS bug_or_incident,
       tg.team_id,
       CASE WHEN tg.team_id IS NOT NULL THEN hash(tg.team_id) END AS team_key
FROM tickets t
LEFT JOIN tagged tg ON tg.source = t.source AND tg.ticket_id = t.ticket_id;

-- NPS responses with their periods.
CREATE OR REPLACE TEMP TABLE __metric_nps AS
SELECT source, response_id, responded_at, score,
       CAST(responded_at AS DATE) AS day,
       CAST(date_trunc('week', responded_at) AS DATE) AS week,
       CAST(date_trunc('month', responded_at) AS DATE) AS month
FROM nps_responses;
