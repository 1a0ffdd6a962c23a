/**
 * Helpers shared by the help-desk and NPS importers: cell text, one timestamp parser for every date
 * style these exports use, the day-first test for slash dates, and staging a column-mapped CSV.
 */
import { resolveMapping } from '../../columns';
import { sqlLiteral } from '../../sql';
import { openCsv, type CsvRead } from '../../stage';
import { isUtcZone } from '../../time-sql';
import type { ImportContext } from '../../types';

const BLANKS = `' ' || chr(9) || chr(10) || chr(13)`;
/**
 * SQL: a cell as trimmed text, NULL when empty or blank. Only cells that start or end with a blank
 * are trimmed (most need none), and the test reads code points (`ascii`, `ends_with`): slicing the
 * first and last character (`x[1]`, `x[-1]`) cost 2.5x as much on a 100k-row export.
 */
export const textSql = (cell: string) => {
  const x = `(${cell})`;
  const endsBlank = ['\' \'', 'chr(9)', 'chr(10)', 'chr(13)'].map((c) => `ends_with(${x}, ${c})`).join(' OR ');
  return `CASE WHEN ${x} = '' THEN NULL WHEN ascii(${x}) IN (32, 9, 10, 13) OR ${endsBlank} THEN nullif(trim(${x}, ${BLANKS}), '') ELSE ${x} END`;
};

/** SQL: a short, printable rendering of a bad value for a reject reason. */
export const shownSql = (expr: string) => `'"' || CASE WHEN length(${expr}) > 40 THEN left(${expr}, 40) || '…' ELSE ${expr} END || '"'`;

export interface TimeStyle {
  /**
   * IANA zone for times written without an offset. It is written into the SQL as a literal (the
   * expression also runs inside the framework's upsert, which binds only its own parameters), so
   * it must be a name `assertTimeZone` found in DuckDB's zone list; anything else is refused here.
   */
  zone: string;
  /** Slash dates are day first (15/02/2026) rather than month first (02/15/2026). */
  dayFirst: boolean;
}


/** Time-of-day followed by an offset: `…16:37:00Z`, `…16:37+01:00`, `…16:37:00 +0100`, `… UTC`. */
const OFFSET_RE = String.raw`\d:\d\d(:\d\d(\.\d+)?)?\s*([Zz]|UTC|GMT|[+-]\d\d(:?\d\d)?)$`;

const formats = (dayFirst: boolean) => {
  const dm = dayFirst ? '%d/%m' : '%m/%d';
  return [
    `${dm}/%Y %I:%M:%S %p`, `${dm}/%Y %I:%M %p`, `${dm}/%Y %H:%M:%S`, `${dm}/%Y %H:%M`, `${dm}/%Y`,
    `${dm}/%y %I:%M %p`, `${dm}/%y %H:%M`, `${dm}/%y`,
    '%d.%m.%Y %H:%M:%S', '%d.%m.%Y %H:%M', '%d.%m.%Y',
    '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y/%m/%d',
    '%Y-%m-%d %I:%M:%S %p', '%Y-%m-%d %I:%M %p',
  ];
};

/**
 * SQL turning trimmed text (or NULL) into a UTC TIMESTAMP, NULL when it is not a date/time:
 * - with an offset or Z/UTC (ISO 8601, Zendesk API/CSV): that instant;
 * - without one (Zendesk CSV in the account's zone, SurveyMonkey `02/15/2026 04:37:12 PM`): local
 *   time in `style.zone`, converted with the zone's rules (DST included);
 * - a date without a time (`2026-02-15`, an NPS response day) is that day at 00:00 UTC: shifting a
 *   day by a zone offset would move responses across day and month boundaries.
 * The offset test runs first so `try_cast(… AS TIMESTAMP)` — which would ignore an offset — never
 * sees one.
 */
export function utcTimestampSql(text: string, style: TimeStyle): string {
  const withOffset = `coalesce(try_cast(${text} AS TIMESTAMPTZ), try_cast(regexp_replace(regexp_replace(regexp_replace(${text},
      '\\s*([Zz]|UTC|GMT)$', '+00:00'), '\\s*([+-]\\d\\d)$', '\\1:00'), '\\s*([+-]\\d\\d):?(\\d\\d)$', '\\1:\\2') AS TIMESTAMPTZ))`;
  const naive = `coalesce(try_cast(${text} AS TIMESTAMP), try_strptime(${text}, [${formats(style.dayFirst).map(sqlLiteral).join(', ')}]))`;
  if (!/^[A-Za-z0-9_+\-/]+$/.test(style.zone)) throw new Error(`not a time zone name: ${style.zone}`);
  const local = isUtcZone(style.zone) ? naive : `CASE WHEN regexp_matches(${text}, '\\d:\\d\\d') THEN make_timestamp(epoch_us(timezone(${sqlLiteral(style.zone)}, ${naive}))) ELSE ${naive} END`;
  // epoch_us of a TIMESTAMPTZ is the instant; make_timestamp gives it back as UTC wall time
  // without consulting the session's TimeZone setting (which is the machine's zone by default).
  return `CASE WHEN ${text} IS NULL THEN NULL
    WHEN regexp_matches(${text}, '${OFFSET_RE}') THEN make_timestamp(epoch_us(${withOffset}))
    ELSE ${local} END`;
}

/**
 * Whether the slash dates in these text columns of `table` (a stage or parsed rows) are day first:
 * only when some first part exceeds 12 and no second part does (15/02/2026); otherwise month first,
 * as US tools (SurveyMonkey) write.
 */
export async function slashDatesAreDayFirst(ctx: ImportContext, table: string, columns: readonly string[]): Promise<boolean> {
  if (columns.length === 0) return false;
  const values = columns.map((c) => `SELECT ${c} AS v FROM ${table} WHERE ${c} LIKE '%/%'`).join(' UNION ALL ');
  const [row] = await ctx.tx.all<{ first: number; second: number }>(`
    SELECT count(*) FILTER (WHERE try_cast(regexp_extract(v, '^\\s*(\\d{1,2})/(\\d{1,2})/', 1) AS INTEGER) > 12) AS first,
           count(*) FILTER (WHERE try_cast(regexp_extract(v, '^\\s*(\\d{1,2})/(\\d{1,2})/', 2) AS INTEGER) > 12) AS second
    FROM (${values})`);
  return (row?.first ?? 0) > 0 && (row?.second ?? 0) === 0;
}

/**
 * A generic CSV whose columns are mapped to fields — `columnMapping` over the guess from its header
 * (the mapping step fails the file when a required field stays unmapped) — read with the mapped
 * columns only, to parse in one pass (`CsvRead`). `text(field)` is the field's trimmed cell
 * (alias `s`), or null when unmapped.
 */
export async function readMappedCsv<F extends string>(
  ctx: ImportContext,
  spec: { fields: readonly F[]; required: readonly F[]; guess: (columns: readonly string[]) => Partial<Record<F, string>>; what: string },
): Promise<{ read: CsvRead; map: Record<F, string | null>; text: (field: F) => string | null }> {
  const csv = await openCsv(ctx);
  const map = resolveMapping(ctx.path, csv.columns, { ...spec, guess: spec.guess(csv.columns), explicit: ctx.options.columnMapping });
  const read = csv.read(Object.values(map));
  const text = (field: F) => {
    const column = map[field];
    return column === null ? null : textSql(`s.${read.column(column)}`);
  };
  return { read, map, text };
}
