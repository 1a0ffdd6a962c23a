/**
 * Export types shared by the engine (analytics/export), the contract, the render page and the UI
 * (docs/exporting.md): which charts a board deck can hold, how a chart is asked of the render page,
 * and what an export hands back.
 */
import type { EffectEstimate, MetricsRow } from './domain';
import type { ScenarioComparison, ScenarioMetricKey } from './scenarios';

/** The charts a board deck can hold, in the order the deck shows them. */
export const deckChartIds = ['throughput-ai', 'incidents-cfr', 'quality-rates', 'review-load', 'tickets-nps', 'effects'] as const;
export type DeckChartId = (typeof deckChartIds)[number];

/** What the deck shows when the leader does not choose. */
export const defaultDeckCharts: readonly DeckChartId[] = ['throughput-ai', 'incidents-cfr', 'quality-rates', 'tickets-nps', 'effects'];

export const deckChartLabels: Record<DeckChartId, string> = {
  'throughput-ai': 'AI share and throughput',
  'incidents-cfr': 'Incidents and change failure rate',
  'quality-rates': 'Incidents and bugs per 100 merged PRs',
  'review-load': 'Review load',
  'tickets-nps': 'Support tickets and NPS',
  effects: 'Effect of AI share (statistics)',
};

/** A deck compares at most this many saved scenarios (as scenario:compare). */
export const MAX_DECK_SCENARIOS = 4;

/**
 * One figure, as data the render page turns into a Plotly figure with the renderer's own pure
 * builders (renderer/src/figures): the engine never builds Plotly JSON itself.
 */
export type FigureRequest =
  | { kind: 'series'; builder: 'throughputAi' | 'incidentsCfr' | 'qualityRates' | 'reviewLoad' | 'ticketsNps'; rows: MetricsRow[]; inProgress: string[] }
  | { kind: 'effects'; effects: EffectEstimate[] }
  | { kind: 'scenarioDelta'; comparison: ScenarioComparison; metric: ScenarioMetricKey };

export interface RenderRequest {
  figure: FigureRequest;
  format: 'png' | 'svg';
  /** CSS pixels of the plot; the PNG is `scale` times larger. */
  width: number;
  height: number;
  scale: number;
  /** Drop the figure's own title (a slide's title says it). */
  hideTitle?: boolean;
}

/** The render page's entry point: `window.undertowRender(requests)` → one data URL per request. */
export const RENDER_FUNCTION = 'undertowRender';

/** A file an export produced: written to `path`, or handed back inline (`base64`) for a browser download. */
export interface ExportedFile {
  fileName: string;
  mime: string;
  bytes: number;
  /** Where it was written; null when it was returned inline. */
  path: string | null;
  /** The file's content when no path was given (browser mode downloads it). */
  base64: string | null;
}

export interface DeckExport {
  pptx: ExportedFile | null;
  pdf: ExportedFile | null;
  /** Slide titles in order. */
  slides: string[];
  warnings: string[];
}

export interface DataExportTable {
  table: string;
  rows: number;
  file: string;
  bytes: number;
}

export interface DataExport {
  format: 'parquet' | 'csv';
  dir: string;
  tables: DataExportTable[];
}

export const PPTX_MIME = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
export const PDF_MIME = 'application/pdf';
