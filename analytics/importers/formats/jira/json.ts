/**
 * Jira REST search results → issues: the classic `/rest/api/2|3/search` pages
 * (`{startAt, maxResults, total, issues}`) and the newer `/rest/api/3/search/jql` pages
 * (`{issues, nextPageToken, isLast}`), one page, several concatenated, an array of issues, NDJSON
 * or Airbyte records. Each record is parsed once with `from_json` into a typed struct.
 *
 * Custom fields have per-site ids. When the pages were fetched with `expand=names` the `names` map
 * says which id is "Sprint", "Story Points", "Epic Link" or "Development" (a field the map does not
 * name is not read); otherwise Jira Cloud's usual ids are tried, each checked by its content (a
 * sprint list, an issue key, a development summary), so a site where the id means something else
 * yields NULL rather than wrong values.
 */
import { quotedValueSql, recordRejects, type RejectRule } from '../../rejects';
import { blankToNull, sqlLiteral, usedParams } from '../../sql';
import { pageValues, stageJsonRecords } from '../../stage-json';
import { assertTimeZone, isoToUtcSql, isUtcZone } from '../../time-sql';
import type { FileSample, FormatImporter, LoadResult } from '../../types';
import { ISSUE_KEY_PATTERN, readJiraBugTypes } from './issue-types';
import { STATUS_CATEGORY_FROM_TEXT_SQL, SUBTASK_BY_NAME_SQL, loadIssues } from './issues-sql';

type CustomField = 'storyPoints' | 'sprint' | 'epicLink' | 'development';

/** Field names (lower-case, as `names` shows them) per custom field we read. */
const CUSTOM_FIELD_NAMES: Readonly<Record<CustomField, readonly string[]>> = {
  storyPoints: ['story points', 'story point estimate'],
  sprint: ['sprint'],
  epicLink: ['epic link'],
  development: ['development'],
};

/** Jira Cloud's usual ids, used when the file has no `names` map. */
const DEFAULT_CUSTOM_FIELDS: Readonly<Record<CustomField, readonly string[]>> = {
  storyPoints: ['customfield_10016'],
  sprint: ['customfield_10020'],
  epicLink: ['customfield_10014'],
  development: ['customfield_10000'],
};

const CUSTOM_FIELD_ID = /^customfield_[0-9]+$/;

export function looksLikeJiraIssue(record: Record<string, unknown> | null): boolean {
  if (!record) return false;
  const fields = record.fields;
  return typeof record.key === 'string' && typeof fields === 'object' && fields !== null && ('created' in fields || 'issuetype' in fields || 'summary' in fields);
}

function detectJiraJson(sample: FileSample): number {
  if (sample.shape !== 'json') return 0;
  const record = sample.firstRecord;
  if (looksLikeJiraIssue(record)) return 30;
  // Airbyte's Jira source: {"stream": "issues", "data": {key, fields, …}}.
  if (record && typeof record.stream === 'string' && typeof record.data === 'object' && looksLikeJiraIssue(record.data as Record<string, unknown>)) return 30;
  // An empty last page still says what it is.
  const keys = new Set(sample.topLevelKeys);
  if (keys.has('issues') && (keys.has('startAt') || keys.has('isLast') || keys.has('nextPageToken'))) return 20;
  return 0;
}

/** The custom field ids to read, from the pages' `names` maps (expand=names) or the defaults. */
function customFieldIds(nameMaps: readonly string[]): Record<CustomField, string[]> {
  const maps = nameMaps.map((m) => JSON.parse(m) as unknown).filter((m): m is Record<string, unknown> => typeof m === 'object' && m !== null && !Array.isArray(m));
  const names: Record<string, unknown> = Object.assign({}, ...maps);
  const ids = { storyPoints: [], sprint: [], epicLink: [], development: [] } as Record<CustomField, string[]>;
  for (const field of Object.keys(ids) as CustomField[]) {
    const fromNames = Object.entries(names)
      .filter(([id, name]) => CUSTOM_FIELD_ID.test(id) && typeof name === 'string' && CUSTOM_FIELD_NAMES[field].includes(name.trim().toLowerCase()))
      .map(([id]) => id);
    ids[field] = fromNames.length ? fromNames : maps.length ? [] : [...DEFAULT_CUSTOM_FIELDS[field]];
  }
  return ids;
}

/** The from_json structure: only what we load, so the rest of a big record is skipped. */
function structure(ids: Record<CustomField, string[]>): string {
  const custom: Record<string, string> = {};
  for (const id of ids.storyPoints) custom[id] = 'VARCHAR';
  for (const id of [...ids.sprint, ...ids.epicLink, ...ids.development]) custom[id] = 'JSON';
  return JSON.stringify({
    key: 'VARCHAR',
    id: 'VARCHAR',
    self: 'VARCHAR',
    fields: {
      summary: 'VARCHAR',
      created: 'VARCHAR',
      resolutiondate: 'VARCHAR',
      issuetype: { name: 'VARCHAR', subtask: 'BOOLEAN', hierarchyLevel: 'INTEGER' },
      status: { name: 'VARCHAR', statusCategory: { key: 'VARCHAR', name: 'VARCHAR' } },
      priority: { name: 'VARCHAR' },
      project: { key: 'VARCHAR' },
      parent: { key: 'VARCHAR', id: 'VARCHAR', fields: { issuetype: { hierarchyLevel: 'INTEGER', subtask: 'BOOLEAN' } } },
      labels: ['VARCHAR'],
      components: [{ name: 'VARCHAR' }],
      ...custom,
    },
  });
}

const field = (id: string) => `f.fields."${id}"`;

/** Last sprint's name: REST gives objects `{name, state, boardId…}`, old servers strings `…Sprint@1f[…,name=Sprint 4,…]`. */
function sprintSql(ids: readonly string[]): string {
  if (ids.length === 0) return 'NULL::VARCHAR';
  const names = ids.map(
    (id) => `[coalesce(json_extract_string(e, '$.name'), nullif(regexp_extract(json_extract_string(e, '$'), 'name=([^,\\]]*)', 1), ''))
       for e in coalesce(CASE WHEN json_type(${field(id)}) = 'ARRAY' THEN from_json(${field(id)}, '["JSON"]') END, [])
       if json_type(e) IN ('OBJECT', 'VARCHAR')]`,
  );
  return `[x for x in flatten([${names.join(', ')}]) if nullif(trim(x), '') IS NOT NULL][-1]`;
}

/** Epic Link holds a key (string); anything else (a site's unrelated field under that id) is ignored. */
function epicLinkSql(ids: readonly string[]): string {
  if (ids.length === 0) return 'NULL::VARCHAR';
  const keys = ids.map((id) => `CASE WHEN json_type(${field(id)}) = 'VARCHAR' AND regexp_full_match(${field(id)} ->> '$', '${ISSUE_KEY_PATTERN}') THEN ${field(id)} ->> '$' END`);
  return `coalesce(${keys.join(', ')})`;
}

/** The Development summary string, as in the CSV export: keep only the PR count. */
function devPrCountSql(ids: readonly string[]): string {
  if (ids.length === 0) return 'NULL::INTEGER';
  const counts = ids.map((id) => {
    const text = `(${field(id)} ->> '$')`;
    const json = `regexp_extract(${text}, 'json=(\\{.*\\})\\}\\s*$', 1)`;
    return `CASE WHEN ${field(id)} IS NULL OR json_type(${field(id)}) <> 'VARCHAR' THEN NULL
      WHEN trim(${text}) = '{}' THEN 0
      WHEN ${text} NOT LIKE '{%dataType=%' THEN NULL
      ELSE coalesce(
        try_cast(json_extract_string(CASE WHEN json_valid(${json}) THEN ${json} END, '$.cachedValue.summary.pullrequest.overall.count') AS INTEGER),
        try_cast(nullif(regexp_extract(${text}, 'pullrequest=\\{[^}]*?stateCount=([0-9]+)', 1), '') AS INTEGER),
        CASE WHEN ${text} LIKE '%pullrequest%' THEN NULL ELSE 0 END) END`;
  });
  return `coalesce(${counts.join(', ')})`;
}

function storyPointsSql(ids: readonly string[]): string {
  if (ids.length === 0) return 'NULL::DOUBLE';
  return `coalesce(${ids.map((id) => `try_cast(${field(id)} AS DOUBLE)`).join(', ')})`;
}

const REJECTS: readonly RejectRule[] = [
  { field: 'key', when: 'issue_key IS NULL', reason: 'key is missing' },
  { field: 'key', when: `NOT regexp_full_match(issue_key, '${ISSUE_KEY_PATTERN}')`, reason: { sql: `'key ' || ${quotedValueSql('issue_key')} || ' is not a Jira issue key like PAY-123'` } },
  { field: 'fields.created', when: 'created_text IS NULL', reason: 'fields.created is missing' },
  { field: 'fields.created', when: 'created_at IS NULL', reason: { sql: `'fields.created ' || ${quotedValueSql('created_text')} || ' is not an ISO 8601 timestamp'` } },
  { field: 'fields.resolutiondate', when: 'resolved_text IS NOT NULL AND resolved_at IS NULL', reason: { sql: `'fields.resolutiondate ' || ${quotedValueSql('resolved_text')} || ' is not an ISO 8601 timestamp'` } },
];

export const jiraJson: FormatImporter = {
  format: 'jira-rest-json',
  source: 'jira',
  label: 'Jira REST search results (JSON: /search or /search/jql pages)',
  detect: detectJiraJson,
  async load(ctx): Promise<LoadResult> {
    await assertTimeZone(ctx);
    const bugTypes = await readJiraBugTypes(ctx.tx);
    ctx.progress('Reading Jira issues', null);
    const wrappers = ['issues', 'values'];
    const ids = customFieldIds(await pageValues(ctx, 'names', wrappers));
    const records = await stageJsonRecords(ctx, 'jira_records', wrappers);

    const parsed = ctx.temp('jira_parsed');
    const parse = `CREATE TEMP TABLE ${parsed} AS
         SELECT line,
           ${blankToNull('f.key')} AS issue_key, ${blankToNull('f.id')} AS issue_id,
           ${blankToNull('f.fields.summary')} AS summary,
           ${blankToNull('f.fields.issuetype.name')} AS issue_type,
           coalesce(f.fields.issuetype.subtask, f.fields.issuetype.hierarchyLevel = -1) AS subtask_flag,
           f.fields.parent.fields.issuetype.hierarchyLevel AS parent_level,
           ${blankToNull('f.fields.priority.name')} AS priority,
           ${blankToNull('f.fields.status.name')} AS status,
           coalesce(${blankToNull('f.fields.status.statusCategory.key')}, ${blankToNull('f.fields.status.statusCategory.name')}) AS status_category_text,
           ${blankToNull('f.fields.created')} AS created_text,
           ${blankToNull('f.fields.resolutiondate')} AS resolved_text,
           ${isoToUtcSql(blankToNull('f.fields.created'), '$tz', { utc: isUtcZone(ctx.options.timeZone) })} AS created_at,
           ${isoToUtcSql(blankToNull('f.fields.resolutiondate'), '$tz', { utc: isUtcZone(ctx.options.timeZone) })} AS resolved_at,
           coalesce(${blankToNull('f.fields.project.key')}, regexp_extract(f.key, '^(.*)-[0-9]+$', 1)) AS project,
           coalesce(${blankToNull('f.fields.parent.key')}, ${blankToNull('f.fields.parent.id')}) AS parent_ref,
           ${epicLinkSql(ids.epicLink)} AS epic_ref,
           ${storyPointsSql(ids.storyPoints)} AS story_points,
           ${sprintSql(ids.sprint)} AS sprint,
           -- Absent (not requested with fields=…) stays NULL so it does not erase what is stored.
           CASE WHEN f.fields.labels IS NOT NULL THEN [trim(x) for x in f.fields.labels if nullif(trim(x), '') IS NOT NULL] END AS labels,
           CASE WHEN f.fields.components IS NOT NULL THEN [trim(c.name) for c in f.fields.components if nullif(trim(c.name), '') IS NOT NULL] END AS components,
           ${devPrCountSql(ids.development)} AS dev_pr_count,
           CASE WHEN f.self LIKE 'http%/rest/api/%' THEN regexp_extract(f.self, '^(.*?)/rest/api/', 1) || '/browse/' || trim(f.key) END AS url
         FROM (SELECT line, from_json(record, ${sqlLiteral(structure(ids))}) AS f FROM ${records})`;
    // A UTC import converts nothing, so the zone may go unused.
    await ctx.tx.run(parse, usedParams(parse, { tz: ctx.options.timeZone }));
    const rejects = await recordRejects(ctx, parsed, REJECTS, { from: records, sql: 's.record' });
    await ctx.tx.run(`DROP TABLE ${records}`);

    ctx.progress('Loading issues', null);
    const issues = await loadIssues(ctx, parsed, rejects.keep, bugTypes, {
      parentNotEpic: `coalesce(parent_level <> 1, subtask_flag, ${SUBTASK_BY_NAME_SQL})`,
      statusCategory: STATUS_CATEGORY_FROM_TEXT_SQL,
      url: 'url',
    });
    await rejects.drop();
    await ctx.tx.run(`DROP TABLE ${parsed}`);
    return { tables: [issues], rejected: rejects.rejected };
  },
};
