/**
 * SQL helpers shared by the help-desk and NPS importers: safe quoting of file column names, header
 * matching, one timestamp parser for every date style these exports use, and reject recording
 * with row-specific reasons. Candidates for analytics/importers/ once another family needs them.
 */
import { UndertowError } from '../../../errors';
import type { SqlParams } from '../../../workspace/workspace';
import type { ImportContext } from '../../types';
import { sqlLiteral } from '../../stage';

/**
 * A column name taken from a file's header, quoted as a SQL identifier. File headers are user
 * input: callers only pass names read back from the staged table (see `stageColumnNames`), and
 * embedded double quotes are doubled so a header can never end the identifier.
 */
export function quoteColumn(name: string): string {
  if (name.includes('\0')) throw new Error('NUL in a column name');
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The first `count` records of a CSV, as DuckDB reads them (same quoting and delimiter as the
 * stage): the header rows of a two-row-header export. Cells are strings ('' when empty).
 */
export async function csvHeaderRows(ctx: ImportContext, count: number): Promise<string[][]> {
  const rows = await ctx.tx.all<Record<string, unknown>>(
    `SELECT * FROM read_csv(${sqlLiteral(ctx.path)}, header = false, all_varchar = true, strict_mode = true, null_padding = false) LIMIT ${Math.trunc(count)}`,
  );
  return rows.map((row) => Object.values(row).map((v) => (v === null || v === undefined ? '' : String(v).trim())));
}

/** The staged table's columns in file order, without the `line` the stage adds. */
export async function stageColumnNames(ctx: ImportContext, stage: string): Promise<string[]> {
  const rows = await ctx.tx.all<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE ${stage})`);
  return rows.map((r) => r.column_name).filter((name) => name !== 'line');
}

/**
 * Header matching key: case, spaces, underscores, punctuation and a parenthesised suffix do not
 * matter ("Created At", "created_at", "Created at (UTC)" → "createdat"). `#` is kept (Typeform).
 */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^)]*\)/g, '')
    .replace(/[^\p{L}\p{N}#]+/gu, '');
}

/** The first header whose key equals one of the synonyms' keys, synonyms in order of preference. */
export function findHeader(headers: readonly string[], synonyms: readonly string[], taken: ReadonlySet<string> = new Set()): string | null {
  const keys = headers.map(headerKey);
  for (const synonym of synonyms) {
    const key = headerKey(synonym);
    const index = keys.findIndex((k, i) => k === key && !taken.has(headers[i]!));
    if (index >= 0) return headers[index]!;
  }
  return null;
}

/** A file column named in a mapping, matched to the staged names (exact, then case/space-insensitive). */
export function resolveColumn(columns: readonly string[], wanted: string): string | null {
  if (columns.includes(wanted)) return wanted;
  const trimmed = wanted.trim().toLowerCase();
  return columns.find((c) => c.trim().toLowerCase() === trimmed) ?? null;
}

/**
 * The header cells of a sample: the framework splits on commas; an Excel export in a locale that
 * uses `;` (or a TSV) comes back as one cell, so split that cell on its delimiter instead.
 */
export function headerCells(csvHeader: readonly string[]): string[] {
  if (csvHeader.length === 1) {
    const only = csvHeader[0]!;
    for (const delimiter of [';', '\t', '|']) {
      if (only.includes(delimiter)) return only.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    }
  }
  return [...csvHeader];
}

const BLANKS = `(' ', chr(9), chr(10), chr(13))`;
/**
 * SQL: a cell as trimmed text, NULL when empty or blank. Trimming only cells that start or end
 * with a blank halves the cost on large files (most cells need none).
 */
export const textSql = (cell: string) => {
  const expr = `(${cell})`;
  return `CASE WHEN ${expr} = '' THEN NULL WHEN ${expr}[1] IN ${BLANKS} OR ${expr}[-1] IN ${BLANKS} THEN nullif(trim(${expr}, ' ' || chr(9) || chr(10) || chr(13)), '') ELSE ${expr} END`;
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

const UTC_ZONES = new Set(['utc', 'etc/utc', 'gmt', 'etc/gmt', 'z', 'zulu', 'universal', 'etc/universal']);
export const isUtcZone = (zone: string) => UTC_ZONES.has(zone.trim().toLowerCase());

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
  const local = isUtcZone(style.zone) ? naive : `CASE WHEN regexp_matches(${text}, '\\d:\\d\\d') THEN timezone('UTC', timezone(${sqlLiteral(style.zone)}, ${naive})) ELSE ${naive} END`;
  // epoch_us of a TIMESTAMPTZ is the instant; make_timestamp gives it back as UTC wall time
  // without consulting the session's TimeZone setting (which is the machine's zone by default).
  return `CASE WHEN ${text} IS NULL THEN NULL
    WHEN regexp_matches(${text}, '${OFFSET_RE}') THEN make_timestamp(epoch_us(${withOffset}))
    ELSE ${local} END`;
}

/** Bind only the parameters a statement uses (DuckDB refuses unused named parameters). */
export function paramsFor(sql: string, params: Record<string, string | number | null>): SqlParams {
  return Object.fromEntries(Object.entries(params).filter(([name]) => new RegExp(String.raw`\$${name}\b`).test(sql)));
}

/** Refuse an unknown zone up front with a message that names it, rather than a DuckDB error mid-import. */
export async function assertTimeZone(ctx: ImportContext): Promise<void> {
  const zone = ctx.options.timeZone;
  if (isUtcZone(zone)) return;
  const [row] = await ctx.tx.all<{ n: number }>('SELECT count(*) AS n FROM pg_timezone_names() WHERE name = $tz', { tz: zone });
  if (!row || row.n === 0) {
    throw new UndertowError('invalid_request', `${ctx.path}: unknown time zone "${zone}"; use an IANA name such as Europe/Berlin.`, { file: ctx.path, timeZone: zone });
  }
}

/**
 * Whether the slash dates in these columns are day first: only when some first part exceeds 12
 * and no second part does (15/02/2026); otherwise month first, as US tools (SurveyMonkey) write.
 */
export async function slashDatesAreDayFirst(ctx: ImportContext, stage: string, columns: readonly string[]): Promise<boolean> {
  if (columns.length === 0) return false;
  const values = columns.map((c) => `SELECT ${quoteColumn(c)} AS v FROM ${stage} WHERE ${quoteColumn(c)} LIKE '%/%'`).join(' UNION ALL ');
  const [row] = await ctx.tx.all<{ first: number; second: number }>(`
    SELECT count(*) FILTER (WHERE try_cast(regexp_extract(v, '^\\s*(\\d{1,2})/(\\d{1,2})/', 1) AS INTEGER) > 12) AS first,
           count(*) FILTER (WHERE try_cast(regexp_extract(v, '^\\s*(\\d{1,2})/(\\d{1,2})/', 2) AS INTEGER) > 12) AS second
    FROM (${values})`);
  return (row?.first ?? 0) > 0 && (row?.second ?? 0) === 0;
}

/** Where a reject's raw row comes from: a table with `line`, SQL over its alias `s`, and that SQL's parameters. */
export interface RawRows {
  table: string;
  sql: string;
  params?: Record<string, string | number | null>;
}

export interface RowCheck {
  /** The field named in the reject (the file's column name). */
  field: string | null;
  /** SQL condition over the parsed table that rejects the row. */
  when: string;
  /** SQL VARCHAR expression: the reason, which may quote the offending value. */
  reason: string;
}

export interface Rejected {
  rejected: number;
  /** SQL condition over a row's `line` that keeps only rows no check rejected. */
  keep: (line: string) => string;
  /** Drop the temp table behind `keep` (call after the last use). */
  drop: () => Promise<void>;
}

/**
 * Record the rows of `rows` (a table or subquery with `line`) that fail a check in import_rejects —
 * first failing check wins — with the raw row from `raw` (SQL over its alias `s`). Unlike the
 * framework's recordRejects, the checks run on parsed values, only rejected rows are materialised
 * (the raw JSON is built for them alone), reasons can quote the bad value, and the staged rows are
 * not rewritten: callers filter with `keep(line)` instead of deleting, which saves a full copy.
 */
export async function rejectRows(
  ctx: ImportContext,
  rows: string,
  raw: RawRows,
  checks: readonly RowCheck[],
  params: Record<string, string | number | null> = {},
): Promise<Rejected> {
  const rejects = ctx.temp('rejects');
  const rule = checks.map((c, i) => `WHEN ${c.when} THEN ${i}`).join(' ');
  const reason = checks.map((c) => `WHEN ${c.when} THEN ${c.reason}`).join(' ');
  const create = checks.length
    ? `CREATE TEMP TABLE ${rejects} AS
       SELECT line, CASE ${rule} END AS rule, CASE ${reason} END AS reason FROM ${rows} WHERE ${checks.map((c) => `(${c.when})`).join(' OR ')}`
    : `CREATE TEMP TABLE ${rejects} (line BIGINT, rule INTEGER, reason VARCHAR)`;
  await ctx.tx.run(create, paramsFor(create, params));
  const [count] = await ctx.tx.all<{ n: number }>(`SELECT count(*) AS n FROM ${rejects}`);
  const n = count?.n ?? 0;
  if (n > 0) {
    await ctx.tx.run(
      `INSERT INTO import_rejects (import_id, line, field, reason, raw)
       SELECT $id, r.line, ($fields::VARCHAR[])[r.rule + 1], r.reason, (${raw.sql})::VARCHAR
       FROM ${rejects} r JOIN ${raw.table} s ON s.line = r.line ORDER BY r.line`,
      { ...raw.params, id: ctx.importId, fields: checks.map((c) => c.field) },
    );
  }
  return {
    rejected: n,
    keep: (line) => (n > 0 ? `${line} NOT IN (SELECT line FROM ${rejects})` : 'true'),
    drop: () => ctx.tx.run(`DROP TABLE ${rejects}`),
  };
}

/**
 * The mapping used for one file: explicit `columnMapping` entries for these fields (validated
 * against the file's columns) over the guessed ones. When a required field stays unresolved the
 * file fails with the mapping-step error: it names the fields to map and lists the columns.
 */
export function resolveMapping<F extends string>(
  path: string,
  columns: readonly string[],
  spec: { fields: readonly F[]; required: readonly F[]; guess: Partial<Record<F, string>>; explicit: Record<string, string> | undefined; what: string },
): Record<F, string | null> {
  const resolved = Object.fromEntries(spec.fields.map((f) => [f, spec.guess[f] ?? null])) as Record<F, string | null>;
  const listed = columns.map((c) => `"${c}"`).join(', ');
  const explicit = spec.explicit ?? {};
  for (const field of spec.fields) {
    const wanted = explicit[field];
    if (wanted === undefined || wanted === '') continue;
    const column = resolveColumn(columns, wanted);
    if (column === null) {
      throw new UndertowError('invalid_request', `${path}: the column mapping names "${wanted}" for ${field}, but the file has no such column. Columns: ${listed}.`, {
        file: path,
        field,
        columns: columns.join('\n'),
      });
    }
    // A column mapped explicitly is not also used by a guessed field.
    for (const other of spec.fields) if (other !== field && resolved[other] === column && !explicit[other]) resolved[other] = null;
    resolved[field] = column;
  }
  const missing = spec.required.filter((f) => resolved[f] === null);
  if (missing.length > 0) {
    throw new UndertowError(
      'invalid_request',
      `${path}: cannot tell which column holds the ${missing.join(' and ')} of ${spec.what}. Map ${missing.length > 1 ? 'them' : 'it'} (column mapping) to one of the file's columns: ${listed}.`,
      { file: path, unresolved: missing.join(','), columns: columns.join('\n') },
    );
  }
  return resolved;
}

export { firstCsvRecords } from '../../sample';

/** A JSON object of a staged row keyed by the file's header texts (bound as parameters), for rejects. */
export function rawRowByHeader(headers: readonly string[], columns: readonly string[]): { sql: string; params: Record<string, string> } {
  const seen = new Map<string, number>();
  const params: Record<string, string> = {};
  const pairs = columns.map((column, i) => {
    const base = headers[i] || column;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    params[`k${i}`] = n === 0 ? base : `${base} (${n + 1})`;
    return `$k${i}, s.${quoteColumn(column)}`;
  });
  return { sql: `json_object(${pairs.join(', ')})`, params };
}
