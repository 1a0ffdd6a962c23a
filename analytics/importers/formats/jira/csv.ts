/**
 * Jira "Export Excel CSV (all fields)" / "(current fields)" → issues.
 *
 * One pass reads the file with DuckDB (quoting, multi-line cells, BOM, CRLF, repeated headers),
 * keeps only the ~20 columns we load — a 500-column export is never materialised as text — and
 * parses and validates them; a second set-based pass resolves `Parent` issue ids to keys and
 * classifies; the framework's upsert stores. Times carry no zone in these exports: they are the
 * exporting user's wall-clock time, read in ctx.options.timeZone (see time-sql.ts for DST).
 */
import { UndertowError } from '../../../errors';
import { quotedValueSql, recordRejects, type RejectRule } from '../../rejects';
import { blankToNull, sqlList, sqlLiteral, usedParams } from '../../sql';
import { hasColumns, numberedRows, readWithFallback } from '../../stage';
import { assertTimeZone, isoToUtcSql, isUtcZone, localToUtcSql, type ZoneSql } from '../../time-sql';
import type { FormatImporter, ImportContext, LoadResult } from '../../types';
import { planJiraCsvColumns, type JiraCsvColumns } from './csv-columns';
import { ISSUE_KEY_PATTERN, mapLiteral, readJiraBugTypes } from './issue-types';
import { STATUS_CATEGORY_FROM_TEXT_SQL, SUBTASK_BY_NAME_SQL, loadIssues } from './issues-sql';

/** Jira's CSV date formats, most common first. Two-digit years must come before four-digit ones. */
const JIRA_CSV_DATE_FORMATS = [
  '%d/%b/%y %I:%M %p', '%d/%b/%Y %I:%M %p', '%d/%b/%y %H:%M', '%d/%b/%Y %H:%M',
  '%d/%b/%y %I:%M:%S %p', '%d/%b/%Y %I:%M:%S %p', '%d/%b/%y %H:%M:%S', '%d/%b/%Y %H:%M:%S',
  '%Y-%m-%d %H:%M', '%Y-%m-%d %H:%M:%S', '%d.%m.%Y %H:%M', '%d/%b/%y', '%d/%b/%Y', '%Y-%m-%d',
];

/** Month abbreviations Jira writes for other UI languages (de, fr, es, it, nl, pt) → English. */
const LOCAL_MONTHS: Readonly<Record<string, string>> = {
  'mär': 'Mar', mrz: 'Mar', mai: 'May', okt: 'Oct', dez: 'Dec',
  'janv.': 'Jan', janv: 'Jan', 'févr.': 'Feb', 'févr': 'Feb', fevr: 'Feb', mars: 'Mar', 'avr.': 'Apr', avr: 'Apr', juin: 'Jun',
  'juil.': 'Jul', juil: 'Jul', 'août': 'Aug', aout: 'Aug', 'sept.': 'Sep', sept: 'Sep', 'oct.': 'Oct', 'nov.': 'Nov', 'déc.': 'Dec', 'déc': 'Dec',
  ene: 'Jan', 'ene.': 'Jan', 'feb.': 'Feb', 'mar.': 'Mar', abr: 'Apr', 'abr.': 'Apr', 'may.': 'May', 'jun.': 'Jun', 'jul.': 'Jul',
  ago: 'Aug', 'ago.': 'Aug', 'sep.': 'Sep', dic: 'Dec', 'dic.': 'Dec',
  gen: 'Jan', mag: 'May', giu: 'Jun', lug: 'Jul', set: 'Sep', ott: 'Oct', mrt: 'Mar', mei: 'May', fev: 'Feb', out: 'Oct',
};

const MONTH_TOKEN = String.raw`^(\d{1,2})/([^/0-9]+)/`;

/**
 * A Jira CSV date cell (blank already NULL) → its wall-clock TIMESTAMP, NULL when it is not one of
 * Jira's formats (English or translated month names). `jiraCsvUtcSql` converts it.
 */
function jiraCsvLocalSql(text: string): string {
  const formats = sqlList(JIRA_CSV_DATE_FORMATS);
  const localMonth = `${mapLiteral(LOCAL_MONTHS)}[lower(regexp_extract(${text}, '${MONTH_TOKEN}', 2))]`;
  const translated = `regexp_replace(${text}, '${MONTH_TOKEN}', '\\1/' || ${localMonth} || '/')`;
  return `coalesce(try_strptime(${text}, ${formats}), try_strptime(${translated}, ${formats}))`;
}

/**
 * A Jira CSV date → UTC TIMESTAMP: `local` (a column holding `jiraCsvLocalSql` of the cell, computed a
 * projection earlier — the DST-safe conversion reads its argument up to four times, and parsing the
 * text once per read was most of the import) in the export's zone, else ISO 8601 text as written.
 */
function jiraCsvUtcSql(local: string, text: string, zone: ZoneSql): string {
  return `coalesce(${localToUtcSql(local, '$tz', zone)}, ${isoToUtcSql(text, '$tz', zone)})`;
}

/** DuckDB options for Jira's CSV: RFC 4180 with commas. */
const READ_OPTIONS = `header = true, all_varchar = true, delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false`;

/**
 * Read with DuckDB's default row limit (2 MB), which lets it split the file among threads; a row
 * larger than that (Jira allows long descriptions and any number of comment columns) fails the read,
 * which is then run again with a 64 MB limit. That read takes one buffer the size of the limit, so
 * one thread reads a file of up to 64 MB: an org-scale export's parse took 0.84 s that way, 0.50 s
 * split. Both reads are staging, before the import's transaction, so the failed one changes
 * nothing.
 */
const withRowLimit = <T>(read: (options: string) => Promise<T>): Promise<T> =>
  readWithFallback(() => read(READ_OPTIONS), /Maximum line size of \d+ bytes exceeded/, () => read(`${READ_OPTIONS}, max_line_size = 67108864`));

const orNull = (ident: string | null) => ident ?? 'NULL::VARCHAR';
/** A single-valued cell, trimmed, blank → NULL. */
const text = (ident: string | null) => (ident === null ? 'NULL::VARCHAR' : blankToNull(ident));

/**
 * Every copy of a repeated column, trimmed, empties skipped, in file order. (A list comprehension
 * that trims each copy twice took twice as long on an org-scale export.)
 */
function mergedListSql(idents: readonly string[]): string {
  if (idents.length === 0) return 'NULL::VARCHAR[]';
  return `list_filter([${idents.map(blankToNull).join(', ')}], lambda x: x IS NOT NULL)`;
}

/** The last non-blank copy of a repeated column (the current sprint is the last one listed). */
function lastOfSql(idents: readonly string[]): string {
  if (idents.length === 0) return 'NULL::VARCHAR';
  return `coalesce(${[...idents].reverse().map(blankToNull).join(', ')})`;
}

/**
 * Jira's "Development" summary: `{pullrequest={dataType=pullrequest, state=MERGED, stateCount=1},
 * json={…"pullrequest":{"overall":{"count":1,…}}…}}`. Only the PR count is kept (product.md §5).
 * An empty cell or `{}` means no linked PRs (0) — when the export has the column at all.
 */
function devPrCountSql(ident: string | null): string {
  if (ident === null) return 'NULL::INTEGER';
  // The JSON part starts `"pullrequest":{"overall":{"count":N`: a regular expression finds N without
  // parsing JSON for every row; the full parse is the fallback for another key order.
  const direct = `try_cast(nullif(regexp_extract(${ident}, '"pullrequest":\\{"overall":\\{"count":([0-9]+)', 1), '') AS INTEGER)`;
  const json = `regexp_extract(${ident}, 'json=(\\{.*\\})\\}\\s*$', 1)`;
  const parsedJson = `try_cast(json_extract_string(CASE WHEN json_valid(${json}) THEN ${json} END, '$.cachedValue.summary.pullrequest.overall.count') AS INTEGER)`;
  const stateCount = `try_cast(nullif(regexp_extract(${ident}, 'pullrequest=\\{[^}]*?stateCount=([0-9]+)', 1), '') AS INTEGER)`;
  return `CASE WHEN ${ident} IS NULL THEN 0
    WHEN ${ident} NOT LIKE '%pullrequest%' THEN 0
    ELSE coalesce(${direct}, ${parsedJson}, ${stateCount}) END`;
}

function rawProjectionSql(cols: JiraCsvColumns): string {
  const s = cols.single;
  const storyPoints = cols.storyPoints.length ? `coalesce(${cols.storyPoints.map((c) => blankToNull(c)).join(', ')})` : 'NULL::VARCHAR';
  return [
    `${text(s.key)} AS key_text`,
    `${text(s.id)} AS id_text`,
    `${text(s.summary)} AS summary`,
    `${text(s.type)} AS type_text`,
    `${text(s.status)} AS status_text`,
    `${text(s.statusCategory)} AS status_category_text`,
    `${text(s.priority)} AS priority_text`,
    `${text(s.created)} AS created_text`,
    `${text(s.resolved)} AS resolved_text`,
    `${text(s.project)} AS project_text`,
    `coalesce(${blankToNull(orNull(s.parentKey))}, ${blankToNull(orNull(s.parent))}, ${blankToNull(orNull(s.parentId))}) AS parent_ref`,
    `${blankToNull(orNull(s.epicLink))} AS epic_ref`,
    `${storyPoints} AS story_points_text`,
    `${devPrCountSql(s.development)} AS dev_pr_count`,
    `${mergedListSql(cols.multi.labels)} AS labels`,
    `${mergedListSql(cols.multi.components)} AS components`,
    `${lastOfSql(cols.multi.sprints)} AS sprint`,
  ].join(',\n      ');
}

const DATE_EXAMPLES = '(expected e.g. 15/Feb/26 4:37 PM, 15/Feb/2026 16:37 or 2026-02-15T16:37:00+01:00)';

const REJECTS: readonly RejectRule[] = [
  { field: 'Issue key', when: 'issue_key IS NULL', reason: 'Issue key is empty' },
  { field: 'Issue key', when: `NOT regexp_full_match(issue_key, '${ISSUE_KEY_PATTERN}')`, reason: { sql: `'Issue key ' || ${quotedValueSql('issue_key')} || ' is not a Jira issue key like PAY-123'` } },
  { field: 'Created', when: 'created_text IS NULL', reason: 'Created is empty' },
  { field: 'Created', when: 'created_at IS NULL', reason: { sql: `'Created ' || ${quotedValueSql('created_text')} || ' is not a date and time ${DATE_EXAMPLES}'` } },
  { field: 'Resolved', when: 'resolved_text IS NOT NULL AND resolved_at IS NULL', reason: { sql: `'Resolved ' || ${quotedValueSql('resolved_text')} || ' is not a date and time ${DATE_EXAMPLES}'` } },
];

/** A rejected row's raw content: the cells the rules read, not all 500 columns of an export. */
const RAW_JSON = `json_object('Issue key', key_text, 'Issue id', id_text, 'Summary', summary, 'Issue Type', type_text, 'Created', created_text, 'Resolved', resolved_text)`;

async function stagedColumnNames(ctx: ImportContext): Promise<string[]> {
  const rows = await withRowLimit((options) => ctx.tx.all<{ column_name: string }>(`DESCRIBE SELECT * FROM read_csv(${sqlLiteral(ctx.path)}, ${options})`));
  return rows.map((r) => r.column_name);
}

export const jiraCsv: FormatImporter = {
  format: 'jira-csv',
  source: 'jira',
  label: 'Jira issues CSV (Export Excel CSV, all or current fields)',
  detect: (sample) =>
    sample.shape === 'csv' && hasColumns(sample.csvHeader, ['Issue key', 'Summary']) && ['Issue id', 'Issue Type', 'Created'].some((c) => hasColumns(sample.csvHeader, [c]))
      ? 30
      : 0,
  async load(ctx): Promise<LoadResult> {
    await assertTimeZone(ctx);
    const cols = planJiraCsvColumns(await stagedColumnNames(ctx));
    if (cols.single.key === null || cols.single.created === null) {
      throw new UndertowError('invalid_request', `${ctx.path}: a Jira CSV needs the "Issue key" and "Created" columns; add them to the issue search view and export again.`, { file: ctx.path });
    }
    const bugTypes = await readJiraBugTypes(ctx.tx);
    const zone = { utc: isUtcZone(ctx.options.timeZone) };

    ctx.progress('Reading Jira CSV', null);
    // One pass over the file: read, keep the ~20 columns we load, parse and validate them.
    const parsed = ctx.temp('jira_parsed');
    const parse = (options: string) => `CREATE TEMP TABLE ${parsed} AS
       SELECT key_text, id_text, type_text, created_text, resolved_text,
           status_category_text, key_text AS issue_key, id_text AS issue_id, summary, type_text AS issue_type,
           priority_text AS priority, status_text AS status,
           ${jiraCsvUtcSql('created_local', 'created_text', zone)} AS created_at,
           ${jiraCsvUtcSql('resolved_local', 'resolved_text', zone)} AS resolved_at,
           try_cast(replace(story_points_text, ',', '.') AS DOUBLE) AS story_points, sprint,
           coalesce(project_text, regexp_extract(key_text, '^(.*)-[0-9]+$', 1)) AS project,
           parent_ref, epic_ref, components, labels, dev_pr_count
       FROM (SELECT *, ${jiraCsvLocalSql('created_text')} AS created_local, ${jiraCsvLocalSql('resolved_text')} AS resolved_local
             FROM (SELECT ${rawProjectionSql(cols)} FROM read_csv(${sqlLiteral(ctx.path)}, ${options})))`;
    // A UTC import converts nothing, so the zone may go unused.
    await withRowLimit((options) => ctx.tx.run(parse(options), usedParams(parse(options), { tz: ctx.options.timeZone })));
    // Rows keep file order, so the line is the spreadsheet row (header = 1) whatever cells span lines.
    const numbered = await numberedRows(ctx, parsed, 2);
    const rejects = await recordRejects(ctx, numbered, REJECTS, { sql: RAW_JSON });

    ctx.progress('Loading issues', null);
    const issues = await loadIssues(ctx, numbered, rejects.keep, bugTypes, { parentNotEpic: SUBTASK_BY_NAME_SQL, statusCategory: STATUS_CATEGORY_FROM_TEXT_SQL, url: 'NULL::VARCHAR' });
    await rejects.drop();
    await ctx.tx.run(`DROP TABLE ${parsed}`);
    return { tables: [issues], rejected: rejects.rejected };
  },
};

