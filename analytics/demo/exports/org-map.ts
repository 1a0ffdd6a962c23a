/**
 * The org map CSV (`type,key,team,seniority`): people by GitHub login, repos as owner/name,
 * PagerDuty services by service id, Jira projects by key; `team` is the team id.
 */
import type { DemoOrg } from '../model';
import { toCsv } from './csv';

export function orgMapCsv(org: DemoOrg): string {
  const rows = [
    ...org.people.map((p) => ['person', p.login, p.teamId, p.seniority]),
    ...org.repos.map((r) => ['repo', r.repo, r.teamId, null]),
    ...org.services.map((s) => ['service', s.id, s.teamId, null]),
    ...org.teams.map((t) => ['jira_project', t.jiraKey, t.id, null]),
  ];
  return toCsv(['type', 'key', 'team', 'seniority'], rows, '\n');
}
