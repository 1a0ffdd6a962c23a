/** Test data for the analysis views: metrics rows, effect estimates, coverage. */
import type { Coverage, EffectEstimate, MetricsRow } from '../../shared/domain';

/** A complete month's row (every day of the month in range) unless `patch` says otherwise. */
export function metricsRow(period: string, patch: Partial<MetricsRow> = {}): MetricsRow {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return {
    period,
    periodStart: `${period}-01`,
    days: new Date(Date.UTC(y, m, 0)).getUTCDate(),
    team: null,
    repo: null,
    mergedPrs: 400,
    addedLines: 40_000,
    aiShare: 0.3,
    aiPrs: 150,
    aiPrShare: 0.375,
    engineers: 100,
    mergedPrsPerEngineerWeek: 0.93,
    qualityWeightedPrs: 360,
    qualityWeightedPerEngineerWeek: 0.84,
    revertedPrs: 5,
    hotfixPrs: 6,
    incidentLinkedPrs: 30,
    changes: 300,
    changeFailures: 27,
    changeFailureRate: 0.09,
    incidents: 20,
    restoreHoursMedian: 2.5,
    restoreHoursP90: 6,
    incidentsPer100Prs: 5,
    bugs: 40,
    bugsPer100Prs: 10,
    bugsPer1kLines: 1,
    reverts: 5,
    revertRate: 0.0125,
    deploymentsPerWeek: 3.5,
    leadTimeHours: 18,
    dora: { deploymentFrequency: 'high', leadTime: 'elite', changeFailureRate: 'high', timeToRestore: 'high' },
    firstReviewHours: { all: 6, ai: 7, nonAi: 5.5 },
    mergeHours: { all: 11, ai: 12, nonAi: 10.5 },
    reviews: 600,
    reviewers: 100,
    reviewHours: 300,
    reviewHoursPerReviewer: 3,
    reviewHoursPerPr: { all: 0.75, ai: 0.9, nonAi: 0.7 },
    seniorReviewShare: { all: 0.6, ai: 0.62, nonAi: 0.58 },
    tickets: 600,
    bugIncidentTickets: 150,
    ticketsPerWeek: 140,
    nps: 30,
    npsResponses: 150,
    npsInterval: [21, 39],
    ...patch,
  };
}

export function estimate(patch: Partial<EffectEstimate> = {}): EffectEstimate {
  return {
    outcome: 'incidents',
    status: 'ok',
    estimate: 1.3,
    ci90: [1.1, 1.5],
    n: 200,
    teams: 20,
    months: 22,
    events: 900,
    aiShareSd: 0.2,
    lags: [
      { lag: 0, coefficient: 0.1 },
      { lag: 1, coefficient: 0.1 },
      { lag: 2, coefficient: 0.06 },
    ],
    method: 'Poisson regression …',
    overdispersion: 1.2,
    bootstrap: { reps: 200, failed: 0, seed: 1 },
    prior: null,
    posterior: null,
    warnings: [],
    notes: [],
    ...patch,
  };
}

export function coverage(patch: Partial<Coverage> = {}): Coverage {
  return {
    pullRequests: {
      total: 1000,
      merged: 900,
      withAiEvidence: 400,
      mergedWithAiEvidence: 360,
      byConfidence: { high: 200, medium: 20, low: 180, none: 600 },
      mergedAiShare: 0.25,
      inUnmappedRepos: 0,
    },
    issues: { total: 500, linkedToPr: 400 },
    bugs: { total: 100, linkedToPr: 80 },
    incidents: { total: 50, linked: 48, linkedToDeployment: 45, linkedToPr: 3, unlinked: 2, filtered: 1, noTeam: 0, noCandidate: 1, notEvaluated: 0 },
    teams: { mapped: 8, withMergedPrs: 8, withIncidents: 8 },
    months: { withMergedPrs: 24, from: '2024-11', to: '2026-10' },
    teamMonths: 192,
    ...patch,
  };
}
