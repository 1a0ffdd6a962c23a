/**
 * REST reviews as saved by `gh api --paginate repos/OWNER/REPO/pulls/N/reviews`. A review does not
 * carry its PR number: it is read from `pull_request_url` (…/pulls/N), else from `html_url`
 * (…/pull/N#pullrequestreview-ID). The review key is the GraphQL `node_id` when present — the
 * same id `gh pr list --json reviews` prints — so both exports merge into one row.
 */
import { upsert } from '../../upsert';
import type { FileSample, FormatImporter, ImportContext, LoadResult } from '../../types';
import { upsertPeople } from './entities';
import { firstRecordOf } from '../../sample';
import { readJsonRecords, type RecordSpec } from '../../stage-json';
import { recordRejects, type RejectRule } from '../../rejects';
import { blankToNull as present, withParams } from '../../sql';
import { loginLooksBot, repoFromApiUrl, repoFromWebUrl, utcTimestamp } from './sql';

const REVIEW_SPEC: RecordSpec = {
  id: 'VARCHAR',
  node_id: 'VARCHAR',
  user: { login: 'VARCHAR', type: 'VARCHAR' },
  state: 'VARCHAR',
  submitted_at: 'VARCHAR',
  pull_request_url: 'VARCHAR',
  html_url: 'VARCHAR',
};

const REPO = `coalesce(${repoFromApiUrl('r.pull_request_url')}, ${repoFromWebUrl('r.html_url')})`;
const PR_NUMBER = `coalesce(try_cast(nullif(regexp_extract(r.pull_request_url, '/pulls/(\\d+)', 1), '') AS INTEGER), try_cast(nullif(regexp_extract(r.html_url, '/pull/(\\d+)', 1), '') AS INTEGER))`;
const REVIEW_ID = `coalesce(${present('r.node_id')}, ${present('r.id')})`;

const RULES: readonly RejectRule[] = [
  { field: 'id', reason: 'id is missing', when: `${REVIEW_ID} IS NULL` },
  { field: 'pull_request_url', reason: 'no pull request: pull_request_url (…/repos/OWNER/REPO/pulls/N) is missing or unreadable', when: `${REPO} IS NULL OR ${PR_NUMBER} IS NULL` },
  { field: 'submitted_at', reason: 'submitted_at is not an ISO 8601 timestamp', when: `${present('r.submitted_at')} IS NOT NULL AND ${utcTimestamp('r.submitted_at')} IS NULL` },
];

async function load(ctx: ImportContext): Promise<LoadResult> {
  const tx = withParams(ctx.tx, { tz: ctx.options.timeZone });
  const raw = await readJsonRecords(ctx, 'rest_reviews_raw', REVIEW_SPEC);
  const rejects = await recordRejects(ctx, raw, RULES, { sql: 'to_json(s)' }, { tz: ctx.options.timeZone });
  const rejected = rejects.rejected;
  const accepted = `(SELECT * FROM ${raw} r WHERE ${rejects.keep()})`;
  const reviews = await upsert(
    tx,
    {
      table: 'reviews',
      key: ['repo', 'pr_number', 'review_id'],
      columns: ['repo', 'pr_number', 'review_id', 'reviewer', 'state', 'submitted_at'],
      stage: `(SELECT line, ${REPO} AS repo, ${PR_NUMBER} AS pr_number, ${REVIEW_ID} AS review_id, ${present('r.user.login')} AS reviewer,
                      upper(r.state) AS state, ${utcTimestamp('r.submitted_at')} AS submitted_at FROM ${accepted} r)`,
    },
    ctx.importId,
  );
  const people = await upsertPeople(
    ctx,
    `SELECT line, ${present('r.user.login')} AS login, NULL::VARCHAR AS profile_name, NULL::VARCHAR AS commit_name, NULL::VARCHAR AS email,
            r.user.type = 'Bot' OR ${loginLooksBot('r.user.login')} AS is_bot FROM ${accepted} r`,
  );
  await rejects.drop();
  await ctx.tx.run(`DROP TABLE ${raw}`);
  return { tables: [reviews, people], rejected };
}

function detect(sample: FileSample): number {
  const r = firstRecordOf(sample);
  if (!r) return 0;
  // Review comments (…/pulls/N/comments) also name their PR, but carry a diff position.
  return 'pull_request_url' in r && ('submitted_at' in r || 'state' in r) && !('diff_hunk' in r) && !('head' in r) ? 30 : 0;
}

export const restReviews: FormatImporter = {
  format: 'github-rest-reviews',
  source: 'github',
  label: 'GitHub REST reviews (gh api …/pulls/N/reviews)',
  detect,
  load,
};
