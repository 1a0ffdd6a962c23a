/**
 * REST commits as saved by `gh api --paginate repos/OWNER/REPO/commits` or `…/pulls/N/commits`
 * (and single `…/commits/SHA` responses, which add `stats`). Neither names a PR, so pr_number stays
 * NULL here — a PR number already stored by a gh export is kept — and squash-merge commits are
 * found by the attribution through pull_requests.merge_commit_sha. Full messages and their trailer
 * lines are stored.
 */
import { upsert } from '../../upsert';
import type { FileSample, FormatImporter, ImportContext, LoadResult } from '../../types';
import { upsertPeople, upsertRepos } from './entities';
import { firstRecordOf } from '../../sample';
import { readJsonRecords, type RecordSpec } from '../../stage-json';
import { recordRejects, type RejectRule } from '../../rejects';
import { blankToNull as present, withParams } from '../../sql';
import { loginLooksBot, repoFromApiUrl, repoFromWebUrl, repoWebUrl, trailers, utcTimestamp } from './sql';

const COMMIT_SPEC: RecordSpec = {
  sha: 'VARCHAR',
  url: 'VARCHAR',
  html_url: 'VARCHAR',
  commit: {
    message: 'VARCHAR',
    author: { name: 'VARCHAR', email: 'VARCHAR', date: 'VARCHAR' },
    committer: { date: 'VARCHAR' },
  },
  author: { login: 'VARCHAR', type: 'VARCHAR' },
  stats: { additions: 'VARCHAR', deletions: 'VARCHAR' },
};

const REPO = `coalesce(${repoFromApiUrl('r.url')}, ${repoFromWebUrl('r.html_url')})`;

const RULES: readonly RejectRule[] = [
  { field: 'sha', reason: 'sha is missing', when: `${present('r.sha')} IS NULL` },
  { field: 'url', reason: 'no repository: url is missing or not a GitHub API address (…/repos/OWNER/REPO/commits/SHA)', when: `${REPO} IS NULL` },
  { field: 'commit.author.date', reason: 'commit.author.date is missing', when: `${present('r.commit.author.date')} IS NULL` },
  { field: 'commit.author.date', reason: 'commit.author.date is not an ISO 8601 timestamp', when: `${utcTimestamp('r.commit.author.date')} IS NULL` },
];

async function load(ctx: ImportContext): Promise<LoadResult> {
  const tx = withParams(ctx.tx, { tz: ctx.options.timeZone });
  ctx.progress('Reading commits', null);
  const raw = await readJsonRecords(ctx, 'rest_commits_raw', COMMIT_SPEC);
  const rejects = await recordRejects(ctx, raw, RULES, { sql: 'to_json(s)' }, { tz: ctx.options.timeZone });
  const rejected = rejects.rejected;
  const accepted = `(SELECT *, ${REPO} AS repo FROM ${raw} r WHERE ${rejects.keep()})`;
  ctx.progress('Loading commits', null);
  const commits = await upsert(
    tx,
    {
      table: 'commits',
      key: ['repo', 'sha'],
      columns: ['repo', 'sha', 'author_login', 'author_name', 'author_email', 'authored_at', 'committed_at', 'message', 'additions', 'deletions', 'trailers'],
      stage: `(SELECT line, repo, trim(r.sha) AS sha, ${present('r.author.login')} AS author_login, r.commit.author.name AS author_name,
                      r.commit.author.email AS author_email, ${utcTimestamp('r.commit.author.date')} AS authored_at,
                      ${utcTimestamp('r.commit.committer.date')} AS committed_at, r.commit.message AS message,
                      try_cast(r.stats.additions AS INTEGER) AS additions, try_cast(r.stats.deletions AS INTEGER) AS deletions,
                      ${trailers('r.commit.message')} AS trailers
               FROM ${accepted} r)`,
    },
    ctx.importId,
  );
  const people = await upsertPeople(
    ctx,
    `SELECT line, ${present('r.author.login')} AS login, NULL::VARCHAR AS profile_name, r.commit.author.name AS commit_name,
            r.commit.author.email AS email, r.author.type = 'Bot' OR ${loginLooksBot('r.author.login')} AS is_bot FROM ${accepted} r`,
  );
  const repos = await upsertRepos(ctx, `SELECT line, repo, ${repoWebUrl('r.url', 'r.repo')} AS url, NULL::VARCHAR AS default_branch FROM ${accepted} r`);
  await rejects.drop();
  await ctx.tx.run(`DROP TABLE ${raw}`);
  return { tables: [commits, people, repos], rejected };
}

function detect(sample: FileSample): number {
  const r = firstRecordOf(sample);
  if (!r) return 0;
  const commit = r.commit;
  return typeof r.sha === 'string' && typeof commit === 'object' && commit !== null && ('message' in commit || 'tree' in commit) ? 30 : 0;
}

export const restCommits: FormatImporter = {
  format: 'github-rest-commits',
  source: 'github',
  label: 'GitHub REST commits (gh api …/commits, …/pulls/N/commits)',
  detect,
  load,
};
