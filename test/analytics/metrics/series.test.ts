import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsSeries } from '../../../analytics/metrics/series';
import { teamMonthPanel } from '../../../analytics/metrics/panel';
import type { MetricsRow } from '../../../shared/domain';
import type { Workspace } from '../../../analytics/workspace/workspace';
import { tempDir } from '../helpers/temp';
import { handBuiltOrg } from './fixture';

/** The NPS interval by hand: p+ = .5, p− = .3, Var = (.8 − .04)/10, z90 = 1.6448536. */
const npsHalfWidth = 100 * 1.6448536269514722 * Math.sqrt(0.076);

describe('metricsSeries on a hand-built org (see fixture.ts)', () => {
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

  const month = async (period: string, request: Partial<Parameters<typeof metricsSeries>[1]> = {}) => {
    const series = await metricsSeries(ws, { grain: 'month', ...request });
    return series.rows.filter((r) => r.period === period);
  };

  it('counts January for the whole org', async () => {
    const [jan] = await month('2026-01');
    expect(jan).toMatchObject({
      period: '2026-01', periodStart: '2026-01-01', days: 30, team: null, repo: null,
      mergedPrs: 7, addedLines: 680, aiShare: 200 / 680, aiPrs: 2, aiPrShare: 2 / 7,
      engineers: 4, revertedPrs: 1, hotfixPrs: 1, incidentLinkedPrs: 2,
      // 7 merged minus #3 (reverted), #5 (hotfix), #2 (shipped by D2, which an incident is linked to), #10 (linked).
      qualityWeightedPrs: 3,
      changes: 7, changeFailures: 4, changeFailureRate: 4 / 7,
      incidents: 3, restoreHoursMedian: 2, incidentsPer100Prs: 300 / 7,
      bugs: 2, bugsPer100Prs: 200 / 7, bugsPer1kLines: 2000 / 680,
      reverts: 1, revertRate: 1 / 7,
      reviews: 4, reviewers: 4, reviewHours: 2.25, reviewHoursPerReviewer: 2.25 / 4,
      tickets: 4, bugIncidentTickets: 2, ticketsPerWeek: (4 * 7) / 30,
      nps: 20, npsResponses: 10,
    });
    // Linear interpolation between 2 h and 10 h.
    expect(jan!.restoreHoursP90).toBeCloseTo(8.4, 10);
    expect(jan!.mergedPrsPerEngineerWeek).toBeCloseTo(7 / ((4 * 30) / 7), 12);
    expect(jan!.qualityWeightedPerEngineerWeek).toBeCloseTo(3 / ((4 * 30) / 7), 12);
    expect(jan!.firstReviewHours).toEqual({ all: 2, ai: 2.5, nonAi: 2 });
    expect(jan!.mergeHours).toEqual({ all: 24, ai: 24, nonAi: 24 });
    expect(jan!.reviewHoursPerPr).toEqual({ all: 2.25 / 7, ai: 0.375, nonAi: 0.3 });
    // ana (senior) and cy (staff) of the three reviewers with a level; zed has none.
    expect(jan!.seniorReviewShare).toEqual({ all: 2 / 3, ai: 1, nonAi: 0.5 });
    expect(jan!.npsInterval![0]).toBeCloseTo(20 - npsHalfWidth, 10);
    expect(jan!.npsInterval![1]).toBeCloseTo(20 + npsHalfWidth, 10);
    // Median repo: acme/pay 5 and acme/web 2 changes over 30 days.
    expect(jan!.deploymentsPerWeek).toBeCloseTo(((5 + 2) / 2) * (7 / 30), 12);
    expect(jan!.leadTimeHours).toBe(24);
    expect(jan!.dora).toEqual({ deploymentFrequency: 'medium', leadTime: 'high', changeFailureRate: 'low', timeToRestore: 'high' });
  });

  it('leaves rates empty rather than zero where nothing happened', async () => {
    const [feb] = await month('2026-02');
    expect(feb).toMatchObject({
      days: 12, mergedPrs: 1, aiShare: 0, changes: 1, changeFailures: 0, changeFailureRate: 0,
      incidents: 2, restoreHoursMedian: 1, bugs: 1, tickets: 1, bugIncidentTickets: 0,
      nps: null, npsResponses: 0, npsInterval: null, reviews: 0, reviewHoursPerReviewer: null,
    });
    expect(feb!.firstReviewHours).toEqual({ all: null, ai: null, nonAi: null });
    expect(feb!.dora.changeFailureRate).toBe('elite');
    const empty = await metricsSeries(ws, { grain: 'month', from: '2025-06-01', to: '2025-06-30' });
    expect(empty.rows).toHaveLength(1);
    expect(empty.rows[0]).toMatchObject({ mergedPrs: 0, aiShare: null, changeFailureRate: null, incidentsPer100Prs: null, restoreHoursMedian: null, nps: null });
  });

  it('cuts ISO weeks on Mondays, across the year boundary', async () => {
    const { rows } = await metricsSeries(ws, { grain: 'week' });
    expect(rows.map((r) => [r.period, r.periodStart, r.days])).toEqual([
      ['2026-W01', '2025-12-29', 3],
      ['2026-W02', '2026-01-05', 7],
      ['2026-W03', '2026-01-12', 7],
      ['2026-W04', '2026-01-19', 7],
      ['2026-W05', '2026-01-26', 7],
      ['2026-W06', '2026-02-02', 7],
      ['2026-W07', '2026-02-09', 4],
    ]);
    const byWeek = Object.fromEntries(rows.map((r) => [r.period, r]));
    expect(byWeek['2026-W01']).toMatchObject({ mergedPrs: 1, incidents: 1 });
    // #11 merged on Monday 2 February 10:00; I4 was created on Sunday 1 February.
    expect(byWeek['2026-W06']).toMatchObject({ mergedPrs: 1 });
    expect(byWeek['2026-W05']).toMatchObject({ mergedPrs: 0, incidents: 1 });
    expect(rows.reduce((n, r) => n + r.mergedPrs, 0)).toBe(8);
  });

  it('breaks down by team with the panel attribution: repo team first, then author team', async () => {
    const { rows } = await metricsSeries(ws, { grain: 'month', by: 'team', to: '2026-01-31' });
    const jan = Object.fromEntries(rows.map((r) => [r.team, r]));
    expect(Object.keys(jan)).toEqual(['ops', 'pay', 'web']);
    // #1 is bo's (web) but merged into pay's repo; #12 has no team and shows only org-wide.
    expect(jan.pay).toMatchObject({ mergedPrs: 5, engineers: 2, qualityWeightedPrs: 2, changes: 5, changeFailures: 3, incidents: 2, bugs: 1, tickets: 2, nps: null, npsResponses: null });
    expect(jan.pay!.mergedPrsPerEngineerWeek).toBeCloseTo(5 / ((2 * 30) / 7), 12);
    expect(jan.web).toMatchObject({ mergedPrs: 1, changes: 1, changeFailures: 1, incidents: 1, bugs: 1, tickets: 1 });
    expect(jan.ops).toMatchObject({ mergedPrs: 0, engineers: 0, mergedPrsPerEngineerWeek: null });
    // The series and the statistics' panel agree cell by cell.
    const panel = await teamMonthPanel(ws, { to: '2026-01-31' });
    for (const p of panel) {
      const s = jan[p.team] as MetricsRow;
      expect([s.mergedPrs, s.incidents, s.bugs, s.reverts, s.changeFailures, s.changes, s.tickets], p.team).toEqual([p.mergedPrs, p.incidents, p.bugs, p.reverts, p.changeFailures, p.deployments, p.tickets]);
    }
  });

  it('filters by team name and by repo; a repo scope has no tickets or NPS', async () => {
    const [pay] = await month('2026-01', { team: 'Payments' });
    expect(pay).toMatchObject({ team: 'pay', mergedPrs: 5, tickets: 2, nps: null });
    const [web] = await month('2026-01', { repo: 'web' });
    // Repo acme/web: #10 and #12; incident I2 through its link; PAY-2 through its linked PR.
    expect(web).toMatchObject({ repo: 'acme/web', mergedPrs: 2, engineers: null, incidents: 1, bugs: 1, tickets: null, npsResponses: null, changes: 2, changeFailures: 1 });
    const { rows } = await metricsSeries(ws, { grain: 'month', by: 'repo', to: '2026-01-31' });
    expect(rows.map((r) => [r.repo, r.team, r.mergedPrs, r.incidents, r.bugs])).toEqual([
      ['acme/pay', 'pay', 5, 1, 1],
      ['acme/web', null, 2, 1, 1],
    ]);
  });

  it('refuses an unknown team or repo with a clear message', async () => {
    await expect(metricsSeries(ws, { grain: 'month', team: 'nope' })).rejects.toThrow(/No team "nope".*ops, pay, web/);
    await expect(metricsSeries(ws, { grain: 'month', repo: 'acme/nope' })).rejects.toThrow(/No repo "acme\/nope"/);
  });

  it('reads whole periods from stored cells with the numbers the rows give, and a write drops the cells', async () => {
    // January and February whole: both periods come from stored cells.
    const range = { from: '2026-01-01', to: '2026-02-28' };
    const requests = [
      { grain: 'month' },
      { grain: 'week' },
      { grain: 'month', by: 'team' },
      { grain: 'week', by: 'repo' },
      { grain: 'month', team: 'pay' },
      { grain: 'month', repo: 'acme/web' },
      { grain: 'month', by: 'team', repo: 'acme/pay' },
    ] as const;
    for (const request of requests) {
      const fromRows = await metricsSeries(ws, { ...request, ...range }, { storedCells: false });
      expect(await metricsSeries(ws, { ...request, ...range })).toEqual(fromRows);
    }
    // Cells gone between storing them and the query (as when the facts are rebuilt in between): the
    // query notices and computes every period from the rows.
    const stored = await metricsSeries(ws, { grain: 'week', ...range });
    await ws.all('DELETE FROM __metric_cell');
    expect(await metricsSeries(ws, { grain: 'week', ...range })).toEqual(stored);

    const february = async (options?: Parameters<typeof metricsSeries>[2]) =>
      (await metricsSeries(ws, { grain: 'month', ...range }, options)).rows.find((r) => r.period === '2026-02')!;
    const before = await february();
    await ws.run("UPDATE pull_requests SET merged_at = '2026-02-13 09:00' WHERE repo = 'acme/pay' AND number = 6");
    try {
      const after = await february();
      expect(after.mergedPrs).toBe(before.mergedPrs + 1);
      expect(after).toEqual(await february({ storedCells: false }));
    } finally {
      await ws.run("UPDATE pull_requests SET merged_at = NULL WHERE repo = 'acme/pay' AND number = 6");
    }
    expect(await february()).toEqual(before);
  });

  it('sees new data at once (the facts are rebuilt after a write)', async () => {
    const before = (await month('2026-02'))[0]!.mergedPrs;
    await ws.run("UPDATE pull_requests SET merged_at = '2026-02-13 09:00' WHERE repo = 'acme/pay' AND number = 6");
    try {
      expect((await month('2026-02'))[0]!.mergedPrs).toBe(before + 1);
    } finally {
      await ws.run("UPDATE pull_requests SET merged_at = NULL WHERE repo = 'acme/pay' AND number = 6");
    }
    expect((await month('2026-02'))[0]!.mergedPrs).toBe(before);
  });
});
