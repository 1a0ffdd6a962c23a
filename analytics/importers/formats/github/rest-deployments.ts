/**
 * REST deployments as saved by `gh api --paginate repos/OWNER/REPO/deployments` (optionally with
 * each deployment's `statuses` embedded), and deployment statuses (`…/deployments/ID/statuses`,
 * one dump or several concatenated), which name their deployment in `deployment_url`.
 *
 * A deployment's status is its latest status state, except that `inactive` — which GitHub sets on
 * an older deployment once a newer one to the same environment succeeds — never hides the success
 * or failure before it; finished_at is the time of that status when it is final (success, failure,
 * error, inactive). An older statuses file imported later never rolls a deployment back.
 */
import { upsert } from '../../upsert';
import type { FileSample, FormatImporter, ImportContext, LoadResult } from '../../types';
import { upsertRepos } from './entities';
import { firstRecordOf } from '../../sample';
import { readJsonRecords, type RecordSpec } from '../../stage-json';
import { recordRejects, type RejectRule } from '../../rejects';
import { blankToNull as present, withParams } from '../../sql';
import { rejectNested, repoFromApiUrl, repoWebUrl, utcTimestamp } from './sql';

const STATUS = { id: 'VARCHAR', state: 'VARCHAR', created_at: 'VARCHAR', environment: 'VARCHAR', deployment_url: 'VARCHAR' };

const DEPLOYMENT_SPEC: RecordSpec = {
  id: 'VARCHAR',
  url: 'VARCHAR',
  repository_url: 'VARCHAR',
  sha: 'VARCHAR',
  ref: 'VARCHAR',
  environment: 'VARCHAR',
  created_at: 'VARCHAR',
  statuses: [STATUS],
};

const STATUS_SPEC: RecordSpec = { ...STATUS, repository_url: 'VARCHAR' };

const FINAL_STATES = `('success', 'failure', 'error', 'inactive')`;

/**
 * The status a set of status rows `s` (state, at, id) settles on per group: the latest that is not
 * `inactive`, else the latest `inactive`.
 */
const chosenStatus = (state: string, at: string, id: string) => `arg_max({'state': ${state}, 'at': ${at}}, (${state} <> 'inactive', ${at}, try_cast(${id} AS BIGINT)))`;

/**
 * Merge each deployment's chosen status (columns status_state, status_at) with the stored row:
 * keep what is stored when the file's status is older, or only `inactive` over a real outcome.
 */
const mergedStatus = (s: string) => `
  CASE WHEN (t.finished_at IS NOT NULL AND ${s}.status_at < t.finished_at)
         OR (${s}.status_state = 'inactive' AND t.status IS NOT NULL AND t.status <> 'inactive') THEN NULL ELSE ${s}.status_state END AS status,
  CASE WHEN (t.finished_at IS NOT NULL AND ${s}.status_at < t.finished_at)
         OR (${s}.status_state = 'inactive' AND t.status IS NOT NULL AND t.status <> 'inactive') THEN NULL
       WHEN ${s}.status_state IN ${FINAL_STATES} THEN ${s}.status_at END AS finished_at`;

const DEPLOYMENT_REPO = `coalesce(${repoFromApiUrl('r.repository_url')}, ${repoFromApiUrl('r.url')})`;
const DEPLOYMENT_RULES: readonly RejectRule[] = [
  { field: 'id', reason: 'id is missing', when: `${present('r.id')} IS NULL` },
  { field: 'repository_url', reason: 'no repository: repository_url/url is missing or not a GitHub API address', when: `${DEPLOYMENT_REPO} IS NULL` },
  { field: 'created_at', reason: 'created_at is missing', when: `${present('r.created_at')} IS NULL` },
  { field: 'created_at', reason: 'created_at is not an ISO 8601 timestamp', when: `${utcTimestamp('r.created_at')} IS NULL` },
];

async function loadDeployments(ctx: ImportContext): Promise<LoadResult> {
  const tx = withParams(ctx.tx, { tz: ctx.options.timeZone });
  const raw = await readJsonRecords(ctx, 'rest_deployments_raw', DEPLOYMENT_SPEC);
  const rejects = await recordRejects(ctx, raw, DEPLOYMENT_RULES, { sql: 'to_json(s)' }, { tz: ctx.options.timeZone });
  let rejected = rejects.rejected;
  const accepted = `(SELECT *, ${DEPLOYMENT_REPO} AS repo, trim(r.id) AS deployment_id FROM ${raw} r WHERE ${rejects.keep()})`;
  rejected += await rejectNested(ctx, accepted, 'statuses', 's', `${utcTimestamp('s.created_at')} IS NULL OR ${present('s.state')} IS NULL`, 'statuses', 'a status of this deployment has no state or no readable created_at');

  // Embedded statuses, settled per deployment.
  const embedded = ctx.temp('rest_deployments_status');
  await tx.run(`CREATE TEMP TABLE ${embedded} AS
    SELECT line, c.state AS status_state, c.at AS status_at FROM (
      SELECT line, ${chosenStatus('lower(s.state)', utcTimestamp('s.created_at'), 's.id')} AS c
      FROM (SELECT line, unnest(statuses) AS s FROM ${accepted})
      WHERE ${utcTimestamp('s.created_at')} IS NOT NULL AND ${present('s.state')} IS NOT NULL GROUP BY line)`);
  const deployments = await upsert(
    tx,
    {
      table: 'deployments',
      key: ['repo', 'deployment_id'],
      columns: ['repo', 'deployment_id', 'sha', 'ref', 'environment', 'created_at', 'status', 'finished_at'],
      stage: `(SELECT r.line, r.repo, r.deployment_id, ${present('r.sha')} AS sha, r.ref, r.environment,
                      ${utcTimestamp('r.created_at')} AS created_at, ${mergedStatus('e')}
               FROM ${accepted} r LEFT JOIN ${embedded} e ON e.line = r.line
               LEFT JOIN deployments t ON t.repo = r.repo AND t.deployment_id = r.deployment_id)`,
    },
    ctx.importId,
  );
  const repos = await upsertRepos(ctx, `SELECT line, repo, ${repoWebUrl('coalesce(r.repository_url, r.url)', 'r.repo')} AS url, NULL::VARCHAR AS default_branch FROM ${accepted} r`);
  await rejects.drop();
  for (const t of [raw, embedded]) await ctx.tx.run(`DROP TABLE ${t}`);
  return { tables: [deployments, repos], rejected };
}

const STATUS_REPO = `coalesce(${repoFromApiUrl('r.deployment_url')}, ${repoFromApiUrl('r.repository_url')})`;
const STATUS_DEPLOYMENT = `nullif(regexp_extract(r.deployment_url, '/deployments/(\\d+)', 1), '')`;
const STATUS_RULES: readonly RejectRule[] = [
  { field: 'deployment_url', reason: 'no deployment: deployment_url (…/repos/OWNER/REPO/deployments/ID) is missing or unreadable', when: `${STATUS_REPO} IS NULL OR ${STATUS_DEPLOYMENT} IS NULL` },
  { field: 'state', reason: 'state is missing', when: `${present('r.state')} IS NULL` },
  { field: 'created_at', reason: 'created_at is missing', when: `${present('r.created_at')} IS NULL` },
  { field: 'created_at', reason: 'created_at is not an ISO 8601 timestamp', when: `${utcTimestamp('r.created_at')} IS NULL` },
];

/**
 * A statuses dump updates the status of its deployments. A deployment not stored yet is created
 * from its statuses (environment from them, created_at = its first status, sha unknown) and
 * completed when its deployments dump is imported.
 */
async function loadStatuses(ctx: ImportContext): Promise<LoadResult> {
  const tx = withParams(ctx.tx, { tz: ctx.options.timeZone });
  const raw = await readJsonRecords(ctx, 'rest_statuses_raw', STATUS_SPEC);
  const rejects = await recordRejects(ctx, raw, STATUS_RULES, { sql: 'to_json(s)' }, { tz: ctx.options.timeZone });
  const rejected = rejects.rejected;
  const perDeployment = ctx.temp('rest_statuses_settled');
  await tx.run(`CREATE TEMP TABLE ${perDeployment} AS
    SELECT line, repo, deployment_id, environment, first_at, c.state AS status_state, c.at AS status_at FROM (
      SELECT max(line) AS line, repo, deployment_id, arg_max(environment, status_time) AS environment, min(status_time) AS first_at,
             ${chosenStatus('state', 'status_time', 'id')} AS c
      FROM (SELECT line, ${STATUS_REPO} AS repo, ${STATUS_DEPLOYMENT} AS deployment_id, r.environment, lower(trim(r.state)) AS state,
                   ${utcTimestamp('r.created_at')} AS status_time, r.id
            FROM ${raw} r WHERE ${rejects.keep()})
      GROUP BY repo, deployment_id)`);
  const deployments = await upsert(
    tx,
    {
      table: 'deployments',
      key: ['repo', 'deployment_id'],
      columns: ['repo', 'deployment_id', 'environment', 'created_at', 'status', 'finished_at'],
      stage: `(SELECT d.line, d.repo, d.deployment_id, coalesce(t.environment, d.environment) AS environment,
                      coalesce(t.created_at, d.first_at) AS created_at, ${mergedStatus('d')}
               FROM ${perDeployment} d LEFT JOIN deployments t ON t.repo = d.repo AND t.deployment_id = d.deployment_id)`,
    },
    ctx.importId,
  );
  const repos = await upsertRepos(
    ctx,
    `SELECT line, ${STATUS_REPO} AS repo, ${repoWebUrl('coalesce(r.repository_url, r.deployment_url)', STATUS_REPO)} AS url, NULL::VARCHAR AS default_branch
     FROM ${raw} r WHERE ${rejects.keep()}`,
  );
  await rejects.drop();
  for (const t of [raw, perDeployment]) await ctx.tx.run(`DROP TABLE ${t}`);
  return { tables: [deployments, repos], rejected };
}

const record = (sample: FileSample) => firstRecordOf(sample);

export const restDeployments: FormatImporter = {
  format: 'github-rest-deployments',
  source: 'github',
  label: 'GitHub REST deployments (gh api …/deployments)',
  detect: (sample) => {
    const r = record(sample);
    return r && 'environment' in r && 'sha' in r && ('statuses_url' in r || 'task' in r) && !('deployment_url' in r) ? 30 : 0;
  },
  load: loadDeployments,
};

export const restDeploymentStatuses: FormatImporter = {
  format: 'github-rest-deployment-statuses',
  source: 'github',
  label: 'GitHub REST deployment statuses (gh api …/deployments/ID/statuses)',
  detect: (sample) => {
    const r = record(sample);
    return r && 'deployment_url' in r && 'state' in r ? 30 : 0;
  },
  load: loadStatuses,
};
