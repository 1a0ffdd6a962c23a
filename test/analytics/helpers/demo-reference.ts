/**
 * Test oracle: the demo org as canonical rows (product.md §3), straight from the generator's model,
 * table by table — what the importers must reconstruct from the demo's export files. Revert and
 * hotfix flags come from titles, bodies and branches, Jira status categories from Jira's own names.
 * AI attribution is not here: it is derived by the engine (analytics/attribution) and checked
 * against the generator's ground truth in attribution-demo.test.ts.
 */
import type { DemoOrg, JiraStatusCategory } from '../../../analytics/demo/model';
import { jiraIssueUrl, pagerDutyIncidentUrl } from '../../../analytics/demo/org';
import type { Cell } from './demo-bulk';

export interface TableRows {
  table: string;
  columns: readonly string[];
  rows: Cell[][];
}

const STATUS_CATEGORY: Readonly<Record<JiraStatusCategory, string>> = { 'To Do': 'new', 'In Progress': 'indeterminate', Done: 'done' };
const REVERT_BODY = /Reverts ([\w.-]+\/[\w.-]+)#(\d+)/;

function commitMessage(headline: string, body: string): string {
  return body ? `${headline}\n\n${body}` : headline;
}

/** Git trailers: "Key: value" lines of a message's last paragraph (independent of the importer's SQL). */
function trailersOf(message: string): string[] {
  const paragraphs = message.trim().split(/\n\s*\n/);
  const last = paragraphs.length > 1 ? paragraphs[paragraphs.length - 1]! : '';
  const lines = last.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  return lines.length > 0 && lines.every((l) => /^[A-Za-z][A-Za-z0-9-]*: \S/.test(l)) ? lines : [];
}

/** Every canonical table's rows; `importId` is stamped into source_import. */
export function canonicalRows(org: DemoOrg, importId: number): TableRows[] {
  const teamName = new Map(org.teams.map((t) => [t.id, t.name]));
  const serviceName = new Map(org.services.map((s) => [s.id, s.name]));

  const tables: TableRows[] = [];
  tables.push({
    table: 'teams',
    columns: ['team_id', 'name', 'source_import'],
    rows: org.teams.map((t) => [t.id, t.name, importId]),
  });
  tables.push({
    table: 'org_map',
    columns: ['type', 'key', 'team_id', 'seniority', 'source_import'],
    rows: [
      ...org.people.map((p): Cell[] => ['person', p.login, p.teamId, p.seniority, importId]),
      ...org.repos.map((r): Cell[] => ['repo', r.repo, r.teamId, null, importId]),
      ...org.services.map((s): Cell[] => ['service', s.id, s.teamId, null, importId]),
      ...org.teams.map((t): Cell[] => ['jira_project', t.jiraKey, t.id, null, importId]),
    ],
  });
  tables.push({
    table: 'people',
    columns: ['login', 'display_name', 'email', 'is_bot', 'source_import'],
    rows: [
      ...org.people.map((p): Cell[] => [p.login, p.name, p.email, false, importId]),
      ...org.bots.map((b): Cell[] => [b.login, b.commitName, null, true, importId]),
    ],
  });
  tables.push({
    table: 'repos',
    columns: ['repo', 'url', 'default_branch', 'source_import'],
    rows: org.repos.map((r) => [r.repo, `https://github.com/${r.repo}`, 'main', importId]),
  });
  tables.push({
    table: 'services',
    columns: ['service_id', 'name', 'source_import'],
    rows: org.services.map((s) => [s.id, s.name, importId]),
  });

  const prRows: Cell[][] = [];
  const commitRows: Cell[][] = [];
  const reviewRows: Cell[][] = [];
  for (const pr of org.pullRequests) {
    const revert = REVERT_BODY.exec(pr.body);
    const isRevert = pr.title.startsWith('Revert "') || revert !== null;
    prRows.push([
      pr.repo, pr.number, pr.title, pr.body, pr.author, pr.headRef, pr.baseRef, pr.state, pr.isDraft,
      pr.createdMs, pr.mergedMs, pr.closedMs, pr.additions, pr.deletions, pr.changedFiles, pr.labels,
      pr.mergeCommitSha, `https://github.com/${pr.repo}/pull/${pr.number}`,
      isRevert, revert && revert[1] === pr.repo ? Number(revert[2]) : null, pr.headRef.startsWith('hotfix/'), importId,
    ]);
    for (const c of pr.commits) {
      const author = c.authors[0]!;
      commitRows.push([pr.repo, c.sha, pr.number, author.login || null, author.name, author.email, c.authoredMs, c.committedMs, commitMessage(c.headline, c.body), c.additions, c.deletions, trailersOf(commitMessage(c.headline, c.body)), importId]);
    }
    for (const r of pr.reviews) reviewRows.push([pr.repo, pr.number, r.id, r.reviewer, r.state, r.submittedMs, importId]);
  }
  tables.push({
    table: 'pull_requests',
    columns: ['repo', 'number', 'title', 'body', 'author', 'head_ref', 'base_ref', 'state', 'is_draft', 'created_at', 'merged_at', 'closed_at', 'additions', 'deletions', 'changed_files', 'labels', 'merge_commit_sha', 'url', 'is_revert', 'reverts_pr', 'is_hotfix', 'source_import'],
    rows: prRows,
  });
  tables.push({
    table: 'commits',
    columns: ['repo', 'sha', 'pr_number', 'author_login', 'author_name', 'author_email', 'authored_at', 'committed_at', 'message', 'additions', 'deletions', 'trailers', 'source_import'],
    rows: commitRows,
  });
  tables.push({
    table: 'reviews',
    columns: ['repo', 'pr_number', 'review_id', 'reviewer', 'state', 'submitted_at', 'source_import'],
    rows: reviewRows,
  });
  tables.push({
    table: 'deployments',
    columns: ['repo', 'deployment_id', 'service_id', 'sha', 'ref', 'environment', 'status', 'created_at', 'finished_at', 'source_import'],
    rows: org.deployments.map((d) => [d.repo, String(d.id), d.serviceId, d.sha, d.ref, d.environment, d.status, d.createdMs, d.finishedMs, importId]),
  });
  tables.push({
    table: 'issues',
    columns: ['issue_key', 'issue_id', 'project', 'summary', 'issue_type', 'is_bug', 'priority', 'status', 'status_category', 'created_at', 'resolved_at', 'story_points', 'sprint', 'parent_key', 'epic_key', 'components', 'labels', 'dev_pr_count', 'url', 'source_import'],
    rows: org.issues.map((i) => [
      i.key, String(i.id), i.projectKey, i.summary, i.type, i.type === 'Bug', i.priority, i.status, STATUS_CATEGORY[i.statusCategory],
      i.createdMs, i.resolvedMs, i.storyPoints, i.sprints.at(-1) ?? null, i.epicKey, i.epicKey, i.components, i.labels,
      i.devPrCount, jiraIssueUrl(i.key), importId,
    ]),
  });
  tables.push({
    table: 'incidents',
    columns: ['source', 'incident_id', 'number', 'title', 'service_id', 'service_name', 'urgency', 'priority', 'status', 'created_at', 'resolved_at', 'source_team', 'url', 'source_import'],
    // Older PagerDuty records lack resolved_at; the importer takes last_status_change_at, which is
    // the resolution time for a resolved incident — the same instant stored here.
    rows: org.incidents.map((i) => ['pagerduty', i.id, i.number, i.title, i.serviceId, serviceName.get(i.serviceId) ?? null, i.urgency, i.priority, i.status, i.createdMs, i.resolvedMs, teamName.get(i.teamId) ?? null, pagerDutyIncidentUrl(i.id), importId]),
  });
  tables.push({
    table: 'tickets',
    columns: ['source', 'ticket_id', 'subject', 'status', 'priority', 'ticket_type', 'tags', 'account', 'created_at', 'solved_at', 'source_import'],
    rows: org.tickets.map((t) => ['zendesk', String(t.id), t.subject, t.status, t.priority, t.type, t.tags, t.account, t.createdMs, t.solvedMs, importId]),
  });
  tables.push({
    table: 'nps_responses',
    columns: ['source', 'response_id', 'responded_at', 'score', 'account', 'segment', 'comment', 'source_import'],
    rows: org.npsResponses.map((r) => ['nps', r.id, r.dayMs, r.score, r.account, r.segment, r.comment || null, importId]),
  });
  tables.push({
    table: 'copilot_usage',
    columns: ['day', 'scope', 'user_login', 'loc_suggested', 'loc_added', 'interactions', 'active', 'source_import'],
    rows: org.copilotUsage.map((u) => [u.dayMs, 'user', u.login, u.locSuggested, u.locAdded, u.interactions, true, importId]),
  });
  return tables;
}
