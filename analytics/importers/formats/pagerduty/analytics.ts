/**
 * PagerDuty Analytics raw incidents (`POST /analytics/raw/incidents`) → incidents and services:
 * pages `{data: [...], first, last, limit, more, order, order_by, filters, time_zone}` with flat rows
 * (`id`, `incident_number`, `description`, `created_at`, `resolved_at`, `service_id`,
 * `service_name`, `team_name`, `urgency`, `priority_name`, `seconds_to_resolve`, …).
 *
 * Times are written without an offset, in the zone the request asked for: the page's `time_zone`
 * when the file has it (it is the response's own statement), else ctx.options.timeZone. Rows
 * without `resolved_at` but with `seconds_to_resolve` resolve at created + that many seconds; rows
 * without `status` (older responses) count as resolved when they have a resolution time.
 */
import { UndertowError } from '../../../errors';
import { recordRejects } from '../../rejects';
import { blankToNull, sqlLiteral } from '../../sql';
import { pageValues, stageJsonRecords } from '../../stage-json';
import type { FileSample, FormatImporter, ImportContext, LoadResult } from '../../types';
import { assertTimeZone } from '../../time-sql';
import { JSON_INCIDENT_REJECTS, jsonTimeSql, loadIncidents } from './load';

const STRUCTURE = JSON.stringify({
  id: 'VARCHAR',
  incident_number: 'VARCHAR',
  description: 'VARCHAR',
  title: 'VARCHAR',
  status: 'VARCHAR',
  urgency: 'VARCHAR',
  created_at: 'VARCHAR',
  resolved_at: 'VARCHAR',
  seconds_to_resolve: 'VARCHAR',
  service_id: 'VARCHAR',
  service_name: 'VARCHAR',
  team_name: 'VARCHAR',
  priority_name: 'VARCHAR',
});

export function looksLikeAnalyticsIncident(record: Record<string, unknown> | null): boolean {
  if (!record || typeof record.id !== 'string' || typeof record.service !== 'undefined') return false;
  return 'seconds_to_resolve' in record || 'seconds_to_first_ack' in record || ('incident_number' in record && 'service_name' in record && 'created_at' in record);
}

function detect(sample: FileSample): number {
  if (sample.shape !== 'json') return 0;
  return looksLikeAnalyticsIncident(sample.firstRecord) ? 30 : 0;
}

/** The zone the file says its times are in (`time_zone` of its pages), validated; else the user's. */
async function fileTimeZone(ctx: ImportContext, values: readonly string[]): Promise<string> {
  const zones = [...new Set(values.map((v) => JSON.parse(v) as unknown).filter((z): z is string => typeof z === 'string'))];
  if (zones.length === 0) return ctx.options.timeZone;
  if (zones.length > 1) {
    throw new UndertowError('invalid_request', `${ctx.path}: pages in different time zones (${zones.join(', ')}); export them with one time_zone.`, { file: ctx.path });
  }
  const zone = zones[0]!;
  const [known] = await ctx.tx.all<{ n: number }>('SELECT count(*) AS n FROM pg_timezone_names() WHERE name = $zone', { zone });
  if (!known || known.n === 0) throw new UndertowError('invalid_request', `${ctx.path}: time_zone '${zone}' is not a time zone Undertow knows.`, { file: ctx.path });
  return zone;
}

export const pagerDutyAnalyticsIncidents: FormatImporter = {
  format: 'pagerduty-analytics-incidents-json',
  source: 'pagerduty',
  label: 'PagerDuty Analytics raw incidents (JSON)',
  detect,
  async load(ctx): Promise<LoadResult> {
    await assertTimeZone(ctx);
    ctx.progress('Reading PagerDuty incidents', null);
    const zone = await fileTimeZone(ctx, await pageValues(ctx, 'time_zone', ['data']));
    const records = await stageJsonRecords(ctx, 'pd_records', ['data']);
    const parsed = ctx.temp('pd_parsed');
    await ctx.tx.run(
      `CREATE TEMP TABLE ${parsed} AS
       SELECT * REPLACE (coalesce(status, CASE WHEN resolved_at IS NOT NULL THEN 'resolved' END) AS status) FROM (
         SELECT line, 'pagerduty' AS source,
           ${blankToNull('i.id')} AS incident_id,
           try_cast(${blankToNull('i.incident_number')} AS INTEGER) AS number,
           coalesce(${blankToNull('i.title')}, ${blankToNull('i.description')}) AS title,
           ${blankToNull('i.service_id')} AS service_id,
           ${blankToNull('i.service_name')} AS service_name,
           lower(${blankToNull('i.urgency')}) AS urgency,
           ${blankToNull('i.priority_name')} AS priority,
           lower(${blankToNull('i.status')}) AS status,
           ${blankToNull('i.created_at')} AS created_text,
           ${blankToNull('i.resolved_at')} AS resolved_text,
           ${jsonTimeSql('i.created_at')} AS created_at,
           coalesce(${jsonTimeSql('i.resolved_at')},
             ${jsonTimeSql('i.created_at')} + to_seconds(try_cast(${blankToNull('i.seconds_to_resolve')} AS DOUBLE)::BIGINT)) AS resolved_at,
           ${blankToNull('i.team_name')} AS source_team,
           NULL::VARCHAR AS url
         FROM (SELECT line, from_json(record, ${sqlLiteral(STRUCTURE)}) AS i FROM ${records}))`,
      { tz: zone },
    );
    const rejects = await recordRejects(ctx, parsed, JSON_INCIDENT_REJECTS, { from: records, sql: 's.record' });
    await ctx.tx.run(`DROP TABLE ${records}`);
    ctx.progress('Loading incidents', null);
    const tables = await loadIncidents(ctx, parsed, rejects.keep());
    await rejects.drop();
    await ctx.tx.run(`DROP TABLE ${parsed}`);
    return { tables, rejected: rejects.rejected };
  },
};
