/**
 * People and repos seen in GitHub exports. Each importer gathers who appears in its file (PR
 * authors, reviewers, commit authors) and which repos; these helpers merge them into the canonical
 * tables so that a later file only adds what it knows.
 */
import type { ImportContext, TableCounts } from '../../types';
import { upsert } from '../../upsert';

/**
 * A query with one row per appearance of a login:
 *   line BIGINT, login VARCHAR, profile_name VARCHAR (GitHub profile name), commit_name VARCHAR
 *   (git author name), email VARCHAR, is_bot BOOLEAN (NULL when the source does not say).
 */
export type PeopleSource = string;

/**
 * Upsert people: the profile name wins over a stored name, a git author name only fills in what is
 * missing, an email fills in or replaces a GitHub noreply address, and a login once seen as a bot
 * stays one (people.is_bot is never NULL).
 */
export async function upsertPeople(ctx: ImportContext, source: PeopleSource): Promise<TableCounts> {
  const stage = ctx.temp('people');
  await ctx.tx.run(`CREATE TEMP TABLE ${stage} AS
    WITH seen AS (
      SELECT max(line) AS line, login,
             arg_max(profile_name, line) FILTER (WHERE nullif(trim(profile_name), '') IS NOT NULL) AS profile_name,
             arg_max(commit_name, line) FILTER (WHERE nullif(trim(commit_name), '') IS NOT NULL) AS commit_name,
             -- A work address over GitHub's private noreply address, then the latest.
             arg_max(email, (email NOT LIKE '%@users.noreply.github.com', line)) FILTER (WHERE nullif(trim(email), '') IS NOT NULL) AS email,
             bool_or(is_bot) AS is_bot
      FROM (${source}) WHERE login IS NOT NULL AND login <> '' GROUP BY login)
    SELECT s.line, s.login,
           coalesce(s.profile_name, t.display_name, s.commit_name) AS display_name,
           CASE WHEN t.email IS NULL OR (t.email LIKE '%@users.noreply.github.com' AND s.email NOT LIKE '%@users.noreply.github.com') THEN s.email
                ELSE t.email END AS email,
           coalesce(s.is_bot, false) OR coalesce(t.is_bot, false) AS is_bot
    FROM seen s LEFT JOIN people t ON t.login = s.login`);
  const counts = await upsert(ctx.tx, { table: 'people', key: ['login'], columns: ['login', 'display_name', 'email', 'is_bot'], stage }, ctx.importId);
  await ctx.tx.run(`DROP TABLE ${stage}`);
  return counts;
}

/** A query with `line BIGINT, repo VARCHAR, url VARCHAR, default_branch VARCHAR` rows. */
export async function upsertRepos(ctx: ImportContext, source: string): Promise<TableCounts> {
  const stage = ctx.temp('repos');
  await ctx.tx.run(`CREATE TEMP TABLE ${stage} AS
    SELECT max(line) AS line, repo, arg_max(url, line) FILTER (WHERE url IS NOT NULL) AS url,
           arg_max(default_branch, line) FILTER (WHERE default_branch IS NOT NULL) AS default_branch
    FROM (${source}) WHERE repo IS NOT NULL GROUP BY repo`);
  const counts = await upsert(ctx.tx, { table: 'repos', key: ['repo'], columns: ['repo', 'url', 'default_branch'], stage }, ctx.importId);
  await ctx.tx.run(`DROP TABLE ${stage}`);
  return counts;
}
