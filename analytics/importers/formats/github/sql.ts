/**
 * SQL building blocks shared by the GitHub and Copilot importers. Every identifier comes from code
 * (importer constants and `ctx.temp` names); values are bound as parameters.
 */
import { blankToNull, withParams } from '../../sql';
import type { ImportContext } from '../../types';

/**
 * A UTC TIMESTAMP from ISO-8601 text. GitHub writes `…Z` (read directly); an explicit offset is
 * applied; text without a zone is local time in the import's zone, bound as `$tz`. Unparseable → NULL.
 */
export function utcTimestamp(expr: string): string {
  // GitHub's own `…Z` first: it needs no blank test (the trim would copy every value).
  return `(CASE
    WHEN suffix(${expr}, 'Z') THEN try_cast(${expr} AS TIMESTAMP)
    WHEN ${expr} IS NULL OR trim(${expr}) = '' THEN NULL
    WHEN regexp_matches(${expr}, '\\d[T ]\\d.*([+-]\\d{2}(:?\\d{2})?|[zZ]|UTC)\\s*$') THEN try_cast(${expr} AS TIMESTAMPTZ) AT TIME ZONE 'UTC'
    ELSE timezone($tz, try_cast(${expr} AS TIMESTAMP)) AT TIME ZONE 'UTC' END)`;
}

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
export const canonicalLogin = (expr: string) => `(CASE WHEN ${expr} LIKE 'app/%' THEN substr(${expr}, 5) || '[bot]' ELSE ${blankToNull(expr)} END)`;

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
    WHEN NOT contains(${message}, chr(10)) OR NOT regexp_matches(${message}, '\\n[ \\t]*\\r?\\n') THEN []::VARCHAR[]
    ELSE list_transform([${lines}], lambda ls: CASE WHEN len(ls) > 0 AND list_bool_and(list_transform(ls, lambda l: regexp_matches(l, '^[A-Za-z][A-Za-z0-9-]*:[ \\t]+\\S'))) THEN ls ELSE []::VARCHAR[] END)[1] END)`;
}

/**
 * Reject nested items (a PR's commits, reviews…): the items of list column `list` of `records`
 * (named `alias` in `when`) that match `when` are stored with their record's line. The list is
 * filtered before it is unnested, so valid items are never copied. Returns how many.
 */
export async function rejectNested(ctx: ImportContext, records: string, list: string, alias: string, when: string, field: string, reason: string): Promise<number> {
  const rows = await withParams(ctx.tx, { tz: ctx.options.timeZone }).all<{ Count: number }>(
    `INSERT INTO ${ctx.rejects} (line, field, reason, raw)
     SELECT line, $field, $reason, to_json(item)::VARCHAR
     FROM (SELECT line, unnest(list_filter(${list}, lambda ${alias}: ${when})) AS item FROM ${records})`,
    { field, reason },
  );
  return Number(rows[0]?.Count ?? 0);
}

/**
 * Reject the nested items already unnested into `table` (one row per item, with its record's
 * `line`): the rows whose `invalid_item` column holds the item's JSON are stored with it. The
 * unnesting pass computes that column only for the items that fail, so valid ones are never
 * serialised and the list is read once. Returns how many.
 */
export async function rejectUnnested(ctx: ImportContext, table: string, field: string, reason: string): Promise<number> {
  const rows = await ctx.tx.all<{ Count: number }>(
    `INSERT INTO ${ctx.rejects} (line, field, reason, raw)
     SELECT line, $field, $reason, invalid_item FROM ${table} WHERE invalid_item IS NOT NULL`,
    { field, reason },
  );
  return Number(rows[0]?.Count ?? 0);
}
