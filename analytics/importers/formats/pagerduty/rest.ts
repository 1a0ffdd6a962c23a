/**
 * PagerDuty REST API v2 `GET /incidents` results → incidents and services: pages
 * `{incidents, limit, offset, more, total}` (one, or several concatenated as a paging script or
 * `--paginate` writes them), a plain array of incidents, NDJSON or Airbyte records.
 *
 * Older records lack `priority` (before the account enabled priorities) and `resolved_at` (only
 * `last_status_change_at`, which for a resolved incident is its resolution). Times carry an
 * offset (`2025-03-14T10:22:05Z`); one without falls back to ctx.options.timeZone.
 */
import { quotedValueSql, recordRejects, type RejectRule } from '../../rejects';
import { blankToNull, sqlLiteral } from '../../sql';
import { stageJsonRecords } from '../../stage-json';
import type { FileSample, FormatImporter, LoadResult } from '../../types';
import { assertTimeZone } from '../../time-sql';
import { JSON_INCIDENT_REJECTS, jsonTimeSql, loadIncidents } from './load';

const STRUCTURE = JSON.stringify({
  id: 'VARCHAR',
  type: 'VARCHAR',
  incident_number: 'VARCHAR',
  title: 'VARCHAR',
  summary: 'VARCHAR',
  description: 'VARCHAR',
  status: 'VARCHAR',
  urgency: 'VARCHAR',
  created_at: 'VARCHAR',
  resolved_at: 'VARCHAR',
  last_status_change_at: 'VARCHAR',
  service: { id: 'VARCHAR', summary: 'VARCHAR' },
  priority: { summary: 'VARCHAR', name: 'VARCHAR' },
  teams: [{ summary: 'VARCHAR' }],
  html_url: 'VARCHAR',
});

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function looksLikeRestIncident(record: Record<string, unknown> | null): boolean {
  if (!record || !('incident_number' in record) || typeof record.id !== 'string') return false;
  return record.type === 'incident' || isObject(record.service) || isObject(record.escalation_policy);
}

function detect(sample: FileSample): number {
  if (sample.shape !== 'json') return 0;
  const record = sample.firstRecord;
  if (looksLikeRestIncident(record)) return 30;
  if (record && typeof record.stream === 'string' && isObject(record.data) && looksLikeRestIncident(record.data)) return 30;
  // An empty page: {"incidents": [], "limit": 100, "offset": 0, "more": false}.
  const keys = new Set(sample.topLevelKeys);
  return keys.has('incidents') && keys.has('more') ? 20 : 0;
}

const REJECTS: readonly RejectRule[] = [
  ...JSON_INCIDENT_REJECTS,
  { field: 'incident_number', when: 'number_text IS NOT NULL AND number IS NULL', reason: { sql: `'incident_number ' || ${quotedValueSql('number_text')} || ' is not a whole number'` } },
];

export const pagerDutyRestIncidents: FormatImporter = {
  format: 'pagerduty-incidents-json',
  source: 'pagerduty',
  label: 'PagerDuty incidents (REST API v2 /incidents pages, JSON)',
  detect,
  async load(ctx): Promise<LoadResult> {
    await assertTimeZone(ctx);
    ctx.progress('Reading PagerDuty incidents', null);
    const records = await stageJsonRecords(ctx, 'pd_records', ['incidents']);
    const parsed = ctx.temp('pd_parsed');
    await ctx.tx.run(
      `CREATE TEMP TABLE ${parsed} AS
       SELECT line, 'pagerduty' AS source,
           ${blankToNull('i.id')} AS incident_id,
           ${blankToNull('i.incident_number')} AS number_text,
           try_cast(${blankToNull('i.incident_number')} AS INTEGER) AS number,
           coalesce(${blankToNull('i.title')}, ${blankToNull('i.description')}, ${blankToNull(`regexp_replace(i.summary, '^\\[#[0-9]+\\]\\s*', '')`)}) AS title,
           ${blankToNull('i.service.id')} AS service_id,
           ${blankToNull('i.service.summary')} AS service_name,
           lower(${blankToNull('i.urgency')}) AS urgency,
           coalesce(${blankToNull('i.priority.summary')}, ${blankToNull('i.priority.name')}) AS priority,
           lower(${blankToNull('i.status')}) AS status,
           ${blankToNull('i.created_at')} AS created_text,
           ${blankToNull('i.resolved_at')} AS resolved_text,
           ${jsonTimeSql('i.created_at')} AS created_at,
           coalesce(${jsonTimeSql('i.resolved_at')}, CASE WHEN lower(i.status) = 'resolved' THEN ${jsonTimeSql('i.last_status_change_at')} END) AS resolved_at,
           ${blankToNull('i.teams[1].summary')} AS source_team,
           ${blankToNull('i.html_url')} AS url
       FROM (SELECT line, from_json(record, ${sqlLiteral(STRUCTURE)}) AS i FROM ${records})`,
      { tz: ctx.options.timeZone },
    );
    const rejects = await recordRejects(ctx, parsed, REJECTS, { from: records, sql: 's.record' });
    await ctx.tx.run(`DROP TABLE ${records}`);
    ctx.progress('Loading incidents', null);
    const tables = await loadIncidents(ctx, parsed, rejects.keep());
    await rejects.drop();
    await ctx.tx.run(`DROP TABLE ${parsed}`);
    return { tables, rejected: rejects.rejected };
  },
};
