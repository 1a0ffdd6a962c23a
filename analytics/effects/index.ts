/**
 * The statistics of product.md §7 over a workspace — the handlers of the `analysis:*` calls. Each
 * reads the team × month panel (analytics/metrics/panel.ts) or the PR cohorts (cohort-data.ts) and
 * hands them to the pure estimators in this folder. Methods: docs/methods.md.
 */
import type { CohortReport, DateRange, DoseResponseReport, EffectsReport, EventStudy, LaggedReport } from '../../shared/domain';
import { coverage } from '../linking/coverage';
import { teamMonthPanel } from '../metrics/panel';
import { metricBounds } from '../metrics/query';
import type { Workspace } from '../workspace/workspace';
import { cohortSamples } from './cohort-data';
import { compareCohortSamples, type MedianCdfCache } from './cohorts';
import { doseResponse } from './dose-response';
import { DEFAULT_BOOTSTRAP_REPS, DEFAULT_SEED, estimateEffects, MAX_LAG } from './estimate';
import { DEFAULT_ADOPTION_THRESHOLD, eventStudy } from './event-study';
import { LAGGED_MAX_LAG, laggedAssociation } from './lagged';
import { stablePanel, type PanelRow } from './panel';

export interface EffectsRequest extends DateRange {
  seed?: number | undefined;
  bootstrap?: number | undefined;
  priors?: boolean | undefined;
}

export interface EventStudyRequest extends DateRange {
  threshold?: number | undefined;
}

export interface CohortRequest extends DateRange {
  seed?: number | undefined;
  bootstrap?: number | undefined;
}

/**
 * The panel for an analysis that needs AI shares `lagMonths` back: when the range starts at `from`,
 * the panel starts `lagMonths` earlier so the first months keep their lags, and only outcome months
 * from `from` on are fitted (firstMonth).
 */
async function lagPanel(ws: Workspace, range: DateRange, lagMonths: number): Promise<{ panel: PanelRow[]; firstMonth: string | null }> {
  if (!range.from) return { panel: await panelOf(ws, range), firstMonth: null };
  const [y, m] = range.from.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1 - lagMonths, 1)).toISOString().slice(0, 10);
  return { panel: await panelOf(ws, { from: start, to: range.to }), firstMonth: range.from.slice(0, 7) };
}

async function panelOf(ws: Workspace, range: DateRange): Promise<PanelRow[]> {
  return stablePanel(await teamMonthPanel(ws, range));
}

export async function effectsReport(ws: Workspace, request: EffectsRequest): Promise<EffectsReport> {
  const seed = request.seed ?? DEFAULT_SEED;
  const bootstrap = request.bootstrap ?? DEFAULT_BOOTSTRAP_REPS;
  const priors = request.priors ?? false;
  const { panel, firstMonth } = await lagPanel(ws, request, MAX_LAG);
  const { effects, sample, timings } = estimateEffects(panel, { seed, bootstrap, priors, firstMonth });
  const started = performance.now();
  const study = eventStudy(panel, { firstMonth });
  const eventStudyMs = performance.now() - started;
  return {
    unit: 'team-month',
    seed,
    bootstrap,
    priors,
    months: { from: sample.months[0] ?? null, to: sample.months.at(-1) ?? null },
    effects,
    eventStudy: study,
    coverage: await coverage(ws),
    timings: { fitMs: Math.round(timings.fitMs), bootstrapMs: Math.round(timings.bootstrapMs), eventStudyMs: Math.round(eventStudyMs) },
  };
}

export async function eventStudyReport(ws: Workspace, request: EventStudyRequest): Promise<EventStudy> {
  // Adoption needs the months before `from` too: read the whole panel up to `to`.
  const panel = await panelOf(ws, { to: request.to });
  return eventStudy(panel, { threshold: request.threshold ?? DEFAULT_ADOPTION_THRESHOLD, firstMonth: request.from?.slice(0, 7) ?? null });
}

export async function laggedReport(ws: Workspace, request: DateRange): Promise<LaggedReport> {
  const { panel, firstMonth } = await lagPanel(ws, request, LAGGED_MAX_LAG);
  const bounds = await metricBounds(ws, request);
  return { range: { from: bounds?.from ?? null, to: bounds?.to ?? null }, ...laggedAssociation(panel, { firstMonth }) };
}

export async function doseResponseReport(ws: Workspace, request: DateRange): Promise<DoseResponseReport> {
  const panel = await panelOf(ws, request);
  const bounds = await metricBounds(ws, request);
  return { range: { from: bounds?.from ?? null, to: bounds?.to ?? null }, ...doseResponse(panel) };
}

export async function cohortReport(ws: Workspace, request: CohortRequest): Promise<CohortReport> {
  const seed = request.seed ?? DEFAULT_SEED;
  const bootstrap = request.bootstrap ?? DEFAULT_BOOTSTRAP_REPS;
  const bounds = await metricBounds(ws, request);
  const definition =
    'AI-assisted: merged PRs with any AI evidence (attribution confidence high, medium or low); non-AI: merged PRs without. ' +
    'Descriptive: the cohorts differ in more than AI (authors, repos, sizes) and PRs of one team are not independent.';
  if (!bounds) return { seed, bootstrap, range: { from: null, to: null }, definition, comparisons: [], warnings: ['The workspace has no data.'] };
  const options = { seed, bootstrap };
  const cache: MedianCdfCache = new Map();
  const cohorts = await cohortSamples(ws, bounds, options, cache);
  const { comparisons, warnings } = compareCohortSamples(cohorts.ai, cohorts.nonAi, options, cache);
  return { seed, bootstrap, range: { from: bounds.from, to: bounds.to }, definition, comparisons, warnings };
}
