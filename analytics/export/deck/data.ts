/**
 * Everything a board deck says, read from the workspace through the same engine functions the
 * contract calls use (metrics:series, data:coverage, analysis:effects with priors,
 * scenario:compare), so the deck and the app can never disagree.
 */
import type { Coverage, EffectsReport, MetricsRow } from '../../../shared/domain';
import { MAX_DECK_SCENARIOS, type DeckChartId, type FigureRequest } from '../../../shared/export';
import type { SavedScenario, ScenarioComparison } from '../../../shared/scenarios';
import { effectsReport } from '../../effects';
import { UndertowError } from '../../errors';
import { coverage } from '../../linking/coverage';
import { metricsSeries } from '../../metrics/series';
import { compareScenarios, listScenarios, specOf } from '../../scenarios';
import { workspaceEffects } from '../../scenarios/effects-source';
import { dataRange } from '../../workspace/info';
import type { Workspace } from '../../workspace/workspace';
import { addMonths } from './numbers';

export interface DeckRequest {
  charts: readonly DeckChartId[];
  /** Saved scenario names to compare; undefined: every saved scenario (up to four). */
  scenarios?: readonly string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** The organisation's name on the title slide; default: the workspace's name. */
  org?: string | undefined;
  /** Monte Carlo draws of the scenario comparison (default 2,000). */
  draws?: number | undefined;
}

export interface DeckData {
  org: string;
  demo: boolean;
  /** The deck's months: first and last day. */
  range: { from: string; to: string };
  /** The last day with data. */
  dataAsOf: string;
  /** YYYY-MM-DD, UTC. */
  generatedOn: string;
  /** Monthly metrics of the range, in order (the last may be in progress). */
  rows: MetricsRow[];
  /** Months not complete yet (shaded in the charts, left out of the comparisons). */
  inProgress: string[];
  /** The change-failure window (linking.incidentWindowHours). */
  windowHours: number;
  coverage: Coverage;
  effects: EffectsReport;
  scenarios: { saved: SavedScenario[]; comparison: ScenarioComparison } | null;
  charts: DeckChartId[];
}

/** How many months a deck shows by default: two years tells the adoption story without crowding. */
export const DEFAULT_DECK_MONTHS = 24;

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export async function gatherDeckData(ws: Workspace, request: DeckRequest, now = new Date()): Promise<DeckData> {
  const data = await dataRange(ws);
  if (!data.from || !data.to) throw new UndertowError('invalid_request', 'This workspace has no data yet: import exports before making a board deck.');
  const to = request.to && request.to < data.to ? request.to : data.to;
  const defaultFrom = `${addMonths(to.slice(0, 7), -(DEFAULT_DECK_MONTHS - 1))}-01`;
  const from = request.from ?? (defaultFrom > data.from ? defaultFrom : data.from);
  if (from > to) throw new UndertowError('invalid_request', `The deck's period is empty: ${from} is after ${to}.`);

  const series = await metricsSeries(ws, { grain: 'month', from, to });
  const rows = series.rows;
  const lastMonth = rows[rows.length - 1]?.period;
  const inProgress = lastMonth && lastDayOfMonth(lastMonth) > to ? [lastMonth] : [];

  const cov = await coverage(ws);
  // As analysis:effects in the app: the data's own range unless the deck narrows it (a `from` at the
  // data's first day would fit months whose lagged AI shares lie before the data).
  const effects = await effectsReport(ws, { ...(from > data.from ? { from } : {}), ...(to < data.to ? { to } : {}), priors: true });

  const saved = await chosenScenarios(ws, request.scenarios);
  const scenarios = saved.length
    ? { saved, comparison: await compareScenarios(ws, saved.map((s) => ({ name: s.name, spec: specOf(s, request.draws) })), workspaceEffects) }
    : null;

  return {
    org: request.org?.trim() || ws.name,
    demo: ws.kind === 'demo',
    range: { from, to },
    dataAsOf: data.to,
    generatedOn: now.toISOString().slice(0, 10),
    rows,
    inProgress,
    windowHours: series.windowHours,
    coverage: cov,
    effects,
    scenarios,
    charts: [...request.charts],
  };
}

async function chosenScenarios(ws: Workspace, names: readonly string[] | undefined): Promise<SavedScenario[]> {
  const all = await listScenarios(ws);
  if (names === undefined) {
    return [...all].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, MAX_DECK_SCENARIOS).sort((a, b) => a.name.localeCompare(b.name));
  }
  if (names.length > MAX_DECK_SCENARIOS) throw new UndertowError('invalid_request', `A deck compares at most ${MAX_DECK_SCENARIOS} scenarios (got ${names.length}).`);
  return names.map((name) => {
    const found = all.find((s) => s.name === name);
    if (!found) {
      const known = all.map((s) => `"${s.name}"`).join(', ');
      throw new UndertowError('not_found', `No saved scenario named "${name}" in this workspace${known ? ` (saved: ${known})` : ' (none are saved yet)'}.`, { field: 'scenarios' });
    }
    return found;
  });
}

/** The figure each chart slide shows, as a request for the render page. */
export function figureRequest(chart: DeckChartId, data: DeckData): FigureRequest {
  const series = (builder: Extract<FigureRequest, { kind: 'series' }>['builder']): FigureRequest => ({ kind: 'series', builder, rows: data.rows, inProgress: data.inProgress });
  switch (chart) {
    case 'throughput-ai':
      return series('throughputAi');
    case 'incidents-cfr':
      return series('incidentsCfr');
    case 'quality-rates':
      return series('qualityRates');
    case 'review-load':
      return series('reviewLoad');
    case 'tickets-nps':
      return series('ticketsNps');
    case 'effects':
      return { kind: 'effects', effects: data.effects.effects };
  }
}
