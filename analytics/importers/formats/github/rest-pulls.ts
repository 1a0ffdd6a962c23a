/**
 * REST pull requests as saved by `gh api --paginate repos/OWNER/REPO/pulls` (lists, which lack
 * additions/deletions/changed_files) and `…/pulls/N` (details, which have them), and the pull
 * requests inside `…/issues` dumps (items with a `pull_request` key; plain issues are skipped and
 * counted). Absent fields are NULL and never erase what a details file or gh export stored.
 */
import type { FileSample, FormatImporter, ImportContext, LoadResult, TableCounts } from '../../types';
import { upsert } from '../../upsert';
import { upsertPeople, upsertRepos } from './entities';
import { firstRecordOf } from '../../sample';
import { readJsonRecords, type RecordSpec } from '../../stage-json';
import { recordRejects, type RejectRule } from '../../rejects';
import { blankToNull as present, withParams } from '../../sql';
import { loginLooksBot, positiveInt, repoFromApiUrl, repoFromPullUrl, repoFromWebUrl, repoWebUrl, utcTimestamp } from './sql';

const USER = { login: 'VARCHAR', type: 'VARCHAR' };

const PULL_SPEC: RecordSpec = {
  number: 'VARCHAR',
  url: 'VARCHAR',
  html_url: 'VARCHAR',
  state: 'VARCHAR',
  title: 'VARCHAR',
  body: 'VARCHAR',
  user: USER,
  created_at: 'VARCHAR',
  merged_at: 'VARCHAR',
  closed_at: 'VARCHAR',
  draft: 'VARCHAR',
  labels: [{ name: 'VARCHAR' }],
  merge_commit_sha: 'VARCHAR',
  head: { ref: 'VARCHAR' },
  base: { ref: 'VARCHAR', repo: { full_name: 'VARCHAR', html_url: 'VARCHAR', default_branch: 'VARCHAR' } },
  additions: 'VARCHAR',
  deletions: 'VARCHAR',
  changed_files: 'VARCHAR',
};

const ISSUE_SPEC: RecordSpec = {
  number: 'VARCHAR',
  url: 'VARCHAR',
  html_url: 'VARCHAR',
  repository_url: 'VARCHAR',
  state: 'VARCHAR',
  title: 'VARCHAR',
  body: 'VARCHAR',
  user: USER,
  created_at: 'VARCHAR',
  closed_at: 'VARCHAR',
  draft: 'VARCHAR',
  labels: [{ name: 'VARCHAR' }],
  pull_request: { url: 'VARCHAR', html_url: 'VARCHAR', merged_at: 'VARCHAR' },
};

function identityRules(kind: 'pull' | 'issue'): { repo: string; rules: RejectRule[] } {
  const repo =
    kind === 'pull'
      ? `coalesce(${repoFromApiUrl('r.url')}, ${repoFromPullUrl('r.html_url')}, ${present('r.base.repo.full_name')})`
      : `coalesce(${repoFromApiUrl('r.pull_request.url')}, ${repoFromApiUrl('r.repository_url')}, ${repoFromApiUrl('r.url')}, ${repoFromPullUrl('r.pull_request.html_url')}, ${repoFromWebUrl('r.html_url')})`;
  // Plain issues of an /issues dump are not ours to judge: only pull requests are checked.
  const pr = kind === 'issue' ? 'r.pull_request IS NOT NULL AND ' : '';
  return {
    repo,
    rules: [
      { field: 'number', reason: 'number is missing', when: `${pr}${present('r.number')} IS NULL` },
      { field: 'number', reason: 'number is not a positive whole number', when: `${pr}${positiveInt('r.number')} IS NULL` },
      { field: 'url', reason: 'no repository: url is missing or not a GitHub API address (…/repos/OWNER/REPO/…)', when: `${pr}${repo} IS NULL` },
      { field: 'created_at', reason: 'created_at is missing', when: `${pr}${present('r.created_at')} IS NULL` },
      { field: 'created_at', reason: 'created_at is not an ISO 8601 timestamp', when: `${pr}${utcTimestamp('r.created_at')} IS NULL` },
    ],
  };
}

async function loadPulls(ctx: ImportContext, kind: 'pull' | 'issue'): Promise<LoadResult> {
  const tx = withParams(ctx.tx, { tz: ctx.options.timeZone });
  ctx.progress('Reading pull requests', null);
  const raw = await readJsonRecords(ctx, 'rest_pulls_raw', kind === 'pull' ? PULL_SPEC : ISSUE_SPEC);
  const { repo, rules } = identityRules(kind);
  const rejects = await recordRejects(ctx, raw, rules, { sql: 'to_json(s)' }, { tz: ctx.options.timeZone });
  const rejected = rejects.rejected;
  const onlyPrs = kind === 'issue' ? 'AND r.pull_request IS NOT NULL' : '';
  const accepted = `(SELECT *, ${repo} AS repo, ${positiveInt('r.number')} AS pr_number FROM ${raw} r WHERE ${rejects.keep()} ${onlyPrs})`;

  const mergedAt = kind === 'pull' ? utcTimestamp('r.merged_at') : utcTimestamp('r.pull_request.merged_at');
  // An /issues item without pull_request.merged_at (older API versions) cannot tell merged from
  // closed; a PR already stored as merged stays merged.
  const state =
    kind === 'pull'
      ? `CASE WHEN ${mergedAt} IS NOT NULL THEN 'merged' ELSE lower(r.state) END`
      : `CASE WHEN ${mergedAt} IS NOT NULL OR t.merged_at IS NOT NULL THEN 'merged' ELSE lower(r.state) END`;
  const stored = kind === 'issue' ? 'LEFT JOIN pull_requests t ON t.repo = r.repo AND t.number = r.pr_number' : '';
  ctx.progress('Loading pull requests', null);
  const pullRequests = await upsert(
    tx,
    {
      table: 'pull_requests',
      key: ['repo', 'number'],
      columns: [
        'repo', 'number', 'title', 'body', 'author', 'head_ref', 'base_ref', 'state', 'is_draft', 'created_at', 'merged_at', 'closed_at',
        ...(kind === 'pull' ? ['additions', 'deletions', 'changed_files', 'merge_commit_sha'] : []), 'labels', 'url',
      ],
      stage: `(SELECT r.line, r.repo, r.pr_number AS number, r.title, r.body, ${present('r.user.login')} AS author,
                      ${kind === 'pull' ? 'r.head.ref' : 'NULL::VARCHAR'} AS head_ref, ${kind === 'pull' ? 'r.base.ref' : 'NULL::VARCHAR'} AS base_ref,
                      ${state} AS state, try_cast(r.draft AS BOOLEAN) AS is_draft,
                      ${utcTimestamp('r.created_at')} AS created_at, ${mergedAt} AS merged_at, ${utcTimestamp('r.closed_at')} AS closed_at,
                      ${kind === 'pull' ? `try_cast(r.additions AS INTEGER) AS additions, try_cast(r.deletions AS INTEGER) AS deletions, try_cast(r.changed_files AS INTEGER) AS changed_files,
                      CASE WHEN ${mergedAt} IS NOT NULL THEN ${present('r.merge_commit_sha')} END AS merge_commit_sha,` : ''}
                      list_transform(r.labels, lambda l: l.name) AS labels,
                      coalesce(${kind === 'pull' ? 'r.html_url' : 'r.pull_request.html_url, r.html_url'}, ${repoWebUrl(kind === 'pull' ? 'r.url' : 'coalesce(r.pull_request.url, r.url)', 'r.repo')} || '/pull/' || r.pr_number) AS url
               FROM ${accepted} r ${stored})`,
    },
    ctx.importId,
  );

  const people = await upsertPeople(
    ctx,
    `SELECT line, ${present('r.user.login')} AS login, NULL::VARCHAR AS profile_name, NULL::VARCHAR AS commit_name, NULL::VARCHAR AS email,
            r.user.type = 'Bot' OR ${loginLooksBot('r.user.login')} AS is_bot FROM ${accepted} r`,
  );
  const repos = await upsertRepos(
    ctx,
    kind === 'pull'
      ? `SELECT line, repo, coalesce(r.base.repo.html_url, nullif(regexp_extract(r.html_url, '^(https?://[^/]+/[^/]+/[^/]+)/pull/', 1), ''), ${repoWebUrl('r.url', 'r.repo')}) AS url,
                r.base.repo.default_branch AS default_branch FROM ${accepted} r`
      : `SELECT line, repo, coalesce(nullif(regexp_extract(r.html_url, '^(https?://[^/]+/[^/]+/[^/]+)/(pull|issues)/', 1), ''), ${repoWebUrl('r.url', 'r.repo')}) AS url,
                NULL::VARCHAR AS default_branch FROM ${accepted} r`,
  );
  const tables: TableCounts[] = [pullRequests, people, repos];
  if (kind === 'issue') {
    const [plain] = await ctx.tx.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${raw} WHERE pull_request IS NULL AND ${rejects.keep()}`);
    // Plain issues are not pull requests: skipped, and reported as a count that changed nothing.
    tables.push({ table: SKIPPED_ISSUES, inserted: 0, updated: 0, unchanged: plain?.n ?? 0, duplicates: 0 });
  }
  await rejects.drop();
  await ctx.tx.run(`DROP TABLE ${raw}`);
  return { tables, rejected };
}

/** Pseudo-table name under which an /issues dump reports the plain issues it skipped. */
export const SKIPPED_ISSUES = 'skipped_plain_issues';

function recordWith(sample: FileSample, keys: readonly string[]): Record<string, unknown> | null {
  const r = firstRecordOf(sample);
  return r && keys.every((k) => k in r) ? r : null;
}

export const restPulls: FormatImporter = {
  format: 'github-rest-pulls',
  source: 'github',
  label: 'GitHub REST pull requests (gh api …/pulls, …/pulls/N)',
  detect: (sample) => {
    const r = recordWith(sample, ['number', 'head', 'base']);
    return r && /\/pulls?\/\d+/.test(String(r.url ?? r.html_url ?? '')) ? 30 : 0;
  },
  load: (ctx) => loadPulls(ctx, 'pull'),
};

export const restIssues: FormatImporter = {
  format: 'github-rest-issues',
  source: 'github',
  label: 'GitHub REST issues with their pull requests (gh api …/issues)',
  detect: (sample) => {
    const r = recordWith(sample, ['number', 'repository_url']);
    return r && !('head' in r) && /\/issues\/\d+/.test(String(r.url ?? '')) ? 25 : 0;
  },
  load: (ctx) => loadPulls(ctx, 'issue'),
};
