import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drilldown, periodDays } from '../../../analytics/metrics/drilldown';
import { metricsSeries } from '../../../analytics/metrics/series';
import { drilldownMetrics, type DrilldownMetric, type MetricsRow } from '../../../shared/domain';
import type { Workspace } from '../../../analytics/workspace/workspace';
import { tempDir } from '../helpers/temp';
import { handBuiltOrg } from './fixture';

/** The count a drill-down's total must reproduce, per metric (rates list their denominator's rows). */
const cellCount: Readonly<Partial<Record<DrilldownMetric, (r: MetricsRow) => number | null>>> = {
  mergedPrs: (r) => r.mergedPrs,
  aiShare: (r) => r.mergedPrs,
  aiPrShare: (r) => r.mergedPrs,
  qualityWeightedPrs: (r) => r.qualityWeightedPrs,
  revertedPrs: (r) => r.revertedPrs,
  hotfixPrs: (r) => r.hotfixPrs,
  incidentLinkedPrs: (r) => r.incidentLinkedPrs,
  reverts: (r) => r.reverts,
  changes: (r) => r.changes,
  changeFailureRate: (r) => r.changes,
  changeFailures: (r) => r.changeFailures,
  incidents: (r) => r.incidents,
  restoreHours: (r) => r.incidents,
  bugs: (r) => r.bugs,
  reviews: (r) => r.reviews,
  tickets: (r) => r.tickets,
  bugIncidentTickets: (r) => r.bugIncidentTickets,
  nps: (r) => r.npsResponses,
};

describe('drilldown', () => {
  let dir: ReturnType<typeof tempDir>;
  let ws: Workspace;
  beforeAll(async () => {
    dir = tempDir();
    ws = await handBuiltOrg(dir.file('hand.duckdb'));
  });
  afterAll(async () => {
    await ws.close();
    dir.cleanup();
  });

  it('lists the failed changes of a team-month with why each failed', async () => {
    const d = await drilldown(ws, { metric: 'changeFailures', period: '2026-01', team: 'pay' });
    expect(d.total).toBe(3);
    expect(d.rows.map((r) => [r.key, r.details.linkedIncident, r.details.revert, r.details.hotfix])).toEqual([
      ['acme/pay deployment D4', false, false, true],
      ['acme/pay deployment D3', false, true, false],
      ['acme/pay deployment D2', true, false, false],
    ]);
  });

  it('caps the rows, keeps the total, newest first, with links', async () => {
    const d = await drilldown(ws, { metric: 'mergedPrs', period: '2026-01', limit: 2 });
    expect(d).toMatchObject({ total: 7, limit: 2, from: '2026-01-01', to: '2026-01-31' });
    expect(d.rows.map((r) => r.key)).toEqual(['acme/pay#5', 'acme/web#12']);
    expect(d.rows[0]).toMatchObject({ kind: 'pull_request', team: 'pay', url: 'https://github.com/acme/pay/pull/5', at: '2026-01-16T12:00:00.000Z' });
    const lead = await drilldown(ws, { metric: 'mergedPrs', period: '2026-W02', repo: 'acme/pay' });
    // #1: first commit 01-04 09:00 → merged 01-06 09:00.
    expect(lead.rows.find((r) => r.key === 'acme/pay#1')!.details).toMatchObject({ leadTimeHours: 48, mergeHours: 24, firstReviewHours: 4, aiShare: 1 });
  });

  it('lists incidents with their links, bugs, tickets and NPS responses', async () => {
    const inc = await drilldown(ws, { metric: 'restoreHours', period: '2026-01', team: 'pay' });
    expect(inc.rows.map((r) => [r.key, r.details.restoreHours, r.url])).toEqual([
      ['pagerduty:I3', 10, null],
      ['pagerduty:I1', 2, 'https://acme.pagerduty.com/incidents/I1'],
    ]);
    expect(inc.rows[1]!.details.linkedTo).toBe('deployment acme/pay D2');
    const bugs = await drilldown(ws, { metric: 'bugs', period: '2026-01', team: 'web' });
    expect(bugs.rows.map((r) => r.key)).toEqual(['PAY-2']);
    const tickets = await drilldown(ws, { metric: 'bugIncidentTickets', period: '2026-01' });
    expect(tickets.rows.map((r) => r.key)).toEqual(['zendesk:T3', 'zendesk:T1']);
    const nps = await drilldown(ws, { metric: 'nps', period: '2026-01' });
    expect(nps.total).toBe(10);
    expect(nps.rows.filter((r) => r.details.category === 'promoter')).toHaveLength(5);
    expect((await drilldown(ws, { metric: 'nps', period: '2026-01', team: 'pay' })).total).toBe(0);
  });

  it("every cell's drill-down total equals the cell's count", async () => {
    const cases = [['none', 'week'], ['none', 'month'], ['team', 'month'], ['repo', 'month']] as const;
    for (const [by, grain] of cases) {
      const { rows } = await metricsSeries(ws, { grain, by });
      for (const row of rows) {
        for (const metric of drilldownMetrics) {
          const count = cellCount[metric];
          if (!count) continue;
          const expected = count(row);
          const d = await drilldown(ws, { metric, period: row.period, team: by === 'repo' ? null : row.team, repo: row.repo, from: '2026-01-02', to: '2026-02-12' });
          expect(d.total, `${by} ${row.period} ${row.team ?? row.repo ?? 'org'} ${metric}`).toBe(expected ?? 0);
        }
      }
    }
  });

  it('turns periods into days, ISO weeks included', () => {
    expect(periodDays('2026-02')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(periodDays('2026-W01')).toEqual({ start: '2025-12-29', end: '2026-01-04' });
    expect(periodDays('2020-W53')).toEqual({ start: '2020-12-28', end: '2021-01-03' });
    expect(() => periodDays('2021-W53')).toThrow(/not a period/);
    expect(() => periodDays('2026-13')).toThrow(/not a period/);
  });
});
