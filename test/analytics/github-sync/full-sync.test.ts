import { describe, expect, it } from 'vitest';
import { fakeClock, runSync, snapshot, syncTestbed } from './fixture';

const TODAY = Date.parse('2025-06-10T12:00:00Z');

describe('GitHub sync: a full first sync', () => {
  const bed = syncTestbed(TODAY);

  it('pulls every page of every non-fork repo through the importers, with attribution, links and Copilot reports', async () => {
    const { report, progress } = await runSync(bed.ws, bed.mock, fakeClock(TODAY));
    expect(report.error).toBeUndefined();
    expect(report.repos.map((r) => r.repo)).toEqual(['acme/api', 'acme/web']);
    const api = Object.fromEntries(report.repos[0]!.streams.map((s) => [s.stream, s]));
    expect(api.pulls).toMatchObject({ complete: true, records: 5 });
    // Five PRs at two per page: three list pages (Link rel="next" followed) plus details of the three merged.
    expect(bed.mock.paths(/^\/repos\/acme\/api\/pulls\?/)).toHaveLength(3);
    expect(bed.mock.paths(/^\/repos\/acme\/api\/pulls\/\d+$/).sort()).toEqual(['/repos/acme/api/pulls/1', '/repos/acme/api/pulls/2', '/repos/acme/api/pulls/5']);
    expect(report.copilot).toMatchObject({ complete: true, inserted: 5 });

    const rows = await snapshot(bed.ws);
    expect(rows.pulls).toEqual([
      { repo: 'acme/api', number: 1, state: 'merged', additions: 10, merge_commit_sha: 'b1'.padEnd(40, '1') },
      { repo: 'acme/api', number: 2, state: 'merged', additions: 20, merge_commit_sha: 'b2'.padEnd(40, '2') },
      { repo: 'acme/api', number: 3, state: 'open', additions: null, merge_commit_sha: null },
      { repo: 'acme/api', number: 4, state: 'closed', additions: null, merge_commit_sha: null },
      { repo: 'acme/api', number: 5, state: 'merged', additions: 50, merge_commit_sha: 'b5'.padEnd(40, '5') },
      { repo: 'acme/web', number: 1, state: 'merged', additions: 10, merge_commit_sha: 'c1'.padEnd(40, '1') },
      { repo: 'acme/web', number: 2, state: 'open', additions: null, merge_commit_sha: null },
      { repo: 'acme/web', number: 3, state: 'merged', additions: 30, merge_commit_sha: null },
    ]);
    expect(rows.reviews.map((r) => `${r.repo}#${r.pr_number}:${r.review_id}`)).toEqual([
      'acme/api#1:PRR_101', 'acme/api#2:PRR_201', 'acme/api#2:PRR_202', 'acme/api#3:PRR_301', 'acme/api#5:PRR_501', 'acme/web#1:PRR_111',
    ]);
    // PR commits carry their PR (commit-level attribution); default-branch commits do not name one.
    const prOf = Object.fromEntries(rows.commits.map((c) => [c.sha.slice(0, 2), c.pr_number]));
    expect(prOf).toMatchObject({ a1: 1, a2: 2, a3: 2, a5: 5, b1: null, d1: null, e1: 1 });
    expect(rows.deployments).toEqual([
      { repo: 'acme/api', deployment_id: '9001', status: 'success' },
      { repo: 'acme/api', deployment_id: '9002', status: 'success' },
      { repo: 'acme/api', deployment_id: '9003', status: 'in_progress' },
    ]);
    expect(rows.copilot).toHaveLength(5);

    // Same load path as files: one imports row per page file, recorded as github-api with the API address.
    const imports = await bed.ws.all<{ source: string; file_path: string; status: string }>('SELECT source, file_path, status FROM imports');
    expect(imports.length).toBeGreaterThan(10);
    for (const i of imports) {
      expect(i).toMatchObject({ source: 'github-api', status: 'ok' });
      expect(i.file_path.startsWith(bed.mock.api)).toBe(true);
      expect(i.file_path).not.toMatch(/downloads|sig=/);
    }
    // Attribution and linking ran once, after the import.
    expect(report.derived).toBe(true);
    const [claude] = await bed.ws.all<{ ai_share: number; ai_confidence: string }>("SELECT ai_share, ai_confidence FROM pull_requests WHERE repo = 'acme/api' AND number = 1");
    expect(claude!.ai_share).toBeGreaterThan(0);
    expect(claude!.ai_confidence).toBe('high');
    const [bot] = await bed.ws.all<{ ai_share: number }>("SELECT ai_share FROM pull_requests WHERE repo = 'acme/api' AND number = 5");
    expect(bot!.ai_share).toBe(1);
    const [revert] = await bed.ws.all<{ is_revert: boolean; reverts_pr: number }>("SELECT is_revert, reverts_pr FROM pull_requests WHERE repo = 'acme/web' AND number = 3");
    expect(revert).toEqual({ is_revert: true, reverts_pr: 1 });

    // The Copilot download links were fetched without the token (the bed.mock refuses it with 400).
    const downloads = bed.mock.seen.filter((r) => r.pathname.startsWith('/downloads/'));
    expect(downloads).toHaveLength(2);
    expect(downloads.every((r) => r.authorization === undefined)).toBe(true);

    // State per repo and stream; progress told repo, stream, pages and the rate limit.
    const state = await bed.ws.all<{ scope: string; stream: string; cursor: string | null; pass_next_url: string | null }>(
      'SELECT scope, stream, cursor, pass_next_url FROM github_sync_state ORDER BY scope, stream',
    );
    expect(state.filter((s) => s.pass_next_url !== null)).toEqual([]);
    expect(state.find((s) => s.scope === 'acme/api' && s.stream === 'pulls')!.cursor).toBe('2025-06-02T10:00:00Z');
    expect(state.find((s) => s.scope === 'org:acme' && s.stream === 'copilot')!.cursor).toBe('2025-06-08');
    expect(progress.some((p) => p.sync.repo === 'acme/api' && p.sync.stream === 'pulls' && p.sync.pages === 3 && p.sync.rateLimitRemaining !== null)).toBe(true);
    expect(progress.some((p) => /acme\/api \(1\/2\) · pull requests · page 3 · 5 records · rate limit \d+ left/.test(p.label))).toBe(true);
  });

  it('a PR whose body is larger than the format sample (256 KiB) still imports with its page', async () => {
    const pr = bed.mock.data.repos[0]!.pulls.find((p) => p.number === 5)!;
    pr.body = `Logs:\n${'x'.repeat(400 * 1024)}`;
    const { report } = await runSync(bed.ws, bed.mock, fakeClock(TODAY), { repos: ['api'], copilot: false });
    expect(report.repos[0]!.streams.every((s) => !s.error)).toBe(true);
    const [row] = await bed.ws.all<{ n: number }>("SELECT length(body)::INTEGER AS n FROM pull_requests WHERE repo = 'acme/api' AND number = 5");
    expect(row!.n).toBeGreaterThan(400 * 1024);
  });
});
