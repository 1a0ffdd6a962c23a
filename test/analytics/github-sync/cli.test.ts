import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../../analytics/workspace/workspace';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/temp';
import { acme } from './fixture';
import { MockGitHub, TOKEN } from './mock-github';

describe('cli sync-github against the mock server', () => {
  let dir: ReturnType<typeof tempDir>;
  let mock: MockGitHub;
  beforeEach(async () => {
    dir = tempDir();
    process.env.UNDERTOW_STATE_DIR = dir.file('state');
    mock = await MockGitHub.start(acme(Date.now()));
  });
  afterEach(async () => {
    delete process.env.UNDERTOW_STATE_DIR;
    delete process.env.GITHUB_TOKEN;
    await mock.close();
    dir.cleanup();
  });

  it('syncs with GITHUB_TOKEN, prints a JSON report, and the next run is incremental', async () => {
    const ws = dir.file('acme.duckdb');
    process.env.GITHUB_TOKEN = TOKEN;
    const first = await cli('sync-github', ws, '--org', 'acme', '--repo', 'api', '--repo', 'acme/web', '--base-url', mock.api, '--json');
    expect(first.err).not.toContain(TOKEN);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.out);
    expect(report).toMatchObject({ org: 'acme', apiBase: mock.api, derived: true, copilot: { complete: true } });
    expect(report.repos.map((r: { repo: string }) => r.repo)).toEqual(['acme/api', 'acme/web']);
    expect(first.err).toMatch(/acme\/api \(1\/2\) · pull requests · page 3 · 5 records/);

    const second = await cli('sync-github', ws, '--org', 'acme', '--repo', 'api', '--base-url', mock.api, '--no-copilot');
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/^GitHub acme via http:\/\/127\.0\.0\.1:\d+\/api\/v3: 1 repositories/);
    // One list page, stopping at the PR of the cursor (re-read for equal timestamps) and its details.
    expect(second.out).toMatch(/✓ pulls\s+2 pages, 1 records \(0 new, 0 updated, 2 unchanged\)/);

    const opened = await Workspace.open(ws);
    try {
      const [counts] = await opened.all<{ prs: number; imports: number; api: number }>(
        "SELECT (SELECT count(*) FROM pull_requests)::INTEGER AS prs, (SELECT count(*) FROM imports)::INTEGER AS imports, (SELECT count(*) FROM imports WHERE source = 'github-api')::INTEGER AS api",
      );
      expect(counts!.prs).toBe(8);
      expect(counts!.imports).toBe(counts!.api);
    } finally {
      await opened.close();
    }
  });

  it('without GITHUB_TOKEN: exit 1 with what to set; usage mistakes exit 2', async () => {
    const missing = await cli('sync-github', dir.file('w.duckdb'), '--org', 'acme', '--base-url', mock.api);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No GitHub token\. Set the GITHUB_TOKEN environment variable/);
    expect(mock.seen).toEqual([]);
    expect(existsSync(dir.file('w.duckdb'))).toBe(false);
    expect((await cli('sync-github', dir.file('w.duckdb'))).code).toBe(2);
    process.env.GITHUB_TOKEN = TOKEN;
    const plain = await cli('sync-github', dir.file('w.duckdb'), '--org', 'acme', '--base-url', 'http://github.example.com');
    expect(plain.code).toBe(1);
    expect(plain.err).toMatch(/must use https/);
  });

  it('a refused token exits 1 and prints what to do', async () => {
    process.env.GITHUB_TOKEN = 'ghp_NotTheRightOne000000000000000000000';
    const res = await cli('sync-github', dir.file('w.duckdb'), '--org', 'acme', '--base-url', mock.api);
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/✗ The sync stopped: GitHub refused the token \(401\)/);
    expect(res.out + res.err).not.toContain('ghp_NotTheRightOne');
  });
});
