/** A small org as the mock GitHub serves it, dated relative to "today", plus sync helpers for the tests. */
import { syncGitHub, type SyncOptions } from '../../../analytics/github/sync';
import { Workspace } from '../../../analytics/workspace/workspace';
import { afterEach, beforeEach } from 'vitest';
import { tempDir } from '../helpers/temp';
import { workspaceTestbed, type TempDir } from '../helpers/testbed';
import type { GitHubSyncReport, GitHubSyncProgress } from '../../../shared/domain';
import { MockGitHub, TOKEN, type MockCommit, type MockData, type MockPull } from './mock-github';

const DAY = 86_400_000;
export const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
export const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const alice = { login: 'alice' };
const bob = { login: 'bob' };
const carol = { login: 'carol' };
const agent = { login: 'copilot-swe-agent[bot]', type: 'Bot' as const };

function commit(sha: string, message: string, who: { login: string } | null, date: number): MockCommit {
  return { sha, message, author: who, name: who?.login ?? 'ghost', email: `${who?.login ?? 'ghost'}@acme.test`, date: iso(date) };
}

function pull(n: number, t: number, fields: Partial<MockPull> & Pick<MockPull, 'title' | 'user'>): MockPull {
  return {
    number: n,
    state: 'closed',
    created_at: iso(t - 2 * DAY),
    updated_at: iso(t),
    merged_at: iso(t),
    closed_at: iso(t),
    additions: 10 * n,
    deletions: n,
    changed_files: n,
    head: `feature/${n}`,
    merge_commit_sha: null,
    reviews: [],
    commits: [],
    ...fields,
  };
}

/** Org "acme": repos api (5 PRs, commits, 3 deployments), web (2 PRs) and a fork; Copilot reports. */
export function acme(today: number): MockData {
  const t = (daysAgo: number, hour = 10) => today - daysAgo * DAY + (hour - 12) * 3_600_000;
  const c1 = commit('a1'.padEnd(40, '1'), 'Add login form\n\nCo-authored-by: Claude <noreply@anthropic.com>', alice, t(20));
  const m1 = commit('b1'.padEnd(40, '1'), 'Add login form (#1)\n\nCo-authored-by: Claude <noreply@anthropic.com>', alice, t(19));
  const c2a = commit('a2'.padEnd(40, '2'), 'Refactor session store', bob, t(16));
  const c2b = commit('a3'.padEnd(40, '3'), 'Fix ACME-12 timeout\n\nRefs: ACME-12', bob, t(16, 11));
  const m2 = commit('b2'.padEnd(40, '2'), 'Session store (#2)', bob, t(15));
  const c5 = commit('a5'.padEnd(40, '5'), 'Bump dependencies', agent, t(9));
  const m5 = commit('b5'.padEnd(40, '5'), 'Bump dependencies (#5)', agent, t(8));
  const d1 = commit('d1'.padEnd(40, '1'), 'Hotfix config', carol, t(7));
  const w1 = commit('c1'.padEnd(40, '1'), 'Landing page (#1)', alice, t(12));
  return {
    org: 'acme',
    repos: [
      {
        name: 'api',
        pulls: [
          pull(1, t(19), { title: 'Add login form', user: alice, merge_commit_sha: m1.sha, commits: [c1], reviews: [{ id: 101, user: bob, state: 'APPROVED', submitted_at: iso(t(19, 9)) }] }),
          pull(2, t(15), {
            title: 'Session store ACME-12',
            user: bob,
            merge_commit_sha: m2.sha,
            commits: [c2a, c2b],
            reviews: [
              { id: 201, user: alice, state: 'COMMENTED', submitted_at: iso(t(15, 8)) },
              { id: 202, user: carol, state: 'APPROVED', submitted_at: iso(t(15, 9)) },
            ],
          }),
          pull(3, t(11), { title: 'WIP: search', user: carol, state: 'open', merged_at: null, closed_at: null, reviews: [{ id: 301, user: alice, state: 'CHANGES_REQUESTED', submitted_at: iso(t(11, 9)) }] }),
          pull(4, t(10), { title: 'Abandoned idea', user: bob, merged_at: null }),
          pull(5, t(8), { title: 'Bump dependencies', user: agent, merge_commit_sha: m5.sha, commits: [c5], reviews: [{ id: 501, user: alice, state: 'APPROVED', submitted_at: iso(t(8, 9)) }] }),
        ],
        commits: [m1, m2, m5, d1],
        deployments: [
          { id: 9001, sha: m1.sha, ref: 'main', environment: 'production', created_at: iso(t(19, 11)), statuses: [{ id: 1, state: 'in_progress', created_at: iso(t(19, 11)) }, { id: 2, state: 'success', created_at: iso(t(19, 12)) }] },
          { id: 9002, sha: m2.sha, ref: 'main', environment: 'production', created_at: iso(t(15, 11)), statuses: [{ id: 3, state: 'success', created_at: iso(t(15, 12)) }] },
          { id: 9003, sha: m5.sha, ref: 'main', environment: 'production', created_at: iso(t(8, 11)), statuses: [{ id: 4, state: 'in_progress', created_at: iso(t(8, 11)) }] },
        ],
      },
      {
        name: 'web',
        pulls: [
          pull(1, t(12), { title: 'Landing page', user: alice, merge_commit_sha: w1.sha, commits: [commit('e1'.padEnd(40, '1'), 'Landing page', alice, t(13))], reviews: [{ id: 111, user: carol, state: 'APPROVED', submitted_at: iso(t(12, 9)) }] }),
          pull(2, t(6), { title: 'Dark mode', user: carol, state: 'open', merged_at: null, closed_at: null }),
          pull(3, t(5), { title: 'Revert "Landing page"', body: 'Reverts acme/web#1', user: bob, head: 'revert-1-landing' }),
        ],
        commits: [w1],
        deployments: [],
      },
      { name: 'api-fork', fork: true, pulls: [], commits: [], deployments: [] },
    ],
    copilot: {
      latest: {
        start: day(t(29)),
        end: day(t(2)),
        users: [
          { user_login: 'alice', day: day(t(3)), loc_added_sum: 40, loc_suggested_to_add_sum: 90, user_initiated_interaction_count: 7 },
          { user_login: 'bob', day: day(t(3)), loc_added_sum: 5, loc_suggested_to_add_sum: 20, user_initiated_interaction_count: 2 },
          { user_login: 'alice', day: day(t(2)), loc_added_sum: 12, loc_suggested_to_add_sum: 30, user_initiated_interaction_count: 3 },
        ],
        org: [{ organization_id: '42', day_totals: [{ day: day(t(3)), loc_added_sum: 45, loc_suggested_to_add_sum: 110, user_initiated_interaction_count: 9 }, { day: day(t(2)), loc_added_sum: 12, loc_suggested_to_add_sum: 30, user_initiated_interaction_count: 3 }] }],
      },
      days: {},
    },
  };
}

/** A fake clock whose sleeps return at once and move time on; every wait is recorded. */
export function fakeClock(start: number) {
  const state = { now: start, sleeps: [] as number[] };
  return {
    state,
    now: () => state.now,
    sleep: async (ms: number) => {
      state.sleeps.push(ms);
      state.now += ms;
    },
  };
}

export interface SyncRun {
  report: GitHubSyncReport;
  progress: { label: string; sync: GitHubSyncProgress }[];
}

/** Sync the mock org into `ws` with a fake clock (no real waiting). */
export async function runSync(ws: Workspace, mock: MockGitHub, clock: ReturnType<typeof fakeClock>, extra: Partial<SyncOptions> = {}): Promise<SyncRun> {
  const progress: SyncRun['progress'] = [];
  const report = await syncGitHub({
    ws,
    token: TOKEN,
    apiBase: mock.api,
    org: 'acme',
    userAgent: 'Undertow/test',
    now: clock.now,
    sleep: clock.sleep,
    onProgress: (label, _fraction, sync) => progress.push({ label, sync }),
    ...extra,
  });
  return { report, progress };
}

/** The canonical rows a sync is judged by, in a stable order. */
export async function snapshot(ws: Workspace) {
  return {
    pulls: await ws.all<{ repo: string; number: number; state: string; additions: number | null; merge_commit_sha: string | null }>(
      'SELECT repo, number, state, additions, merge_commit_sha FROM pull_requests ORDER BY repo, number',
    ),
    reviews: await ws.all<{ repo: string; pr_number: number; review_id: string }>('SELECT repo, pr_number, review_id FROM reviews ORDER BY ALL'),
    commits: await ws.all<{ repo: string; sha: string; pr_number: number | null }>('SELECT repo, sha, pr_number FROM commits ORDER BY ALL'),
    deployments: await ws.all<{ repo: string; deployment_id: string; status: string | null }>('SELECT repo, deployment_id, status FROM deployments ORDER BY ALL'),
    copilot: await ws.all<{ day: string; scope: string; user_login: string; loc_added: number }>('SELECT day::VARCHAR AS day, scope, user_login, loc_added FROM copilot_usage ORDER BY ALL'),
  };
}

/** What an uninterrupted first sync of acme(today) stores: the yardstick for "no duplicates, no gaps". */
export async function referenceSnapshot(today: number): Promise<Awaited<ReturnType<typeof snapshot>>> {
  const dir = tempDir();
  const mock = await MockGitHub.start(acme(today), { now: () => today });
  const ws = await Workspace.create(dir.file('reference.duckdb'));
  try {
    const { report } = await runSync(ws, mock, fakeClock(today));
    if (report.error) throw new Error(report.error.message);
    return await snapshot(ws);
  } finally {
    await ws.close();
    await mock.close();
    dir.cleanup();
  }
}

export interface SyncTestbed {
  /** This test's fresh workspace, its directory and the mock GitHub serving acme(today). */
  readonly ws: Workspace;
  readonly dir: TempDir;
  readonly mock: MockGitHub;
}

/**
 * workspaceTestbed plus a mock GitHub serving acme(today) whose clock is `now` (default: fixed at
 * today), new for every test of the enclosing describe and closed afterwards.
 */
export function syncTestbed(today: number, now: () => number = () => today): SyncTestbed {
  const bed = workspaceTestbed();
  let mock: MockGitHub;
  beforeEach(async () => {
    mock = await MockGitHub.start(acme(today), { now });
  });
  afterEach(async () => {
    await mock.close();
  });
  return {
    get ws() {
      return bed.ws;
    },
    get dir() {
      return bed.dir;
    },
    get mock() {
      return mock;
    },
  };
}
