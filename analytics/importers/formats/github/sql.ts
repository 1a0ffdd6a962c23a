/**
 * SQL building blocks shared by the GitHub and Copilot importers. Every identifier comes from code
 * (importer constants and `ctx.temp` names); values are bound as parameters.
 */
import type { ImportContext } from '../../types';
import type { Queryable, SqlParams } from '../../../workspace/workspace';

/**
 * A UTC TIMESTAMP from ISO-8601 text. GitHub writes `…Z` (read directly); an explicit offset is
 * applied; text without a zone is local time in the import's zone, bound as `$tz`. Unparseable → NULL.
 */
export function utcTimestamp(expr: string): string {
  return `(CASE
    WHEN ${expr} IS NULL OR trim(${expr}) = '' THEN NULL
    WHEN suffix(${expr}, 'Z') THEN try_cast(${expr} AS TIMESTAMP)
    WHEN regexp_matches(${expr}, '\\d[T ]\\d.*([+-]\\d{2}(:?\\d{2})?|[zZ]|UTC)\\s*$') THEN try_cast(${expr} AS TIMESTAMPTZ) AT TIME ZONE 'UTC'
    ELSE timezone($tz, try_cast(${expr} AS TIMESTAMP)) AT TIME ZONE 'UTC' END)`;
}

/** Text that is empty or only whitespace counts as missing. */
export const present = (expr: string) => `nullif(trim(${expr}), '')`;

/** A whole number ≥ 1 (GitHub PR numbers), else NULL. */
export const positiveInt = (expr: string) => `(CASE WHEN try_cast(trim(${expr}) AS INTEGER) >= 1 THEN try_cast(trim(${expr}) AS INTEGER) END)`;

/** owner/name from a web URL https://HOST/OWNER/REPO/pull/N (github.com or GitHub Enterprise Server). */
export const repoFromPullUrl = (expr: string) => `nullif(regexp_extract(${expr}, '^https?://[^/]+/([^/]+/[^/]+)/pulls?/\\d+', 1), '')`;

/** owner/name from an API URL https://api.github.com/repos/OWNER/REPO/… or https://HOST/api/v3/repos/… */
export const repoFromApiUrl = (expr: string) => `nullif(regexp_extract(${expr}, '^https?://[^/]+(?:/api/v3)?/repos/([^/]+/[^/?#]+)', 1), '')`;

/** owner/name from a web URL of anything inside a repo (https://HOST/OWNER/REPO/…), not an API URL. */
export const repoFromWebUrl = (expr: string) =>
  `(CASE WHEN NOT regexp_matches(${expr}, '^https?://[^/]+(?:/api/v3)?/repos/') THEN nullif(regexp_extract(${expr}, '^https?://[^/]+/([^/]+/[^/?#]+)', 1), '') END)`;

/** The repo's web address for a repo found through an API URL: api.github.com → github.com, /api/v3 dropped. */
export const repoWebUrl = (apiUrl: string, repo: string) =>
  `(CASE WHEN ${repo} IS NULL THEN NULL
         WHEN regexp_matches(${apiUrl}, '^https?://api\\.github\\.com/') THEN 'https://github.com/' || ${repo}
         ELSE regexp_extract(${apiUrl}, '^(https?://[^/]+)', 1) || '/' || ${repo} END)`;

/** gh prints GitHub App authors as `app/NAME`; the REST API and git spell them `NAME[bot]`. */
export const canonicalLogin = (expr: string) => `(CASE WHEN ${expr} LIKE 'app/%' THEN substr(${expr}, 5) || '[bot]' ELSE ${present(expr)} END)`;

/**
 * GitHub accounts that are bots although their login has no `[bot]` suffix: the Copilot coding
 * agent commits as the Bot-type user `Copilot`; gh prints Copilot's code review bot without it.
 */
export const BOT_ACCOUNTS = ['Copilot', 'copilot-pull-request-reviewer'] as const;
export const loginLooksBot = (login: string) => `(${login} LIKE '%[bot]' OR ${login} IN (${BOT_ACCOUNTS.map((b) => `'${b}'`).join(', ')}))`;

/** "Key: value" trailer lines of a commit message: its last paragraph when every line there is one. */
export function trailers(message: string): string {
  const lastParagraph = `(list_extract(regexp_split_to_array(trim(replace(${message}, chr(13), ''), chr(10) || ' ' || chr(9)), '\\n[ \\t]*\\n\\s*'), -1))`;
  const lines = `list_filter(list_transform(string_split(${lastParagraph}, chr(10)), lambda l: trim(l)), lambda l: l <> '')`;
  return `(CASE
    WHEN ${message} IS NULL THEN NULL
    WHEN NOT regexp_matches(${message}, '\\n[ \\t]*\\r?\\n') THEN []::VARCHAR[]
    ELSE list_transform([${lines}], lambda ls: CASE WHEN len(ls) > 0 AND list_bool_and(list_transform(ls, lambda l: regexp_matches(l, '^[A-Za-z][A-Za-z0-9-]*:[ \\t]+\\S'))) THEN ls ELSE []::VARCHAR[] END)[1] END)`;
}

export interface RejectRule {
  /** The field as the export names it (createdAt, created_at, …). */
  field: string;
  reason: string;
  /** SQL condition over the parsed columns. */
  when: string;
}

/** `CASE … END` giving the 1-based index of the first rule a row breaks, NULL when it breaks none. */
export function rejectCase(rules: readonly RejectRule[]): string {
  return rules.length ? `(CASE ${rules.map((r, i) => `WHEN ${r.when} THEN ${i + 1}`).join(' ')} END)` : 'NULL::INTEGER';
}

/**
 * Store the rows of `table` whose `reject` column names a rule in import_rejects (with their `raw`
 * text, computed only for those rows) and return how many there were. Loads then skip them with
 * `WHERE reject IS NULL`, so no table is rewritten.
 */
export async function storeRejects(ctx: ImportContext, table: string, rules: readonly RejectRule[]): Promise<number> {
  if (rules.length === 0) return 0;
  const { list, params } = ruleLists(rules);
  await ctx.tx.run(
    `INSERT INTO import_rejects (import_id, line, field, reason, raw)
     SELECT $id, line, ${list('f')}[reject], ${list('r')}[reject], raw FROM ${table} WHERE reject IS NOT NULL`,
    { ...params, id: ctx.importId },
  );
  const [row] = await ctx.tx.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table} WHERE reject IS NOT NULL`);
  return row?.n ?? 0;
}

/**
 * The transaction with named parameters bound into every statement that uses them, so SQL handed
 * to the framework's `upsert` (which binds only its own) can still refer to `$tz`.
 */
export function withParams(tx: Queryable, extra: Readonly<Record<string, string | number>>): Queryable {
  const bind = (sql: string, params?: SqlParams): SqlParams | undefined => {
    const used = Object.entries(extra).filter(([name]) => new RegExp(`\\$${name}\\b`).test(sql));
    if (used.length === 0) return params;
    if (Array.isArray(params)) throw new Error('withParams: positional parameters cannot be combined with named ones');
    return { ...(params as Record<string, unknown> | undefined), ...Object.fromEntries(used) } as SqlParams;
  };
  return {
    connection: tx.connection,
    all: (sql, params) => tx.all(sql, bind(sql, params)),
    run: (sql, params) => tx.run(sql, bind(sql, params)),
  };
}

/**
 * Reject the records of `raw` (alias `r` in the rules) that break a rule: they go to import_rejects
 * with their content, and their lines to the temp table `rejectedLines (line, reject)` that later
 * queries exclude. Returns how many. The raw JSON is rebuilt only for the rejected records.
 */
export async function rejectRecords(ctx: ImportContext, raw: string, rules: readonly RejectRule[], rejectedLines: string): Promise<number> {
  const tx = withParams(ctx.tx, { tz: ctx.options.timeZone });
  const [created] = await tx.all<{ Count: number }>(`CREATE TEMP TABLE ${rejectedLines} AS
    SELECT line, reject FROM (SELECT line, ${rejectCase(rules)} AS reject FROM ${raw} r) WHERE reject IS NOT NULL`);
  const n = Number(created?.Count ?? 0);
  if (n > 0) {
    const { list, params } = ruleLists(rules);
    await tx.run(
      `INSERT INTO import_rejects (import_id, line, field, reason, raw)
       SELECT $id, k.line, ${list('f')}[k.reject], ${list('r')}[k.reject], to_json(r)::VARCHAR
       FROM ${rejectedLines} k JOIN ${raw} r ON r.line = k.line`,
      { ...params, id: ctx.importId },
    );
  }
  return n;
}

/**
 * Reject nested items (a PR's commits, reviews…): the items of list column `list` of `records`
 * (named `alias` in `when`) that match `when` are stored with their record's line. The list is
 * filtered before it is unnested, so valid items are never copied. Returns how many.
 */
export async function rejectNested(ctx: ImportContext, records: string, list: string, alias: string, when: string, field: string, reason: string): Promise<number> {
  const rows = await withParams(ctx.tx, { tz: ctx.options.timeZone }).all<{ Count: number }>(
    `INSERT INTO import_rejects (import_id, line, field, reason, raw)
     SELECT $id, line, $field, $reason, to_json(item)::VARCHAR
     FROM (SELECT line, unnest(list_filter(${list}, lambda ${alias}: ${when})) AS item FROM ${records})`,
    { id: ctx.importId, field, reason },
  );
  return Number(rows[0]?.Count ?? 0);
}

function ruleLists(rules: readonly RejectRule[]) {
  const params: Record<string, string> = {};
  rules.forEach((r, i) => {
    params[`f${i}`] = r.field;
    params[`r${i}`] = r.reason;
  });
  return { params, list: (prefix: 'f' | 'r') => `[${rules.map((_, i) => `$${prefix}${i}`).join(', ')}]` };
}
