/** How drill-down rows read in the panel: labels, a one-line summary of their details, safe links. Pure. */
import type { DrilldownKind, DrilldownMetric, DrilldownRow } from '../../../shared/domain';
import { formatRate } from './format';

export const drilldownMetricLabel: Record<DrilldownMetric, string> = {
  mergedPrs: 'Merged PRs',
  aiShare: 'Merged PRs (AI share)',
  aiPrShare: 'Merged PRs (AI evidence)',
  qualityWeightedPrs: 'Quality-weighted PRs',
  revertedPrs: 'Reverted PRs',
  hotfixPrs: 'Hotfix PRs',
  incidentLinkedPrs: 'Incident-linked PRs',
  reverts: 'Reverts',
  changes: 'Changes',
  changeFailures: 'Failed changes',
  changeFailureRate: 'Changes (failed and not)',
  incidents: 'Incidents',
  restoreHours: 'Incidents (restore time)',
  bugs: 'Bugs',
  reviews: 'Reviews',
  firstReviewHours: 'Reviewed PRs',
  tickets: 'Support tickets',
  bugIncidentTickets: 'Bug and incident tickets',
  nps: 'NPS responses',
};

export const drilldownKindNoun: Record<DrilldownKind, [string, string]> = {
  pull_request: ['pull request', 'pull requests'],
  change: ['change', 'changes'],
  incident: ['incident', 'incidents'],
  bug: ['bug', 'bugs'],
  review: ['review', 'reviews'],
  ticket: ['ticket', 'tickets'],
  nps_response: ['response', 'responses'],
};

/** Only https links leave the app (the desktop shell further allowlists GitHub, Jira, PagerDuty, Zendesk). */
export function safeExternalUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && !parsed.username && !parsed.password ? parsed.href : null;
  } catch {
    return null;
  }
}

const hours = (v: unknown) => (typeof v === 'number' ? `${formatRate(v)} h` : null);
const pct = (v: unknown) => (typeof v === 'number' ? `${Math.round(v * 100)}%` : null);

/** The details that matter for the row's kind, as short phrases ("AI 37%", "+263 −25", "restored in 1.8 h"). */
export function describeDetails(row: DrilldownRow): string[] {
  const d = row.details;
  const out: (string | null)[] = [];
  switch (row.kind) {
    case 'pull_request':
      out.push(d.aiEvidence ? `AI ${pct(d.aiShare) ?? 'evidence'}` : 'no AI evidence');
      if (typeof d.additions === 'number') out.push(`+${d.additions} \u2212${typeof d.deletions === 'number' ? d.deletions : 0}`);
      if (d.mergeHours !== undefined && d.mergeHours !== null) out.push(`merged in ${hours(d.mergeHours)}`);
      if (d.firstReviewHours !== undefined && d.firstReviewHours !== null) out.push(`first review ${hours(d.firstReviewHours)}`);
      if (d.reverted) out.push('reverted');
      if (d.hotfix) out.push('hotfix');
      if (d.incidentLinked) out.push('incident-linked');
      if (typeof d.author === 'string') out.push(`by ${d.author}`);
      break;
    case 'change': {
      const reasons = [d.linkedIncident ? 'incident' : null, d.revert ? 'revert' : null, d.hotfix ? 'hotfix' : null].filter(Boolean);
      out.push(d.kind === 'deployment' ? 'deployment' : 'merged PR (no deployments in repo)');
      out.push(d.failed ? `failed: ${reasons.join(', ') || 'yes'}` : 'no failure');
      break;
    }
    case 'incident':
      out.push([d.priority, d.urgency ? `${String(d.urgency)} urgency` : null].filter(Boolean).join(' ') || null);
      if (typeof d.service === 'string') out.push(d.service);
      out.push(d.restoreHours !== null && d.restoreHours !== undefined ? `restored in ${hours(d.restoreHours)}` : 'unresolved');
      out.push(typeof d.linkedTo === 'string' && d.linkedTo ? `linked to ${d.linkedTo}` : 'not linked to a change');
      break;
    case 'bug':
      out.push(typeof d.priority === 'string' ? d.priority : null, typeof d.status === 'string' ? d.status : null);
      if (typeof d.linkedPrs === 'number') out.push(d.linkedPrs === 1 ? '1 linked PR' : `${d.linkedPrs} linked PRs`);
      break;
    case 'review':
      if (typeof d.reviewer === 'string') out.push(`${d.reviewer}${d.senior ? ' (senior)' : ''}`);
      if (typeof d.state === 'string') out.push(d.state.toLowerCase().replace(/_/g, ' '));
      out.push(hours(d.hours));
      out.push(d.aiEvidence ? 'AI-assisted PR' : null);
      break;
    case 'ticket':
      out.push(typeof d.account === 'string' ? d.account : null, typeof d.priority === 'string' ? `${d.priority} priority` : null);
      if (typeof d.tags === 'string' && d.tags) out.push(`tags: ${d.tags}`);
      break;
    case 'nps_response':
      if (typeof d.score === 'number') out.push(`score ${d.score}${typeof d.category === 'string' ? ` (${d.category})` : ''}`);
      out.push(typeof d.account === 'string' ? d.account : null, typeof d.segment === 'string' ? d.segment : null);
      break;
  }
  return out.filter((s): s is string => typeof s === 'string' && s.length > 0);
}

/** "2026-09-29T10:33:40.000Z" → "29 Sep 2026, 10:33 UTC". */
export function formatInstant(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!m) return iso;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const time = m[4] === '00' && m[5] === '00' ? '' : `, ${m[4]}:${m[5]} UTC`;
  return `${Number(m[3])} ${months[Number(m[2]) - 1]} ${m[1]}${time}`;
}
