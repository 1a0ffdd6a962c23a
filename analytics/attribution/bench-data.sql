-- A synthetic org at product.md §9 scale for timing attribution and linking (not for statistics):
-- $prs PRs over 3 years in 300 repos of 40 teams, ~3.3 commits each with realistic messages and AI
-- markers, Copilot usage per user-day, Jira issues, incidents, deployments. Deterministic (hash of
-- the row number), built in SQL in seconds.
INSERT INTO teams SELECT 'team-' || t, 'Team ' || t, NULL FROM range(40) r(t);

INSERT INTO org_map (type, key, team_id)
SELECT 'repo', 'acme/repo-' || i, 'team-' || (i % 40) FROM range(300) r(i)
UNION ALL SELECT 'service', 'PSVC' || i, 'team-' || (i % 40) FROM range(80) r(i)
UNION ALL SELECT 'person', 'dev-' || i, 'team-' || (i % 40) FROM range(2000) r(i)
UNION ALL SELECT 'jira_project', 'P' || chr(CAST(65 + (i // 26) AS INTEGER)) || chr(CAST(65 + (i % 26) AS INTEGER)), 'team-' || i FROM range(40) r(i);

INSERT INTO people (login, is_bot) SELECT 'dev-' || i, false FROM range(2000) r(i);

CREATE TEMP TABLE __bench_pr AS
SELECT i,
       'acme/repo-' || (hash(i, 'repo') % 300) AS repo,
       CAST(i + 1 AS INTEGER) AS number,
       hash(i, 'kind') % 1000 AS kind,
       'dev-' || (hash(i, 'author') % 2000) AS human,
       TIMESTAMP '2023-11-01' + to_seconds(CAST(i * (94608000.0 / $prs) AS BIGINT)) AS created_at,
       'P' || chr(CAST(65 + ((hash(i, 'proj') % 40) // 26) AS INTEGER)) || chr(CAST(65 + ((hash(i, 'proj') % 40) % 26) AS INTEGER)) || '-' || (1 + hash(i, 'key') % 7500) AS issue_key,
       CAST(5 + exp(3.5 + 1.2 * ((hash(i, 'size') % 1000) / 1000.0 - 0.5) * 3) AS INTEGER) AS additions,
       1 + hash(i, 'ncommits') % 6 AS n_commits
FROM range($prs) r(i);

INSERT INTO pull_requests (repo, number, title, body, author, head_ref, base_ref, state, created_at, merged_at, closed_at, additions, deletions, changed_files, labels, merge_commit_sha)
SELECT repo, number,
       CASE WHEN kind < 10 THEN 'Revert "Change ' || (number - 7) || '"'
            WHEN kind % 2 = 0 THEN issue_key || ' Improve the frobnicator for module ' || (i % 977)
            ELSE 'Improve the frobnicator for module ' || (i % 977) END,
       '## Summary' || chr(10) || 'This change improves the frobnicator. See the design doc for context and rationale.' || chr(10) || chr(10)
         || '## Testing' || chr(10) || '- unit tests' || chr(10)
         || CASE WHEN kind < 10 THEN chr(10) || 'Reverts ' || repo || '#' || (number - 7)
                 WHEN kind % 7 = 1 THEN chr(10) || 'Fixes ' || issue_key
                 WHEN kind BETWEEN 900 AND 929 THEN chr(10) || '🤖 Generated with [Claude Code](https://claude.com/claude-code)'
                 ELSE '' END,
       CASE WHEN kind BETWEEN 950 AND 969 THEN 'app/copilot-swe-agent' ELSE human END,
       CASE WHEN kind BETWEEN 950 AND 999 THEN 'copilot/fix-' || i
            WHEN kind BETWEEN 900 AND 929 THEN 'claude/' || issue_key || '-work'
            WHEN kind BETWEEN 10 AND 29 THEN 'hotfix/urgent-' || i
            ELSE 'feature/' || lower(issue_key) || '-work' END,
       'main',
       CASE WHEN kind % 10 = 3 THEN 'closed' ELSE 'merged' END,
       created_at,
       CASE WHEN kind % 10 = 3 THEN NULL ELSE created_at + to_seconds(3600 + hash(i, 'merge') % 200000) END,
       CASE WHEN kind % 10 = 3 THEN created_at + to_seconds(86400) ELSE created_at + to_seconds(3600 + hash(i, 'merge') % 200000) END,
       additions, additions // 3, 1 + additions // 40,
       CASE WHEN kind BETWEEN 930 AND 949 THEN ['ai-assisted'] WHEN kind % 5 = 0 THEN ['bug'] ELSE [] END,
       md5('merge' || i)
FROM __bench_pr;

INSERT INTO commits (repo, sha, pr_number, author_login, author_name, author_email, authored_at, committed_at, message, additions, deletions, trailers)
SELECT p.repo, md5('c' || p.i || '-' || c.j), p.number,
       CASE WHEN p.kind BETWEEN 950 AND 969 THEN 'Copilot' ELSE p.human END,
       NULL, NULL,
       p.created_at - to_seconds((p.n_commits - c.j) * 3600),
       p.created_at - to_seconds((p.n_commits - c.j) * 3600),
       CASE WHEN c.j = 0 AND p.kind % 9 = 2 THEN p.issue_key || ': improve the frobnicator' ELSE 'Improve the frobnicator, step ' || c.j END
         || chr(10) || chr(10) || 'Longer explanation of what changed and why; mentions the config and the tests.' || chr(10)
         || CASE (hash(p.i, c.j, 'marker') % 100)
              WHEN 0 THEN chr(10) || 'Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>'
              WHEN 1 THEN chr(10) || 'Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>'
              WHEN 2 THEN chr(10) || '🤖 Generated with [Claude Code](https://claude.com/claude-code)' || chr(10) || chr(10) || 'Co-Authored-By: Claude <noreply@anthropic.com>'
              WHEN 3 THEN chr(10) || 'Made-with: Cursor'
              WHEN 4 THEN chr(10) || 'Generated-by: Gemini Code Assist'
              ELSE CASE WHEN hash(p.i, c.j, 'human') % 5 = 0 THEN chr(10) || 'Co-authored-by: Jane Doe <jane@example.com>' ELSE '' END END,
       GREATEST(1, p.additions // p.n_commits), 2, NULL
FROM __bench_pr p, range(6) c(j)
WHERE c.j < p.n_commits;

INSERT INTO copilot_usage (day, scope, user_login, loc_suggested, loc_added, interactions, active)
SELECT DISTINCT CAST(c.authored_at AS DATE), 'user', c.author_login, 100, 5 + hash(c.author_login, CAST(c.authored_at AS DATE)) % 60, 10, true
FROM commits c
WHERE c.author_login LIKE 'dev-%' AND hash(c.author_login, CAST(c.authored_at AS DATE)) % 3 = 0;

INSERT INTO issues (issue_key, project, issue_type, is_bug, created_at)
SELECT 'P' || chr(CAST(65 + (p // 26) AS INTEGER)) || chr(CAST(65 + (p % 26) AS INTEGER)) || '-' || (n + 1), 'P' || chr(CAST(65 + (p // 26) AS INTEGER)) || chr(CAST(65 + (p % 26) AS INTEGER)),
       CASE WHEN (p + n) % 4 = 0 THEN 'Bug' ELSE 'Story' END, (p + n) % 4 = 0, TIMESTAMP '2023-11-01' + to_hours(n)
FROM range(40) a(p), range(7500) b(n);

INSERT INTO deployments (repo, deployment_id, sha, environment, status, created_at, finished_at)
SELECT 'acme/repo-' || r, r || '-' || d || '-' || k, md5(r || '-' || d), 'production',
       CASE WHEN hash(r, d, k) % 30 = 0 THEN 'failure' ELSE 'success' END,
       TIMESTAMP '2023-11-01' + to_days(d) + to_hours(10 + 5 * k),
       TIMESTAMP '2023-11-01' + to_days(d) + to_hours(10 + 5 * k) + to_minutes(20)
FROM range(150) a(r), range(1095) b(d), range(2) c(k)
WHERE dayofweek(TIMESTAMP '2023-11-01' + to_days(d)) BETWEEN 1 AND 5;

INSERT INTO incidents (source, incident_id, number, title, service_id, service_name, urgency, priority, created_at)
SELECT 'pagerduty', 'Q' || i, CAST(i AS INTEGER), 'Something broke', 'PSVC' || (hash(i, 'svc') % 85), 'Service ' || (hash(i, 'svc') % 85),
       CASE WHEN hash(i, 'u') % 3 = 0 THEN 'low' ELSE 'high' END,
       CASE WHEN hash(i, 'p') % 2 = 0 THEN 'P' || (1 + hash(i, 'pp') % 4) END,
       TIMESTAMP '2023-11-01' + to_seconds(CAST(i * (94608000.0 / 20000) AS BIGINT))
FROM range(20000) r(i);

DROP TABLE __bench_pr;
