/**
 * Jira Cloud "Export Excel CSV (all fields)": one file per 1,000 issues of a project (Jira's export
 * limit), repeated headers for multi-valued fields (Component/s, Labels, Sprint, Watchers — as many
 * copies as the file's busiest issue needs), dates as `dd/MMM/yy h:mm a` in the org's zone
 * (Europe/Berlin) with no zone marker, `Parent` holding the parent's issue id, CRLF records with
 * line breaks kept inside quoted cells.
 */
import type { DemoIssue, DemoPerson, DemoTeam } from '../model';
import { berlinOffsetMs, jiraDateTime } from '../period';
import { toCsv, type CsvValue } from './csv';

export const JIRA_ISSUES_PER_FILE = 1000;

function jiraDate(ms: number | null): string | null {
  return ms === null ? null : jiraDateTime(ms);
}

/** ISO with a numeric offset, as Jira writes inside JSON blobs: 2025-03-14T10:22:05.000+0100. */
function jiraIsoWithOffset(ms: number): string {
  const offset = berlinOffsetMs(ms);
  const local = new Date(ms + offset).toISOString().slice(0, 23);
  return `${local}+0${offset / 3_600_000}00`;
}

/** The "Custom field (Development)" summary Jira's GitHub integration writes. */
function developmentField(issue: DemoIssue): string | null {
  if (issue.devPrCount === 0 || issue.devLastUpdatedMs === null) return null;
  const state = issue.statusCategory === 'Done' ? 'MERGED' : 'OPEN';
  const n = issue.devPrCount;
  const json = {
    cachedValue: {
      errors: [],
      summary: {
        pullrequest: {
          overall: { count: n, lastUpdated: jiraIsoWithOffset(issue.devLastUpdatedMs), stateCount: n, state, dataType: 'pullrequest', open: state === 'OPEN' },
          byInstanceType: { GitHub: { count: n, name: 'GitHub' } },
        },
      },
    },
    isStale: false,
  };
  return `{pullrequest={dataType=pullrequest, state=${state}, stateCount=${n}}, json=${JSON.stringify(json)}}`;
}

function repeated(name: string, count: number): string[] {
  return Array.from({ length: Math.max(1, count) }, () => name);
}

function padded(values: readonly string[], count: number): (string | null)[] {
  return Array.from({ length: Math.max(1, count) }, (_, i) => values[i] ?? null);
}

/** CSV files for one project. */
export function jiraCsvFiles(team: DemoTeam, issues: readonly DemoIssue[], lead: DemoPerson | undefined): Array<{ name: string; content: string; records: number }> {
  const project = issues.filter((i) => i.projectKey === team.jiraKey).sort((a, b) => a.id - b.id);
  const byKey = new Map(issues.map((i) => [i.key, i]));
  const files: Array<{ name: string; content: string; records: number }> = [];
  for (let start = 0, part = 1; start < project.length; start += JIRA_ISSUES_PER_FILE, part++) {
    const chunk = project.slice(start, start + JIRA_ISSUES_PER_FILE);
    const components = Math.max(...chunk.map((i) => i.components.length));
    const labels = Math.max(...chunk.map((i) => i.labels.length));
    const sprints = Math.max(...chunk.map((i) => i.sprints.length));
    const header = [
      'Summary', 'Issue key', 'Issue id', 'Issue Type', 'Status', 'Project key', 'Project name', 'Project type', 'Project lead',
      'Priority', 'Resolution', 'Assignee', 'Reporter', 'Creator', 'Created', 'Updated', 'Last Viewed', 'Resolved',
      ...repeated('Component/s', components), 'Due date', ...repeated('Labels', labels), 'Description',
      ...repeated('Watchers', 2), ...repeated('Sprint', sprints), 'Custom field (Story Points)', 'Custom field (Development)',
      'Parent', 'Parent summary', 'Status Category', 'Status Category Changed',
    ];
    const rows = chunk.map((i): CsvValue[] => {
      const parent = i.epicKey ? byKey.get(i.epicKey) ?? null : null;
      const watchers = [...new Set([i.reporter, ...(i.assignee ? [i.assignee] : [])])];
      return [
        i.summary, i.key, i.id, i.type, i.status, team.jiraKey, team.jiraProjectName, 'software', lead?.name ?? null,
        i.priority, i.resolution || null, i.assignee, i.reporter, i.reporter, jiraDate(i.createdMs), jiraDate(i.updatedMs), null, jiraDate(i.resolvedMs),
        ...padded(i.components, components), null, ...padded(i.labels, labels), i.description,
        ...padded(watchers, 2), ...padded(i.sprints, sprints), i.storyPoints, developmentField(i),
        parent ? parent.id : null, parent ? parent.summary : null, i.statusCategory, jiraDate(i.resolvedMs ?? i.updatedMs),
      ];
    });
    files.push({ name: `${team.jiraKey}-issues-${part}.csv`, content: toCsv(header, rows, '\r\n'), records: rows.length });
  }
  return files;
}
