/**
 * The load step shared by the PagerDuty importers: a parsed stage → `incidents` (source
 * 'pagerduty', key incident_id) and `services`.
 *
 * The stage has one row per record with `line` and the INCIDENT_COLUMNS; `keep` is the condition
 * over it that leaves out the rejected rows.
 * Incidents CSVs without an `id` column get the placeholder id `#<incident number>` (see
 * docs/formats/pagerduty.md); once a file with PagerDuty's real id for that number arrives, the
 * placeholder row is folded into the real one, so CSV-then-API imports do not double count, and
 * incidents known only by service name get the service's id once a file has told it.
 */
import { quotedValueSql, type RejectRule } from '../../rejects';
import { blankToNull } from '../../sql';
import { isoToUtcSql } from '../../time-sql';
import type { ImportContext, TableCounts } from '../../types';
import { upsert } from '../../upsert';

export const INCIDENT_COLUMNS = [
  'source', 'incident_id', 'number', 'title', 'service_id', 'service_name', 'urgency', 'priority', 'status', 'created_at', 'resolved_at', 'source_team', 'url',
] as const;

/** A JSON time field (ISO 8601; without an offset, in the zone bound as `$tz`) → UTC TIMESTAMP. */
export const jsonTimeSql = (expr: string) => isoToUtcSql(blankToNull(expr), '$tz');

/** What the JSON importers (REST and Analytics) reject: no id, no creation time, unreadable times. */
export const JSON_INCIDENT_REJECTS: readonly RejectRule[] = [
  { field: 'id', when: 'incident_id IS NULL', reason: 'id is missing' },
  { field: 'created_at', when: 'created_text IS NULL', reason: 'created_at is missing' },
  { field: 'created_at', when: 'created_at IS NULL', reason: { sql: `'created_at ' || ${quotedValueSql('created_text')} || ' is not an ISO 8601 timestamp'` } },
  { field: 'resolved_at', when: 'resolved_text IS NOT NULL AND resolved_at IS NULL', reason: { sql: `'resolved_at ' || ${quotedValueSql('resolved_text')} || ' is not an ISO 8601 timestamp'` } },
];

/** Prefix of ids derived from the incident number (no PagerDuty id starts with '#'). */
export const NUMBER_ID_PREFIX = '#';

export async function loadIncidents(ctx: ImportContext, parsed: string, keep: string): Promise<TableCounts[]> {
  const rows = `(SELECT * FROM ${parsed} WHERE ${keep})`;
  const incidents = await upsert(ctx.tx, { table: 'incidents', key: ['source', 'incident_id'], columns: INCIDENT_COLUMNS, stage: rows }, ctx.importId);
  const services = await upsert(
    ctx.tx,
    {
      table: 'services',
      key: ['service_id'],
      columns: ['service_id', 'name'],
      stage: `(SELECT line, service_id, service_name AS name FROM ${parsed} WHERE ${keep} AND service_id IS NOT NULL AND service_name IS NOT NULL)`,
    },
    ctx.importId,
  );
  await foldNumberPlaceholders(ctx);
  await fillServiceIdsByName(ctx);
  return [incidents, services];
}

/**
 * CSV downloads name the service but not its id; once the id is known (from API data, now or
 * earlier) fill it in, when exactly one service has that name (case-insensitive).
 */
async function fillServiceIdsByName(ctx: ImportContext): Promise<void> {
  const unique = `SELECT lower(name) AS name, min(service_id) AS service_id FROM services GROUP BY lower(name) HAVING count(*) = 1`;
  const [row] = await ctx.tx.all<{ n: number }>(
    `SELECT count(*) AS n FROM incidents i JOIN (${unique}) s ON s.name = lower(i.service_name) WHERE i.source = 'pagerduty' AND i.service_id IS NULL`,
  );
  if (!row || row.n === 0) return;
  await ctx.tx.run(
    `UPDATE incidents SET service_id = s.service_id FROM (${unique}) s
     WHERE incidents.source = 'pagerduty' AND incidents.service_id IS NULL AND s.name = lower(incidents.service_name)`,
  );
}

/** Merge `#N` rows into the row with PagerDuty's id for incident N (filling its NULLs), then drop them. */
async function foldNumberPlaceholders(ctx: ImportContext): Promise<void> {
  const placeholders = `SELECT * FROM incidents WHERE source = 'pagerduty' AND starts_with(incident_id, '${NUMBER_ID_PREFIX}')`;
  const [row] = await ctx.tx.all<{ n: number }>(
    `SELECT count(*) AS n FROM (${placeholders}) p JOIN incidents t
       ON t.source = 'pagerduty' AND t.number = p.number AND NOT starts_with(t.incident_id, '${NUMBER_ID_PREFIX}')`,
  );
  if (!row || row.n === 0) return;
  const fill = ['title', 'service_id', 'service_name', 'urgency', 'priority', 'status', 'resolved_at', 'source_team', 'url'];
  await ctx.tx.run(
    `UPDATE incidents t SET ${fill.map((c) => `${c} = coalesce(t.${c}, p.${c})`).join(', ')}
     FROM (${placeholders}) p
     WHERE t.source = 'pagerduty' AND t.number = p.number AND NOT starts_with(t.incident_id, '${NUMBER_ID_PREFIX}')`,
  );
  await ctx.tx.run(
    `DELETE FROM incidents WHERE source = 'pagerduty' AND starts_with(incident_id, '${NUMBER_ID_PREFIX}')
       AND number IN (SELECT number FROM incidents WHERE source = 'pagerduty' AND NOT starts_with(incident_id, '${NUMBER_ID_PREFIX}'))`,
  );
}
