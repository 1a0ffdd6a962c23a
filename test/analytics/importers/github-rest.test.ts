import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../../analytics/importers';
import { githubImporters } from '../../../analytics/importers/formats/github';
import type { Workspace } from '../../../analytics/workspace/workspace';
import { workspaceTestbed } from '../helpers/testbed';

const FIXTURES = fileURLToPath(new URL('../../fixtures/github', import.meta.url));
const API = 'https://api.github.com/repos/acme/payments-api';

describe('GitHub REST dumps (gh api --paginate)', () => {
  const bed = workspaceTestbed(FIXTURES);
  const { fixture, write } = bed;
  let ws: Workspace;
  beforeEach(() => {
    ws = bed.ws;
  });
  const importAll = async (...paths: string[]) => {
    const reports = await importFiles(ws, githubImporters, paths, { timeZone: 'UTC' });
    for (const r of reports) expect(r.error).toBeUndefined();
    return reports;
  };
  const table = (sql: string) => ws.all(sql);

  describe('pull requests', () => {
    const PR_COLUMNS = 'number, author, state, additions, deletions, changed_files, merge_commit_sha, head_ref, labels';

    it('a list (pages back to back) then a details file: the details add sizes, a later list erases none of them', async () => {
      const [list] = await importAll(fixture('rest-pulls-list.json'));
      expect(list).toMatchObject({ format: 'github-rest-pulls', inserted: 3 });
      const [details] = await importAll(fixture('rest-pull-101.json'));
      expect(details).toMatchObject({ format: 'github-rest-pulls', updated: 1 });
      const [again] = await importAll(fixture('rest-pulls-list.json'));
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
      expect(await table(`SELECT ${PR_COLUMNS} FROM pull_requests ORDER BY number`)).toEqual([
        { number: 101, author: 'ana', state: 'merged', additions: 120, deletions: 30, changed_files: 4, merge_commit_sha: 'm101000000000000000000000000000000000000', head_ref: 'feature/PAY-12-refunds', labels: ['ai-assisted'] },
        // An open PR's merge_commit_sha is GitHub's test merge, not a merge: not stored.
        { number: 105, author: 'eli', state: 'open', additions: null, deletions: null, changed_files: null, merge_commit_sha: null, head_ref: 'eli/payout-batching', labels: [] },
        { number: 106, author: 'Copilot', state: 'closed', additions: null, deletions: null, changed_files: null, merge_commit_sha: null, head_ref: 'copilot/retry-webhooks', labels: [] },
      ]);
      expect(await table("SELECT is_bot FROM people WHERE login = 'Copilot'")).toEqual([{ is_bot: true }]);
      expect(await table('SELECT repo, url, default_branch FROM repos')).toEqual([{ repo: 'acme/payments-api', url: 'https://github.com/acme/payments-api', default_branch: 'main' }]);
    });

    it('details first, then the list: same rows', async () => {
      await importAll(fixture('rest-pull-101.json'), fixture('rest-pulls-list.json'));
      expect(await table('SELECT additions, deletions, changed_files FROM pull_requests WHERE number = 101')).toEqual([{ additions: 120, deletions: 30, changed_files: 4 }]);
    });

    it('merges with a gh export of the same PRs without erasing its commits or fields', async () => {
      await importAll(fixture('gh-pr-list.json'));
      const [list] = await importAll(fixture('rest-pulls-list.json'));
      expect(list!.tables[0]).toMatchObject({ table: 'pull_requests', inserted: 2, unchanged: 1 });
      expect(await table('SELECT additions, title, body IS NOT NULL AS has_body FROM pull_requests WHERE number = 101')).toEqual([{ additions: 120, title: 'Add refunds', has_body: true }]);
      expect(await table('SELECT count(*)::INT AS n FROM commits WHERE pr_number = 101')).toEqual([{ n: 3 }]);
    });

    it('an /issues dump loads its pull requests, skips plain issues with a count, and never un-merges a PR', async () => {
      await importAll(fixture('rest-pulls-list.json'));
      const [issues] = await importAll(fixture('rest-issues.ndjson'));
      expect(issues).toMatchObject({ format: 'github-rest-issues', inserted: 1, updated: 0, unchanged: 1, rejected: 0 });
      expect(issues!.tables.find((t) => t.table === 'skipped_plain_issues')).toMatchObject({ unchanged: 2 });
      expect(await table('SELECT number, state, merged_at, labels FROM pull_requests WHERE number IN (101, 107) ORDER BY number')).toEqual([
        { number: 101, state: 'merged', merged_at: '2026-02-11T16:20:00.000Z', labels: ['ai-assisted'] },
        { number: 107, state: 'merged', merged_at: '2026-03-16T10:00:00.000Z', labels: [] },
      ]);
      expect(await table('SELECT count(*)::INT AS n FROM pull_requests WHERE number IN (200, 201)')).toEqual([{ n: 0 }]);
    });

    it('reads search results ({total_count, items}) and Airbyte records ({stream, data}) too', async () => {
      const issues = readFileSync(join(FIXTURES, 'rest-issues.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown);
      const [search] = await importAll(write('search.json', { total_count: issues.length, incomplete_results: false, items: issues }));
      expect(search).toMatchObject({ format: 'github-rest-issues', inserted: 2, rejected: 0 });
      const pulls = JSON.parse(
        readFileSync(join(FIXTURES, 'rest-pull-101.json'), 'utf8'),
      ) as Record<string, unknown>;
      const airbyte = [{ ...pulls, number: 108, url: `${API}/pulls/108`, html_url: 'https://github.com/acme/payments-api/pull/108' }].map((data) => JSON.stringify({ stream: 'pull_requests', data, emitted_at: 1767225600000 }));
      const [records] = await importAll(write('airbyte.jsonl', `${airbyte.join('\n')}\n`));
      expect(records).toMatchObject({ format: 'github-rest-pulls', inserted: 1, rejected: 0 });
      expect(await table('SELECT number, state, additions FROM pull_requests ORDER BY number')).toEqual([
        { number: 101, state: 'closed', additions: null },
        { number: 107, state: 'merged', additions: null },
        { number: 108, state: 'merged', additions: 120 },
      ]);
    });

    it('rejects REST pull requests without identity or creation time', async () => {
      const good = { url: `${API}/pulls/1`, html_url: 'https://github.com/acme/payments-api/pull/1', number: 1, state: 'open', created_at: '2026-01-01T00:00:00Z', head: { ref: 'a' }, base: { ref: 'main' } };
      const [report] = await importAll(
        write('pulls.json', [good, { ...good, number: null }, { ...good, number: 3, created_at: null }, { ...good, number: 4, url: 'https://example.com/x', html_url: null }]),
      );
      expect(report).toMatchObject({ inserted: 1, rejected: 3 });
      expect(report!.rejects).toEqual([
        { line: 2, field: 'number', reason: 'number is missing' },
        { line: 3, field: 'created_at', reason: 'created_at is missing' },
        { line: 4, field: 'url', reason: expect.stringMatching(/no repository/) },
      ]);
    });
  });

  it('reviews take their PR from pull_request_url and merge with gh reviews through node_id', async () => {
    await importAll(fixture('gh-pr-list.json'));
    const [report] = await importAll(fixture('rest-reviews-101.json'));
    expect(report).toMatchObject({ format: 'github-rest-reviews', inserted: 2, unchanged: 1, rejected: 0 });
    expect(await table('SELECT pr_number, review_id, reviewer, state, submitted_at FROM reviews ORDER BY review_id')).toEqual([
      { pr_number: 101, review_id: 'PRR_kwDOA101', reviewer: 'bo', state: 'APPROVED', submitted_at: '2026-02-11T12:00:00.000Z' },
      { pr_number: 101, review_id: 'PRR_kwDOA102', reviewer: 'copilot-pull-request-reviewer', state: 'COMMENTED', submitted_at: '2026-02-10T16:00:00.000Z' },
      { pr_number: 101, review_id: 'PRR_kwDOA103', reviewer: 'Copilot', state: 'COMMENTED', submitted_at: '2026-02-10T16:05:00.000Z' },
      { pr_number: 101, review_id: 'PRR_kwDOA104', reviewer: 'cy', state: 'PENDING', submitted_at: null },
    ]);
    const [bad] = await importAll(write('reviews.json', [{ id: 5, node_id: 'PRR_5', user: { login: 'x', type: 'User' }, state: 'APPROVED', submitted_at: '2026-01-01T00:00:00Z', pull_request_url: `${API}/pulls/` }]));
    expect(bad!.rejects).toEqual([{ line: 1, field: 'pull_request_url', reason: expect.stringMatching(/no pull request/) }]);
  });

  it('commits keep full messages and trailers, keep a PR number a gh export stored, and take sizes from stats', async () => {
    await importAll(fixture('gh-pr-list.json'));
    const [list, detail] = await importAll(fixture('rest-commits.json'), fixture('rest-commit-detail.json'));
    expect(list).toMatchObject({ format: 'github-rest-commits', inserted: 3, updated: 0, unchanged: 1, rejected: 0 });
    expect(detail).toMatchObject({ updated: 1 });
    expect(await table(`SELECT sha, pr_number, author_login, author_name, authored_at, additions, deletions, trailers FROM commits
                        WHERE sha IN ('c1010000000000000000000000000000000000a1', 'm101000000000000000000000000000000000000', 'd0000000000000000000000000000000000000e1', 'd0000000000000000000000000000000000000e2') ORDER BY sha`)).toEqual([
      { sha: 'c1010000000000000000000000000000000000a1', pr_number: 101, author_login: 'ana', author_name: 'Ana Lima', authored_at: '2026-02-10T09:12:00.000Z', additions: 90, deletions: 10, trailers: ['Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>'] },
      { sha: 'd0000000000000000000000000000000000000e1', pr_number: null, author_login: 'eli', author_name: 'Eli Stone', authored_at: '2026-01-20T11:00:00.000Z', additions: null, deletions: null, trailers: [] },
      { sha: 'd0000000000000000000000000000000000000e2', pr_number: null, author_login: null, author_name: 'Someone', authored_at: '2026-01-21T12:00:00.000Z', additions: null, deletions: null, trailers: [] },
      // The squash merge commit: GitHub's squash body keeps the co-author trailers.
      { sha: 'm101000000000000000000000000000000000000', pr_number: null, author_login: 'ana', author_name: 'Ana Lima', authored_at: '2026-02-11T16:20:00.000Z', additions: null, deletions: null,
        trailers: ['Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>', 'Co-authored-by: Claude <noreply@anthropic.com>'] },
    ]);
    const [message] = await ws.all<{ message: string }>("SELECT message FROM commits WHERE sha = 'm101000000000000000000000000000000000000'");
    expect(message!.message).toMatch(/^Add refunds \(#101\)\n\n\* Add refund endpoint/);
    expect(await table("SELECT login, email FROM people WHERE login = 'eli'")).toEqual([{ login: 'eli', email: 'eli@acme.com' }]);
  });

  describe('deployments', () => {
    const STATE = 'SELECT deployment_id, sha, environment, status, created_at, finished_at FROM deployments ORDER BY deployment_id';
    const expected = [
      { deployment_id: '9000', sha: 'm101000000000000000000000000000000000000', environment: 'staging', status: 'success', created_at: '2026-02-12T09:15:00.000Z', finished_at: '2026-02-12T09:17:00.000Z' },
      // Deactivated when 9002 went out: the success it had is what counts.
      { deployment_id: '9001', sha: 'm101000000000000000000000000000000000000', environment: 'production', status: 'success', created_at: '2026-02-12T10:00:00.000Z', finished_at: '2026-02-12T10:03:00.000Z' },
      { deployment_id: '9002', sha: 'm104000000000000000000000000000000000000', environment: 'production', status: 'failure', created_at: '2026-03-03T10:00:00.000Z', finished_at: '2026-03-03T10:04:00.000Z' },
    ];

    it('deployments then their statuses (--slurp pages): latest outcome and when it finished', async () => {
      const [deployments, statuses] = await importAll(fixture('rest-deployments.json'), fixture('rest-deployment-statuses.json'));
      expect(deployments).toMatchObject({ format: 'github-rest-deployments', inserted: 3 });
      expect(statuses).toMatchObject({ format: 'github-rest-deployment-statuses', updated: 3 });
      expect(await table(STATE)).toEqual(expected);
      const [again] = await importAll(fixture('rest-deployment-statuses.json'));
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    });

    it('statuses first, then the deployments: the same rows', async () => {
      const [statuses] = await importAll(fixture('rest-deployment-statuses.json'));
      expect(statuses).toMatchObject({ inserted: 3 });
      await importAll(fixture('rest-deployments.json'));
      expect(await table(STATE)).toEqual(expected);
    });

    it('an older statuses file imported later does not roll a deployment back', async () => {
      await importAll(fixture('rest-deployments.json'), fixture('rest-deployment-statuses.json'));
      const old = [{ id: 51, state: 'in_progress', created_at: '2026-03-03T10:00:08Z', environment: 'production', deployment_url: `${API}/deployments/9002`, repository_url: API }];
      await importAll(write('old-statuses.json', old));
      expect(await table(STATE)).toEqual(expected);
    });

    it('reads statuses embedded in the deployments dump', async () => {
      await importAll(fixture('rest-deployments-embedded.json'));
      expect(await table(STATE)).toEqual([
        { deployment_id: '9003', sha: 'c'.repeat(40), environment: 'production', status: 'success', created_at: '2026-03-20T10:00:00.000Z', finished_at: '2026-03-20T10:05:00.000Z' },
      ]);
    });

    it('rejects statuses that do not name their deployment and deployments without a creation time', async () => {
      const [statuses, deployments] = await importAll(
        write('statuses.json', [{ id: 1, state: 'success', created_at: '2026-01-01T00:00:00Z', deployment_url: null, repository_url: API }]),
        write('deployments.json', [{ id: 7, url: `${API}/deployments/7`, sha: 'a', environment: 'production', task: 'deploy', created_at: 'n/a', repository_url: API }]),
      );
      expect(statuses!.rejects).toEqual([{ line: 1, field: 'deployment_url', reason: expect.stringMatching(/no deployment/) }]);
      expect(deployments!.rejects).toEqual([{ line: 1, field: 'created_at', reason: 'created_at is not an ISO 8601 timestamp' }]);
    });
  });
});
