import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorkspace } from '../../../analytics/demo';
import { cohortReport } from '../../../analytics/effects';
import { compareCohorts, type CohortRow } from '../../../analytics/effects/cohorts';
import { ensureMetricFacts } from '../../../analytics/metrics/facts';
import { drilldown } from '../../../analytics/metrics/drilldown';
import { teamMonthPanel, type TeamMonthRow } from '../../../analytics/metrics/panel';
import { metricsSeries } from '../../../analytics/metrics/series';
import type { MetricsSeries } from '../../../shared/domain';
import { Workspace } from '../../../analytics/workspace/workspace';
import { tempDir } from '../helpers/temp';

/** Magnitudes on the demo org (docs/demo-data.md): 8 teams, 24 months, ~11k merged PRs, 583 incidents. */
let dir: ReturnType<typeof tempDir>;
let ws: Workspace;
let panel: TeamMonthRow[];
let series: MetricsSeries;

beforeAll(async () => {
  dir = tempDir('undertow-metrics-demo-');
  await buildDemoWorkspace(dir.file('demo.duckdb'));
  ws = await Workspace.open(dir.file('demo.duckdb'));
  panel = await teamMonthPanel(ws);
  series = await metricsSeries(ws, { grain: 'month' });
});
afterAll(async () => {
  await ws.close();
  dir.cleanup();
});

const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((n, r) => n + f(r), 0);

describe('metrics on the demo workspace', () => {
  it('has a full 8 × 24 team-month panel that adds up to the workspace', async () => {
    const [counts] = await ws.all<{ merged: number; incidents: number; bugs: number; reverts: number; teams: number }>(
      `SELECT (SELECT count(*) FROM pull_requests WHERE merged_at IS NOT NULL) AS merged, (SELECT count(*) FROM incidents) AS incidents,
              (SELECT count(*) FROM issues WHERE is_bug) AS bugs, (SELECT count(*) FROM pull_requests WHERE is_revert AND merged_at IS NOT NULL) AS reverts,
              (SELECT count(*) FROM teams) AS teams`,
    );
    expect(counts!.teams).toBe(8);
    expect(panel).toHaveLength(8 * 24);
    expect(new Set(panel.map((r) => r.month)).size).toBe(24);
    expect(panel[0]!.month).toBe('2024-11');
    expect(panel.at(-1)!.month).toBe('2026-10');
    // Every repo, service and project of the demo is mapped: nothing falls outside the teams.
    expect(sum(panel, (r) => r.mergedPrs)).toBe(counts!.merged);
    expect(sum(panel, (r) => r.incidents)).toBe(counts!.incidents);
    expect(sum(panel, (r) => r.bugs)).toBe(counts!.bugs);
    expect(sum(panel, (r) => r.reverts)).toBe(counts!.reverts);
    for (const r of panel) {
      expect(r.aiShare).toBeGreaterThanOrEqual(0);
      expect(r.aiShare).toBeLessThanOrEqual(1);
      expect(r.changeFailures).toBeLessThanOrEqual(r.deployments);
    }
  });

  it('shows the planted adoption: no AI in never-adopting teams, rising AI share elsewhere', () => {
    for (const r of panel.filter((p) => p.team === 'data' || p.team === 'identity')) expect(r.aiShare).toBe(0);
    const payments = panel.filter((p) => p.team === 'payments');
    expect(payments.filter((p) => p.month < '2025-03').every((p) => p.aiShare === 0)).toBe(true);
    expect(payments.filter((p) => p.month >= '2026-01').every((p) => p.aiShare > 0.3)).toBe(true);
  });

  it('has plausible org-wide magnitudes', () => {
    expect(series.rows).toHaveLength(24);
    expect(sum(series.rows, (r) => r.mergedPrs)).toBe(sum(panel, (r) => r.mergedPrs));
    for (const r of series.rows) {
      // About 0.9 merged PRs per engineer-week (docs/demo-data.md), 120 engineers.
      expect(r.engineers).toBe(120);
      expect(r.mergedPrsPerEngineerWeek).toBeGreaterThan(0.5);
      expect(r.mergedPrsPerEngineerWeek).toBeLessThan(1.3);
      expect(r.changeFailureRate).toBeGreaterThan(0.02);
      expect(r.changeFailureRate).toBeLessThan(0.25);
      expect(r.qualityWeightedPrs).toBeLessThan(r.mergedPrs);
      expect(r.npsResponses).toBeGreaterThanOrEqual(100);
      expect(r.npsResponses).toBeLessThanOrEqual(200);
      expect(r.npsInterval![0]).toBeLessThan(r.nps!);
      expect(r.npsInterval![1]).toBeGreaterThan(r.nps!);
      expect(r.tickets).toBeGreaterThan(400);
      expect(r.restoreHoursMedian).toBeGreaterThan(0);
      expect(Object.values(r.dora).every((level) => level !== null)).toBe(true);
      expect(r.seniorReviewShare.all).toBeGreaterThan(0.3);
    }
    const first = series.rows.slice(0, 4);
    const last = series.rows.slice(-6);
    expect(first.every((r) => r.aiShare === 0)).toBe(true);
    expect(sum(last, (r) => r.aiShare!) / last.length).toBeGreaterThan(0.25);
  });

  it('drills down to as many rows as the cell counts', async () => {
    const may = series.rows.find((r) => r.period === '2026-05')!;
    const d = await drilldown(ws, { metric: 'changeFailures', period: '2026-05', limit: 10 });
    expect(d.total).toBe(may.changeFailures);
    expect(d.rows).toHaveLength(10);
    const prs = await drilldown(ws, { metric: 'mergedPrs', period: '2026-05', team: 'payments' });
    expect(prs.total).toBe(panel.find((p) => p.team === 'payments' && p.month === '2026-05')!.mergedPrs);
    expect(prs.rows.every((r) => r.url?.startsWith('https://github.com/acme/'))).toBe(true);
  });

  it('answers from stored cells what the rows give, for every scope and cut range', async () => {
    const requests = [
      { grain: 'month' },
      { grain: 'week' },
      { grain: 'month', by: 'team' },
      { grain: 'week', by: 'team' },
      { grain: 'month', by: 'repo' },
      { grain: 'week', team: 'payments' },
      { grain: 'month', repo: 'acme/payments-api' },
    ] as const;
    for (const range of [{}, { from: '2025-03-17', to: '2026-02-10' }]) {
      for (const request of requests) {
        const fromRows = await metricsSeries(ws, { ...request, ...range }, { storedCells: false });
        expectSameNumbers(await metricsSeries(ws, { ...request, ...range }), fromRows);
      }
    }
  });

  it('compares cohorts from value ranks exactly as from every merged PR of the range', async () => {
    await ensureMetricFacts(ws);
    for (const range of [{ from: '2024-11-01', to: '2026-10-31' }, { from: '2025-06-15', to: '2025-12-03' }]) {
      // The per-PR rows the comparison used to read (analytics/effects/cohorts.sql before value ranks).
      const rows = await ws.all<CohortRow>(
        `WITH bug_linked AS (
           SELECT DISTINCT hash(lower(l.repo), l.pr_number) AS pr_key
           FROM issue_pr_links l JOIN issues i ON i.issue_key = l.issue_key WHERE i.is_bug
         )
         SELECT p.has_ai AS ai, f.hours AS review_wait_hours,
                CASE WHEN p.merged_at >= p.created_at THEN p.merge_hours END AS time_to_merge_hours,
                CAST(p.additions + p.deletions AS DOUBLE) AS size_lines, p.was_reverted AS reverted,
                b.pr_key IS NOT NULL AS bug_linked, p.incident_linked
         FROM __metric_pr p
         LEFT JOIN __metric_first_review f ON f.pr_key = p.pr_key
         LEFT JOIN bug_linked b ON b.pr_key = p.pr_key
         WHERE p.merged_at >= CAST($from AS DATE) AND p.merged_at < CAST($to AS DATE) + INTERVAL 1 DAY`,
        range,
      );
      expect(rows.length).toBeGreaterThan(1000);
      const report = await cohortReport(ws, { ...range, seed: 11, bootstrap: 300 });
      const expected = compareCohorts(rows, { seed: 11, bootstrap: 300 });
      expect(report.comparisons).toEqual(expected.comparisons);
      expect(report.warnings).toEqual(expected.warnings);
    }
  });
});

/** Same structure and values; sums of doubles may differ in the last bits with DuckDB's summation order. */
function expectSameNumbers(actual: unknown, expected: unknown, path = ''): void {
  if (typeof actual === 'number' && typeof expected === 'number' && !Number.isInteger(expected)) {
    expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
    return;
  }
  if (actual === null || expected === null || typeof actual !== 'object' || typeof expected !== 'object') {
    expect(actual, path).toEqual(expected);
    return;
  }
  expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort());
  for (const key of Object.keys(expected)) expectSameNumbers((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
}
