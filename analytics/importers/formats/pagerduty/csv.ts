/**
 * PagerDuty incidents CSV (the web UI's incident list download, Insights/report downloads, or a
 * spreadsheet someone assembled) → incidents and services. Headers vary between these, so columns
 * are matched flexibly: case-insensitive, spaces/underscores/dashes alike, `#` as "number", and
 * known synonyms (`description` or `title`, `created_on` or `created_at`, …).
 *
 * SQL identifiers never come from the header: the framework stages the columns under positional
 * names and the header only decides which column feeds which field.
 */
import { quotedValueSql, recordRejects, type RejectRule } from '../../rejects';
import { sqlList, usedParams } from '../../sql';
import { openCsv } from '../../stage';
import type { FileSample, FormatImporter, LoadResult } from '../../types';
import { UndertowError } from '../../../errors';
import { assertTimeZone, isoToUtcSql, isUtcZone, localToUtcSql, type ZoneSql } from '../../time-sql';
import { NUMBER_ID_PREFIX, loadIncidents } from './load';

/** Normalised header synonyms per field, most specific first. */
export const PAGERDUTY_CSV_SYNONYMS = {
  id: ['id', 'incident_id', 'pagerduty_id', 'pd_id'],
  number: ['incident_number', 'number', 'incident_no', 'incident_num', 'incident'],
  title: ['title', 'description', 'summary', 'incident_title', 'incident_description', 'name', 'subject'],
  created: ['created_on', 'created_at', 'created', 'triggered_on', 'triggered_at', 'opened_on', 'opened_at', 'start_time', 'started_at', 'incident_start', 'created_date', 'date_created'],
  resolved: ['resolved_on', 'resolved_at', 'resolved', 'resolved_time', 'resolution_time', 'end_time', 'ended_at', 'closed_on', 'closed_at', 'date_resolved'],
  serviceId: ['service_id'],
  serviceName: ['service_name', 'service', 'impacted_service', 'service_summary'],
  urgency: ['urgency'],
  status: ['status', 'state', 'current_status'],
  priority: ['priority', 'priority_name'],
  team: ['team_name', 'team', 'teams', 'team_names'],
  url: ['html_url', 'url', 'link', 'incident_url'],
  escalationPolicy: ['escalation_policy', 'escalation_policy_name'],
} as const satisfies Record<string, readonly string[]>;

export type PagerDutyCsvField = keyof typeof PAGERDUTY_CSV_SYNONYMS;

/** `Incident #` → `incident_number`, `Created On` → `created_on`, `service-name` → `service_name`. */
export function normalizeHeader(header: string): string {
  return header
    .toLowerCase()
    .replaceAll('#', ' number ')
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

/** Field → (column index, header as written) for the headers of a file. */
export function mapPagerDutyCsvHeader(header: readonly string[]): Partial<Record<PagerDutyCsvField, { index: number; name: string }>> {
  const normalized = header.map(normalizeHeader);
  const mapping: Partial<Record<PagerDutyCsvField, { index: number; name: string }>> = {};
  const taken = new Set<number>();
  for (const [field, synonyms] of Object.entries(PAGERDUTY_CSV_SYNONYMS) as [PagerDutyCsvField, readonly string[]][]) {
    for (const synonym of synonyms) {
      const index = normalized.findIndex((h, i) => h === synonym && !taken.has(i));
      if (index >= 0) {
        mapping[field] = { index, name: header[index]! };
        taken.add(index);
        break;
      }
    }
  }
  return mapping;
}

/**
 * An incidents CSV: a creation time, an id or incident number, and something only incidents have
 * (urgency, escalation policy, a service next to an incident number). Never a Jira export.
 */
function detect(sample: FileSample): number {
  if (sample.shape !== 'csv' || sample.csvHeader.some((h) => normalizeHeader(h) === 'issue_key')) return 0;
  const m = mapPagerDutyCsvHeader(sample.csvHeader);
  const identity = m.number !== undefined || m.id !== undefined;
  const incidentOnly = m.urgency !== undefined || m.escalationPolicy !== undefined || (m.number !== undefined && (m.serviceName !== undefined || m.serviceId !== undefined));
  return m.created !== undefined && identity && incidentOnly ? 15 : 0;
}

/** Offset-less layouts seen in PagerDuty and spreadsheet exports (US month-first for slashes). */
const CSV_TIME_FORMATS = [
  '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M',
  '%m/%d/%Y %I:%M:%S %p', '%m/%d/%Y %I:%M %p', '%b %d, %Y %I:%M %p', '%b %d, %Y %I:%M:%S %p', '%b %d, %Y %H:%M:%S',
];

function csvTimeSql(text: string, zone: ZoneSql): string {
  return `coalesce(${isoToUtcSql(text, '$tz', zone)}, ${localToUtcSql(`try_strptime(${text}, ${sqlList(CSV_TIME_FORMATS)})`, '$tz', zone)})`;
}

export const pagerDutyIncidentsCsv: FormatImporter = {
  format: 'pagerduty-incidents-csv',
  source: 'pagerduty',
  label: 'PagerDuty incidents CSV (web UI or report download)',
  detect,
  async load(ctx): Promise<LoadResult> {
    await assertTimeZone(ctx);
    const csv = await openCsv(ctx);
    const m = mapPagerDutyCsvHeader(csv.columns);
    if (!m.created || (!m.id && !m.number)) {
      throw new UndertowError('invalid_request', `${ctx.path}: a PagerDuty incidents CSV needs a creation time column (created_on/created_at) and an id or incident_number column.`, { file: ctx.path });
    }
    const stage = await csv.stage('pd_csv', Object.values(m).map((f) => f.name));
    const col = (field: PagerDutyCsvField) => (m[field] ? `nullif(trim(s.${stage.column(m[field].name)}), '')` : 'NULL::VARCHAR');
    const rules: RejectRule[] = [
      { field: m.number?.name ?? m.id!.name, when: 'id_text IS NULL AND number_text IS NULL', reason: 'no incident id or number' },
      { field: m.number?.name ?? 'incident_number', when: 'number_text IS NOT NULL AND number IS NULL', reason: { sql: `{field} || ' ' || ${quotedValueSql('number_text')} || ' is not an incident number'` } },
      { field: m.created.name, when: 'created_text IS NULL', reason: { sql: `{field} || ' is empty'` } },
      { field: m.created.name, when: 'created_at IS NULL', reason: { sql: `{field} || ' ' || ${quotedValueSql('created_text')} || ' is not a date and time'` } },
      { field: m.resolved?.name ?? 'resolved_on', when: 'resolved_text IS NOT NULL AND resolved_at IS NULL', reason: { sql: `{field} || ' ' || ${quotedValueSql('resolved_text')} || ' is not a date and time'` } },
    ];
    const parsed = ctx.temp('pd_parsed');
    const zone = { utc: isUtcZone(ctx.options.timeZone) };
    const parse = `CREATE TEMP TABLE ${parsed} AS
       SELECT r.line, 'pagerduty' AS source, r.id_text, r.number_text, r.created_text, r.resolved_text,
         coalesce(r.id_text, known.incident_id, '${NUMBER_ID_PREFIX}' || r.number::VARCHAR) AS incident_id,
         r.number, r.title, r.service_id, r.service_name, lower(r.urgency_text) AS urgency,
         r.priority, lower(r.status_text) AS status, ${csvTimeSql('r.created_text', zone)} AS created_at, ${csvTimeSql('r.resolved_text', zone)} AS resolved_at,
         r.source_team, r.url
       FROM (SELECT *, try_cast(ltrim(number_text, '#') AS INTEGER) AS number FROM (
               SELECT s.line, ${col('id')} AS id_text, ${col('number')} AS number_text, ${col('title')} AS title, ${col('created')} AS created_text,
                 ${col('resolved')} AS resolved_text, ${col('serviceId')} AS service_id, ${col('serviceName')} AS service_name, ${col('urgency')} AS urgency_text,
                 ${col('status')} AS status_text, ${col('priority')} AS priority, ${col('team')} AS source_team, ${col('url')} AS url
               FROM ${stage.table} s)) r
       LEFT JOIN (SELECT number, min(incident_id) AS incident_id FROM incidents
                  WHERE source = 'pagerduty' AND NOT starts_with(incident_id, '${NUMBER_ID_PREFIX}') GROUP BY number) known
         ON r.id_text IS NULL AND known.number = r.number`;
    // A UTC import converts nothing, so the zone may go unused.
    await ctx.tx.run(parse, usedParams(parse, { tz: ctx.options.timeZone }));
    const rejects = await recordRejects(ctx, parsed, rules, stage.raw());
    const tables = await loadIncidents(ctx, parsed, rejects.keep());
    await rejects.drop();
    await stage.drop();
    await ctx.tx.run(`DROP TABLE ${parsed}`);
    return { tables, rejected: rejects.rejected };
  },
};
