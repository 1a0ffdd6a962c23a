/**
 * `gh pr list --json …` and `gh pr view --json …` output (also `gh search prs --json …`): camelCase
 * records, one JSON array (or one object for `pr view`). Only the fields asked for are present; a
 * record needs `number`, `url` (or `repository`) and `createdAt`, everything else fills in what it can.
 * See docs/formats/github.md.
 */
import { recordRejects, type RejectRule } from '../../rejects';
import { firstRecordOf } from '../../sample';
import { blankToNull as present, withParams } from '../../sql';
import { readJsonRecords, type RecordSpec } from '../../stage-json';
import type { FileSample, FormatImporter, ImportContext, LoadResult } from '../../types';
import { upsert } from '../../upsert';
import { upsertPeople, upsertRepos } from './entities';
import { canonicalLogin, loginLooksBot, positiveInt, rejectUnnested, repoFromPullUrl, trailers, utcTimestamp } from './sql';

const GH_PR_SPEC: RecordSpec = {
  number: 'VARCHAR',
  url: 'VARCHAR',
  repository: 'JSON',
  title: 'VARCHAR',
  body: 'VARCHAR',
  author: { login: 'VARCHAR', is_bot: 'VARCHAR', name: 'VARCHAR' },
  createdAt: 'VARCHAR',
  mergedAt: 'VARCHAR',
  closedAt: 'VARCHAR',
  state: 'VARCHAR',
  isDraft: 'VARCHAR',
  additions: 'VARCHAR',
  deletions: 'VARCHAR',
  changedFiles: 'VARCHAR',
  headRefName: 'VARCHAR',
  baseRefName: 'VARCHAR',
  labels: [{ name: 'VARCHAR' }],
  mergeCommit: { oid: 'VARCHAR' },
  commits: [
    {
      oid: 'VARCHAR',
      messageHeadline: 'VARCHAR',
      messageBody: 'VARCHAR',
      authoredDate: 'VARCHAR',
      committedDate: 'VARCHAR',
      authors: [{ login: 'VARCHAR', name: 'VARCHAR', email: 'VARCHAR' }],
    },
  ],
  reviews: [{ id: 'VARCHAR', author: { login: 'VARCHAR' }, state: 'VARCHAR', submittedAt: 'VARCHAR' }],
};

/** Fields only gh's GraphQL-shaped output has (the REST API spells them snake_case). */
const GH_ONLY_KEYS = ['createdAt', 'headRefName', 'baseRefName', 'mergedAt', 'closedAt', 'isDraft', 'changedFiles', 'mergeCommit', 'reviewDecision', 'headRefOid', 'mergeStateStatus'];
const REST_KEYS = ['created_at', 'html_url', 'node_id', 'pull_request_url', 'merge_commit_sha'];

function detect(sample: FileSample): number {
  if (sample.shape !== 'json') return 0;
  const record = firstRecordOf(sample);
  if (record) {
    if (REST_KEYS.some((k) => k in record)) return 0;
    const url = typeof record.url === 'string' ? record.url : '';
    const ghKeys = GH_ONLY_KEYS.filter((k) => k in record).length;
    if ('number' in record && (ghKeys > 0 || /^https?:\/\/[^/]+\/[^/]+\/[^/]+\/pull\/\d+/.test(url))) return 30;
    // A record missing its number (to be rejected) still has gh's camelCase keys and a PR address.
    return ghKeys >= 1 && /\/pull\/\d+/.test(url) ? 20 : 0;
  }
  // The first record did not fit in the sample (a huge body): recognise gh's keys in the text.
  return /"(createdAt|headRefName)"\s*:/.test(sample.text) && /"url"\s*:\s*"https?:\/\/[^"/]+\/[^"/]+\/[^"/]+\/pull\/\d+"/.test(sample.text) && !/"html_url"\s*:/.test(sample.text) ? 10 : 0;
}

/** Identity and required time of a record, over its fields as read. */
const ID = {
  numberText: present('number'),
  number: positiveInt('number'),
  repo: `coalesce(${repoFromPullUrl('url')}, CASE json_type(repository) WHEN 'VARCHAR' THEN repository ->> '$' WHEN 'OBJECT' THEN repository ->> 'nameWithOwner' END)`,
  createdText: present('createdAt'),
  created: utcTimestamp('createdAt'),
};

/** Checks of a raw row, whose `repo` and `pr_number` were worked out as it was read. */
const RULES: readonly RejectRule[] = [
  { field: 'number', reason: 'number is missing', when: `${ID.numberText} IS NULL` },
  { field: 'number', reason: 'number is not a positive whole number', when: 'pr_number IS NULL' },
  { field: 'url', reason: 'no repository: url is missing or not a pull request address (https://HOST/OWNER/REPO/pull/N)', when: 'repo IS NULL' },
  { field: 'createdAt', reason: 'createdAt is missing', when: `${ID.createdText} IS NULL` },
  { field: 'createdAt', reason: 'createdAt is not an ISO 8601 timestamp', when: `${ID.created} IS NULL` },
];

async function load(ctx: ImportContext): Promise<LoadResult> {
  const tx = withParams(ctx.tx, { tz: ctx.options.timeZone });
  ctx.progress('Reading pull requests', null);
  // Each record's repo and number are worked out as it is read: every later pass reads them.
  const raw = await readJsonRecords(ctx, 'gh_prs_raw', GH_PR_SPEC, undefined, { select: `*, ${ID.repo} AS repo, ${ID.number} AS pr_number` });

  // Rejected records first (a narrow pass; a rejected one is kept as read, without the two worked-out
  // fields); every later query reads the accepted ones straight from the raw table, so the PR text
  // is copied once, into the upsert.
  const rejects = await recordRejects(ctx, raw, RULES, { sql: 'to_json(s)', from: `(SELECT * EXCLUDE (repo, pr_number) FROM ${raw})` }, { tz: ctx.options.timeZone });
  let rejected = rejects.rejected;
  const accepted = `(SELECT * FROM ${raw} r WHERE ${rejects.keep()})`;

  // Commits and reviews of the accepted PRs, unnested once each into a table that the upsert and
  // the people pass both read; they keep their PR's line. Select-list unnest: a lateral
  // `FROM t, unnest(…)` is planned as a correlated join, 3x slower. Both are made before the first
  // write, so that DuckDB reads them on every thread (see ImportContext.tx).
  ctx.progress('Reading commits and reviews', null);
  const commitRows = ctx.temp('gh_commits');
  await tx.run(`CREATE TEMP TABLE ${commitRows} AS
    SELECT *, ${trailers('message')} AS trailers FROM (
      SELECT line, repo, ${present('c.oid')} AS sha, pr_number, ${present('c.authors[1].login')} AS author_login,
             c.authors[1].name AS author_name, c.authors[1].email AS author_email,
             ${utcTimestamp('c.authoredDate')} AS authored_at, ${utcTimestamp('c.committedDate')} AS committed_at,
             CASE WHEN coalesce(c.messageBody, '') = '' THEN c.messageHeadline
                  ELSE c.messageHeadline || chr(10) || chr(10) || c.messageBody END AS message,
             CASE WHEN len(c.authors) > 1 THEN c.authors[2:] END AS co_authors, CASE WHEN ${present('c.oid')} IS NULL THEN to_json(c)::VARCHAR END AS invalid_item
      FROM (SELECT line, repo, pr_number, unnest(commits) AS c FROM ${accepted}))`);
  rejected += await rejectUnnested(ctx, commitRows, 'commits.oid', 'a commit of this pull request has no oid');
  // The rejected ones (no oid) stay in the table for the people pass, as gh lists their authors.
  await ctx.tx.run(`CREATE TEMP VIEW ${commitRows}_valid AS SELECT * FROM ${commitRows} WHERE sha IS NOT NULL`);

  const reviewRows = ctx.temp('gh_reviews');
  await tx.run(`CREATE TEMP TABLE ${reviewRows} AS
    SELECT line, repo, pr_number, ${present('v.id')} AS review_id, ${canonicalLogin('v.author.login')} AS reviewer, ${loginLooksBot('v.author.login')} AS reviewer_is_bot,
           upper(v.state) AS state, ${utcTimestamp('v.submittedAt')} AS submitted_at, CASE WHEN ${present('v.id')} IS NULL THEN to_json(v)::VARCHAR END AS invalid_item
    FROM (SELECT line, repo, pr_number, unnest(reviews) AS v FROM ${accepted})`);
  rejected += await rejectUnnested(ctx, reviewRows, 'reviews.id', 'a review of this pull request has no id');
  await ctx.tx.run(`CREATE TEMP VIEW ${reviewRows}_valid AS SELECT * FROM ${reviewRows} WHERE review_id IS NOT NULL`);

  ctx.progress('Loading pull requests', null);
  const pullRequests = await upsert(
    tx,
    {
      table: 'pull_requests',
      key: ['repo', 'number'],
      columns: ['repo', 'number', 'title', 'body', 'author', 'head_ref', 'base_ref', 'state', 'is_draft', 'created_at', 'merged_at', 'closed_at', 'additions', 'deletions', 'changed_files', 'labels', 'merge_commit_sha', 'url'],
      stage: `(SELECT line, repo, pr_number AS number, title, body, ${canonicalLogin('r.author.login')} AS author,
                      headRefName AS head_ref, baseRefName AS base_ref,
                      CASE WHEN ${utcTimestamp('r.mergedAt')} IS NOT NULL THEN 'merged' ELSE lower(state) END AS state,
                      try_cast(isDraft AS BOOLEAN) AS is_draft, ${utcTimestamp('r.createdAt')} AS created_at,
                      ${utcTimestamp('r.mergedAt')} AS merged_at, ${utcTimestamp('r.closedAt')} AS closed_at,
                      try_cast(additions AS INTEGER) AS additions, try_cast(deletions AS INTEGER) AS deletions,
                      try_cast(changedFiles AS INTEGER) AS changed_files, list_transform(labels, lambda l: l.name) AS labels,
                      ${present('r.mergeCommit.oid')} AS merge_commit_sha, url
               FROM ${accepted} r)`,
    },
    ctx.importId,
  );
  ctx.progress('Loading commits', null);
  const commits = await upsert(
    tx,
    {
      table: 'commits',
      key: ['repo', 'sha'],
      columns: ['repo', 'sha', 'pr_number', 'author_login', 'author_name', 'author_email', 'authored_at', 'committed_at', 'message', 'trailers'],
      stage: `${commitRows}_valid`,
    },
    ctx.importId,
  );
  ctx.progress('Loading reviews', null);
  const reviews = await upsert(
    tx,
    { table: 'reviews', key: ['repo', 'pr_number', 'review_id'], columns: ['repo', 'pr_number', 'review_id', 'reviewer', 'state', 'submitted_at'], stage: `${reviewRows}_valid` },
    ctx.importId,
  );
  ctx.progress('Loading people and repos', null);
  const people = await upsertPeople(
    ctx,
    `SELECT line, ${canonicalLogin('r.author.login')} AS login, r.author.name AS profile_name, NULL::VARCHAR AS commit_name, NULL::VARCHAR AS email,
            coalesce(try_cast(r.author.is_bot AS BOOLEAN), false) OR r.author.login LIKE 'app/%' OR ${loginLooksBot('r.author.login')} AS is_bot
       FROM ${accepted} r
     UNION ALL
     SELECT line, reviewer, NULL, NULL, NULL, reviewer_is_bot FROM ${reviewRows}
     UNION ALL
     -- A commit's first author is already in its columns; only co-authors are unnested.
     SELECT line, author_login, NULL, author_name, author_email, ${loginLooksBot('author_login')} FROM ${commitRows}
     UNION ALL
     SELECT line, ${present('a.login')}, NULL, a.name, a.email, ${loginLooksBot('a.login')}
       FROM (SELECT line, unnest(co_authors) AS a FROM ${commitRows} WHERE co_authors IS NOT NULL)`,
  );
  const repos = await upsertRepos(
    ctx,
    `SELECT line, repo, nullif(regexp_extract(url, '^(https?://[^/]+/[^/]+/[^/]+)/pulls?/', 1), '') AS url, NULL::VARCHAR AS default_branch FROM ${accepted}`,
  );

  await rejects.drop();
  for (const t of [commitRows, reviewRows]) await ctx.tx.run(`DROP VIEW ${t}_valid`);
  for (const t of [raw, commitRows, reviewRows]) await ctx.tx.run(`DROP TABLE ${t}`);
  return { tables: [pullRequests, commits, reviews, people, repos], rejected };
}

export const ghPrJson: FormatImporter = {
  format: 'github-gh-pr-json',
  source: 'github',
  label: 'GitHub pull requests (gh pr list / gh pr view --json)',
  detect,
  load,
};
