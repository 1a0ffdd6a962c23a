/**
 * GitHub Copilot usage exports → copilot_usage (one row per day and user, or per day for the org):
 * - the usage-metrics users report (1-day or 28-day), NDJSON or a JSON array of user-days
 *   (`user_login`, `day`, `loc_added_sum`, `loc_suggested_to_add_sum`, `user_initiated_interaction_count`, …);
 * - the organization / enterprise report (1-day or 28-day): records with `day_totals[]`;
 * - the legacy `GET /orgs/{org}/copilot/metrics` day array (`date`, nested IDE completion breakdowns).
 * Unknown keys are ignored. See docs/formats/copilot.md.
 */
import { upsert } from '../../upsert';
import type { FileSample, FormatImporter, ImportContext, LoadResult } from '../../types';
import { firstRecordOf } from '../../sample';
import { numberedRows, readWithFallback } from '../../stage';
import { jsonRecordsRaw, readJsonRecords, type RecordSpec } from '../../stage-json';
import { recordRejects, type RejectRule } from '../../rejects';
import { blankToNull as present } from '../../sql';
import { rejectNested } from '../github/sql';

const COLUMNS = ['day', 'scope', 'user_login', 'loc_suggested', 'loc_added', 'interactions', 'active'];
const day = (expr: string) => `try_cast(trim(${expr}) AS DATE)`;
/**
 * A count as text → BIGINT, the way DuckDB's JSON reader converts a number it reads as BIGINT (so
 * the users report's two reads agree: 2.5 → 2, half to even; true → 1); text that is no JSON number → NULL.
 */
const count = (expr: string) => `try_cast(try_cast(${expr} AS JSON) AS BIGINT)`;

/** A users report's fields as text: the read that cannot fail on a value (see `loadUsers`). */
const USERS_TEXT: RecordSpec = {
  user_login: 'VARCHAR',
  day: 'VARCHAR',
  loc_added_sum: 'VARCHAR',
  loc_suggested_to_add_sum: 'VARCHAR',
  user_initiated_interaction_count: 'VARCHAR',
};

/** The same fields with their own types: DuckDB converts them as it reads, and fails on a value it cannot. */
const USERS_TYPED: RecordSpec = { ...USERS_TEXT, day: 'DATE', loc_added_sum: 'BIGINT', loc_suggested_to_add_sum: 'BIGINT', user_initiated_interaction_count: 'BIGINT' };

/** A users report's records, parsed as they are read, and their checks: from text, or as DuckDB converted them. */
const USERS = {
  typed: {
    spec: USERS_TYPED,
    select: `nullif(trim(user_login), '') AS user_login, "day", loc_suggested_to_add_sum AS loc_suggested, loc_added_sum AS loc_added,
             user_initiated_interaction_count AS interactions`,
    rules: [
      { field: 'user_login', reason: 'user_login is missing', when: 'r.user_login IS NULL' },
      // A day that is not a date fails the typed read: here NULL is a missing day.
      { field: 'day', reason: 'day is missing', when: 'r.day IS NULL' },
    ],
  },
  text: {
    spec: USERS_TEXT,
    select: `nullif(trim(user_login), '') AS user_login, nullif(trim("day"), '') AS day_text, ${day('"day"')} AS "day",
             ${count('loc_suggested_to_add_sum')} AS loc_suggested, ${count('loc_added_sum')} AS loc_added, ${count('user_initiated_interaction_count')} AS interactions`,
    rules: [
      { field: 'user_login', reason: 'user_login is missing', when: 'r.user_login IS NULL' },
      { field: 'day', reason: 'day is missing', when: 'r.day_text IS NULL' },
      { field: 'day', reason: 'day is not a date (YYYY-MM-DD)', when: 'r.day IS NULL' },
    ],
  },
} satisfies Record<string, { spec: RecordSpec; select: string; rules: readonly RejectRule[] }>;

/** DuckDB's message when a JSON value does not convert to the type it is read as. */
const CONVERSION_FAILED = /JSON transform error/;

/**
 * The users report: one pass parses each record into its canonical values, the checks read those,
 * and the upsert reads the rows they kept. (Staging the fields as text and parsing them in the
 * checks, the key count and the insert, each again, took twice as long.) Rows are numbered from
 * their row ids, not in a stored column: storing it took 17-26 ms of a 0.45 s org-scale import.
 *
 * DuckDB first reads the fields with their own types, about a quarter faster than reading text and
 * converting it (org scale: 0.16-0.18 s against 0.20-0.24 s). A value that does not convert (a day that is not a date, a count that is not a
 * number) fails that read, and the file is read again as text, each value checked on its own. Both
 * reads are staging, before the import's transaction, so the failed one changes nothing; and both
 * give the same values for what they both accept.
 */
async function loadUsers(ctx: ImportContext): Promise<LoadResult> {
  let read = USERS.typed;
  const readAs = (r: typeof read) => readJsonRecords(ctx, 'copilot_users', r.spec, undefined, { select: r.select, lineColumn: false });
  const parsed = await readWithFallback(() => readAs(read), CONVERSION_FAILED, () => {
    read = USERS.text;
    return readAs(read);
  });
  const rows = await numberedRows(ctx, parsed);
  const rejects = await recordRejects(ctx, rows, read.rules, await jsonRecordsRaw(ctx));
  const usage = await upsert(
    ctx.tx,
    {
      table: 'copilot_usage',
      key: ['day', 'scope', 'user_login'],
      columns: COLUMNS,
      // A user appears in the report for the days they used Copilot.
      stage: `(SELECT line, "day", 'user' AS scope, user_login, loc_suggested, loc_added, interactions, true AS active FROM ${rows} WHERE ${rejects.keep()})`,
    },
    ctx.importId,
  );
  await rejects.drop();
  await ctx.tx.run(`DROP TABLE ${parsed}`);
  return { tables: [usage], rejected: rejects.rejected };
}

const ORG_SPEC: RecordSpec = {
  organization_id: 'VARCHAR',
  enterprise_id: 'VARCHAR',
  day_totals: [{ day: 'VARCHAR', loc_added_sum: 'VARCHAR', loc_suggested_to_add_sum: 'VARCHAR', user_initiated_interaction_count: 'VARCHAR' }],
};

/**
 * Organization/enterprise reports: one row per day. A file holding several 28-day reports of the
 * same entity (overlapping windows) counts each day once (the later report wins); reports of
 * different entities in one file add up.
 */
async function loadOrg(ctx: ImportContext): Promise<LoadResult> {
  const raw = await readJsonRecords(ctx, 'copilot_org_raw', ORG_SPEC);
  const rejected = await rejectNested(ctx, raw, 'day_totals', 'd', `${day('d.day')} IS NULL`, 'day_totals.day', 'a day of this report is missing or not a date (YYYY-MM-DD)');
  const usage = await upsert(
    ctx.tx,
    {
      table: 'copilot_usage',
      key: ['day', 'scope', 'user_login'],
      columns: COLUMNS,
      stage: `(SELECT max(line) AS line, day, 'org' AS scope, '' AS user_login, sum(loc_suggested) AS loc_suggested, sum(loc_added) AS loc_added,
                      sum(interactions) AS interactions, NULL::BOOLEAN AS active
               FROM (SELECT line, entity, ${day('d.day')} AS day, ${count('d.loc_suggested_to_add_sum')} AS loc_suggested,
                            ${count('d.loc_added_sum')} AS loc_added, ${count('d.user_initiated_interaction_count')} AS interactions
                     FROM (SELECT line, coalesce(organization_id, enterprise_id, '') AS entity, unnest(day_totals) AS d FROM ${raw})
                     WHERE ${day('d.day')} IS NOT NULL
                     QUALIFY row_number() OVER (PARTITION BY entity, day ORDER BY line DESC) = 1)
               GROUP BY day)`,
    },
    ctx.importId,
  );
  await ctx.tx.run(`DROP TABLE ${raw}`);
  return { tables: [usage], rejected };
}

const LANGUAGE = { total_code_lines_suggested: 'VARCHAR', total_code_lines_accepted: 'VARCHAR' };
const LEGACY_SPEC: RecordSpec = {
  date: 'VARCHAR',
  copilot_ide_code_completions: { editors: [{ models: [{ languages: [LANGUAGE] }] }] },
  copilot_ide_chat: { editors: [{ models: [{ total_chats: 'VARCHAR' }] }] },
  copilot_dotcom_chat: { models: [{ total_chats: 'VARCHAR' }] },
};

const LEGACY_RULES: readonly RejectRule[] = [
  { field: 'date', reason: 'date is missing', when: `${present('r.date')} IS NULL` },
  { field: 'date', reason: 'date is not a date (YYYY-MM-DD)', when: `${day('r.date')} IS NULL` },
];

/** Sum of a numeric field over a list of lists …: flatten the nesting, then add up. */
const sumOf = (list: string) => `coalesce(list_sum(list_transform(${list}, lambda x: try_cast(x AS BIGINT))), 0)`;

/**
 * Legacy `/copilot/metrics`: per date, IDE code-completion lines suggested / accepted summed over
 * editors, models and languages; interactions = IDE plus github.com chats.
 */
async function loadLegacy(ctx: ImportContext): Promise<LoadResult> {
  const raw = await readJsonRecords(ctx, 'copilot_legacy_raw', LEGACY_SPEC);
  const rejects = await recordRejects(ctx, raw, LEGACY_RULES, { sql: 'to_json(s)' }, { tz: ctx.options.timeZone });
  const rejected = rejects.rejected;
  const languages = `flatten(flatten(list_transform(r.copilot_ide_code_completions.editors, lambda e: list_transform(e.models, lambda m: m.languages))))`;
  const ideChats = `flatten(list_transform(r.copilot_ide_chat.editors, lambda e: list_transform(e.models, lambda m: m.total_chats)))`;
  const usage = await upsert(
    ctx.tx,
    {
      table: 'copilot_usage',
      key: ['day', 'scope', 'user_login'],
      columns: COLUMNS,
      stage: `(SELECT line, ${day('r.date')} AS day, 'org' AS scope, '' AS user_login,
                      CASE WHEN r.copilot_ide_code_completions IS NOT NULL THEN ${sumOf(`list_transform(${languages}, lambda l: l.total_code_lines_suggested)`)} END AS loc_suggested,
                      CASE WHEN r.copilot_ide_code_completions IS NOT NULL THEN ${sumOf(`list_transform(${languages}, lambda l: l.total_code_lines_accepted)`)} END AS loc_added,
                      CASE WHEN r.copilot_ide_chat IS NOT NULL OR r.copilot_dotcom_chat IS NOT NULL
                           THEN ${sumOf(ideChats)} + ${sumOf('list_transform(r.copilot_dotcom_chat.models, lambda m: m.total_chats)')} END AS interactions,
                      NULL::BOOLEAN AS active
               FROM ${raw} r WHERE ${rejects.keep()})`,
    },
    ctx.importId,
  );
  await rejects.drop();
  await ctx.tx.run(`DROP TABLE ${raw}`);
  return { tables: [usage], rejected };
}

const record = (sample: FileSample) => firstRecordOf(sample);

export const copilotUsersReport: FormatImporter = {
  format: 'copilot-usage-users',
  source: 'copilot',
  label: 'Copilot usage metrics, users report (NDJSON or JSON, 1-day or 28-day)',
  detect: (sample) => {
    const r = record(sample);
    return r && 'user_login' in r && 'day' in r ? 30 : 0;
  },
  load: loadUsers,
};

export const copilotOrgReport: FormatImporter = {
  format: 'copilot-usage-org',
  source: 'copilot',
  label: 'Copilot usage metrics, organization or enterprise report (day_totals, 1-day or 28-day)',
  detect: (sample) => {
    const r = record(sample);
    return r && Array.isArray(r.day_totals) ? 30 : 0;
  },
  load: loadOrg,
};

export const copilotLegacyMetrics: FormatImporter = {
  format: 'copilot-metrics-legacy',
  source: 'copilot',
  label: 'Copilot metrics, legacy API (GET /orgs/{org}/copilot/metrics)',
  detect: (sample) => {
    const r = record(sample);
    return r && 'date' in r && ('copilot_ide_code_completions' in r || 'copilot_ide_chat' in r || 'total_engaged_users' in r) ? 30 : 0;
  },
  load: loadLegacy,
};
