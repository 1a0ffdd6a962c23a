/**
 * writeDemoExports: the demo org as the export files a real org would hand over — the files the
 * importers (issue 3) read. Same seed → byte-identical files. Layout under `dir`:
 *
 *   org-map.csv                                   org map (type,key,team,seniority)
 *   github/<repo>.prs.json                        gh pr list --json … (one array per repo)
 *   github/<repo>.deployments.json                gh api repos/acme/<repo>/deployments
 *   github/<repo>.deployment-statuses.json        statuses of those deployments
 *   jira/<KEY>-issues-<n>.csv                     Jira "Export Excel CSV (all fields)", ≤1,000 issues each
 *   pagerduty/incidents-page-<nnn>.json           PagerDuty REST v2 /incidents pages
 *   helpdesk/zendesk-tickets.csv                  Zendesk ticket report CSV
 *   nps/nps-responses.csv                         generic NPS CSV
 *   copilot/copilot-users-1-day.ndjson            Copilot usage metrics users report
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { generateDemoOrg } from '../generate';
import type { DemoOrg } from '../model';
import { copilotUsersNdjson } from './copilot';
import { npsResponsesCsv, zendeskTicketsCsv } from './customers';
import { ghDeployments, ghPrList } from './github';
import { jiraCsvFiles } from './jira';
import { orgMapCsv } from './org-map';
import { pagerDutyPages } from './pagerduty';

export type DemoExportFormat =
  | 'org-map-csv'
  | 'gh-pr-list-json'
  | 'github-deployments-json'
  | 'github-deployment-statuses-json'
  | 'jira-csv'
  | 'pagerduty-incidents-json'
  | 'zendesk-tickets-csv'
  | 'nps-csv'
  | 'copilot-users-ndjson';

export interface DemoExportFile {
  /** Relative to the export directory, '/'-separated. */
  path: string;
  format: DemoExportFormat;
  /** Records in the file (rows, array elements or lines). */
  records: number;
}

interface PendingFile extends DemoExportFile {
  content: string;
}

/** Every export file's content, in a fixed order (pure: no I/O). */
export function demoExportContents(org: DemoOrg): PendingFile[] {
  const files: PendingFile[] = [];
  const people = new Map(org.people.map((p) => [p.login, p]));
  const bots = new Map(org.bots.map((b) => [b.login, b]));
  files.push({ path: 'org-map.csv', format: 'org-map-csv', records: org.people.length + org.repos.length + org.services.length + org.teams.length, content: orgMapCsv(org) });
  for (const repo of org.repos) {
    const prs = org.pullRequests.filter((p) => p.repo === repo.repo);
    files.push({ path: `github/${repo.name}.prs.json`, format: 'gh-pr-list-json', records: prs.length, content: `${JSON.stringify(ghPrList(prs, { people, bots }))}\n` });
    if (!repo.hasDeployments) continue;
    const { deployments, statuses } = ghDeployments(repo, org.deployments);
    files.push({ path: `github/${repo.name}.deployments.json`, format: 'github-deployments-json', records: deployments.length, content: `${JSON.stringify(deployments)}\n` });
    files.push({ path: `github/${repo.name}.deployment-statuses.json`, format: 'github-deployment-statuses-json', records: statuses.length, content: `${JSON.stringify(statuses)}\n` });
  }
  for (const team of org.teams) {
    const lead = org.people.find((p) => p.teamId === team.id && p.seniority === 'staff') ?? org.people.find((p) => p.teamId === team.id);
    for (const { name, content, records } of jiraCsvFiles(team, org.issues, lead)) {
      files.push({ path: `jira/${name}`, format: 'jira-csv', records, content });
    }
  }
  for (const { name, page } of pagerDutyPages(org.incidents, org.services, org.teams)) {
    files.push({ path: `pagerduty/${name}`, format: 'pagerduty-incidents-json', records: page.incidents.length, content: `${JSON.stringify(page)}\n` });
  }
  files.push({ path: 'helpdesk/zendesk-tickets.csv', format: 'zendesk-tickets-csv', records: org.tickets.length, content: zendeskTicketsCsv(org.tickets) });
  files.push({ path: 'nps/nps-responses.csv', format: 'nps-csv', records: org.npsResponses.length, content: npsResponsesCsv(org.npsResponses) });
  files.push({ path: 'copilot/copilot-users-1-day.ndjson', format: 'copilot-users-ndjson', records: org.copilotUsage.length, content: copilotUsersNdjson(org.copilotUsage, people) });
  return files;
}

export interface DemoExportOptions {
  seed?: number | undefined;
  /** An already generated org (saves regenerating it). */
  org?: DemoOrg | undefined;
}

/** Write the export files under `dir` (created if missing; our files are overwritten). */
export async function writeDemoExports(dir: string, options: DemoExportOptions = {}): Promise<DemoExportFile[]> {
  const org = options.org ?? generateDemoOrg(options.seed);
  const files = demoExportContents(org);
  for (const file of files) {
    const target = join(dir, ...file.path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content, 'utf8');
  }
  return files.map(({ path, format, records }) => ({ path, format, records }));
}
