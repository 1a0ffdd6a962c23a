import { beforeEach, describe, expect, it } from 'vitest';
import { fakeClock, iso, runSync, snapshot, syncTestbed } from './fixture';

const TODAY = Date.parse('2025-06-10T12:00:00Z');
const HOUR = 3_600_000;

describe('GitHub sync: incremental', () => {
  const clock = fakeClock(TODAY);
  beforeEach(() => {
    clock.state.now = TODAY;
  });
  const bed = syncTestbed(TODAY, clock.now);

  it('fetches only what changed since the cursor, and a sync with nothing new writes nothing', async () => {
    await runSync(bed.ws, bed.mock, clock);
    const before = await snapshot(bed.ws);

    // A day later: a new merged PR, a new review on the open PR, a commit, a deployment, a finished one, Copilot days.
    clock.state.now = TODAY + 24 * HOUR;
    const api = bed.mock.data.repos[0]!;
    const m6 = { sha: 'b6'.padEnd(40, '6'), message: 'Rate limits (#6)', author: { login: 'carol' }, name: 'carol', email: 'carol@acme.test', date: iso(clock.now() - 3 * HOUR) };
    api.pulls.push({
      number: 6, title: 'Rate limits', user: { login: 'carol' }, state: 'closed', created_at: iso(clock.now() - 30 * HOUR), updated_at: iso(clock.now() - 2 * HOUR),
      merged_at: iso(clock.now() - 3 * HOUR), closed_at: iso(clock.now() - 3 * HOUR), additions: 60, deletions: 6, changed_files: 4, head: 'feature/6',
      merge_commit_sha: m6.sha, commits: [{ ...m6, sha: 'a6'.padEnd(40, '6'), message: 'Rate limits' }], reviews: [{ id: 601, user: { login: 'bob' }, state: 'APPROVED', submitted_at: iso(clock.now() - 4 * HOUR) }],
    });
    const open = api.pulls.find((p) => p.number === 3)!;
    open.reviews.push({ id: 302, user: { login: 'bob' }, state: 'APPROVED', submitted_at: iso(clock.now() - 5 * HOUR) });
    open.updated_at = iso(clock.now() - 5 * HOUR);
    api.commits.push(m6);
    api.deployments.find((d) => d.id === 9003)!.statuses.push({ id: 5, state: 'success', created_at: iso(clock.now() - 20 * HOUR) });
    api.deployments.push({ id: 9004, sha: m6.sha, ref: 'main', environment: 'production', created_at: iso(clock.now() - 3 * HOUR), statuses: [{ id: 6, state: 'success', created_at: iso(clock.now() - 2 * HOUR) }] });
    bed.mock.data.copilot!.days['2025-06-09'] = { users: [{ user_login: 'carol', day: '2025-06-09', loc_added_sum: 8, loc_suggested_to_add_sum: 9, user_initiated_interaction_count: 1 }], org: [{ organization_id: '42', day_totals: [{ day: '2025-06-09', loc_added_sum: 8 }] }] };
    bed.mock.data.copilot!.days['2025-06-10'] = { users: [], org: [{ organization_id: '42', day_totals: [{ day: '2025-06-10', loc_added_sum: 0 }] }] };

    const seenBefore = bed.mock.seen.length;
    const { report } = await runSync(bed.ws, bed.mock, clock);
    expect(report.error).toBeUndefined();
    const second = bed.mock.seen.slice(seenBefore).map((r) => r.path);

    // Pulls newest-updated first, stopping at the first PR older than the cursor: pages 1 and 2 of 3.
    expect(second.filter((p) => p.startsWith('/repos/acme/api/pulls?')).map((p) => new URLSearchParams(p.split('?')[1]).get('page') ?? '1')).toEqual(['1', '2']);
    expect(second.filter((p) => p.startsWith('/repos/acme/api/pulls?'))[0]).toContain('sort=updated&direction=desc');
    // Details only for merged PRs of those pages: the new #6, and #5 which sits exactly at the old cursor.
    expect(second.filter((p) => /^\/repos\/acme\/api\/pulls\/\d+$/.test(p)).sort()).toEqual(['/repos/acme/api/pulls/5', '/repos/acme/api/pulls/6']);
    expect(second.filter((p) => /^\/repos\/acme\/api\/pulls\/\d+\/reviews/.test(p)).map((p) => p.split('/')[5]).sort()).toEqual(['3', '5', '6']);
    // Commits since the cursor (minus a day for late pushes), deployments until the cursor.
    const commits = second.filter((p) => p.startsWith('/repos/acme/api/commits?'));
    expect(commits).toHaveLength(2);
    expect(new URLSearchParams(commits[0]!.split('?')[1]).get('since')).toBe('2025-06-02T10:00:00Z');
    expect(second.filter((p) => p.startsWith('/repos/acme/api/deployments?'))).toHaveLength(2);
    expect(second.filter((p) => /deployments\/\d+\/statuses/.test(p)).map((p) => p.split('/')[5]).sort()).toEqual(['9003', '9004']);
    // Copilot: the days after the last report, one request per report and day.
    expect(second.filter((p) => p.includes('/copilot/'))).toEqual([
      '/orgs/acme/copilot/metrics/reports/users-1-day?day=2025-06-09',
      '/orgs/acme/copilot/metrics/reports/organization-1-day?day=2025-06-09',
      '/orgs/acme/copilot/metrics/reports/users-1-day?day=2025-06-10',
      '/orgs/acme/copilot/metrics/reports/organization-1-day?day=2025-06-10',
    ]);

    const after = await snapshot(bed.ws);
    expect(after.pulls.filter((p) => p.repo === 'acme/api').map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(after.pulls.find((p) => p.number === 6 && p.repo === 'acme/api')).toMatchObject({ state: 'merged', additions: 60 });
    expect(after.reviews.length).toBe(before.reviews.length + 2);
    expect(after.commits.length).toBe(before.commits.length + 2);
    expect(after.deployments.filter((d) => d.repo === 'acme/api')).toEqual([
      { repo: 'acme/api', deployment_id: '9001', status: 'success' },
      { repo: 'acme/api', deployment_id: '9002', status: 'success' },
      { repo: 'acme/api', deployment_id: '9003', status: 'success' },
      { repo: 'acme/api', deployment_id: '9004', status: 'success' },
    ]);
    expect(after.copilot.map((c) => `${c.day}/${c.scope}/${c.user_login}`)).toEqual(expect.arrayContaining(['2025-06-09/user/carol', '2025-06-09/org/', '2025-06-10/org/']));
    const [copilotState] = await bed.ws.all<{ cursor: string }>("SELECT cursor FROM github_sync_state WHERE stream = 'copilot'");
    expect(copilotState!.cursor).toBe('2025-06-10');

    // An hour later, nothing changed: one page per list, no new imports rows, identical rows.
    clock.state.now += HOUR;
    const importsBefore = await bed.ws.all('SELECT import_id FROM imports');
    const seenThird = bed.mock.seen.length;
    const third = await runSync(bed.ws, bed.mock, clock);
    expect(third.report.error).toBeUndefined();
    const paths = bed.mock.seen.slice(seenThird).map((r) => r.path);
    expect(paths.filter((p) => p.startsWith('/repos/acme/api/pulls?'))).toHaveLength(1);
    expect(paths.filter((p) => p.includes('/copilot/'))).toEqual([]);
    expect(await bed.ws.all('SELECT import_id FROM imports')).toEqual(importsBefore);
    expect(await snapshot(bed.ws)).toEqual(after);
    expect(third.report.repos[0]!.streams.every((s) => s.inserted === 0 && s.updated === 0)).toBe(true);
  });
});
