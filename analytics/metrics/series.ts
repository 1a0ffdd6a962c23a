/**
 * The metrics table: every definition of docs/metrics.md by week or month, for the whole org, one
 * team or one repo, or broken down by team or repo. One SQL statement (series.sql) over the metric
 * facts and, for whole periods, their stored cells (cells.ts); the rates, DORA levels and NPS
 * intervals are arithmetic on its aggregated row values.
 */
import type { MetricBreakdown, MetricGrain, MetricsRow, MetricsSeries } from '../../shared/domain';
import { getLinkSettings } from '../linking/settings';
import type { Workspace } from '../workspace/workspace';
import { doraLevels, npsWithInterval, ratio } from './definitions';
import { cellDimension, ensureMetricCells, wholePeriods, type CellDimension } from './cells';
import cellsScopeSql from './cells-scope.sql';
import cellAggregatesSql from './cell-aggregates.sql';
import { metricBounds, runMetricQuery } from './query';
import { resolveRepo, resolveTeam } from './scope';
import seriesSql from './series.sql';

const seriesStatement = [cellsScopeSql, cellAggregatesSql, seriesSql].join('\n');

export interface SeriesRequest {
  grain: MetricGrain;
  from?: string | undefined;
  to?: string | undefined;
  team?: string | null | undefined;
  repo?: string | null | undefined;
  by?: MetricBreakdown | undefined;
}

interface SeriesSqlRow {
  /** Whether the stored cells the query asked for were there (cells-scope.sql). */
  cells_ready: boolean;
  period: string;
  period_start: string;
  days: number;
  team: string | null;
  repo: string | null;
  engineers: number | null;
  merged_prs: number;
  added_lines: number;
  ai_share: number | null;
  ai_prs: number;
  reverts: number;
  reverted_prs: number;
  hotfixes: number;
  incident_prs: number;
  quality_prs: number;
  merge_h: number | null;
  merge_h_ai: number | null;
  merge_h_non_ai: number | null;
  lead_h: number | null;
  first_review_h: number | null;
  first_review_h_ai: number | null;
  first_review_h_non_ai: number | null;
  reviews: number;
  reviewers: number;
  review_hours: number;
  review_hours_ai: number;
  review_hours_non_ai: number;
  rated_reviews: number;
  senior_reviews: number;
  rated_reviews_ai: number;
  senior_reviews_ai: number;
  rated_reviews_non_ai: number;
  senior_reviews_non_ai: number;
  changes: number;
  change_failures: number;
  deploys_per_week: number | null;
  incidents: number;
  restored: number;
  restore_h: number | null;
  restore_h_p90: number | null;
  bugs: number;
  tickets: number | null;
  bug_tickets: number | null;
  nps_responses: number | null;
  nps_promoters: number;
  nps_detractors: number;
}

export interface SeriesOptions {
  /**
   * Read the periods wholly inside the range from stored cells (cells.ts), storing them first if
   * needed (default). false: compute every period from the rows (the benchmark reports both).
   */
  storedCells?: boolean;
}

export async function metricsSeries(ws: Workspace, request: SeriesRequest, options: SeriesOptions = {}): Promise<MetricsSeries> {
  const by = request.by ?? 'none';
  const team = await resolveTeam(ws, request.team);
  const repo = await resolveRepo(ws, request.repo);
  const { incidentWindowHours } = await getLinkSettings(ws);
  const bounds = await metricBounds(ws, { from: request.from, to: request.to });
  const base = { grain: request.grain, by, team, repo, windowHours: incidentWindowHours };
  if (!bounds) return { ...base, from: null, to: null, rows: [] };
  const dim = options.storedCells === false ? null : cellDimension(by, team, repo);
  const whole = dim ? wholePeriods(request.grain, bounds.from, bounds.to) : null;
  const query = (cells: { dim: CellDimension; lo: string; hi: string } | null) =>
    runMetricQuery<SeriesSqlRow>(
      ws,
      seriesStatement,
      { bounds, grain: request.grain },
      { by, team, repo, cells: cells?.dim ?? null, cell_lo: cells?.lo ?? null, cell_hi: cells?.hi ?? null },
    );
  let rows: SeriesSqlRow[];
  if (dim && whole) {
    await ensureMetricCells(ws, request.grain, dim);
    rows = await query({ dim, ...whole });
    // The facts were rebuilt (a write) after the cells were stored: every period from the rows.
    if (rows.some((r) => !r.cells_ready)) rows = await query(null);
  } else {
    rows = await query(null);
  }
  return { ...base, from: bounds.from, to: bounds.to, rows: rows.map(toMetricsRow) };
}

export function toMetricsRow(r: SeriesSqlRow): MetricsRow {
  const engineerWeeks = r.engineers === null ? null : (r.engineers * r.days) / 7;
  const nonAiPrs = r.merged_prs - r.ai_prs;
  const changeFailureRate = ratio(r.change_failures, r.changes);
  const nps = r.nps_responses === null ? null : npsWithInterval(r.nps_promoters, r.nps_detractors, r.nps_responses);
  const dora = doraLevels({ deploymentsPerWeek: r.deploys_per_week, leadTimeHours: r.lead_h, changeFailureRate, restoreHoursMedian: r.restore_h });
  return {
    period: r.period,
    periodStart: r.period_start,
    days: r.days,
    team: r.team,
    repo: r.repo,
    mergedPrs: r.merged_prs,
    addedLines: r.added_lines,
    aiShare: r.ai_share,
    aiPrs: r.ai_prs,
    aiPrShare: ratio(r.ai_prs, r.merged_prs),
    engineers: r.engineers,
    mergedPrsPerEngineerWeek: ratio(r.merged_prs, engineerWeeks),
    qualityWeightedPrs: r.quality_prs,
    qualityWeightedPerEngineerWeek: ratio(r.quality_prs, engineerWeeks),
    revertedPrs: r.reverted_prs,
    hotfixPrs: r.hotfixes,
    incidentLinkedPrs: r.incident_prs,
    changes: r.changes,
    changeFailures: r.change_failures,
    changeFailureRate,
    incidents: r.incidents,
    restoreHoursMedian: r.restore_h,
    restoreHoursP90: r.restore_h_p90,
    incidentsPer100Prs: ratio(100 * r.incidents, r.merged_prs),
    bugs: r.bugs,
    bugsPer100Prs: ratio(100 * r.bugs, r.merged_prs),
    bugsPer1kLines: ratio(1000 * r.bugs, r.added_lines),
    reverts: r.reverts,
    revertRate: ratio(r.reverted_prs, r.merged_prs),
    deploymentsPerWeek: r.deploys_per_week,
    leadTimeHours: r.lead_h,
    dora,
    firstReviewHours: { all: r.first_review_h, ai: r.first_review_h_ai, nonAi: r.first_review_h_non_ai },
    mergeHours: { all: r.merge_h, ai: r.merge_h_ai, nonAi: r.merge_h_non_ai },
    reviews: r.reviews,
    reviewers: r.reviewers,
    reviewHours: r.review_hours,
    reviewHoursPerReviewer: ratio(r.review_hours, r.reviewers),
    reviewHoursPerPr: {
      all: ratio(r.review_hours, r.merged_prs),
      ai: ratio(r.review_hours_ai, r.ai_prs),
      nonAi: ratio(r.review_hours_non_ai, nonAiPrs),
    },
    seniorReviewShare: {
      all: ratio(r.senior_reviews, r.rated_reviews),
      ai: ratio(r.senior_reviews_ai, r.rated_reviews_ai),
      nonAi: ratio(r.senior_reviews_non_ai, r.rated_reviews_non_ai),
    },
    tickets: r.tickets,
    bugIncidentTickets: r.bug_tickets,
    ticketsPerWeek: r.tickets === null ? null : ratio(7 * r.tickets, r.days),
    nps: nps ? nps.nps : null,
    npsResponses: r.nps_responses,
    npsInterval: nps ? nps.interval : null,
  };
}
