/**
 * A tiny org where every metric is known by hand (docs/metrics.md). All of it happens in January and
 * February 2026; the data range is 2026-01-02 .. 2026-02-12.
 *
 * Teams pay (ana senior, cy staff), web (bo mid, dee junior), ops (nobody, nothing happens).
 * Repos: acme/pay → pay, deploys to production; acme/web is unmapped and never deploys to production
 * (a staging deployment does not count), so its PRs belong to their authors' teams and each merge is
 * a change.
 *
 *  PR          author  created        merged         +lines  AI     notes
 *  acme/pay#1  bo      01-05 09:00    01-06 09:00    100     1.0    repo team pay (not bo's web); first commit 01-04 09:00
 *  acme/pay#2  ana     01-07 10:00    01-08 10:00    300     0      shipped by D2, which incident I1 is linked to
 *  acme/pay#3  ana     01-12 08:00    01-13 08:00    200     0.5    shipped by D3, reverted by #4
 *  acme/pay#4  cy      01-13 20:00    01-14 09:00    0       0      revert of #3 (within 72 h of D3)
 *  acme/pay#5  cy      01-16 11:00    01-16 12:00    10      0      hotfix: blames D4 (01-14 15:00, 45 h before)
 *  acme/pay#6  ana     02-12 10:00    —              50      1.0    open
 *  acme/web#10 bo      01-02 08:00    01-03 12:00    50      0      web; incident I2 linked to it
 *  acme/web#11 dee     01-26 08:00    02-02 10:00    40      0      web; merged on a Monday (ISO week 2026-W06)
 *  acme/web#12 zed     01-14 08:00    01-15 08:00    20      0      unmapped author and repo: no team
 *
 * Production deployments of acme/pay (success): D1 01-06 15:00, D2 01-08 15:00, D3 01-13 15:00,
 * D4 01-14 15:00, D5 01-16 15:00; D6 01-27 15:00 failed (not a change).
 * Changes in January: pay D1–D5 (failed: D2 incident, D3 revert, D4 hotfix), web #10 (failed: I2),
 * no team #12 → 7 changes, 4 failed. February: web #11.
 *
 * Incidents: I1 "Payments API" 01-09 01:00, 2 h; I2 service id PWEB (web) 01-04 00:00, 0.5 h;
 * I3 "Payments API" 01-25, 10 h, unlinked; I4 unknown service 02-01, 1 h; I5 "payments api" 02-10, open.
 * Bugs: PAY-1 01-10 (pay); PAY-2 01-11 with component "Web UI" (mapped to web: the component wins);
 * WEB-1 02-05 (web); PAY-3 01-12 is a story.
 * Tickets: T1 01-09 [incident, payments_api] → pay; T2 01-09 [how-to]; T3 01-11 [bug, web] → web;
 * T4 02-03 [billing]; T5 01-12 [pay] → pay (its Jira project).
 * NPS (January): 10, 10, 9, 9, 9, 8, 7, 6, 3, 0 → 5 promoters, 3 detractors, NPS +20.
 * Reviews: #1 by ana (senior) 01-05 13:00 and by bo (the author: ignored) 01-05 10:00; #2 by bo (mid)
 * 01-07 12:00 and cy (staff) 01-07 16:00; #3 by zed (no seniority) 01-12 09:00.
 */
import { Workspace } from '../../../analytics/workspace/workspace';

export async function handBuiltOrg(path: string): Promise<Workspace> {
  const ws = await Workspace.create(path);
  await ws.run(`
    INSERT INTO teams VALUES ('pay', 'Payments', NULL), ('web', 'Web', NULL), ('ops', 'Ops', NULL);
    INSERT INTO org_map VALUES
      ('person', 'ana', 'pay', 'senior', NULL), ('person', 'cy', 'pay', 'staff', NULL),
      ('person', 'Bo', 'web', 'mid', NULL), ('person', 'dee', 'web', 'junior', NULL),
      ('repo', 'acme/pay', 'pay', NULL, NULL),
      ('service', 'Payments API', 'pay', NULL, NULL), ('service', 'PWEB', 'web', NULL, NULL),
      ('jira_project', 'PAY', 'pay', NULL, NULL), ('jira_project', 'WEB', 'web', NULL, NULL),
      ('jira_component', 'web ui', 'web', NULL, NULL);
    INSERT INTO people (login) VALUES ('ana'), ('cy'), ('bo'), ('dee'), ('zed');
    INSERT INTO services VALUES ('PPAY', 'Payments API', NULL), ('PWEB', 'Web Frontend', NULL);
    INSERT INTO pull_requests (repo, number, author, head_ref, created_at, merged_at, additions, deletions, ai_share, ai_confidence, is_revert, reverts_pr, is_hotfix, url) VALUES
      ('acme/pay', 1, 'bo',  'feature/a', '2026-01-05 09:00', '2026-01-06 09:00', 100, 0, 1.0, 'high',   false, NULL, false, 'https://github.com/acme/pay/pull/1'),
      ('acme/pay', 2, 'ana', 'feature/b', '2026-01-07 10:00', '2026-01-08 10:00', 300, 0, 0.0, 'none',   false, NULL, false, 'https://github.com/acme/pay/pull/2'),
      ('acme/pay', 3, 'ana', 'feature/c', '2026-01-12 08:00', '2026-01-13 08:00', 200, 0, 0.5, 'medium', false, NULL, false, 'https://github.com/acme/pay/pull/3'),
      ('acme/pay', 4, 'cy',  'revert-3',  '2026-01-13 20:00', '2026-01-14 09:00', 0, 200, 0.0, 'none',   true,  3,    false, 'https://github.com/acme/pay/pull/4'),
      ('acme/pay', 5, 'cy',  'hotfix/x',  '2026-01-16 11:00', '2026-01-16 12:00', 10, 2, 0.0, 'none',    false, NULL, true,  'https://github.com/acme/pay/pull/5'),
      ('acme/pay', 6, 'ana', 'feature/d', '2026-02-12 10:00', NULL,               50, 0, 1.0, 'high',   false, NULL, false, 'https://github.com/acme/pay/pull/6'),
      ('acme/web', 10, 'bo', 'feature/e', '2026-01-02 08:00', '2026-01-03 12:00', 50, 0, 0.0, 'none',   false, NULL, false, 'https://github.com/acme/web/pull/10'),
      ('acme/web', 11, 'dee','feature/f', '2026-01-26 08:00', '2026-02-02 10:00', 40, 0, 0.0, 'none',   false, NULL, false, 'https://github.com/acme/web/pull/11'),
      ('acme/web', 12, 'zed','feature/g', '2026-01-14 08:00', '2026-01-15 08:00', 20, 0, 0.0, 'none',   false, NULL, false, 'https://github.com/acme/web/pull/12');
    INSERT INTO commits (repo, sha, pr_number, author_login, authored_at) VALUES ('acme/pay', 'c1', 1, 'bo', '2026-01-04 09:00');
    INSERT INTO reviews (repo, pr_number, review_id, reviewer, state, submitted_at) VALUES
      ('acme/pay', 1, 'r1', 'ana', 'APPROVED', '2026-01-05 13:00'),
      ('acme/pay', 1, 'r0', 'bo', 'COMMENTED', '2026-01-05 10:00'),
      ('acme/pay', 2, 'r2', 'bo', 'COMMENTED', '2026-01-07 12:00'),
      ('acme/pay', 2, 'r3', 'cy', 'APPROVED', '2026-01-07 16:00'),
      ('acme/pay', 3, 'r4', 'zed', 'APPROVED', '2026-01-12 09:00');
    INSERT INTO deployments (repo, deployment_id, environment, status, created_at, finished_at) VALUES
      ('acme/pay', 'D1', 'production', 'success', '2026-01-06 14:50', '2026-01-06 15:00'),
      ('acme/pay', 'D2', 'production', 'success', '2026-01-08 14:50', '2026-01-08 15:00'),
      ('acme/pay', 'D3', 'production', 'success', '2026-01-13 14:50', '2026-01-13 15:00'),
      ('acme/pay', 'D4', 'production', 'success', '2026-01-14 14:50', '2026-01-14 15:00'),
      ('acme/pay', 'D5', 'production', 'success', '2026-01-16 14:50', '2026-01-16 15:00'),
      ('acme/pay', 'D6', 'Production', 'failure', '2026-01-27 14:50', '2026-01-27 15:00'),
      ('acme/web', 'S1', 'staging', 'success', '2026-01-03 13:00', '2026-01-03 13:10');
    INSERT INTO incidents (source, incident_id, service_id, service_name, created_at, resolved_at, url) VALUES
      ('pagerduty', 'I1', 'PPAY', 'Payments API', '2026-01-09 01:00', '2026-01-09 03:00', 'https://acme.pagerduty.com/incidents/I1'),
      ('pagerduty', 'I2', 'PWEB', 'Web Frontend', '2026-01-04 00:00', '2026-01-04 00:30', 'https://acme.pagerduty.com/incidents/I2'),
      ('pagerduty', 'I3', 'PPAY', 'Payments API', '2026-01-25 00:00', '2026-01-25 10:00', NULL),
      ('pagerduty', 'I4', 'PXXX', 'Unknown', '2026-02-01 00:00', '2026-02-01 01:00', NULL),
      ('pagerduty', 'I5', NULL, 'payments api', '2026-02-10 00:00', NULL, NULL);
    INSERT INTO incident_change_links VALUES
      ('pagerduty', 'I1', 'deployment', 'acme/pay', 'D2', 'last-deploy-72h'),
      ('pagerduty', 'I2', 'pr', 'acme/web', '10', 'merged-pr-72h');
    INSERT INTO issues (issue_key, project, issue_type, is_bug, created_at, components, url) VALUES
      ('PAY-1', 'PAY', 'Bug', true, '2026-01-10', [], 'https://acme.atlassian.net/browse/PAY-1'),
      ('PAY-2', 'PAY', 'Bug', true, '2026-01-11', ['Web UI'], NULL),
      ('WEB-1', 'WEB', 'Bug', true, '2026-02-05', NULL, NULL),
      ('PAY-3', 'PAY', 'Story', false, '2026-01-12', [], NULL);
    INSERT INTO issue_pr_links VALUES ('PAY-1', 'acme/pay', 2, 'title'), ('PAY-2', 'acme/web', 10, 'branch');
    INSERT INTO tickets (source, ticket_id, created_at, tags) VALUES
      ('zendesk', 'T1', '2026-01-09 05:00', ['incident', 'payments_api']),
      ('zendesk', 'T2', '2026-01-09 06:00', ['how-to']),
      ('zendesk', 'T3', '2026-01-11 06:00', ['bug', 'web']),
      ('zendesk', 'T4', '2026-02-03 06:00', ['billing']),
      ('zendesk', 'T5', '2026-01-12 06:00', ['pay']);
    INSERT INTO nps_responses (source, response_id, responded_at, score)
      SELECT 'csv', 'n' || i, TIMESTAMP '2026-01-05' + to_hours(i), s
      FROM unnest([10, 10, 9, 9, 9, 8, 7, 6, 3, 0]) WITH ORDINALITY AS t(s, i);
  `);
  return ws;
}
