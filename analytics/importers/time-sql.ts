/**
 * SQL expressions that turn export timestamps into UTC TIMESTAMPs (the workspace stores UTC only),
 * used by the Jira and PagerDuty importers.
 *
 * A timestamp with an explicit offset (`Z`, `+08:00`, `+0800`, `+08`, ` UTC`) is converted as
 * written. One without an offset is wall-clock time in an IANA zone — bound as a parameter, never
 * spliced — and converted with DuckDB's ICU `timezone(zone, TIMESTAMP)`, which applies the zone's
 * DST rules for that date. Casting offset-less text to TIMESTAMPTZ is avoided on purpose: that would
 * use the session's TimeZone setting, i.e. whatever the machine running the import is set to.
 */
import { UndertowError } from '../errors';
import type { ImportContext } from './types';

/** Text ending in a time followed by an offset or UTC marker (a bare date's `-15` is not an offset). */
const EXPLICIT_OFFSET = String.raw`\d:\d{2}(:\d{2}([.,]\d+)?)?\s*([Zz]|UTC|GMT|[+-]\d{2}(:?\d{2})?)$`;

const UTC_ZONES = new Set(['utc', 'etc/utc', 'gmt', 'etc/gmt', 'z', 'zulu', 'universal', 'etc/universal']);
/** Whether an IANA zone name is UTC itself: its local time is UTC, no conversion needed. */
export const isUtcZone = (zone: string) => UTC_ZONES.has(zone.trim().toLowerCase());

/** How `localToUtcSql` converts: `utc` when the import's zone is UTC (`isUtcZone`): wall time is then UTC as it is. */
export interface ZoneSql {
  utc?: boolean;
}

/**
 * Local wall-clock TIMESTAMP `ts` in zone `zone` (SQL expressions) → UTC TIMESTAMP.
 *
 * DST edges: a time in the skipped hour (02:30 on a spring-forward night) moves forward by the gap;
 * a time in the repeated hour (02:30 on a fall-back night) is read as its FIRST occurrence, still
 * in summer time — what Java's ZonedDateTime (and so Jira itself) does. ICU alone would pick the
 * second. The check runs only for times around midnight to 03:59, where real transitions are
 * (late-evening ones such as Chile's 24:00 → 23:00 included), and assumes one-hour shifts.
 *
 * Each ICU call costs about a microsecond per value, so the instant becomes UTC wall time by
 * arithmetic (`make_timestamp(epoch_us(…))`), and a UTC zone needs no call at all.
 */
export function localToUtcSql(ts: string, zone: string, options: ZoneSql = {}): string {
  if (options.utc) return ts;
  const utc = `make_timestamp(epoch_us(timezone(${zone}, ${ts})))`;
  return `CASE WHEN hour(${ts}) IN (23, 0, 1, 2, 3) AND timezone(${zone}, timezone('UTC', ${utc} - INTERVAL 1 HOUR)) = ${ts}
    THEN ${utc} - INTERVAL 1 HOUR ELSE ${utc} END`;
}

/**
 * ISO 8601 text → UTC TIMESTAMP, or NULL when it is not a timestamp. With an offset as written
 * (Jira's `2026-02-15T16:37:12.345+0800` included); without one, in zone `zone`.
 */
export function isoToUtcSql(text: string, zone: string, options: ZoneSql = {}): string {
  return `CASE WHEN regexp_matches(${text}, '${EXPLICIT_OFFSET}')
    THEN make_timestamp(epoch_us(try_cast(regexp_replace(${text}, '\\s*(UTC|GMT)$', 'Z') AS TIMESTAMPTZ)))
    ELSE ${localToUtcSql(`try_cast(${text} AS TIMESTAMP)`, zone, options)} END`;
}

/**
 * Fail the whole file early, with a message a person can act on, when the zone for offset-less
 * times is not an IANA zone DuckDB knows (it would otherwise fail deep inside a query).
 */
export async function assertTimeZone(ctx: ImportContext): Promise<void> {
  const zone = ctx.options.timeZone;
  if (isUtcZone(zone)) return;
  const [row] = await ctx.tx.all<{ n: number }>('SELECT count(*) AS n FROM pg_timezone_names() WHERE name = $zone', { zone });
  if (!row || row.n === 0) {
    throw new UndertowError('invalid_request', `${ctx.path}: unknown time zone '${zone}' for times written without one; use an IANA name such as Europe/Berlin or America/New_York.`, {
      file: ctx.path,
      timeZone: zone,
    });
  }
}
