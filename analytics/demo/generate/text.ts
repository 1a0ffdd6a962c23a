/**
 * Words for titles, branches, commit messages, descriptions, tickets and survey comments. Real
 * exports are messy text — commas, quotes, line breaks, emoji, non-ASCII names — so the wording is
 * too: it is what exercises the importers' CSV and JSON handling.
 */
import type { Rng } from '../../stats/random';
import type { AiTool } from '../model';

const FEATURE_VERBS = ['Add', 'Improve', 'Refactor', 'Update', 'Clean up', 'Extract', 'Migrate', 'Speed up', 'Add tests for', 'Document', 'Simplify', 'Add metrics to'];
const FIX_VERBS = ['Fix', 'Handle nil case in', 'Guard against retries in', 'Fix race in', 'Correct rounding in'];
const FOLLOW_UP_HEADLINES = ['Add tests', 'Address review comments', 'Fix lint', 'Update snapshots', 'Handle empty input', 'Rename for clarity', 'Wire up feature flag', 'Tidy imports', 'Add logging', 'Bump timeout in integration test'];
const BUG_SYMPTOMS = [
  'returns 500 on partial input',
  'times out under load',
  'shows the wrong total, off by one cent',
  'shows "Unknown error" after submit',
  'crashes on Android 14',
  'serves stale data after an update',
  'sends duplicate emails, sometimes twice',
  'drops events when the queue is full',
  'ignores the user\'s locale, dates shown as MM/DD',
  'fails silently when the token expires',
];
const INCIDENT_SYMPTOMS = ['HighErrorRate', 'LatencySLOBurn', 'PodCrashLooping', 'QueueBacklogGrowing', 'HealthCheckFailing', 'ErrorBudgetBurn'];
const INCIDENT_PHRASES = ['elevated 5xx rate', 'p99 latency above SLO', 'requests timing out', 'error budget burning fast', 'degraded performance', 'partial outage'];

export function slugify(text: string, maxLength = 40): string {
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/g, '');
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function featurePhrase(rng: Rng, topic: string): string {
  return `${rng.pick(FEATURE_VERBS)} ${topic}`;
}

export function fixPhrase(rng: Rng, topic: string): string {
  return `${rng.pick(FIX_VERBS)} ${topic}`;
}

export function followUpHeadline(rng: Rng): string {
  return rng.pick(FOLLOW_UP_HEADLINES);
}

export function bugSummary(rng: Rng, topic: string): string {
  return `${capitalise(topic)}: ${rng.pick(BUG_SYMPTOMS)}`;
}

export function bugDescription(rng: Rng, topic: string, ticketRef: number | null): string {
  const lines = [
    'Steps to reproduce:',
    `1. Open the ${topic} screen as a customer with an active plan`,
    `2. ${rng.pick(['Submit the form twice', 'Change the currency to CHF', 'Wait for the session to expire', 'Use a non-ASCII name like "Zoë Müller"'])}`,
    '3. Observe the result',
    '',
    'Expected: the request succeeds, as before the last release.',
    `Actual: ${rng.pick(['"Something went wrong" (HTTP 500)', 'a blank page, no error', 'the old value, even after a reload', 'a 30 s spinner, then a timeout'])}`,
  ];
  if (ticketRef !== null) lines.push('', `Reported by support (Zendesk #${ticketRef}).`);
  return lines.join('\n');
}

export function storySummary(rng: Rng, topic: string): string {
  return rng.pick([
    `As a customer, I want ${topic} to be faster, so that I can finish sooner`,
    `${capitalise(topic)}: support the "enterprise" plan`,
    `Improve ${topic}, phase ${rng.int(1, 3)}`,
    `${capitalise(topic)} — follow-ups from the design review`,
  ]);
}

export function storyDescription(rng: Rng, topic: string): string {
  return [
    'h3. Context',
    `Customers asked for changes to ${topic}; see the product brief.`,
    '',
    'h3. Acceptance criteria',
    `* ${capitalise(topic)} works for EU and US accounts`,
    `* Metrics, dashboards and alerts updated`,
    rng.bernoulli(0.5) ? '* Feature flag "rollout_v2" removed after launch' : '* Docs updated',
  ].join('\n');
}

export function epicSummary(topic: string, quarter: string): string {
  return `${capitalise(topic)} (${quarter})`;
}

export function prBody(rng: Rng, topic: string): string {
  return [
    '## Summary',
    `${capitalise(topic)}: ${rng.pick(['small, self-contained change.', 'see the linked ticket for context.', 'first step, more to follow.', 'behind a feature flag, off by default.'])}`,
    '',
    '## Testing',
    rng.pick(['- unit tests', '- unit + integration tests', '- verified in staging', '- manual QA on iOS and Android']),
  ].join('\n');
}

export function incidentTitle(rng: Rng, serviceName: string, urgency: 'high' | 'low'): string {
  if (rng.bernoulli(0.5)) return `[FIRING:1] ${rng.pick(INCIDENT_SYMPTOMS)} ${serviceName.toLowerCase().replace(/ /g, '-')} (prod)`;
  const phrase = rng.pick(INCIDENT_PHRASES);
  return urgency === 'high' ? `${serviceName}: ${phrase}` : `${serviceName}: ${phrase} (minor)`;
}

/** Commit trailer block an assistant writes (or its users are asked to add). */
export function aiTrailerBlock(tool: AiTool): string {
  switch (tool) {
    case 'copilot':
      return 'Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>';
    case 'claude':
      return '🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>';
    case 'cursor':
      return 'Made-with: Cursor';
    case 'devin':
    case 'chatgpt':
      return '';
  }
}

const TICKET_SUBJECTS: Readonly<Record<string, readonly string[]>> = {
  billing: ['Invoice shows the wrong VAT rate', 'Charged twice for March?', 'How do I download past invoices', 'Refund not received yet'],
  'how-to': ['How do I add a second admin', 'Where can I change the language', 'Export to CSV, is it possible?', 'Question about API limits'],
  account: ['Cannot log in after password reset', 'Please remove a former employee', 'SSO setup help needed', 'Change account owner'],
  integration: ['Webhook deliveries failing', 'Zapier integration stopped syncing', 'API returns 401 with a valid key', 'Slack notifications missing'],
  'feature-request': ['Feature request: dark mode', 'Would love bulk editing', 'Please add an audit log export', 'Request: "Save as draft" button'],
  bug: ['Totals are off by a cent', 'Page stays blank after login', 'Emails arrive twice', 'Dates shown in the wrong format'],
};

export const BASE_TICKET_TAGS = Object.keys(TICKET_SUBJECTS);

export function ticketSubject(rng: Rng, tag: string): string {
  return rng.pick(TICKET_SUBJECTS[tag] ?? TICKET_SUBJECTS['how-to']!);
}

export function incidentTicketSubject(rng: Rng, serviceName: string): string {
  return rng.pick([`${serviceName} is down?`, `Errors from ${serviceName}, urgent`, `Our users can't complete payments, is something wrong?`, `Very slow today, "timeout" errors`, `Outage? Nothing works since 10 minutes`]);
}

export function npsComment(rng: Rng, score: number, hit: boolean): string {
  if (score >= 9) return rng.pick(['Great product, the team loves it.', 'Reliable and easy to use.', 'Support is fast and friendly!', 'Does what it says, no surprises.']);
  if (score >= 7) return rng.pick(['Good, but the mobile app could be faster.', 'Solid. Pricing is a bit high.', 'Mostly fine; reporting needs work.', 'OK overall, some rough edges.']);
  if (hit) return rng.pick(['Too many outages lately, we lost orders.', 'The downtime last month hurt us, badly.', 'Reliability has gotten worse; "degraded performance" again and again.', 'We are evaluating alternatives after the incidents.']);
  return rng.pick(['Hard to use, support takes days.', 'Missing features we need.', 'Too expensive for what it does.', 'Bugs, bugs, bugs.']);
}
