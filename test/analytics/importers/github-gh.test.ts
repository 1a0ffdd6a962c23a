import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../../analytics/importers';
import { githubImporters } from '../../../analytics/importers/formats/github';
import { jsonLayout } from '../../../analytics/importers/stage-json';
import type { Workspace } from '../../../analytics/workspace/workspace';
import { workspaceTestbed } from '../helpers/testbed';

const FIXTURES = fileURLToPath(new URL('../../fixtures/github', import.meta.url));

describe('gh pr list / gh pr view --json', () => {
  const bed = workspaceTestbed(FIXTURES);
  const { fixture, write } = bed;
  let ws: Workspace;
  beforeEach(() => {
    ws = bed.ws;
  });
  const importOne = async (path: string, timeZone = 'UTC') => {
    const [report] = await importFiles(ws, githubImporters, [path], { timeZone });
    return report!;
  };
  const snapshot = async () =>
    JSON.stringify(
      await ws.all(`SELECT (SELECT list(p ORDER BY p.repo, p.number) FROM pull_requests p) AS p, (SELECT list(c ORDER BY c.repo, c.sha) FROM commits c) AS c,
                           (SELECT list(r ORDER BY r.review_id) FROM reviews r) AS r, (SELECT list(x ORDER BY x.login) FROM people x) AS x,
                           (SELECT list(o ORDER BY o.repo) FROM repos o) AS o, (SELECT count(*) FROM imports) AS i`),
    );

  it('loads PRs with their commits, reviews, authors (bots included) and repo', async () => {
    const report = await importOne(fixture('gh-pr-list.json'));
    expect(report.error).toBeUndefined();
    expect(report).toMatchObject({ format: 'github-gh-pr-json', inserted: 4, rejected: 0 });
    expect(report.tables.map((t) => [t.table, t.inserted])).toEqual([['pull_requests', 4], ['commits', 6], ['reviews', 2], ['people', 6], ['repos', 1]]);

    expect(await ws.all(`SELECT number, author, state, is_draft, created_at, merged_at, additions, labels, head_ref, merge_commit_sha, url
                         FROM pull_requests WHERE number IN (101, 102) ORDER BY number`)).toEqual([
      {
        number: 101, author: 'ana', state: 'merged', is_draft: false, created_at: '2026-02-10T09:30:00.000Z', merged_at: '2026-02-11T16:20:00.000Z',
        additions: 120, labels: ['ai-assisted'], head_ref: 'feature/PAY-12-refunds', merge_commit_sha: 'm101000000000000000000000000000000000000',
        url: 'https://github.com/acme/payments-api/pull/101',
      },
      {
        number: 102, author: 'copilot-swe-agent[bot]', state: 'open', is_draft: true, created_at: '2026-02-20T09:58:00.000Z', merged_at: null,
        additions: 45, labels: ['copilot'], head_ref: 'copilot/fix-flaky-settlement-test', merge_commit_sha: null,
        url: 'https://github.com/acme/payments-api/pull/102',
      },
    ]);
    const [body] = await ws.all<{ body: string }>('SELECT body FROM pull_requests WHERE number = 101');
    expect(body!.body).toContain('Generated with [Claude Code]');

    // The full message (headline, blank line, body) and its trailer block; CRLF bodies too.
    expect(await ws.all(`SELECT sha, pr_number, author_login, author_name, author_email, authored_at, message, trailers, additions
                         FROM commits WHERE sha IN ('c1010000000000000000000000000000000000a1', 'c1010000000000000000000000000000000000a2', 'c1040000000000000000000000000000000000a1', 'c1020000000000000000000000000000000000a1') ORDER BY sha`)).toEqual([
      {
        sha: 'c1010000000000000000000000000000000000a1', pr_number: 101, author_login: 'ana', author_name: 'Ana Lima', author_email: 'ana@acme.com',
        authored_at: '2026-02-10T09:12:00.000Z', message: 'Add refund endpoint\n\nAdds POST /refunds.\n\nCo-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>',
        trailers: ['Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>'], additions: null,
      },
      expect.objectContaining({ sha: 'c1010000000000000000000000000000000000a2', trailers: ['Co-Authored-By: Claude <noreply@anthropic.com>'] }),
      expect.objectContaining({ sha: 'c1020000000000000000000000000000000000a1', author_login: 'Copilot', author_name: 'copilot-swe-agent[bot]', message: 'Initial plan', trailers: [] }),
      expect.objectContaining({ sha: 'c1040000000000000000000000000000000000a1', trailers: ['Signed-off-by: Ana Lima <ana@acme.com>'] }),
    ]);
    expect(await ws.all('SELECT pr_number, review_id, reviewer, state, submitted_at FROM reviews ORDER BY review_id')).toEqual([
      { pr_number: 101, review_id: 'PRR_kwDOA101', reviewer: 'bo', state: 'APPROVED', submitted_at: '2026-02-11T12:00:00.000Z' },
      { pr_number: 101, review_id: 'PRR_kwDOA102', reviewer: 'copilot-pull-request-reviewer', state: 'COMMENTED', submitted_at: '2026-02-10T16:00:00.000Z' },
    ]);
    // Claude co-authors without a GitHub login are in the trailers, not in people.
    expect(await ws.all('SELECT login, display_name, email, is_bot FROM people ORDER BY login')).toEqual([
      { login: 'Copilot', display_name: 'copilot-swe-agent[bot]', email: '198982749+Copilot@users.noreply.github.com', is_bot: true },
      { login: 'ana', display_name: 'Ana Lima', email: 'ana@acme.com', is_bot: false },
      { login: 'bo', display_name: null, email: null, is_bot: false },
      { login: 'copilot-pull-request-reviewer', display_name: null, email: null, is_bot: true },
      { login: 'copilot-swe-agent[bot]', display_name: null, email: null, is_bot: true },
      { login: 'cy', display_name: 'Cy Okafor', email: null, is_bot: false },
    ]);
    expect(await ws.all('SELECT repo, url FROM repos')).toEqual([{ repo: 'acme/payments-api', url: 'https://github.com/acme/payments-api' }]);
  });

  it('keeps fields an older export lacks as NULL instead of guessing', async () => {
    await importOne(fixture('gh-pr-list.json'));
    expect(await ws.all('SELECT number, state, is_draft, additions, changed_files, merge_commit_sha, merged_at, closed_at FROM pull_requests WHERE number = 7')).toEqual([
      { number: 7, state: 'closed', is_draft: null, additions: null, changed_files: null, merge_commit_sha: null, merged_at: null, closed_at: '2024-11-05T10:00:00.000Z' },
    ]);
    expect(await ws.all('SELECT count(*)::INT AS n FROM commits WHERE pr_number = 7')).toEqual([{ n: 0 }]);
  });

  it('reads Enterprise Server URLs and outputs concatenated with cat; a repeated PR merges to its later state', async () => {
    const report = await importOne(fixture('gh-pr-list-enterprise.json'));
    expect(report).toMatchObject({ inserted: 2, duplicates: 1, rejected: 0 });
    expect(await ws.all('SELECT repo, number, author, state, merged_at FROM pull_requests ORDER BY number')).toEqual([
      { repo: 'platform/edge-gateway', number: 12, author: 'dee', state: 'merged', merged_at: '2026-01-09T15:00:00.000Z' },
      { repo: 'platform/edge-gateway', number: 13, author: 'dependabot[bot]', state: 'merged', merged_at: '2026-01-06T08:00:00.000Z' },
    ]);
    expect(await ws.all('SELECT repo, url FROM repos')).toEqual([{ repo: 'platform/edge-gateway', url: 'https://github.acme-corp.com/platform/edge-gateway' }]);
    expect(await ws.all("SELECT is_bot FROM people WHERE login = 'dependabot[bot]'")).toEqual([{ is_bot: true }]);
  });

  it('a gh pr view with a few fields updates what it has and erases nothing', async () => {
    await importOne(fixture('gh-pr-list.json'));
    const report = await importOne(fixture('gh-pr-view.json'));
    expect(report).toMatchObject({ format: 'github-gh-pr-json', inserted: 0, updated: 1 });
    expect(await ws.all('SELECT additions, deletions, labels, head_ref, state FROM pull_requests WHERE number = 101')).toEqual([
      { additions: 121, deletions: 30, labels: ['ai-assisted'], head_ref: 'feature/PAY-12-refunds', state: 'merged' },
    ]);
    expect(await ws.all('SELECT count(*)::INT AS n FROM commits WHERE pr_number = 101')).toEqual([{ n: 3 }]);
  });

  it('adds every author of a commit to people, co-authors listed after the first too', async () => {
    const commit = (oid: string, authors: object[]) => ({ oid, messageHeadline: 'Pair on it', authoredDate: '2026-02-10T09:00:00Z', committedDate: '2026-02-10T09:00:00Z', authors });
    const path = write('co-authors.json', JSON.stringify([{
      number: 7, url: 'https://github.com/acme/api/pull/7', createdAt: '2026-02-10T10:00:00Z', author: { login: 'ana' }, headRefName: 'pair',
      commits: [
        commit('c7000000000000000000000000000000000000a1', [{ login: 'ana', name: 'Ana Lima', email: 'ana@acme.com' }, { login: 'dee', name: 'Dee Park', email: 'dee@acme.com' }, { login: 'renovate[bot]', name: 'renovate', email: '' }]),
        commit('c7000000000000000000000000000000000000a2', []),
      ],
    }]));
    const report = await importOne(path);
    expect(report).toMatchObject({ inserted: 1, rejected: 0 });
    expect(await ws.all('SELECT login, display_name, email, is_bot FROM people ORDER BY login')).toEqual([
      { login: 'ana', display_name: 'Ana Lima', email: 'ana@acme.com', is_bot: false },
      { login: 'dee', display_name: 'Dee Park', email: 'dee@acme.com', is_bot: false },
      { login: 'renovate[bot]', display_name: 'renovate', email: null, is_bot: true },
    ]);
    expect(await ws.all('SELECT sha, author_login FROM commits ORDER BY sha')).toEqual([
      { sha: 'c7000000000000000000000000000000000000a1', author_login: 'ana' },
      { sha: 'c7000000000000000000000000000000000000a2', author_login: null },
    ]);
  });

  it('rejects records without identity or creation time, with line, field, reason and the record', async () => {
    const report = await importOne(fixture('gh-pr-list-bad.json'));
    expect(report.error).toBeUndefined();
    expect(report.rejected).toBe(6);
    expect(report.rejects).toEqual([
      { line: 1, field: 'number', reason: 'number is missing' },
      { line: 2, field: 'createdAt', reason: 'createdAt is not an ISO 8601 timestamp' },
      { line: 3, field: 'url', reason: expect.stringMatching(/no repository/) },
      { line: 4, field: 'commits.oid', reason: 'a commit of this pull request has no oid' },
      { line: 5, field: 'number', reason: 'number is not a positive whole number' },
      { line: 6, field: 'createdAt', reason: 'createdAt is missing' },
    ]);
    const [raw] = await ws.all<{ raw: string }>("SELECT raw FROM import_rejects WHERE line = 2 AND field = 'createdAt'");
    expect(JSON.parse(raw!.raw)).toMatchObject({ number: '901', createdAt: 'yesterday' });
    // The record as read: not the repo and number the importer worked out from it.
    expect(Object.keys(JSON.parse(raw!.raw) as object)).not.toContain('pr_number');
    // The valid PR and its valid commit are kept.
    expect(await ws.all('SELECT number FROM pull_requests')).toEqual([{ number: 903 }]);
    expect(await ws.all('SELECT sha FROM commits')).toEqual([{ sha: 'c9030000000000000000000000000000000000a1' }]);
  });

  it('re-importing a file changes nothing', async () => {
    const path = fixture('gh-pr-list.json');
    await importOne(path);
    const before = await snapshot();
    const again = await importOne(path);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });
    expect(again.tables.every((t) => t.inserted === 0 && t.updated === 0)).toBe(true);
    expect(await snapshot()).toBe(before);
  });

  it('reads times without a zone in the import time zone and stores UTC', async () => {
    const path = write(
      'tz.json',
      JSON.stringify([
        { number: 1, url: 'https://github.com/o/r/pull/1', createdAt: '2026-07-01T12:00:00' },
        { number: 2, url: 'https://github.com/o/r/pull/2', createdAt: '2026-01-15 12:00:00' },
        { number: 3, url: 'https://github.com/o/r/pull/3', createdAt: '2026-07-01T12:00:00+05:30' },
        { number: 4, url: 'https://github.com/o/r/pull/4', createdAt: '2026-07-01T12:00:00Z' },
      ]),
    );
    await importOne(path, 'Europe/Berlin');
    expect(await ws.all('SELECT number, created_at FROM pull_requests ORDER BY number')).toEqual([
      { number: 1, created_at: '2026-07-01T10:00:00.000Z' }, // CEST, UTC+2
      { number: 2, created_at: '2026-01-15T11:00:00.000Z' }, // CET, UTC+1
      { number: 3, created_at: '2026-07-01T06:30:00.000Z' }, // its own offset wins
      { number: 4, created_at: '2026-07-01T12:00:00.000Z' },
    ]);
  });

  describe('file layouts', () => {
    const record = (n: number, body = '') => ({ number: n, url: `https://github.com/o/r/pull/${n}`, createdAt: `2026-01-0${n}T10:00:00Z`, title: `PR ${n}`, body });
    const bad = { number: 4, url: 'https://github.com/o/r/pull/4', createdAt: 'soon' };
    const records = [record(1, 'see [a][b] and ][ in text'), record(2), record(3), bad, record(5)];
    const compact = (x: unknown) => JSON.stringify(x);
    const layouts: Record<string, string> = {
      'one array': compact(records),
      'pages back to back (gh api --paginate)': compact(records.slice(0, 2)) + compact(records.slice(2, 3)) + compact(records.slice(3)),
      'pages on lines (cat)': `${compact(records.slice(0, 3))}\n${compact(records.slice(3))}\n`,
      'array of pages (--slurp)': compact([records.slice(0, 2), records.slice(2)]),
      NDJSON: records.map(compact).join('\n') + '\n',
      'pretty objects one after another (jq)': records.map((r) => JSON.stringify(r, null, 2)).join('\n'),
      'an empty first page': `[]${compact(records)}`,
    };
    for (const [name, text] of Object.entries(layouts)) {
      it(`reads ${name} with record numbers as lines`, async () => {
        const report = await importOne(write('layout.json', text));
        expect(report.error).toBeUndefined();
        expect(report).toMatchObject({ inserted: 4, rejected: 1, rejects: [{ line: 4, field: 'createdAt', reason: 'createdAt is not an ISO 8601 timestamp' }] });
        expect(await ws.all('SELECT number, title FROM pull_requests ORDER BY number')).toEqual([1, 2, 3, 5].map((n) => ({ number: n, title: `PR ${n}` })));
      });
    }

    it('tells one big array from concatenated pages beyond the sample', async () => {
      const big = 'x'.repeat(400_000);
      const array = write('big-array.json', compact([record(1, big), record(2, '][ [x]\n[y]'), record(3)]));
      const pages = write('big-pages.json', compact([record(1, big), record(2)]) + compact([record(3)]));
      expect(await jsonLayout(array)).toBe('array');
      expect(await jsonLayout(pages)).toBe('pages');
      expect(await jsonLayout(write('slurp.json', compact([[record(1)]])))).toBe('nested-pages');
      expect(await jsonLayout(write('wrapped.json', compact({ items: [record(1)], total_count: 1 })))).toBe('wrapped');
      expect(await jsonLayout(write('nd.json', `${compact(record(1))}\n${compact(record(2))}\n`))).toBe('records');
      const report = await importOne(pages);
      expect(report).toMatchObject({ inserted: 3, rejected: 0 });
      const [row] = await ws.all<{ n: number }>('SELECT length(body)::INT AS n FROM pull_requests WHERE number = 1');
      expect(row!.n).toBe(big.length);
    });

    it('fails a truncated file as a whole, naming it, and keeps the workspace as it was', async () => {
      await importOne(fixture('gh-pr-list.json'));
      const before = await snapshot();
      const full = compact(records.filter((r) => r !== bad));
      const report = await importOne(write('cut.json', full.slice(0, full.length - 40)));
      expect(report.error).toMatch(/cut\.json/);
      expect(await snapshot()).toBe(before);
    });
  });
});
