/**
 * The last step shared by the Jira CSV and JSON importers: from a parsed stage (one row per issue
 * with `line`, `issue_key`, `issue_id`, `parent_ref`, `epic_ref`, `issue_type`, `status`,
 * `status_category_text`, …) to canonical `issues` rows.
 */
import type { ImportContext, TableCounts } from '../../types';
import { upsert } from '../../upsert';
import { ISSUE_KEY_PATTERN, JIRA_STATUS_CATEGORY_NAMES, JIRA_STATUS_NAMES, JIRA_SUBTASK_TYPES, IS_BUG_SQL, lowerListLiteral, mapLiteral } from './issue-types';

/** Issue columns written to the canonical table. */
export const ISSUE_COLUMNS = [
  'issue_key', 'issue_id', 'project', 'summary', 'issue_type', 'is_bug', 'priority', 'status', 'status_category', 'created_at', 'resolved_at',
  'story_points', 'sprint', 'parent_key', 'epic_key', 'components', 'labels', 'dev_pr_count', 'url',
] as const;

/**
 * The last pass, shared with the JSON importer: resolve `parent_ref`/`epic_ref` (a key, or an issue
 * id looked up in this file and then in the workspace) and classify. Only the ids some row refers
 * to are gathered: gathering every id of an org-scale file took a quarter of this pass. A
 * non-sub-task's parent is its epic (Jira's hierarchy: the level above a standard issue is the epic
 * level); `parentNotEpic` is the SQL condition saying otherwise (a sub-task, or a parent whose
 * hierarchy level is not 1); `keep` is the condition, over a row's line, that it was not rejected.
 */
function finalIssuesSql(parsed: string, keep: (line: string) => string, extra: { parentNotEpic: string; statusCategory: string; url: string }): string {
  return `
    WITH refs AS (
      SELECT parent_ref AS ref FROM ${parsed} WHERE NOT regexp_full_match(parent_ref, '${ISSUE_KEY_PATTERN}')
      UNION SELECT epic_ref FROM ${parsed} WHERE NOT regexp_full_match(epic_ref, '${ISSUE_KEY_PATTERN}')),
    ids AS (
      SELECT issue_id, arg_min(issue_key, pri) AS issue_key FROM (
        SELECT issue_id, issue_key, 0 AS pri FROM ${parsed} WHERE ${keep('line')} AND issue_id IN (SELECT ref FROM refs)
        UNION ALL SELECT issue_id, issue_key, 1 AS pri FROM issues WHERE issue_id IN (SELECT ref FROM refs))
      GROUP BY issue_id),
    resolved AS (
      SELECT p.*,
        CASE WHEN regexp_full_match(p.parent_ref, '${ISSUE_KEY_PATTERN}') THEN p.parent_ref ELSE pid.issue_key END AS parent_key,
        CASE WHEN regexp_full_match(p.epic_ref, '${ISSUE_KEY_PATTERN}') THEN p.epic_ref ELSE eid.issue_key END AS epic_link_key
      FROM ${parsed} p
      LEFT JOIN ids pid ON pid.issue_id = p.parent_ref
      LEFT JOIN ids eid ON eid.issue_id = p.epic_ref
      WHERE ${keep('p.line')})
    SELECT line, issue_key, issue_id, project, summary, issue_type,
      ${IS_BUG_SQL('issue_type')} AS is_bug,
      priority, status, ${extra.statusCategory} AS status_category, created_at, resolved_at, story_points, sprint, parent_key,
      coalesce(epic_link_key, CASE WHEN NOT (${extra.parentNotEpic}) THEN parent_key END) AS epic_key,
      components, labels, dev_pr_count, ${extra.url} AS url
    FROM resolved`;
}

/** Sub-task by type name (CSV has no hierarchy level). */
export const SUBTASK_BY_NAME_SQL = `coalesce(list_contains(${lowerListLiteral(JIRA_SUBTASK_TYPES)}, lower(issue_type)), false)`;

/**
 * Status category when the export names it (any UI language), else from the status name of Jira's
 * default workflows, else done when resolved, else in progress for "In …" statuses, else unknown.
 */
export const STATUS_CATEGORY_FROM_TEXT_SQL = `coalesce(
  ${mapLiteral(JIRA_STATUS_CATEGORY_NAMES)}[lower(status_category_text)],
  ${mapLiteral(JIRA_STATUS_NAMES)}[lower(status)],
  CASE WHEN resolved_at IS NOT NULL THEN 'done' END,
  CASE WHEN lower(status) LIKE 'in %' THEN 'indeterminate' END)`;

/** The last pass run and its rows upserted into `issues` (bug types: `readJiraBugTypes`). */
export async function loadIssues(
  ctx: ImportContext,
  parsed: string,
  keep: (line: string) => string,
  bugTypes: readonly string[],
  extra: { parentNotEpic: string; statusCategory: string; url: string },
): Promise<TableCounts> {
  const rows = ctx.temp('jira_rows');
  await ctx.tx.run(`CREATE TEMP TABLE ${rows} AS ${finalIssuesSql(parsed, keep, extra)}`, { bug_types: JSON.stringify(bugTypes) });
  const issues = await upsert(ctx.tx, { table: 'issues', key: ['issue_key'], columns: ISSUE_COLUMNS, stage: rows }, ctx.importId);
  await ctx.tx.run(`DROP TABLE ${rows}`);
  return issues;
}
