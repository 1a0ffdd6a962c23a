/**
 * PagerDuty REST API v2 `GET /incidents` pages (`{incidents, limit, offset, more, total}`), oldest
 * first, as a script saving each page with `?limit=100&offset=…&statuses[]=…` would write them.
 * Older records show the account's history: no `priority` field before priorities were enabled,
 * and no `resolved_at` (only `last_status_change_at`) in the oldest ones.
 */
import type { DemoIncident, DemoService, DemoTeam } from '../model';
import { pagerDutyIncidentUrl } from '../org';
import { isoSeconds } from '../period';

export const PAGERDUTY_PAGE_SIZE = 100;
const API = 'https://api.pagerduty.com';
const PRIORITY_IDS: Readonly<Record<string, string>> = { P1: 'PSE7TDK', P2: 'P0A7X5B', P3: 'PQ1R6JD', P4: 'P8LZ0FW', P5: 'PNK3W2H' };

export function pagerDutyTeamId(team: DemoTeam): string {
  return `PT${team.jiraKey.padEnd(4, 'X')}${team.name.length}`;
}

function incidentObject(incident: DemoIncident, service: DemoService, team: DemoTeam): Record<string, unknown> {
  const teamRef = { id: pagerDutyTeamId(team), type: 'team_reference', summary: team.name, self: `${API}/teams/${pagerDutyTeamId(team)}`, html_url: `https://acme.pagerduty.com/teams/${pagerDutyTeamId(team)}` };
  const serviceRef = { id: service.id, type: 'service_reference', summary: service.name, self: `${API}/services/${service.id}`, html_url: `https://acme.pagerduty.com/service-directory/${service.id}` };
  const policyId = `PEP${service.id.slice(1, 6)}`;
  const resolved = incident.status === 'resolved';
  const record: Record<string, unknown> = {
    id: incident.id,
    type: 'incident',
    summary: `[#${incident.number}] ${incident.title}`,
    self: `${API}/incidents/${incident.id}`,
    html_url: pagerDutyIncidentUrl(incident.id),
    incident_number: incident.number,
    title: incident.title,
    description: incident.title,
    created_at: isoSeconds(incident.createdMs),
    updated_at: isoSeconds(incident.lastStatusChangeMs),
    status: incident.status,
    incident_key: `${incident.id.toLowerCase()}${incident.number}`,
    service: serviceRef,
    assignments: [],
    assigned_via: 'escalation_policy',
    last_status_change_at: isoSeconds(incident.lastStatusChangeMs),
    last_status_change_by: resolved ? serviceRef : { id: 'PUSER01', type: 'user_reference', summary: 'On-call engineer' },
    alert_counts: { all: 1, triggered: resolved ? 0 : 1, resolved: resolved ? 1 : 0 },
    is_mergeable: true,
    escalation_policy: { id: policyId, type: 'escalation_policy_reference', summary: `${team.name} on-call`, self: `${API}/escalation_policies/${policyId}` },
    teams: [teamRef],
    urgency: incident.urgency,
    resolve_reason: null,
    incident_type: { name: 'incident_default' },
  };
  if (incident.hasPriorityField) {
    record.priority = incident.priority ? { id: PRIORITY_IDS[incident.priority], type: 'priority', summary: incident.priority, self: `${API}/priorities/${PRIORITY_IDS[incident.priority]}` } : null;
  }
  if (!incident.omitResolvedAt) record.resolved_at = incident.resolvedMs === null ? null : isoSeconds(incident.resolvedMs);
  return record;
}

export interface PagerDutyPage {
  incidents: Array<Record<string, unknown>>;
  limit: number;
  offset: number;
  more: boolean;
  total: null;
}

/** Page files, oldest incidents first. */
export function pagerDutyPages(incidents: readonly DemoIncident[], services: readonly DemoService[], teams: readonly DemoTeam[]): Array<{ name: string; page: PagerDutyPage }> {
  const serviceById = new Map(services.map((s) => [s.id, s]));
  const teamById = new Map(teams.map((t) => [t.id, t]));
  const ordered = incidents.slice().sort((a, b) => a.createdMs - b.createdMs || a.number - b.number);
  const pages: Array<{ name: string; page: PagerDutyPage }> = [];
  for (let offset = 0; offset < ordered.length; offset += PAGERDUTY_PAGE_SIZE) {
    const page = ordered.slice(offset, offset + PAGERDUTY_PAGE_SIZE).map((i) => incidentObject(i, serviceById.get(i.serviceId)!, teamById.get(i.teamId)!));
    const name = `incidents-page-${String(offset / PAGERDUTY_PAGE_SIZE + 1).padStart(3, '0')}.json`;
    pages.push({ name, page: { incidents: page, limit: PAGERDUTY_PAGE_SIZE, offset, more: offset + PAGERDUTY_PAGE_SIZE < ordered.length, total: null } });
  }
  return pages;
}
