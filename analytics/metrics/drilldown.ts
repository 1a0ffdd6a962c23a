/**
 * Drill-down: the rows behind one cell of the metrics table (a metric, a period, a team or repo),
 * with their links, newest first and capped, plus how many there are in all. The same facts and
 * scope rules as the series (series.sql), so a cell's count equals its drill-down total.
 */
import type { Drilldown, DrilldownMetric, DrilldownRow } from '../../shared/domain';
import { UndertowError } from '../errors';
import type { Workspace } from '../workspace/workspace';
import bugsSql from './drilldown-bugs.sql';
import changesSql from './drilldown-changes.sql';
import incidentsSql from './drilldown-incidents.sql';
import npsSql from './drilldown-nps.sql';
import prsSql from './drilldown-prs.sql';
import reviewsSql from './drilldown-reviews.sql';
import ticketsSql from './drilldown-tickets.sql';
import { runFactsQuery } from './query';
import { resolveRepo, resolveTeam } from './scope';

export const DEFAULT_DRILLDOWN_LIMIT = 500;

type Source = { kind: DrilldownRow['kind']; sql: string; filter: string };

/** Which rows stand behind each metric (the allowlist: a metric picks a fixed query and filter). */
const SOURCES: Readonly<Record<DrilldownMetric, Source>> = {
  mergedPrs: { kind: 'pull_request', sql: prsSql, filter: 'all' },
  aiShare: { kind: 'pull_request', sql: prsSql, filter: 'all' },
  aiPrShare: { kind: 'pull_request', sql: prsSql, filter: 'all' },
  qualityWeightedPrs: { kind: 'pull_request', sql: prsSql, filter: 'quality' },
  revertedPrs: { kind: 'pull_request', sql: prsSql, filter: 'reverted' },
  hotfixPrs: { kind: 'pull_request', sql: prsSql, filter: 'hotfix' },
  incidentLinkedPrs: { kind: 'pull_request', sql: prsSql, filter: 'incident' },
  reverts: { kind: 'pull_request', sql: prsSql, filter: 'revert' },
  firstReviewHours: { kind: 'pull_request', sql: prsSql, filter: 'reviewed' },
  changes: { kind: 'change', sql: changesSql, filter: 'all' },
  changeFailureRate: { kind: 'change', sql: changesSql, filter: 'all' },
  changeFailures: { kind: 'change', sql: changesSql, filter: 'failed' },
  incidents: { kind: 'incident', sql: incidentsSql, filter: 'all' },
  restoreHours: { kind: 'incident', sql: incidentsSql, filter: 'all' },
  bugs: { kind: 'bug', sql: bugsSql, filter: 'all' },
  reviews: { kind: 'review', sql: reviewsSql, filter: 'all' },
  tickets: { kind: 'ticket', sql: ticketsSql, filter: 'all' },
  bugIncidentTickets: { kind: 'ticket', sql: ticketsSql, filter: 'bug_or_incident' },
  nps: { kind: 'nps_response', sql: npsSql, filter: 'all' },
};

export interface DrilldownRequest {
  metric: DrilldownMetric;
  /** YYYY-MM or YYYY-Www (ISO week). */
  period: string;
  team?: string | null | undefined;
  repo?: string | null | undefined;
  /** The series' range: the cell covers only the period's days inside it. */
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
}

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** First and last day (YYYY-MM-DD) of a YYYY-MM month or YYYY-Www ISO week. */
export function periodDays(period: string): { start: string; end: string } {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const y = Number(month[1]);
    const m = Number(month[2]);
    if (m >= 1 && m <= 12) return { start: isoDay(Date.UTC(y, m - 1, 1)), end: isoDay(Date.UTC(y, m, 0)) };
  }
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (week) {
    const y = Number(week[1]);
    const w = Number(week[2]);
    // ISO 8601: week 1 is the week with the year's first Thursday, i.e. the one containing 4 January.
    const jan4 = Date.UTC(y, 0, 4);
    const week1Monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
    const start = week1Monday + (w - 1) * 7 * DAY_MS;
    const weeksInYear = isoWeekYear(Date.UTC(y, 11, 28)).week; // 28 December is always in the year's last week
    if (w >= 1 && w <= weeksInYear) return { start: isoDay(start), end: isoDay(start + 6 * DAY_MS) };
  }
  throw new UndertowError('invalid_request', `"${period}" is not a period: write a month as YYYY-MM or an ISO week as YYYY-Www.`, { period });
}

function isoWeekYear(ms: number): { year: number; week: number } {
  const d = new Date(ms);
  const thursday = ms + (3 - ((d.getUTCDay() + 6) % 7)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) };
}

interface DrilldownSqlRow {
  key: string;
  title: string | null;
  at: string;
  team: string | null;
  repo: string | null;
  url: string | null;
  details: Record<string, string | number | boolean | null>;
  total: number;
}

export async function drilldown(ws: Workspace, request: DrilldownRequest): Promise<Drilldown> {
  const source = SOURCES[request.metric];
  const limit = request.limit ?? DEFAULT_DRILLDOWN_LIMIT;
  const team = await resolveTeam(ws, request.team);
  const repo = await resolveRepo(ws, request.repo);
  const days = periodDays(request.period);
  const start = request.from && request.from > days.start ? request.from : days.start;
  const end = request.to && request.to < days.end ? request.to : days.end;
  const base = { metric: request.metric, period: request.period, from: start, to: end, team, repo, limit };
  if (start > end) return { ...base, total: 0, rows: [] };
  const rows = await runFactsQuery<DrilldownSqlRow>(ws, source.sql, { start, end, team, repo, filter: source.filter, limit });
  return {
    ...base,
    total: rows[0]?.total ?? 0,
    rows: rows.map((r) => ({ kind: source.kind, key: r.key, title: r.title, at: r.at, team: r.team, repo: r.repo, url: r.url, details: r.details })),
  };
}
