/**
 * A figure request (shared/export.ts) → the Plotly figure the UI would draw, built by the renderer's
 * own pure figure builders, so an exported deck shows exactly the charts of the app. Pure.
 */
import type { FigureRequest, RenderRequest } from '../../../shared/export';
import { effectsFigure } from '../figures/analysis';
import { compareDeltaFigure } from '../figures/scenarios';
import { incidentsCfrFigure, qualityRatesFigure, reviewLoadFigure, throughputAiFigure, ticketsNpsFigure } from '../figures/series';
import { chartThemes, type Figure, type FigureOptions } from '../figures/theme';

const seriesBuilders = {
  throughputAi: throughputAiFigure,
  incidentsCfr: incidentsCfrFigure,
  qualityRates: qualityRatesFigure,
  reviewLoad: reviewLoadFigure,
  ticketsNps: ticketsNpsFigure,
} as const;

export function figureFor(request: FigureRequest): Figure {
  const theme = chartThemes.light;
  switch (request.kind) {
    case 'series': {
      const options: FigureOptions = { theme, inProgress: request.inProgress };
      return seriesBuilders[request.builder](request.rows, options);
    }
    case 'effects':
      return effectsFigure(request.effects, { theme });
    case 'scenarioDelta':
      return compareDeltaFigure(request.comparison, request.metric, { theme });
  }
}

/** The figure as exported: without its own title when the slide carries one, and static. */
export function exportFigure(request: RenderRequest): Figure {
  const figure = figureFor(request.figure);
  if (!request.hideTitle) return figure;
  const layout = { ...figure.layout, title: { text: '' } };
  const top = figure.layout.margin?.t ?? 80;
  // The title took ~40 px above the legend; keep room for the legend only.
  layout.margin = { ...figure.layout.margin, t: figure.layout.showlegend === false ? 16 : Math.max(36, top - 40) };
  return { data: figure.data, layout };
}
