/**
 * The customer side: help-desk tickets (a base volume plus tickets caused by incidents and by
 * customer-visible bugs) and NPS responses whose scores drop for accounts an incident hit recently.
 */
import type { Rng } from '../../stats/random';
import type { CustomerSegment, DemoAccount, DemoIncident, DemoIssue, DemoNpsResponse, DemoService, DemoTicket } from '../model';
import { DAY_MS, HOUR_MS, PERIOD_END_MS, PERIOD_MONTHS, PERIOD_START_MS, dayStartMs, isWeekend, monthIndexOf, monthStartMs, toSecond } from '../period';
import { DEMO_TRUTH } from '../truth';
import { compareStrings } from './context';
import { BASE_TICKET_TAGS, incidentTicketSubject, npsComment, ticketSubject } from './text';

/** Bigger customers write more tickets and answer more surveys. */
const SEGMENT_ACTIVITY: Readonly<Record<CustomerSegment, number>> = { Enterprise: 3, 'Mid-Market': 2, SMB: 1 };

function settleTicket(rng: Rng, ticket: Omit<DemoTicket, 'id' | 'status' | 'solvedMs'>, medianHours: number): DemoTicket {
  const solvedMs = toSecond(ticket.createdMs + rng.lognormalMedian(medianHours, 1.2) * HOUR_MS);
  if (solvedMs >= PERIOD_END_MS) return { ...ticket, id: 0, status: rng.weighted(['new', 'open', 'pending'] as const, [0.2, 0.5, 0.3]), solvedMs: null };
  // Zendesk closes solved tickets after four days without a reply.
  return { ...ticket, id: 0, status: solvedMs + 4 * DAY_MS < PERIOD_END_MS ? 'closed' : 'solved', solvedMs };
}

function serviceTag(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

export function generateTickets(rng: Rng, accounts: readonly DemoAccount[], incidents: readonly DemoIncident[], services: readonly DemoService[], customerBugs: readonly DemoIssue[]): DemoTicket[] {
  const tickets: DemoTicket[] = [];
  const weights = accounts.map((a) => SEGMENT_ACTIVITY[a.segment]);
  const t = DEMO_TRUTH.tickets;
  const baseRng = rng.fork('base');
  for (let day = PERIOD_START_MS; day < PERIOD_END_MS; day += DAY_MS) {
    const m = monthIndexOf(day);
    const growth = 1 + t.growthOverPeriod * (m / (PERIOD_MONTHS - 1));
    const december = new Date(day).getUTCMonth() === 11 ? 0.8 : 1;
    const count = baseRng.poisson((isWeekend(day) ? t.basePerWeekendDay : t.basePerWeekday) * growth * december);
    for (let k = 0; k < count; k++) {
      const tag = baseRng.weighted(BASE_TICKET_TAGS, [0.2, 0.3, 0.2, 0.12, 0.1, 0.08]);
      const createdMs = toSecond(day + Math.min(23.9, Math.max(0, baseRng.normal(12, 3.5))) * HOUR_MS + baseRng.int(0, 3599) * 1000);
      tickets.push(settleTicket(baseRng, {
        subject: ticketSubject(baseRng, tag),
        priority: baseRng.weighted(['low', 'normal', 'high'] as const, [0.3, 0.6, 0.1]),
        type: tag === 'bug' ? 'problem' : baseRng.weighted(['question', 'task'] as const, [0.8, 0.2]),
        tags: tag === 'bug' ? ['bug'] : [tag, ...(baseRng.bernoulli(0.2) ? ['vip'] : [])],
        account: accounts[baseRng.weightedIndex(weights)]!.name,
        createdMs,
      }, 18));
    }
  }
  const incidentRng = rng.fork('incidents');
  for (const incident of incidents) {
    const count = incidentRng.poisson(incident.urgency === 'high' ? t.perHighUrgencyIncident : t.perLowUrgencyIncident);
    const service = services.find((s) => s.id === incident.serviceId)!;
    for (let k = 0; k < count; k++) {
      const createdMs = toSecond(incident.createdMs + incidentRng.exponential(2.5 * HOUR_MS));
      if (createdMs >= PERIOD_END_MS) continue;
      const account = incident.hitAccounts.length > 0 ? incidentRng.pick(incident.hitAccounts) : accounts[incidentRng.weightedIndex(weights)]!.name;
      tickets.push(settleTicket(incidentRng, {
        subject: incidentTicketSubject(incidentRng, service.name),
        priority: incident.urgency === 'high' ? incidentRng.weighted(['high', 'urgent'] as const, [0.6, 0.4]) : 'normal',
        type: incidentRng.bernoulli(0.6) ? 'incident' : 'problem',
        tags: ['incident', serviceTag(service.name), ...(incidentRng.bernoulli(0.25) ? ['bug'] : [])],
        account,
        createdMs,
      }, 6));
    }
  }
  const bugRng = rng.fork('bugs');
  for (const bug of customerBugs) {
    const count = 1 + bugRng.poisson(0.6);
    for (let k = 0; k < count; k++) {
      const createdMs = toSecond(Math.max(PERIOD_START_MS, bug.createdMs - bugRng.between(1, 30) * HOUR_MS));
      tickets.push(settleTicket(bugRng, {
        subject: `${bug.summary.split(':')[0]} not working as expected`,
        priority: bugRng.weighted(['normal', 'high'] as const, [0.7, 0.3]),
        type: 'problem',
        tags: ['bug', bug.projectKey.toLowerCase()],
        account: accounts[bugRng.weightedIndex(weights)]!.name,
        createdMs,
      }, 30));
    }
  }
  tickets.sort((a, b) => a.createdMs - b.createdMs || compareStrings(a.subject, b.subject) || compareStrings(a.account, b.account));
  tickets.forEach((ticket, i) => (ticket.id = 48_211 + i));
  return tickets;
}

/** Incident instants per account, sorted, for "hit in the last 90 days" lookups. */
function hitsByAccount(incidents: readonly DemoIncident[]): Map<string, number[]> {
  const hits = new Map<string, number[]>();
  for (const incident of incidents) {
    for (const account of incident.hitAccounts) {
      const list = hits.get(account) ?? [];
      list.push(incident.createdMs);
      hits.set(account, list);
    }
  }
  for (const list of hits.values()) list.sort((a, b) => a - b);
  return hits;
}

export function generateNps(rng: Rng, accounts: readonly DemoAccount[], incidents: readonly DemoIncident[]): DemoNpsResponse[] {
  const nps = DEMO_TRUTH.nps;
  const weights = accounts.map((a) => SEGMENT_ACTIVITY[a.segment]);
  const hits = hitsByAccount(incidents);
  const windowMs = nps.hitWindowDays * DAY_MS;
  const responses: DemoNpsResponse[] = [];
  for (let m = 0; m < PERIOD_MONTHS; m++) {
    const count = rng.poisson(nps.responsesPerMonth);
    const lo = monthStartMs(m);
    const days = (monthStartMs(m + 1) - lo) / DAY_MS;
    for (let k = 0; k < count; k++) {
      const account = accounts[rng.weightedIndex(weights)]!;
      const dayMs = dayStartMs(lo + rng.int(0, days - 1) * DAY_MS);
      // Hit = an incident touched the account in the 90 days before the answer (up to that day's end).
      const hit = (hits.get(account.name) ?? []).some((at) => at < dayMs + DAY_MS && at >= dayMs + DAY_MS - windowMs);
      const latent = rng.normal(nps.segmentMeanScore[account.segment] + (hit ? nps.scoreShiftWhenHit : 0), nps.scoreSd);
      const score = Math.min(10, Math.max(0, Math.round(latent)));
      responses.push({ id: '', dayMs, score, account: account.name, segment: account.segment, comment: rng.bernoulli(0.45) ? npsComment(rng, score, hit) : '' });
    }
  }
  responses.sort((a, b) => a.dayMs - b.dayMs || compareStrings(a.account, b.account) || a.score - b.score);
  responses.forEach((r, i) => (r.id = `nps-${String(i + 1).padStart(5, '0')}`));
  return responses;
}
